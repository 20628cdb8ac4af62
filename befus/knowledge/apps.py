from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from typing_extensions import override


class KnowledgeConfig(AppConfig):
    name = "befus.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge base")

    @override
    def ready(self) -> None:
        from befus.knowledge import permissions, search  # noqa: F401  (registrations)

        search.register_all()
