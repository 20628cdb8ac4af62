"""The register's entries in the menus (``befus.core.navigation``)."""

from django.utils.translation import gettext_lazy as _

from befus.core.navigation import FOOTER, NavEntry, allowed_by, register_nav_entry
from befus.core.permissions import Perm


def register() -> None:
    for entry in (
        NavEntry("members", _("Members"), "members:organisation-list", order=20),
        NavEntry("governance", _("Governance"), "members:governance", order=70),
        NavEntry(
            "footer-governance", _("Governance"), "members:governance", order=20, place=FOOTER
        ),
        NavEntry(
            "affiliations",
            _("Who works for us"),
            "members:affiliations",
            order=110,
            shown=allowed_by(Perm.AFFILIATIONS_VIEW),
        ),
        NavEntry(
            "manage",
            _("Manage"),
            "members:manage-organisations",
            order=150,
            shown=allowed_by(Perm.ORGANISATION_MANAGE),
        ),
    ):
        register_nav_entry(entry)
