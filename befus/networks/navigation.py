"""The networks' entries in the menus (``befus.core.navigation``)."""

from django.utils.translation import gettext_lazy as _

from befus.core.navigation import NavEntry, allowed_by, register_nav_entry
from befus.core.permissions import Perm


def register() -> None:
    register_nav_entry(NavEntry("networks", _("Networks"), "networks:network-list", order=60))
    register_nav_entry(
        NavEntry(
            "consents",
            _("My staff in networks"),
            "networks:consents",
            order=120,
            shown=allowed_by(Perm.NETWORK_CONSENTS_VIEW),
        )
    )
    register_nav_entry(
        NavEntry(
            "proposals",
            _("Proposals"),
            "networks:review-queue",
            order=140,
            shown=allowed_by(Perm.NETWORK_DECIDE),
        )
    )
