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
    if getattr(user, "is_authenticated", False) and practice.author_id == user.pk:
        return True
    if practice.status != PracticeStatus.PUBLISHED:
        if not getattr(user, "is_authenticated", False):
            return False
        if practice.author_id == user.pk or Role.SECRETARIAT in roles_for(user):
            return True
        return practice.status in (
            PracticeStatus.SUBMITTED,
            PracticeStatus.IN_REVIEW,
        ) and bool(is_referent_for_practice(user, practice))
    if practice.visibility == Visibility.PUBLIC or Role.SECRETARIAT in roles_for(user):
        return True
    if practice.visibility == Visibility.MEMBERS:
        return is_forum_member(user)
    return practice.network_id in network_ids(user)


rules.add_perm(Perm.PRACTICE_VIEW, can_read_practice)
rules.add_perm(Perm.KNOWLEDGE_MANAGE, is_secretariat)


def reviewing_topic_paths(user: Any) -> list[str]:
    """The theme paths of the recognised networks ``user`` is an active referent of."""
    if not getattr(user, "is_authenticated", False):
        return []
    from befus.networks.choices import REFERENT_ROLES
    from befus.networks.models import NetworkMembership

    return list(
        NetworkMembership.objects.filter(
            person=user,
            status="active",
            role__in=REFERENT_ROLES,
            network__status="recognised",
        )
        .exclude(network__topics__isnull=True)
        .values_list("network__topics__path", flat=True)
    )


@rules.predicate
def is_practice_author(user: Any, practice: Any) -> bool:
    return bool(
        practice is not None
        and getattr(user, "is_authenticated", False)
        and practice.author_id == user.pk
    )


@rules.predicate
def is_editable_by_author(user: Any, practice: Any) -> bool:
    return bool(practice is not None and practice.status in ("draft", "changes_requested"))


@rules.predicate
def is_referent_for_practice(user: Any, practice: Any) -> bool:
    """A referent of a network working on one of the practice's themes (or above them)."""
    if practice is None:
        return False
    paths = reviewing_topic_paths(user)
    if not paths:
        return False
    return any(
        topic_path.startswith(path)
        for topic_path in practice.topics.values_list("path", flat=True)
        for path in paths
    )


@rules.predicate
def is_published(user: Any, practice: Any) -> bool:
    return bool(practice is not None and practice.status == PracticeStatus.PUBLISHED)


@rules.predicate
def is_contact_or_author(user: Any, practice: Any) -> bool:
    return bool(
        practice is not None
        and getattr(user, "is_authenticated", False)
        and user.pk in (practice.author_id, practice.contact_id)
    )


is_member = rules.predicate(is_forum_member)
rules.add_perm(Perm.PRACTICE_SHARE, is_member)
rules.add_perm(Perm.PRACTICE_EDIT, (is_practice_author & is_editable_by_author) | is_secretariat)
rules.add_perm(Perm.PRACTICE_REVIEW, is_secretariat | is_referent_for_practice)
rules.add_perm(
    Perm.PRACTICE_REVIEW_QUEUE,
    is_secretariat | rules.predicate(lambda user: bool(reviewing_topic_paths(user))),
)
rules.add_perm(
    Perm.PRACTICE_TRANSLATE, (is_member & is_published) | is_practice_author | is_secretariat
)
rules.add_perm(Perm.PRACTICE_EVALUATE, is_contact_or_author | is_secretariat)
rules.add_perm(Perm.PRACTICE_ASK, is_member & is_published)
rules.add_perm(Perm.PRACTICE_ADOPT, is_member & is_published)


def may_act_for(user: Any, organisation: Any) -> bool:
    """Whether ``user`` speaks for ``organisation``: they work there, or are its mayor."""
    from befus.members.models import Contact

    profile = getattr(user, "profile", None)
    if profile is not None and profile.organisation_id == organisation.pk:
        return True
    return Contact.objects.current().filter(person=user, organisation=organisation).exists()
