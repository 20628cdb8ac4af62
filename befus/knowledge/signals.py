"""A renamed theme keeps its old address (redirected) and the search reloads its concepts."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from befus.knowledge.models import Topic


@receiver(pre_save, sender=Topic, dispatch_uid="knowledge.topic.keep_old_address")
def keep_old_address(sender: Any, instance: Topic, **kwargs: Any) -> None:
    from befus.knowledge.models import TopicRedirect

    if instance.pk is None:
        return
    old = Topic.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if old and old != instance.slug:
        TopicRedirect.objects.update_or_create(old_slug=old, defaults={"topic": instance})
        TopicRedirect.objects.filter(old_slug=instance.slug).delete()


@receiver(post_save, sender=Topic, dispatch_uid="knowledge.topic.concepts_saved")
@receiver(post_delete, sender=Topic, dispatch_uid="knowledge.topic.concepts_deleted")
def reload_concepts(sender: Any, **kwargs: Any) -> None:
    from befus.core.search.engine import concepts_changed

    concepts_changed()
