"""The accounts' entries in the menus (``befus.core.navigation``)."""

from django.utils.translation import gettext_lazy as _

from befus.core.navigation import NavEntry, allowed_by, register_nav_entry
from befus.core.permissions import Perm


def register() -> None:
    register_nav_entry(
        NavEntry(
            "directory",
            _("Directory"),
            "accounts:directory",
            order=100,
            shown=allowed_by(Perm.DIRECTORY_VIEW),
        )
    )
