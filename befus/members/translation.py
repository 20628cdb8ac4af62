from modeltranslation.translator import TranslationOptions, register

from befus.members.models import Body, Organisation


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name",)


@register(Body)
class BodyTranslation(TranslationOptions):
    fields = ("name", "description")
