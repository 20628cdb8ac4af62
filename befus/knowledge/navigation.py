"""The knowledge base's entries in the menus (``befus.core.navigation``)."""

from django.utils.translation import gettext_lazy as _

from befus.core.navigation import NavEntry, register_nav_entry


def register() -> None:
    register_nav_entry(NavEntry("themes", _("Themes"), "knowledge:topic-list", order=30))
    register_nav_entry(
        NavEntry("practices", _("Good practices"), "knowledge:practice-list", order=40)
    )
    register_nav_entry(NavEntry("search", _("Search"), "knowledge:search", order=50))
