from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from typing_extensions import override


class KnowledgeConfig(AppConfig):
    name = "befus.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge base")

    @override
    def ready(self) -> None:
        from befus.core.audit import register_audit_target
        from befus.knowledge import (  # noqa: F401  (registrations)
            home,
            models,
            navigation,
            notifications,
            permissions,
            personal_data,
            search,
            workflows,
        )
        from befus.knowledge.selectors import openable_practice_links, openable_through_practice
        from befus.themes.pages import register_topic_page

        search.register_all()
        register_topic_page("knowledge:topic-detail")
        personal_data.register()
        navigation.register()
        home.register()
        # The services' events on a practice (its translations and evaluations included) target
        # the practice; the administration's may target what belongs to one. Each is named to
        # the readers of the audit trail who may open the practice.
        register_audit_target(
            models.Practice, label=_("a practice"), openable=openable_practice_links
        )
        for model, label in (
            (models.Evaluation, _("a learning evaluation")),
            (models.TranslationProposal, _("a proposed translation")),
            (models.ReviewComment, _("a review comment")),
            (models.PracticeQuestion, _("a question about a practice")),
            (models.PracticeAttachment, _("a file of a practice")),
            (models.Adoption, _("an adoption of a practice")),
        ):
            register_audit_target(model, label=label, openable=openable_through_practice(model))
