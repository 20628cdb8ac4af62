from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from typing_extensions import override


class CoreConfig(AppConfig):
    name = "befus.core"
    label = "core"
    verbose_name = _("Platform core")

    @override
    def ready(self) -> None:
        from befus.core.pagecache import connect_signals

        connect_signals()
