from modeltranslation.translator import TranslationOptions, register

from befus.networks.models import Charter, Network


@register(Charter)
class CharterTranslation(TranslationOptions):
    fields = ("text",)


@register(Network)
class NetworkTranslation(TranslationOptions):
    fields = ("name", "purpose")
