"""The requests' entries in the menus (``befus.core.navigation``): the inbox for those who route
requests, the statistics for those who only read them, the public form in the footer."""

from django.utils.translation import gettext_lazy as _

from befus.accounts.roles import Role, roles_for
from befus.core.navigation import FOOTER, NavEntry, register_nav_entry
from befus.core.permissions import Perm
from befus.core.types import Visitor

ROUTERS = frozenset({Role.CHAIRMAN, Role.SECRETARIAT, Role.BOARD_MEMBER})


def register() -> None:
    register_nav_entry(
        NavEntry("requests", _("Requests"), "interpellations:inbox", order=130, shown=_routes)
    )
    register_nav_entry(
        NavEntry(
            "request-statistics",
            _("Requests"),
            "interpellations:statistics",
            order=130,
            shown=_reads_statistics,
        )
    )
    register_nav_entry(
        NavEntry("footer-ask", _("Ask the networks"), "interpellations:new", order=30, place=FOOTER)
    )


def _routes(person: Visitor) -> bool:
    # Delegates of the Chairman hold a seat: others need no query to be told no.
    return bool(roles_for(person) & ROUTERS) and person.has_perm(Perm.REQUEST_ROUTE)


def _reads_statistics(person: Visitor) -> bool:
    return not _routes(person) and person.has_perm(Perm.REQUEST_STATISTICS)
