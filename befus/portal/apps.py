from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from typing_extensions import override


class PortalConfig(AppConfig):
    name = "befus.portal"
    label = "portal"
    verbose_name = _("Public website")

    @override
    def ready(self) -> None:
        from befus.portal import navigation

        navigation.register()
