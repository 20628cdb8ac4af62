"""Writes on the thematic tree: loading the shipped tree, merging two nodes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from befus.core.audit import record_event
from befus.core.errors import DomainError
from befus.core.permissions import Perm
from befus.core.permissions import require_perm as _require
from befus.knowledge.models import Practice, Topic

SHIPPED_TREE = Path(__file__).resolve().parent.parent / "data" / "topics.json"


def load_topics(*, actor: Any = None, path: Path = SHIPPED_TREE) -> dict[str, int]:
    """Create the shipped tree's missing nodes; nodes already there (by slug) keep what the
    secretariat made of them, and only get the descriptions and synonyms they lack. Loading
    twice changes nothing."""
    tree = json.loads(path.read_text(encoding="utf-8"))["tree"]
    existing = set(Topic.objects.values_list("slug", flat=True))
    created = completed = 0

    def add(items: list[dict[str, Any]], parent: Topic | None) -> None:
        nonlocal created, completed
        for item in items:
            texts = _texts(item)
            if item["slug"] in existing:
                node = Topic.objects.get(slug=item["slug"])
                missing = {k: v for k, v in texts.items() if v and not getattr(node, k)}
                if missing:
                    Topic.objects.filter(pk=node.pk).update(**missing)
                    completed += 1
            else:
                values = {
                    "slug": item["slug"],
                    "source": item.get("source", ""),
                    "name": item["nl"],
                    "name_nl": item["nl"],
                    "name_fr": item["fr"],
                    "name_en": item["en"],
                    **texts,
                }
                node = (
                    Topic.objects.add_root(create_kwargs=values)
                    if parent is None
                    else Topic.objects.add_child(parent, create_kwargs=values)
                )
                created += 1
            add(item.get("children", []), node)

    with transaction.atomic():
        add(tree, None)
        if created or completed:
            record_event(
                actor=actor,
                verb="knowledge.topics.load",
                data={"created": created, "completed": completed},
            )
    if created or completed:
        from befus.core.search.engine import concepts_changed

        concepts_changed()
    return {"created": created, "completed": completed, "total": Topic.objects.count()}


def _texts(item: dict[str, Any]) -> dict[str, str]:
    """The description and synonyms of a shipped node, per language column."""
    texts: dict[str, str] = {}
    for language in ("nl", "fr", "en"):
        texts[f"description_{language}"] = str(item.get("description", {}).get(language, ""))
        synonyms = item.get("synonyms", {}).get(language, [])
        texts[f"synonyms_{language}"] = "\n".join(str(s) for s in synonyms)
    return texts


def merge_topics(*, actor: Any, source: Topic, target: Topic) -> Topic:
    """Merge ``source`` into ``target``: everything classified under it moves to the target,
    its sub-nodes move under the target, its address redirects there. Nothing is lost."""
    from befus.core.search.engine import concepts_changed, index_objects, remove_objects
    from befus.knowledge.models import Publication, Recommendation, TopicRedirect
    from befus.networks.models import Network

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
