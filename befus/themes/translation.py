from modeltranslation.translator import TranslationOptions, register

from befus.themes.models import Topic


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name", "description", "synonyms")
