"""Rules of the members app.

============================ ======= ============ =========== ===== ======== =====
perm                         visitor professional secretariat board chairman mayor
============================ ======= ============ =========== ===== ======== =====
members:directory:view       -       yes          yes         yes   yes      yes
members:organisation:manage  -       -            yes         -     -        -
members:body:manage          -       -            yes         -     -        -
============================ ======= ============ =========== ===== ======== =====

A professional is a person whose profile names a current member organisation. Also update the
matrix in ``befus.core.permissions`` when a rule changes.
"""

import rules

from befus.accounts.permissions import has_any_forum_role, is_secretariat
from befus.core.permissions import Perm

rules.add_perm(Perm.DIRECTORY_VIEW, has_any_forum_role)
rules.add_perm(Perm.ORGANISATION_MANAGE, is_secretariat)
rules.add_perm(Perm.BODY_MANAGE, is_secretariat)
