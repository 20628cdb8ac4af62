"""What the knowledge base gives the search: practices, recommendations, publications, themes,
and the concepts of the tree (labels and synonyms in every language) and of the glossary."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from befus.accounts.roles import Role, roles_for
from befus.core.search.backends import Scope
from befus.core.search.engine import Document, register, register_concepts, register_scope
from befus.knowledge.choices import PracticeStatus
from befus.knowledge.models import Practice, Publication, Recommendation, Topic
from befus.knowledge.permissions import is_forum_member, network_ids

GLOSSARY = Path(__file__).resolve().parent / "data" / "glossary.json"
TEXT_FIELDS = ("summary", "problem", "objectives", "approach", "partners_why", "results")
LANGUAGES = ("nl", "fr", "en")


def _reader_language() -> str:
    language = (get_language() or "nl")[:2]
    return language if language in LANGUAGES else "nl"


def _shown(obj: Any, field: str, original: str) -> tuple[str, str]:
    """``field`` in the reader's language, else in the original language: (text, language)."""
    language = _reader_language()
    for candidate in (language, original, *LANGUAGES):
        value = getattr(obj, f"{field}_{candidate}", "") or ""
        if value:
            return value, candidate
    return "", original


def _pillar_slugs(topics: Iterable[Topic], pillars: dict[str, str]) -> list[str]:
    return sorted({pillars[topic.path[: Topic.steplen]] for topic in topics if topic.path})


def _pillars() -> dict[str, str]:
    return dict(Topic.objects.filter(depth=1).values_list("path", "slug"))


class PracticeIndexer:
    kind = "practice"

    def label(self) -> str:
        return str(_("Good practice"))

    def objects(self) -> Iterable[Practice]:
        return (
            Practice.objects.filter(status=PracticeStatus.PUBLISHED)
            .prefetch_related("topics", "organisations", "evaluations")
            .order_by("pk")
        )

    def document(self, obj: Practice) -> Document | None:
        if obj.status != PracticeStatus.PUBLISHED:
            return None
        original = obj.original_language
        topics = list(obj.topics.all())
        organisations = list(obj.organisations.all())
        evaluation = next(iter(sorted(obj.evaluations.all(), key=lambda e: -e.version)), None)
        body = [getattr(obj, f"{name}_{original}", "") or "" for name in TEXT_FIELDS]
        body += [obj.keywords, obj.target_groups, obj.partners, obj.funding]
        if evaluation is not None:
            body += [
                evaluation.what_worked,
                evaluation.what_did_not,
                evaluation.would_change,
                evaluation.transfer_conditions,
            ]
        translations = {
            language: " ".join(getattr(obj, f"{name}_{language}", "") or "" for name in TEXT_FIELDS)
            for language in LANGUAGES
            if language != original
        }
        return Document(
            kind=self.kind,
            object_id=obj.pk,
            language=original,
            title=getattr(obj, f"title_{original}", "") or obj.title,
            titles={
                language: getattr(obj, f"title_{language}", "") or ""
                for language in LANGUAGES
                if language != original
            },
            url=obj.get_absolute_url(),
            body="\n".join(body),
            translations=translations,
            topic_ids=[topic.pk for topic in topics],
            visibility=obj.visibility,
            network_id=obj.network_id,
            year=obj.year_start,
            region=organisations[0].region if organisations else "",
            evidence=evaluation.evidence if evaluation else "none",
            pillars=_pillar_slugs(topics, _pillars()),
            date=obj.published_at,
            extra=" ".join([obj.places, *(str(o) for o in organisations)]),
        )

    def fetch(self, ids: Sequence[int]) -> dict[int, Any]:
        found = {
            p.pk: p for p in Practice.objects.filter(pk__in=ids, status=PracticeStatus.PUBLISHED)
        }
        for practice in found.values():
            title, language = _shown(practice, "title", practice.original_language)
            practice.display_title = title  # type: ignore[attr-defined]
            practice.display_title_language = language  # type: ignore[attr-defined]
        return found

    def snippet(self, obj: Practice, language: str) -> tuple[str, str]:
        return _shown(obj, "summary", obj.original_language)


class RecommendationIndexer:
    kind = "recommendation"

    def label(self) -> str:
        return str(_("Recommendation"))

    def objects(self) -> Iterable[Recommendation]:
        return Recommendation.objects.select_related("topic").order_by("pk")

    def document(self, obj: Recommendation) -> Document | None:
        original = obj.original_language
        text = getattr(obj, f"text_{original}", "") or obj.text
        return Document(
            kind=self.kind,
            object_id=obj.pk,
            language=original,
            title=text[:200],
            url=obj.topic_url(),
            body=f"{text}\n{obj.source_name}",
            translations={
                language: getattr(obj, f"text_{language}", "") or ""
                for language in LANGUAGES
                if language != original
            },
            topic_ids=[obj.topic_id],
            year=obj.issued_on.year,
            pillars=_pillar_slugs([obj.topic], _pillars()),
            date=None,
        )

    def fetch(self, ids: Sequence[int]) -> dict[int, Any]:
        found = {r.pk: r for r in Recommendation.objects.filter(pk__in=ids).select_related("topic")}
        for recommendation in found.values():
            text, language = _shown(recommendation, "text", recommendation.original_language)
            recommendation.display_title = text[:160]  # type: ignore[attr-defined]
            recommendation.display_title_language = language  # type: ignore[attr-defined]
        return found

    def snippet(self, obj: Recommendation, language: str) -> tuple[str, str]:
        return _shown(obj, "text", obj.original_language)


class PublicationIndexer:
    kind = "publication"

    def label(self) -> str:
        return str(_("Publication"))

    def objects(self) -> Iterable[Publication]:
        return Publication.objects.prefetch_related("topics").order_by("pk")

    def document(self, obj: Publication) -> Document | None:
        original = obj.original_language
        topics = list(obj.topics.all())
        return Document(
            kind=self.kind,
            object_id=obj.pk,
            language=original,
            title=getattr(obj, f"title_{original}", "") or obj.title,
            titles={
                language: getattr(obj, f"title_{language}", "") or ""
                for language in LANGUAGES
                if language != original
            },
            url=obj.get_absolute_url(),
            body=getattr(obj, f"summary_{original}", "") or "",
            extra=f"{obj.authors} {obj.partners} {obj.isbn}",
            topic_ids=[topic.pk for topic in topics],
            year=obj.year,
            pillars=_pillar_slugs(topics, _pillars()),
        )

    def fetch(self, ids: Sequence[int]) -> dict[int, Any]:
        found = {p.pk: p for p in Publication.objects.filter(pk__in=ids)}
        for publication in found.values():
            title, language = _shown(publication, "title", publication.original_language)
            publication.display_title = title  # type: ignore[attr-defined]
            publication.display_title_language = language  # type: ignore[attr-defined]
        return found

    def snippet(self, obj: Publication, language: str) -> tuple[str, str]:
        return _shown(obj, "summary", obj.original_language)


class TopicIndexer:
    kind = "topic"

    def label(self) -> str:
        return str(_("Theme"))

    def objects(self) -> Iterable[Topic]:
        return Topic.objects.order_by("path")

    def document(self, obj: Topic) -> Document | None:
        return Document(
            kind=self.kind,
            object_id=obj.pk,
            language="nl",
            title=obj.name_nl or obj.name,
            titles={"fr": obj.name_fr or "", "en": obj.name_en or ""},
            url=obj.get_absolute_url(),
            body=f"{obj.description_nl or ''}\n{obj.synonyms_nl or ''}",
            translations={
                "fr": f"{obj.description_fr or ''}\n{obj.synonyms_fr or ''}",
                "en": f"{obj.description_en or ''}\n{obj.synonyms_en or ''}",
            },
            topic_ids=[obj.pk],
        )

    def fetch(self, ids: Sequence[int]) -> dict[int, Any]:
        found = {t.pk: t for t in Topic.objects.filter(pk__in=ids)}
        for topic in found.values():
            title, language = _shown(topic, "name", "nl")
            topic.display_title = title
            topic.display_title_language = language
        return found

    def snippet(self, obj: Topic, language: str) -> tuple[str, str]:
        return _shown(obj, "description", "nl")


def topic_concepts() -> Iterable[tuple[str, dict[str, list[str]]]]:
    for topic in Topic.objects.all():
        labels: dict[str, list[str]] = {}
        for language in LANGUAGES:
            names = [getattr(topic, f"name_{language}", "") or ""]
            names += (getattr(topic, f"synonyms_{language}", "") or "").splitlines()
            labels[language] = [name.strip() for name in names if name.strip()]
        yield f"zct{topic.pk}", labels


def glossary_concepts() -> Iterable[tuple[str, dict[str, list[str]]]]:
    if not GLOSSARY.exists():
        return []
    data = json.loads(GLOSSARY.read_text(encoding="utf-8"))
    return [
        (f"zcg{number}", {language: list(concept.get(language, [])) for language in LANGUAGES})
        for number, concept in enumerate(data.get("concepts", []))
    ]


def topic_ancestry() -> dict[int, list[int]]:
    nodes = list(Topic.objects.values_list("pk", "path"))
    by_path = {path: pk for pk, path in nodes}
    step = Topic.steplen
    return {
        pk: [
            by_path[path[:end]] for end in range(step, len(path) + 1, step) if path[:end] in by_path
        ]
        for pk, path in nodes
    }


def register_all() -> None:
    for indexer in (
        PracticeIndexer(),
        RecommendationIndexer(),
        PublicationIndexer(),
        TopicIndexer(),
    ):
        register(indexer)
    register_concepts(topic_concepts, topic_ancestry)
    register_concepts(glossary_concepts)
    register_scope(reader_scope)


def reader_scope(user: Any) -> Scope:
    """What a reader finds: the rule of ``permissions.readable_practices``, which decides the
    visibility of the knowledge base (everyone, the Forum's members, one network's members)."""
    if Role.SECRETARIAT in roles_for(user):
        return Scope(everything=True)
    return Scope(members=is_forum_member(user), networks=tuple(sorted(network_ids(user))))
