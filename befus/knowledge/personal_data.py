"""What the knowledge base holds about a person. Declared from ``KnowledgeConfig.ready()``.

The practices, evaluations and translations a person shared are the Forum's knowledge: they stay
after an erasure, credited to "a person". The questions they asked a practice's contact are
correspondence, and go.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from befus.core.personal_data import Erase, holds
from befus.knowledge.models import (
    Adoption,
    Evaluation,
    Practice,
    PracticeAttachment,
    PracticeQuestion,
    ReviewComment,
    TranslationProposal,
)


def _practices(person: Any) -> list[dict[str, Any]]:
    """The practices the person wrote, answers for as contact, or translated."""
    rows = []
    practices = Practice.objects.filter(
        Q(author=person) | Q(contact=person) | Q(translations__icontains=f'"by": {person.pk}')
    ).order_by("pk")
    for practice in practices:
        translated = sorted(
            language
            for language, about in (practice.translations or {}).items()
            if isinstance(about, dict) and about.get("by") == person.pk
        )
        roles = [
            role
            for role, yes in (
                ("author", practice.author_id == person.pk),
                ("contact", practice.contact_id == person.pk),
                ("translator", bool(translated)),
            )
            if yes
        ]
        if not roles:
            continue  # the text search also matched another person's id (5 in 50)
        rows.append(
            {
                "ref": practice.ref or practice.slug,
                "title": str(practice.title),
                "status": practice.status,
                "visibility": practice.visibility,
                "you_are": roles,
                "languages_you_translated": translated,
                "created_at": practice.created_at.isoformat(),
            }
        )
    return rows


def register() -> None:
    holds(Practice, section="practices", own=("author", "contact"), export=_practices)
    holds(Evaluation, section="evaluations", own=("written_by",))
    holds(ReviewComment, section="review_comments", own=("author",))
    holds(
        TranslationProposal,
        section="translation_proposals",
        own=("proposed_by",),
        acted=("decided_by",),
    )
    holds(Adoption, section="adoptions_recorded", acted=("recorded_by",))
    holds(PracticeQuestion, section="questions_asked", own=("asked_by",), erase=Erase.DELETE)
    holds(PracticeAttachment, section="practice_files", acted=("uploaded_by",))
