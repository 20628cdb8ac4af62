"""Rules of the thematic tree: the secretariat edits it (names, addresses, places in the tree).

=================== ======= ====== =========== =========
perm                visitor member secretariat superuser
=================== ======= ====== =========== =========
themes:tree:manage  -       -      yes         yes
=================== ======= ====== =========== =========
"""

import rules

from befus.accounts.permissions import is_secretariat
from befus.core.permissions import Perm

rules.add_perm(Perm.THEMES_MANAGE, is_secretariat)
