from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from typing_extensions import override


class KnowledgeConfig(AppConfig):
    name = "befus.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge base")

    @override
    def ready(self) -> None:
        from befus.knowledge import notifications, permissions, search, signals  # noqa: F401

        search.register_all()
