"""Roles are derived from data (seats, contacts, profiles), never stored twice.

The apps that hold the data register readers (``register_role_reader``); reading them costs
three small queries, kept on the user object for the request and in the cache
until the content changes (``befus.core.pagecache.remembered``).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from befus.core.pagecache import remembered
from befus.core.selectors import unread_count


class Role(StrEnum):
    SECRETARIAT = "secretariat"
    CHAIRMAN = "chairman"
    BOARD_MEMBER = "board_member"
    MAYOR = "mayor"
    MAYOR_DELEGATE = "mayor_delegate"
    MEMBER_PROFESSIONAL = "member_professional"
    VISITOR = "visitor"

    @property
    def label(self) -> str:
        return str(ROLE_LABELS[self])


ROLE_LABELS = {
    Role.SECRETARIAT: _("Secretariat staff"),
    Role.CHAIRMAN: _("Chairman"),
    Role.BOARD_MEMBER: _("Board member"),
    Role.MAYOR: _("Mayor"),
    Role.MAYOR_DELEGATE: _("Mayor's delegate"),
    Role.MEMBER_PROFESSIONAL: _("Member professional"),
    Role.VISITOR: _("Visitor"),
}

# Roles whose holders must log in with a second factor (outside the demo accounts).
SECOND_FACTOR_ROLES = frozenset({Role.SECRETARIAT, Role.CHAIRMAN, Role.BOARD_MEMBER})


def roles_for(user: Any) -> frozenset[Role]:
    """The roles ``user`` holds today."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset({Role.VISITOR})
    cached = getattr(user, "_befus_roles", None)
    if cached is not None:
        return cached

    result = remembered("roles", user, lambda: _read_roles(user))
    user._befus_roles = result
    return result


# Where roles come from is other apps' data (seats, contacts, confirmed affiliations): each app
# that knows some registers a reader (``befus.members.roles``).
ROLE_READERS: list[Callable[[Any], set[Role]]] = []


def register_role_reader(reader: Callable[[Any], set[Role]]) -> None:
    ROLE_READERS.append(reader)


def _read_roles(user: Any) -> frozenset[Role]:
    roles: set[Role] = set()
    for reader in ROLE_READERS:
        roles |= reader(user)
    return frozenset(roles or {Role.VISITOR})


def forget_roles(user: Any) -> None:
    """Drop the cached roles after a change that alters them (a new seat, a new profile)."""
    for memo in ("_befus_roles", "_befus_places", "_befus_mayor_of"):
        user.__dict__.pop(memo, None)


def navigation_flags(user: Any) -> dict[str, Any]:
    """What the layout shows of a person: their roles, unread count and where their account lives.

    The menus' entries are registered by each app (``befus.core.navigation``)."""
    roles = roles_for(user)
    return {
        "roles": sorted(role.label for role in roles if role != Role.VISITOR),
        "unread": unread_count(user) if getattr(user, "is_authenticated", False) else 0,
        "can_use_admin": bool(getattr(user, "is_staff", False)),
        "account_url": reverse("accounts:dashboard"),
    }
