"""What the services of practices share: the notification parameters, the address, the
indexing after the commit, and the one step that moves a practice through its review."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.text import slugify
from django.utils.timezone import now as timezone_now
from django.utils.translation import gettext as _

from befus.core.audit import record_event
from befus.core.errors import InvalidTransition
from befus.core.permissions import Perm
from befus.core.permissions import require_perm as _require
from befus.knowledge.choices import PracticeStatus
from befus.knowledge.models import Practice


def _practice_params(practice: Practice, **extra: Any) -> dict[str, Any]:
    return {"practice": str(practice.title)[:120], **extra}


def _unique_practice_slug(title: str) -> str:
    base = slugify(title)[:80] or "practice"
    slug, n = base, 2
    while Practice.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _reindex(practice: Practice) -> None:
    from befus.core.search.engine import index_objects

    transaction.on_commit(
        lambda: index_objects(
            "practice",
            Practice.objects.filter(pk=practice.pk).prefetch_related(
                "topics", "organisations", "evaluations"
            ),
        )
    )


def _require_reviewer(actor: Any, practice: Practice) -> None:
    """The review rule, and four eyes: nobody reviews what they wrote. Checked apart from the
    rule because a superuser passes every rule."""
    from befus.knowledge.permissions import can_review_practice

    if actor is None or not can_review_practice(actor, practice):
        raise PermissionDenied


def _move_practice(
    actor: Any, practice: Practice, verb: str, *, perm: str, comment: str = ""
) -> Practice:
    from befus.knowledge.choices import PRACTICE_TRANSITIONS

    allowed_from, target = PRACTICE_TRANSITIONS[verb]
    with transaction.atomic():
        practice = Practice.objects.select_for_update().get(pk=practice.pk)
        if perm == Perm.PRACTICE_REVIEW:
            _require_reviewer(actor, practice)
        else:
            _require(actor, perm, practice)
        if practice.status not in allowed_from:
            raise InvalidTransition(
                _("This practice is now “%(status)s”: someone may have acted before you.")
                % {"status": practice.get_status_display()}
            )
        practice.status = target
        now = timezone_now()
        if target == PracticeStatus.SUBMITTED:
            practice.submitted_at = now
        if target == PracticeStatus.PUBLISHED and practice.published_at is None:
            practice.published_at = now
        practice.save(update_fields=["status", "submitted_at", "published_at", "updated_at"])
        record_event(
            actor=actor,
            verb=f"knowledge.practice.{verb}",
            target=practice,
            data={"status": target, "comment": comment} if comment else {"status": target},
        )
        _reindex(practice)
    return practice
