"""The review of a practice: submitted by its author, reviewed and published by someone else."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils.timezone import now as timezone_now
from django.utils.translation import gettext as _

from befus.accounts.models import User
from befus.core.audit import record_event
from befus.core.errors import DomainError, InvalidTransition
from befus.core.permissions import Perm
from befus.core.permissions import require_perm as _require
from befus.core.services import notify
from befus.knowledge.choices import PracticeStatus
from befus.knowledge.models import Practice, ReviewComment
from befus.knowledge.services._common import (
    _move_practice,
    _practice_params,
    _require_reviewer,
)
from befus.networks.choices import REFERENT_ROLES
from befus.networks.models import NetworkMembership
from befus.networks.selectors import secretariat_people


def submit_practice(*, actor: User, practice: Practice) -> Practice:
    """The author sends the practice for review: the secretariat and the referents of the
    networks working on its themes are told."""
    _require(actor, Perm.PRACTICE_SUBMIT, practice)
    if not practice.topics.exists():
        raise DomainError(_("Choose at least one theme before submitting."), field="topics")
    practice = _move_practice(actor, practice, "submit")
    with transaction.atomic():
        # The remarks of the earlier round were answered by this new version.
        resolve_comments(actor=actor, practice=practice)
        notify(
            recipients=reviewers_of(practice),
            kind="knowledge.practice_submitted",
            params=_practice_params(practice),
            url=reverse("knowledge:practice-review", kwargs={"slug": practice.slug}),
        )
    return practice


def reviewers_of(practice: Practice) -> list[User]:
    """Who may review ``practice``: the secretariat and the referents of the recognised networks
    working on its themes, never its author (the secretariat remains when the author is the only
    referent)."""
    paths = list(practice.topics.values_list("path", flat=True))
    people = {person.pk: person for person in secretariat_people()}
    memberships = NetworkMembership.objects.filter(
        status="active", role__in=REFERENT_ROLES, network__status="recognised"
    ).select_related("person")
    for membership in memberships.prefetch_related("network__topics"):
        network_paths = [t.path for t in membership.network.topics.all()]
        if any(p.startswith(n) for p in paths for n in network_paths):
            people.setdefault(membership.person_id, membership.person)
    return [person for person in people.values() if person.pk != practice.author_id]


def start_review(*, actor: User, practice: Practice) -> Practice:
    """A reviewer other than the author takes the practice up."""
    return _move_practice(actor, practice, "start_review")


def comment_on_field(*, actor: User, practice: Practice, field: str, text: str) -> ReviewComment:
    """A reviewer's remark on one field; the author sees it next to that field."""
    _require_reviewer(actor, practice)
    if not text.strip():
        raise DomainError(_("Write the comment."), field="text")
    if practice.status not in (PracticeStatus.SUBMITTED, PracticeStatus.IN_REVIEW):
        raise InvalidTransition(_("Comments are made while the practice is in review."))
    with transaction.atomic():
        comment = ReviewComment.objects.create(
            practice=practice, field=field[:40], text=text.strip(), author=actor
        )
        record_event(
            actor=actor,
            verb="knowledge.practice.comment",
            target=practice,
            data={"field": field, "comment": text.strip()[:500]},
        )
    return comment


def request_practice_changes(*, actor: User, practice: Practice, comment: str = "") -> Practice:
    """Send the practice back to its author with the reviewers' comments."""
    _require_reviewer(actor, practice)
    if comment.strip():
        comment_on_field(actor=actor, practice=practice, field="", text=comment)
    if not practice.comments.filter(resolved_at__isnull=True).exists():
        raise DomainError(_("Say what to change: add a comment."), field="text")
    practice = _move_practice(actor, practice, "request_changes", comment=comment.strip())
    with transaction.atomic():
        notify(
            recipients=[practice.author] if practice.author else [],
            kind="knowledge.practice_status",
            params=_practice_params(practice, status=practice.status),
            url=reverse("knowledge:practice-edit", kwargs={"slug": practice.slug}),
        )
    return practice


def publish_practice(*, actor: User, practice: Practice) -> Practice:
    """Publish, by a reviewer other than the author: readable as its visibility says, found by
    the search; open comments close."""
    practice = _move_practice(actor, practice, "publish")
    with transaction.atomic():
        practice.comments.filter(resolved_at__isnull=True).update(resolved_at=timezone_now())
        notify(
            recipients=[practice.author] if practice.author else [],
            kind="knowledge.practice_status",
            params=_practice_params(practice, status=practice.status),
            url=practice.get_absolute_url(),
        )
    return practice


def archive_practice(*, actor: User, practice: Practice) -> Practice:
    """Archive: it leaves lists and search; its page stays for the secretariat and the author."""
    return _move_practice(actor, practice, "archive")


def republish_practice(*, actor: User, practice: Practice) -> Practice:
    return _move_practice(actor, practice, "republish")


def resolve_comments(*, actor: User, practice: Practice) -> int:
    """The author resubmits: the comments they answered are marked resolved."""
    return practice.comments.filter(resolved_at__isnull=True).update(resolved_at=timezone_now())
