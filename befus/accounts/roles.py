"""Roles are derived from data (seats, contacts, profiles), never stored twice.

The apps that hold the data register readers (``register_role_reader``); reading them costs
three small queries, kept on the user object for the request and in the cache
until the content changes (``befus.core.pagecache.remembered``).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext_lazy as _


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
    from befus.core.pagecache import remembered

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
    """Booleans for the layout; templates never compute roles."""
    from befus.core.pagecache import remembered
    from befus.core.selectors import unread_count

    roles = roles_for(user)
    flags = remembered("menu", user, lambda: _menu_flags(user, roles))
    return {
        **flags,
        "roles": sorted(role.label for role in roles if role != Role.VISITOR),
        "unread": unread_count(user) if getattr(user, "is_authenticated", False) else 0,
    }


def _menu_flags(user: Any, roles: frozenset[Role]) -> dict[str, bool]:
    from befus.core.permissions import Perm

    return {
        "can_manage": user.has_perm(Perm.ORGANISATION_MANAGE),
        "can_view_audit": user.has_perm(Perm.AUDIT_VIEW),
        "can_view_directory": user.has_perm(Perm.DIRECTORY_VIEW),
        "can_use_admin": bool(getattr(user, "is_staff", False)),
        "can_review_networks": user.has_perm(Perm.NETWORK_DECIDE),
        "can_view_consents": user.has_perm(Perm.NETWORK_CONSENTS_VIEW),
        "can_confirm_staff": user.has_perm(Perm.AFFILIATIONS_VIEW),
        # Delegates of the Chairman hold a seat: others need no query to be told no.
        "can_route_requests": bool(roles & {Role.CHAIRMAN, Role.SECRETARIAT, Role.BOARD_MEMBER})
        and user.has_perm(Perm.REQUEST_ROUTE),
        "can_view_request_statistics": user.has_perm(Perm.REQUEST_STATISTICS),
    }
