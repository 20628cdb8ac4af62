"""What the tests of practices share: the address of a page, what the search finds, who was
notified, and a practice as the next request reads it."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import translation

from befus.core.models import Notification
from befus.core.search.engine import search
from befus.knowledge.models import Practice


def _url(name: str, language: str = "en", **kwargs: Any) -> str:
    with translation.override(language):
        return reverse(f"knowledge:{name}", kwargs=kwargs or None)


def _found(text: str, *, user: Any = None) -> set[str]:
    """The titles of the practices the search finds for ``text``."""
    results = search(text, user=user or AnonymousUser(), limit=100)
    return {hit.entry.title for hit in results.hits if hit.entry.kind == "practice"}


def _notified(kind: str) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient__email", flat=True))


def _reload(practice: Practice) -> Practice:
    return Practice.objects.get(pk=practice.pk)
