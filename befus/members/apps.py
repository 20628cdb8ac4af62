from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from typing_extensions import override


class MembersConfig(AppConfig):
    name = "befus.members"
    label = "members"
    verbose_name = _("Members and governance")

    @override
    def ready(self) -> None:
        from befus.members import permissions, search  # noqa: F401  (registers the rules)

        search.register_all()
