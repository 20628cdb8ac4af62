"""The public website's entries in the menus (``befus.core.navigation``)."""

from django.utils.translation import gettext_lazy as _

from befus.core.navigation import FOOTER, HOME, NavEntry, register_nav_entry


def register() -> None:
    register_nav_entry(NavEntry(HOME, _("Home"), "portal:home", order=10))
    register_nav_entry(NavEntry("about", _("About the Forum"), "portal:about", order=80))
    register_nav_entry(
        NavEntry("footer-about", _("About the Forum"), "portal:about", order=10, place=FOOTER)
    )
    register_nav_entry(
        NavEntry("footer-privacy", _("Privacy"), "portal:privacy", order=40, place=FOOTER)
    )
