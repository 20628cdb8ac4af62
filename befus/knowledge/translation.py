from modeltranslation.translator import TranslationOptions, register

from befus.knowledge.models import Practice, Publication, Recommendation


@register(Practice)
class PracticeTranslation(TranslationOptions):
    fields = (
        "title",
        "summary",
        "problem",
        "objectives",
        "approach",
        "partners_why",
        "results",
    )


@register(Recommendation)
class RecommendationTranslation(TranslationOptions):
    fields = ("text",)


@register(Publication)
class PublicationTranslation(TranslationOptions):
    fields = ("title", "summary")
