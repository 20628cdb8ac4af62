"""Who may do what with requests.

Every request reaches the Chairman (or the Chairman's delegate) first; the people the request
is passed on to see it from then on; the requester sees the public side. The requester's
personal data is shown only to the Chairman, the delegate and the assignees.

======================================= ======= ========= ========== ========== ========= =====
perm                                    visitor requester assignee   secretar.  chairman  deleg.
======================================= ======= ========= ========== ========== ========= =====
interpellations:request:submit          yes     yes       yes        yes        yes       yes
interpellations:request:track (token)   yes     yes       yes        yes        yes       yes
interpellations:request:list-own        -       yes       yes        yes        yes       yes
interpellations:request:view            -       own       assigned   -          yes       yes
interpellations:request:work            -       -         assigned   -          yes       yes
interpellations:inbox:route             -       -         -          -          yes       yes
interpellations:statistics:view         -       -         -          yes        yes       yes
interpellations:delegation:manage       -       -         -          -          yes       -
======================================= ======= ========= ========== ========== ========= =====
"""

from __future__ import annotations

import rules

from befus.accounts.permissions import is_chairman, is_secretariat
from befus.accounts.types import Person
from befus.core.permissions import Perm
from befus.interpellations.models import Interpellation, RoutingDelegate


def _authenticated(user: Person) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


@rules.predicate
def is_routing_delegate(user: Person) -> bool:
    if not _authenticated(user):
        return False
    cached: bool | None = user.__dict__.get("_befus_routing_delegate")
    if cached is None:
        cached = RoutingDelegate.objects.current().filter(person_id=user.pk).exists()
        user.__dict__["_befus_routing_delegate"] = cached
    return bool(cached)


is_router = is_chairman | is_routing_delegate


@rules.predicate
def is_assignee(user: Person, interpellation: Interpellation | None) -> bool:
    if not _authenticated(user) or interpellation is None:
        return False
    return interpellation.assignments.filter(person_id=user.pk).exists()


@rules.predicate
def is_requester(user: Person, interpellation: Interpellation | None) -> bool:
    if not _authenticated(user) or interpellation is None:
        return False
    return bool(interpellation.requester_id == user.pk)


rules.add_perm(Perm.REQUEST_SUBMIT, rules.always_allow)
rules.add_perm(Perm.REQUEST_TRACK, rules.always_allow)
rules.add_perm(Perm.REQUEST_LIST_OWN, rules.is_authenticated & rules.is_active)
rules.add_perm(Perm.REQUEST_VIEW, is_router | is_assignee | is_requester)
rules.add_perm(Perm.REQUEST_WORK, is_router | is_assignee)
rules.add_perm(Perm.REQUEST_ROUTE, is_router)
rules.add_perm(Perm.REQUEST_STATISTICS, is_router | is_secretariat)
rules.add_perm(Perm.REQUEST_DELEGATE, is_chairman)
