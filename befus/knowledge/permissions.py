"""Who may read and write what in the knowledge base.

A published practice is read by everyone (public), by the people of the Forum's members
(members), or by one network's members (network); the secretariat reads everything, the author
their own drafts. The same rule filters lists, theme pages, counts and the search.

Four eyes: the secretariat and the referents of recognised networks working on a practice's
themes review it, but nobody reviews, comments as a reviewer, sends back or publishes a practice
they wrote, whatever role they hold; the secretariat can always review one whose author is its
only other possible reviewer. Its author and its reviewers translate a practice directly; anyone
else's translation is a proposal that a reviewer other than the proposer accepts or rejects.

============================ ======= ======= ======== =========== =========
perm                         visitor member  author   referent(*) secretar.
============================ ======= ======= ======== =========== =========
knowledge:practice:share     -       yes     yes      yes         yes
knowledge:practice:edit      -       -       draft    -           yes (**)
knowledge:practice:review    -       -       never    yes         yes
knowledge:practice:translate -       publ.   yes      publ.       yes
... directly, not proposed   -       -       yes      yes         yes
... accept a proposal        -       -       never    not own     not own
============================ ======= ======= ======== =========== =========

(*) of a recognised network working on the practice's themes. "never": an author who is also a
referent or secretariat staff keeps the author's column for their own practice. A superuser
passes every rule but four eyes, which ``can_review_practice`` and the services hold.
(**) any practice but their own, which they change as its author does (while a draft).
"""

from __future__ import annotations

import rules
from django.db.models import Q

from befus.accounts.permissions import is_secretariat
from befus.accounts.roles import Role, roles_for
from befus.accounts.types import Person
from befus.core.permissions import Perm
from befus.knowledge.choices import PracticeStatus, Visibility
from befus.knowledge.models import Practice
from befus.members.models import Contact, Organisation
from befus.networks.choices import REFERENT_ROLES
from befus.networks.models import NetworkMembership


def is_forum_member(user: Person) -> bool:
    return bool(roles_for(user) - {Role.VISITOR})


def network_ids(user: Person) -> list[int]:
    if not getattr(user, "is_authenticated", False):
        return []
    cached: list[int] | None = user.__dict__.get("_befus_network_ids")
    if cached is None:
        cached = list(
            NetworkMembership.objects.filter(person_id=user.pk, status="active").values_list(
                "network_id", flat=True
            )
        )
        user.__dict__["_befus_network_ids"] = cached
    return list(cached)


def readable_practices(user: Person) -> Q:
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


def is_public_practice(practice: Practice) -> bool:
    """Published and open to everyone: what a shared cache may keep."""
    return bool(
        practice.status == PracticeStatus.PUBLISHED and practice.visibility == Visibility.PUBLIC
    )


@rules.predicate
def can_read_practice(user: Person, practice: Practice | None) -> bool:
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


def reviewing_topic_paths(user: Person) -> list[str]:
    """The theme paths of the recognised networks ``user`` is an active referent of."""
    if not getattr(user, "is_authenticated", False):
        return []

    return list(
        NetworkMembership.objects.filter(
            person_id=user.pk,
            status="active",
            role__in=REFERENT_ROLES,
            network__status="recognised",
        )
        .exclude(network__topics__isnull=True)
        .values_list("network__topics__path", flat=True)
    )


@rules.predicate
def is_practice_author(user: Person, practice: Practice | None) -> bool:
    return bool(
        practice is not None
        and getattr(user, "is_authenticated", False)
        and practice.author_id == user.pk
    )


@rules.predicate
def is_editable_by_author(user: Person, practice: Practice | None) -> bool:
    return bool(practice is not None and practice.status in ("draft", "changes_requested"))


@rules.predicate
def is_referent_for_practice(user: Person, practice: Practice | None) -> bool:
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
def is_published(user: Person, practice: Practice | None) -> bool:
    return bool(practice is not None and practice.status == PracticeStatus.PUBLISHED)


@rules.predicate
def is_contact_or_author(user: Person, practice: Practice | None) -> bool:
    return bool(
        practice is not None
        and getattr(user, "is_authenticated", False)
        and user.pk in (practice.author_id, practice.contact_id)
    )


is_member = rules.predicate(is_forum_member)
rules.add_perm(Perm.PRACTICE_SHARE, is_member)


@rules.predicate
def is_in_review(user: Person, practice: Practice | None) -> bool:
    return bool(
        practice is not None
        and practice.status in (PracticeStatus.SUBMITTED, PracticeStatus.IN_REVIEW)
    )


# The secretariat corrects any practice, but its own only as any author does: a change to a
# published practice goes live unreviewed, which four eyes forbids to its author. Nobody edits
# someone else's practice while it is in review: a reviewer who rewrote it would then publish
# their own text; they comment, and the author changes it.
rules.add_perm(
    Perm.PRACTICE_EDIT,
    (is_practice_author & is_editable_by_author)
    | (~is_practice_author & is_secretariat & ~is_in_review),
)
# Sending for review is the author's act: it says "this is what I stand behind". (The state is
# the workflow's to check: a second click says the practice was sent already.)
rules.add_perm(Perm.PRACTICE_SUBMIT, is_practice_author)
# Four eyes: the author is no reviewer of their practice, whatever else they are.
rules.add_perm(
    Perm.PRACTICE_REVIEW, ~is_practice_author & (is_secretariat | is_referent_for_practice)
)
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


def can_review_practice(user: Person, practice: Practice | None) -> bool:
    """The review rule with four eyes held even for a superuser, who passes every rule: what
    the services check and what decides the buttons a page shows."""
    return bool(user.has_perm(Perm.PRACTICE_REVIEW, practice)) and not is_practice_author(
        user, practice
    )


def translates_directly(user: Person, practice: Practice | None) -> bool:
    """Whether ``user``'s translation goes live at once: the author's and a reviewer's do;
    anyone else's is a proposal for review."""
    return bool(is_practice_author(user, practice)) or can_review_practice(user, practice)


def openable_practices(user: Person) -> Q:
    """Every practice ``user`` may open, as a filter (``can_read_practice`` for many at once):
    the published ones they may read, their own, those waiting for their review; all of them
    for the secretariat. Its queries (roles, networks, themes) do not grow with the practices."""
    if Role.SECRETARIAT in roles_for(user):
        return Q()
    if not getattr(user, "is_authenticated", False):
        return readable_practices(user)
    openable = readable_practices(user) | Q(author_id=user.pk)
    paths = reviewing_topic_paths(user)
    if paths:
        under = Q()
        for path in paths:
            under |= Q(topic__path__startswith=path)
        openable |= Q(
            status__in=(PracticeStatus.SUBMITTED, PracticeStatus.IN_REVIEW),
            pk__in=Practice.topics.through.objects.filter(under).values("practice_id"),
        )
    return openable


def may_act_for(user: Person, organisation: Organisation) -> bool:
    """Whether ``user`` speaks for ``organisation``: they work there (confirmed by it), or are
    its mayor or a contact."""
    profile = getattr(user, "profile", None)
    if (
        profile is not None
        and profile.organisation_id == organisation.pk
        and profile.is_confirmed_member
    ):
        return True
    return Contact.objects.current().filter(person=user, organisation=organisation).exists()
