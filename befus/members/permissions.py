"""Rules of the members app.

============================ ======= ============ =========== ===== ======== =====
perm                         visitor professional secretariat board chairman mayor
============================ ======= ============ =========== ===== ======== =====
members:directory:view       -       yes          yes         yes   yes      yes
members:organisation:manage  -       -            yes         -     -        -
members:body:manage          -       -            yes         -     -        -
members:affiliation:view     -       -            yes         -     -        yes
members:affiliation:decide   -       -            yes (1)     -     -        own city (1)
============================ ======= ============ =========== ===== ======== =====

A professional is a person whose profile names a current member organisation that confirmed
their affiliation (by its mayor or delegate, the secretariat, or an e-mail address at one of its
registered domains). (1) Never on one's own profile. Also update the matrix in
``befus.core.permissions`` when a rule changes.
"""

import rules

from befus.accounts.models import Profile
from befus.accounts.permissions import (
    has_any_forum_role,
    is_mayor_or_delegate,
    is_secretariat,
)
from befus.accounts.types import Person
from befus.core.permissions import Perm
from befus.members.selectors import contact_organisation_ids

rules.add_perm(Perm.DIRECTORY_VIEW, has_any_forum_role)
rules.add_perm(Perm.ORGANISATION_MANAGE, is_secretariat)
rules.add_perm(Perm.BODY_MANAGE, is_secretariat)


@rules.predicate
def speaks_for_the_employer(user: Person, profile: Profile | None) -> bool:
    """The mayor or delegate of the organisation the profile names; never for oneself."""
    if profile is None or profile.organisation_id is None or profile.user_id == user.pk:
        return False
    return profile.organisation_id in contact_organisation_ids(user)


@rules.predicate
def is_someone_else(user: Person, profile: Profile | None) -> bool:
    return profile is not None and profile.user_id != user.pk


rules.add_perm(Perm.AFFILIATIONS_VIEW, is_secretariat | is_mayor_or_delegate)
rules.add_perm(
    Perm.AFFILIATION_DECIDE, (is_secretariat & is_someone_else) | speaks_for_the_employer
)
