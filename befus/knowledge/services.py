"""Writes on the knowledge base: the thematic tree, practices and their import."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.timezone import now as timezone_now

from befus.core.audit import record_event
from befus.knowledge.choices import EvidenceKind, PracticeStatus, Visibility
from befus.knowledge.models import Evaluation, Practice, Topic

SHIPPED_TREE = Path(__file__).resolve().parent / "data" / "topics.json"
# 105 real practices in nl/fr/en (the format is documented in docs/search.md).
SHIPPED_PRACTICES = Path(__file__).resolve().parent / "data" / "practices.jsonl"


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


# --- importing practices -------------------------------------------------------------------------

PILLARS = {
    "strategy": "local-strategy",
    "inclusion": "inclusion",
    "living-together": "living-together",
    "nuisance": "nuisance",
    "rehabilitation-victims": "rehabilitation-victims",
}
REQUIRED = ("ref", "language", "title", "summary")


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


def import_practices(
    *, actor: Any = None, lines: Iterable[str], progress: Callable[[int], None] | None = None
) -> ImportReport:
    """Import practices written as JSON lines (the format of the shipped data, see the data's
    README). Idempotent by ``ref``: a known ref is updated, an unknown one created, an unchanged
    one left alone. A bad line is reported with its number; the good ones are imported."""
    from befus.core.search.engine import concepts, index_objects

    report = ImportReport()
    pillars = {topic.slug: topic for topic in Topic.objects.filter(depth=1)}
    table = concepts()
    touched: list[int] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("not a JSON object")
            with transaction.atomic():
                outcome, practice = _import_one(record, pillars, table, actor)
        except (ValueError, TypeError, KeyError) as error:
            report.errors.append((number, str(error)))
            continue
        setattr(report, outcome, getattr(report, outcome) + 1)
        touched.append(practice.pk)  # indexed again even if unchanged: the index may lag
        if progress:
            progress(number)
    if touched:
        # One pass for the whole file, after the practices are in.
        index_objects(
            "practice",
            Practice.objects.filter(pk__in=touched).prefetch_related(
                "topics", "organisations", "evaluations"
            ),
        )
    if report.created or report.updated:
        record_event(
            actor=actor,
            verb="knowledge.practices.import",
            data={"created": report.created, "updated": report.updated},
        )
    return report


def _import_one(
    record: dict[str, Any], pillars: dict[str, Topic], table: Any, actor: Any
) -> tuple[str, Practice]:
    missing = [key for key in REQUIRED if not str(record.get(key) or "").strip()]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    language = record["language"]
    if language not in ("nl", "fr", "en"):
        raise ValueError(f"unknown language {language!r}")
    pillar_slug = PILLARS.get(str(record.get("pillar", "")))
    if record.get("pillar") and pillar_slug is None:
        raise ValueError(f"unknown pillar {record['pillar']!r}")
    for key in ("year_start", "year_end"):
        if record.get(key) is not None and not isinstance(record[key], int):
            raise ValueError(f"{key} must be a year")
    ref = str(record["ref"]).strip()[:40]
    values: dict[str, Any] = {
        f"title_{language}": str(record["title"]).strip()[:250],
        f"summary_{language}": str(record["summary"]).strip(),
        f"approach_{language}": str(record.get("description") or "").strip(),
        "original_language": language,
        "places": str(record.get("city") or "")[:300],
        "country": str(record.get("country") or "BE")[:2],
        "year_start": record.get("year_start"),
        "year_end": record.get("year_end"),
        "keywords": "\n".join(_strings(record.get("keywords"))),
        "partners": "\n".join(_strings(record.get("partners"))),
        "target_groups": "\n".join(_strings(record.get("target_groups"))),
        "source_url": str(record.get("source_url") or "")[:500],
    }
    topics = _topics_for(record, language, pillars.get(pillar_slug or ""), table)
    practice = Practice.objects.filter(ref=ref).first()
    evaluation_text = str(record.get("evaluation") or "").strip()
    if practice is None:
        practice = Practice(
            ref=ref,
            slug=_practice_slug(record["title"], ref),
            status=PracticeStatus.PUBLISHED,
            visibility=Visibility.PUBLIC,
            published_at=timezone_now(),
            author=actor if getattr(actor, "is_authenticated", False) else None,
            title=values[f"title_{language}"],
            summary=values[f"summary_{language}"],
        )
        outcome = "created"
    else:
        changed = any(getattr(practice, name) != value for name, value in values.items())
        changed |= set(practice.topics.values_list("pk", flat=True)) != {t.pk for t in topics}
        latest = practice.evaluations.order_by("-version").first()
        changed |= (latest.what_worked if latest else "") != evaluation_text
        if not changed:
            return "unchanged", practice
        outcome = "updated"
    for name, value in values.items():
        setattr(practice, name, value)
    practice.save()
    practice.topics.set(topics)
    practice.organisations.set(_organisations_named(values["places"]))
    latest = practice.evaluations.order_by("-version").first()
    if evaluation_text and (latest is None or latest.what_worked != evaluation_text):
        Evaluation.objects.create(
            practice=practice,
            version=(latest.version + 1) if latest else 1,
            language=language,
            what_worked=evaluation_text,
            evidence=EvidenceKind.NONE,
        )
    return outcome, practice


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, list):
        return [str(item).strip() for item in value if str(item).strip()]
    return []


def _topics_for(
    record: dict[str, Any], language: str, pillar: Topic | None, table: Any
) -> list[Topic]:
    """The nodes the record's keywords (and title) name, inside its pillar; the pillar itself
    when none is named."""
    from befus.core.search.text import analyse

    texts = [*_strings(record.get("keywords")), str(record.get("title") or "")]
    ids: set[int] = set()
    for text in texts:
        for _start, _end, token in table.find(analyse(text, language), language):
            if token.startswith("zct"):
                ids.add(int(token[3:]))
    found = list(Topic.objects.filter(pk__in=ids))
    if pillar is not None:
        found = [topic for topic in found if topic.path.startswith(pillar.path)]
        if not found:
            found = [pillar]
    return found


def _organisations_named(places: str) -> list[Any]:
    from django.db.models import Q

    from befus.members.models import Organisation

    names = {part.strip() for part in places.replace(" en ", ",").replace(" et ", ",").split(",")}
    names = {name for name in names if len(name) > 2}
    if not names:
        return []
    query = Q()
    for name in names:
        query |= Q(name_nl__iexact=name) | Q(name_fr__iexact=name) | Q(name_en__iexact=name)
    return list(Organisation.objects.filter(query, kind="municipality"))


def _practice_slug(title: str, ref: str) -> str:
    base = slugify(title)[:70] or "practice"
    slug = f"{base}-{slugify(ref)}"[:90]
    return slug
