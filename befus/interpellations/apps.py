from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from typing_extensions import override


class InterpellationsConfig(AppConfig):
    name = "befus.interpellations"
    label = "interpellations"
    verbose_name = _("Requests to the networks")

    @override
    def ready(self) -> None:
        from befus.interpellations import (  # noqa: F401  (registrations)
            notifications,
            permissions,
            receivers,
        )
