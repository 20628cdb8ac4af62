"""Role predicates shared by every app, and the account rules.

=========================== ========= ======== ========= ===== ======== =========
perm                        anonymous any user secretar. board chairman superuser
=========================== ========= ======== ========= ===== ======== =========
core:account:use            -         yes      yes       yes   yes      yes
core:audit:view             -         -        yes       -     yes      yes
=========================== ========= ======== ========= ===== ======== =========

Also update the matrix in ``befus.core.permissions`` when a rule changes.
"""

from __future__ import annotations

import rules

from befus.accounts.roles import Role, roles_for
from befus.accounts.types import Person
from befus.core.permissions import Perm


@rules.predicate
def is_secretariat(user: Person) -> bool:
    return Role.SECRETARIAT in roles_for(user)


@rules.predicate
def is_chairman(user: Person) -> bool:
    return Role.CHAIRMAN in roles_for(user)


@rules.predicate
def is_board_member(user: Person) -> bool:
    return Role.BOARD_MEMBER in roles_for(user)


@rules.predicate
def is_mayor_or_delegate(user: Person) -> bool:
    return bool({Role.MAYOR, Role.MAYOR_DELEGATE} & roles_for(user))


@rules.predicate
def is_member_professional(user: Person) -> bool:
    return Role.MEMBER_PROFESSIONAL in roles_for(user)


@rules.predicate
def has_any_forum_role(user: Person) -> bool:
    return roles_for(user) != {Role.VISITOR}


rules.add_perm(Perm.AUDIT_VIEW, is_secretariat | is_chairman)
