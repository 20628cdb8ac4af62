"""Writes on the thematic tree that touch the knowledge base: merging two nodes (loading the
shipped tree is ``befus.themes.services``)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from befus.accounts.models import User
from befus.core.audit import record_event
from befus.core.errors import DomainError
from befus.core.permissions import Perm
from befus.core.permissions import require_perm as _require
from befus.core.search.engine import concepts_changed, index_objects, remove_objects
from befus.knowledge.models import Practice, Publication, Recommendation, Topic, TopicRedirect
from befus.networks.models import Network
from befus.themes.services import SHIPPED_TREE, load_topics

__all__ = ["SHIPPED_TREE", "load_topics", "merge_topics"]


def merge_topics(*, actor: User, source: Topic, target: Topic) -> Topic:
    """Merge ``source`` into ``target``: everything classified under it moves to the target,
    its sub-nodes move under the target, its address redirects there. Nothing is lost."""
    _require(actor, Perm.KNOWLEDGE_MANAGE)
    if source.pk == target.pk:
        raise DomainError(_("Choose another theme to merge into."), field="target")
    if target.path.startswith(source.path):
        raise DomainError(
            _("A theme cannot be merged into one of its own sub-themes."), field="target"
        )
    with transaction.atomic():
        moved: dict[str, list[int]] = {}
        for model, name in (
            (Practice, "practice"),
            (Network, "network"),
            (Publication, "publication"),
        ):
            through = model.topics.through
            column = f"{model._meta.model_name}_id"
            ids = list(through.objects.filter(topic=source).values_list(column, flat=True))
            through.objects.bulk_create(
                [through(topic_id=target.pk, **{column: pk}) for pk in ids], ignore_conflicts=True
            )
            through.objects.filter(topic=source).delete()
            moved[name] = ids
        moved["recommendation"] = list(
            Recommendation.objects.filter(topic=source).values_list("pk", flat=True)
        )
        Recommendation.objects.filter(topic=source).update(topic=target)
        for child in Topic.objects.get_children(source):
            child = Topic.objects.get(pk=child.pk)
            Topic.objects.move(child, Topic.objects.get(pk=target.pk), "last-child")
        TopicRedirect.objects.filter(topic=source).update(topic=target)
        TopicRedirect.objects.update_or_create(old_slug=source.slug, defaults={"topic": target})
        record_event(
            actor=actor,
            verb="knowledge.topic.merge",
            target=target,
            data={"source": source.slug, "moved": {k: len(v) for k, v in moved.items()}},
        )
        Topic.objects.get(pk=source.pk).delete()
        remove_objects("topic", [source.pk])
    concepts_changed()
    index_objects(
        "practice",
        Practice.objects.filter(pk__in=moved["practice"]).prefetch_related(
            "topics", "organisations", "evaluations"
        ),
    )
    index_objects("network", Network.objects.filter(pk__in=moved["network"]))
    index_objects("publication", Publication.objects.filter(pk__in=moved["publication"]))
    index_objects("recommendation", Recommendation.objects.filter(pk__in=moved["recommendation"]))
    return Topic.objects.get(pk=target.pk)
