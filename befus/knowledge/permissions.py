"""Who may read and write what in the knowledge base.

A published practice is read by everyone (public), by the people of the Forum's members
(members), or by one network's members (network); the secretariat reads everything, the author
their own drafts. The same rule filters lists, theme pages, counts and the search.
"""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Q

from befus.accounts.permissions import is_secretariat
from befus.accounts.roles import Role, roles_for
from befus.core.permissions import Perm
from befus.knowledge.choices import PracticeStatus, Visibility


def is_forum_member(user: Any) -> bool:
    return bool(roles_for(user) - {Role.VISITOR})


def network_ids(user: Any) -> list[int]:
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_befus_network_ids", None)
    if cached is None:
        from befus.networks.models import NetworkMembership

        cached = list(
            NetworkMembership.objects.filter(person=user, status="active").values_list(
                "network_id", flat=True
            )
        )
        user._befus_network_ids = cached
    return list(cached)


def readable_practices(user: Any) -> Q:
    """The published practices ``user`` may read, as a filter."""
    published = Q(status=PracticeStatus.PUBLISHED)
    if Role.SECRETARIAT in roles_for(user):
        return published
    allowed = Q(visibility=Visibility.PUBLIC)
    if is_forum_member(user):
        allowed |= Q(visibility=Visibility.MEMBERS)
    networks = network_ids(user)
    if networks:
        allowed |= Q(visibility=Visibility.NETWORK, network_id__in=networks)
    return published & allowed


@rules.predicate
def can_read_practice(user: Any, practice: Any) -> bool:
    if practice is None:
        return False
    if practice.status != PracticeStatus.PUBLISHED:
        return bool(
            getattr(user, "is_authenticated", False)
            and (practice.author_id == user.pk or Role.SECRETARIAT in roles_for(user))
        )
    if practice.visibility == Visibility.PUBLIC or Role.SECRETARIAT in roles_for(user):
        return True
    if practice.visibility == Visibility.MEMBERS:
        return is_forum_member(user)
    return practice.network_id in network_ids(user)


rules.add_perm(Perm.PRACTICE_VIEW, can_read_practice)
rules.add_perm(Perm.KNOWLEDGE_MANAGE, is_secretariat)
