from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from typing_extensions import override


class MembersConfig(AppConfig):
    name = "befus.members"
    label = "members"
    verbose_name = _("Members and governance")

    @override
    def ready(self) -> None:
        from befus.members import (  # noqa: F401  (registers)
            notifications,
            permissions,
            personal_data,
            search,
        )

        search.register_all()
        personal_data.register()
