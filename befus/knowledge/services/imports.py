"""Importing practices written as JSON lines (the shipped ones, or a file of the secretariat)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils.timezone import now as timezone_now

from befus.accounts.models import User
from befus.core.audit import record_event
from befus.core.search.engine import concepts, index_objects
from befus.core.search.text import analyse
from befus.knowledge.choices import EvidenceKind, PracticeStatus, Visibility
from befus.knowledge.models import Evaluation, Practice, Topic
from befus.knowledge.services._common import _unique_practice_slug
from befus.members.models import Organisation

if TYPE_CHECKING:
    from befus.core.search.concepts import Concepts

# 105 real practices in nl/fr/en (the format is documented in docs/search.md).
SHIPPED_PRACTICES = Path(__file__).resolve().parent.parent / "data" / "practices.jsonl"


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
    *,
    actor: User | None = None,
    lines: Iterable[str],
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import practices written as JSON lines (the format of the shipped data, see the data's
    README). Idempotent by ``ref``: a known ref is updated, an unknown one created, an unchanged
    one left alone. A bad line is reported with its number; the good ones are imported."""
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
        except (ValueError, TypeError, KeyError, DatabaseError) as error:
            report.errors.append((number, str(error).splitlines()[0][:200]))
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
    record: dict[str, object], pillars: dict[str, Topic], table: Concepts, actor: User | None
) -> tuple[str, Practice]:
    missing = [key for key in REQUIRED if not str(record.get(key) or "").strip()]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    language = record["language"]
    if not isinstance(language, str) or language not in ("nl", "fr", "en"):
        raise ValueError(f"unknown language {language!r}")
    pillar_slug = PILLARS.get(str(record.get("pillar", "")))
    if record.get("pillar") and pillar_slug is None:
        raise ValueError(f"unknown pillar {record['pillar']!r}")
    for key in ("year_start", "year_end"):
        year = record.get(key)
        if year is not None and (
            isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2100
        ):
            raise ValueError(f"{key} must be a year between 1900 and 2100")
    ref = str(record["ref"]).strip()[:40]
    places = str(record.get("city") or "")[:300]
    values: dict[str, object] = {
        f"title_{language}": str(record["title"]).strip()[:250],
        f"summary_{language}": str(record["summary"]).strip(),
        f"approach_{language}": str(record.get("description") or "").strip(),
        "original_language": language,
        "places": places,
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
        # Only the original language's columns are written (never through the translated
        # ``title`` attribute, which writes the active language's column).
        practice = Practice(
            ref=ref,
            slug=_unique_practice_slug(f"{record['title']} {ref}"),
            status=PracticeStatus.PUBLISHED,
            visibility=Visibility.PUBLIC,
            published_at=timezone_now(),
            author=actor if getattr(actor, "is_authenticated", False) else None,
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
    practice.organisations.set(_organisations_named(places))
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


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, list):
        return [str(item).strip() for item in value if str(item).strip()]
    return []


def _topics_for(
    record: dict[str, object], language: str, pillar: Topic | None, table: Concepts
) -> list[Topic]:
    """The nodes the record's keywords (and title) name, inside its pillar; the pillar itself
    when none is named."""
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


def _organisations_named(places: str) -> list[Organisation]:
    names = {part.strip() for part in places.replace(" en ", ",").replace(" et ", ",").split(",")}
    names = {name for name in names if len(name) > 2}
    if not names:
        return []
    query = Q()
    for name in names:
        query |= Q(name_nl__iexact=name) | Q(name_fr__iexact=name) | Q(name_en__iexact=name)
    return list(Organisation.objects.filter(query, kind="municipality"))
