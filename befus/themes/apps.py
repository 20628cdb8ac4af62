from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from typing_extensions import override


class ThemesConfig(AppConfig):
    name = "befus.themes"
    label = "themes"
    verbose_name = _("Thematic tree")

    @override
    def ready(self) -> None:
        from befus.themes import permissions, signals  # noqa: F401  (rules; the search's concepts)
