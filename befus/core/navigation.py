"""The site's menus, filled by the apps: core's layout names no page of theirs.

Each app registers its entries in its ``AppConfig.ready()``::

    register_nav_entry(NavEntry("networks", _("Networks"), "networks:network-list", order=60))
    register_nav_entry(
        NavEntry("proposals", _("Proposals"), "networks:review-queue", order=140,
                 shown=lambda person: person.has_perm(Perm.NETWORK_DECIDE))
    )

``place`` is ``"main"`` (the menu under the header) or ``"footer"``; the entry named ``"home"`` is
the home page the brand and the error pages link to. Which entries a person sees is kept with their
roles (``pagecache.remembered``), so a rule may cost a query once per content generation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise

from befus.core.pagecache import remembered
from befus.core.types import Visitor

MAIN = "main"
FOOTER = "footer"
HOME = "home"


@dataclass(frozen=True)
class NavEntry:
    name: str
    label: str | Promise
    url_name: str
    order: int
    place: str = MAIN
    # None: everyone sees it. A rule reads the person only, never the request.
    shown: Callable[[Visitor], bool] | None = None


@dataclass(frozen=True)
class MenuItem:
    label: str | Promise
    url: str
    current: bool


@dataclass(frozen=True)
class Menu:
    home: str
    main: list[MenuItem]
    footer: list[MenuItem]


ENTRIES: dict[str, NavEntry] = {}


def register_nav_entry(entry: NavEntry) -> None:
    ENTRIES[entry.name] = entry


def menu_for(request: HttpRequest) -> Menu:
    # A page refused before authentication (a too large upload) has no user: a visitor's menu.
    user: Visitor = getattr(request, "user", None) or AnonymousUser()
    names = remembered("nav-entries", user, lambda: _visible_names(user))
    entries = sorted((ENTRIES[name] for name in names), key=lambda entry: entry.order)
    return Menu(
        home=reverse(ENTRIES[HOME].url_name) if HOME in ENTRIES else "/",
        main=[_item(entry, request.path) for entry in entries if entry.place == MAIN],
        footer=[_item(entry, request.path) for entry in entries if entry.place == FOOTER],
    )


def _visible_names(user: Visitor) -> list[str]:
    return [name for name, entry in ENTRIES.items() if entry.shown is None or entry.shown(user)]


def url_of(name: str) -> str:
    """The address of a registered entry (``{% nav_url "footer-privacy" %}``), or "" without it."""
    entry = ENTRIES.get(name)
    return reverse(entry.url_name) if entry else ""


def _item(entry: NavEntry, path: str) -> MenuItem:
    url = reverse(entry.url_name)
    return MenuItem(label=entry.label, url=url, current=path == url)


def allowed_by(perm: str) -> Callable[[Visitor], bool]:
    """The usual rule: the entry shows to whoever holds the permission its page requires."""
    return lambda person: person.has_perm(perm)
