from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from typing_extensions import override


class NetworksConfig(AppConfig):
    name = "befus.networks"
    label = "networks"
    verbose_name = _("Professional networks")

    @override
    def ready(self) -> None:
        from befus.networks import notifications, permissions, search  # noqa: F401

        search.register_all()
