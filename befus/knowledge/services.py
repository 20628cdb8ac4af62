"""Writes on the thematic tree."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import transaction

from befus.core.audit import record_event
from befus.knowledge.models import Topic

SHIPPED_TREE = Path(__file__).resolve().parent / "data" / "topics.json"


def load_topics(*, actor: Any = None, path: Path = SHIPPED_TREE) -> dict[str, int]:
    """Create the shipped tree's missing nodes; nodes already there (by slug) are left as the
    secretariat made them, so loading twice changes nothing."""
    tree = json.loads(path.read_text(encoding="utf-8"))["tree"]
    existing = set(Topic.objects.values_list("slug", flat=True))
    created = 0

    def add(items: list[dict[str, Any]], parent: Topic | None) -> None:
        nonlocal created
        for item in items:
            if item["slug"] in existing:
                node = Topic.objects.get(slug=item["slug"])
            else:
                values = {
                    "slug": item["slug"],
                    "source": item.get("source", ""),
                    "name": item["nl"],
                    "name_nl": item["nl"],
                    "name_fr": item["fr"],
                    "name_en": item["en"],
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
        if created:
            record_event(actor=actor, verb="knowledge.topics.load", data={"created": created})
    return {"created": created, "total": Topic.objects.count()}
