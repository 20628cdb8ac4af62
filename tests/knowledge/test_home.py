"""The knowledge base's section of a person's home: what to review, what an author must change."""

from __future__ import annotations

from typing import Any

from allauth.mfa.models import Authenticator
from django.urls import reverse

from befus.knowledge.choices import PracticeStatus
from befus.knowledge.models import Practice


def _home(client: Any, person: Any) -> str:
    client.force_login(person)
    return client.get(reverse("accounts:dashboard")).content.decode()


def _waiting(url: str, label: str, count: int) -> str:
    """A link of the home with its count, marked as waiting."""
    return f'<a href="{url}">{label}</a> <span class="badge badge-warn">{count}'


def test_a_reviewer_is_told_what_waits_and_the_author_what_to_change(
    client: Any, secretary: Any, author: Any, submitted: Practice
) -> None:
    # given a practice sent for review (the secretariat reaches no page without a second factor)
    Authenticator.objects.create(user=secretary, type=Authenticator.Type.TOTP, data={})
    queue = reverse("knowledge:review-queue")
    # then the secretariat's home counts it
    label = "To review (practices and translations)"
    assert _waiting(queue, label, 1) in _home(client, secretary)
    # and once changes are asked, the author's home leads to them
    Practice.objects.filter(pk=submitted.pk).update(status=PracticeStatus.CHANGES_REQUESTED)
    mine = reverse("knowledge:my-practices")
    label = "Your practices with changes asked"
    assert _waiting(mine, label, 1) in _home(client, author)
