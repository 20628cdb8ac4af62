"""Writes on the thematic tree: loading the shipped tree, keeping a renamed node's old address."""

from __future__ import annotations

import json
from pathlib import Path
from typing import NotRequired, TypedDict

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from befus.accounts.models import User
from befus.core.audit import record_event
from befus.core.errors import DomainError
from befus.core.permissions import Perm, require_perm
from befus.core.search.engine import concepts_changed
from befus.themes.models import Topic, TopicRedirect

SHIPPED_TREE = Path(__file__).resolve().parent / "data" / "topics.json"


class ShippedNode(TypedDict):
    """A node of the shipped tree (``data/topics.json``); texts are keyed by language."""

    slug: str
    nl: str
    fr: str
    en: str
    source: NotRequired[str]
    description: NotRequired[dict[str, str]]
    synonyms: NotRequired[dict[str, list[str]]]
    children: NotRequired[list[ShippedNode]]


def load_topics(*, actor: User | None = None, path: Path = SHIPPED_TREE) -> dict[str, int]:
    """Create the shipped tree's missing nodes; nodes already there (by slug) keep what the
    secretariat made of them, and only get the descriptions and synonyms they lack. Loading
    twice changes nothing."""
    tree: list[ShippedNode] = json.loads(path.read_text(encoding="utf-8"))["tree"]
    existing = set(Topic.objects.values_list("slug", flat=True))
    created = completed = 0

    def add(items: list[ShippedNode], parent: Topic | None) -> None:
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
        concepts_changed()
    return {"created": created, "completed": completed, "total": Topic.objects.count()}


def _texts(item: ShippedNode) -> dict[str, str]:
    """The description and synonyms of a shipped node, per language column."""
    texts: dict[str, str] = {}
    for language in ("nl", "fr", "en"):
        texts[f"description_{language}"] = str(item.get("description", {}).get(language, ""))
        synonyms = item.get("synonyms", {}).get(language, [])
        texts[f"synonyms_{language}"] = "\n".join(str(s) for s in synonyms)
    return texts


def rename_topic(*, actor: User, topic: Topic, slug: str) -> Topic:
    """Give a node a new address; the old one keeps leading to it (recorded)."""
    require_perm(actor, Perm.THEMES_MANAGE)
    new = slugify(slug)[:80]
    if not new:
        raise DomainError(_("Give the theme an address of letters, digits and hyphens."))
    with transaction.atomic():
        topic = Topic.objects.select_for_update().get(pk=topic.pk)
        if Topic.objects.filter(slug=new).exclude(pk=topic.pk).exists():
            raise DomainError(_("Another theme already has this address."))
        old, topic.slug = topic.slug, new
        topic.save(update_fields=["slug"])
        keep_old_address(actor=actor, topic=topic, old_slug=old)
    return topic


def keep_old_address(*, actor: User, topic: Topic, old_slug: str) -> None:
    """A node got a new address: the old one leads to it from now on, and it is recorded.

    Called by whatever renames a node (the administration's tree); an address a node takes over
    stops redirecting.
    """
    if not old_slug or old_slug == topic.slug:
        return
    with transaction.atomic():
        TopicRedirect.objects.update_or_create(old_slug=old_slug, defaults={"topic": topic})
        TopicRedirect.objects.filter(old_slug=topic.slug).delete()
        record_event(
            actor=actor,
            verb="themes.topic.rename",
            target=topic,
            data={"old": old_slug, "new": topic.slug},
        )
