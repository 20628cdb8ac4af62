"""The workflow of a good practice: draft → submitted → in review → published → archived, with
changes asked of the author (``choices.PRACTICE_TRANSITIONS`` holds the graph)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.timezone import now as timezone_now
from django.utils.translation import gettext_lazy as _

from befus.core.permissions import Perm
from befus.core.workflow import Workflow
from befus.knowledge.choices import PRACTICE_TRANSITIONS, PracticeStatus
from befus.knowledge.models import Practice


def _not_the_author(user: Any, practice: Practice) -> bool:
    """Four eyes, held even for a superuser: nobody reviews what they wrote."""
    return not (getattr(user, "is_authenticated", False) and practice.author_id == user.pk)


def _stamp(practice: Practice, previous: str, target: str | None) -> Iterable[str]:
    if target == PracticeStatus.SUBMITTED:
        practice.submitted_at = timezone_now()
        yield "submitted_at"
    if target == PracticeStatus.PUBLISHED and practice.published_at is None:
        practice.published_at = timezone_now()
        yield "published_at"


PRACTICE_FLOW: Workflow[Practice] = Workflow(
    model=Practice,
    steps=PRACTICE_TRANSITIONS,
    rules={
        "submit": Perm.PRACTICE_SUBMIT,
        "start_review": Perm.PRACTICE_REVIEW,
        "request_changes": Perm.PRACTICE_REVIEW,
        "publish": Perm.PRACTICE_REVIEW,
        "archive": Perm.KNOWLEDGE_MANAGE,
        "republish": Perm.KNOWLEDGE_MANAGE,
    },
    guards=dict.fromkeys(("start_review", "request_changes", "publish"), _not_the_author),
    verb_prefix="knowledge.practice",
    moved=_("This practice is now “%(status)s”: someone may have acted before you."),
    stamp=_stamp,
)
