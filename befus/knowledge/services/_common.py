"""What the services of practices share: the notification parameters, the address, the
indexing after the commit, and the one step that moves a practice through its review."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.text import slugify

from befus.accounts.models import User
from befus.core.search.engine import index_objects
from befus.knowledge.models import Practice
from befus.knowledge.permissions import can_review_practice
from befus.knowledge.workflows import PRACTICE_FLOW


def _practice_params(practice: Practice, **extra: str) -> dict[str, str]:
    return {"practice": str(practice.title)[:120], **extra}


def _unique_practice_slug(title: str) -> str:
    base = slugify(title)[:80] or "practice"
    slug, n = base, 2
    while Practice.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _reindex(practice: Practice) -> None:
    transaction.on_commit(
        lambda: index_objects(
            "practice",
            Practice.objects.filter(pk=practice.pk).prefetch_related(
                "topics", "organisations", "evaluations"
            ),
        )
    )


def _require_reviewer(actor: User, practice: Practice) -> None:
    """The review rule, and four eyes: nobody reviews what they wrote. Checked apart from the
    rule because a superuser passes every rule."""
    if actor is None or not can_review_practice(actor, practice):
        raise PermissionDenied


def _move_practice(actor: User, practice: Practice, verb: str, *, comment: str = "") -> Practice:
    """Take a step of the practice's workflow (``befus.knowledge.workflows``), then index it."""
    practice = PRACTICE_FLOW.transition(
        practice, verb, actor=actor, data={"comment": comment} if comment else None
    )
    _reindex(practice)
    return practice
