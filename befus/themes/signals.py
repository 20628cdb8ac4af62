"""The search reloads its concepts when the tree changes (a chore, not a decision)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from befus.core.search.engine import concepts_changed
from befus.themes.models import Topic


@receiver(post_save, sender=Topic, dispatch_uid="themes.topic.concepts_saved")
@receiver(post_delete, sender=Topic, dispatch_uid="themes.topic.concepts_deleted")
def reload_concepts(sender: Any, **kwargs: Any) -> None:
    concepts_changed()
