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

from typing import Any

import rules

from befus.accounts.roles import Role, roles_for
from befus.core.permissions import Perm


@rules.predicate
def is_secretariat(user: Any) -> bool:
    return Role.SECRETARIAT in roles_for(user)


@rules.predicate
def is_chairman(user: Any) -> bool:
    return Role.CHAIRMAN in roles_for(user)


@rules.predicate
def is_board_member(user: Any) -> bool:
    return Role.BOARD_MEMBER in roles_for(user)


@rules.predicate
def is_mayor_or_delegate(user: Any) -> bool:
    return bool({Role.MAYOR, Role.MAYOR_DELEGATE} & roles_for(user))


@rules.predicate
def is_member_professional(user: Any) -> bool:
    return Role.MEMBER_PROFESSIONAL in roles_for(user)


@rules.predicate
def has_any_forum_role(user: Any) -> bool:
    return roles_for(user) != {Role.VISITOR}


rules.add_perm(Perm.AUDIT_VIEW, is_secretariat | is_chairman)
