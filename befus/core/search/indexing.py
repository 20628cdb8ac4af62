"""Writing the index: a document per object, analysed in Python, with its concepts; removing,
rebuilding, and learning the words people write (for corrections)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import transaction

from befus.core.models import SearchEntry, SearchTerm
from befus.core.pagecache import content_changes
from befus.core.search import backends
from befus.core.search.concepts import Concepts, concepts
from befus.core.search.registry import INDEXERS, Document
from befus.core.search.text import LANGUAGES, STOP_WORDS, analyse, stem, words

# --- indexing ------------------------------------------------------------------------------------


def _surface(text: str, language: str, into: dict[str, str]) -> None:
    """Collect the words of ``text`` as people write them, with their stems (for corrections)."""
    stops: frozenset[str] = STOP_WORDS.get(language, frozenset())
    for word in words(text):
        if word not in stops and not word.isdigit() and len(word) <= 60:
            into.setdefault(word, stem(word, language))


def _entry(document: Document, table: Concepts) -> SearchEntry:
    language = document.language if document.language in LANGUAGES else "en"
    found = table.topic_tokens(document.topic_ids)
    title_stems = analyse(document.title, language)
    found.update(token for _s, _e, token in table.find(title_stems, language))
    for other_language, other_title in document.titles.items():
        if other_title and other_title != document.title and other_language in LANGUAGES:
            stems = analyse(other_title, other_language)
            title_stems += stems
            found.update(token for _s, _e, token in table.find(stems, other_language))
    body_stems = analyse(document.body, language)
    found.update(token for _s, _e, token in table.find(body_stems, language))
    for other_language, text in document.translations.items():
        if text and other_language in LANGUAGES:
            stems = analyse(text, other_language)
            body_stems += stems
            found.update(token for _s, _e, token in table.find(stems, other_language))
    body_stems += analyse(document.extra, language)
    return SearchEntry(
        kind=document.kind,
        object_id=document.object_id,
        language=language,
        title=document.title[:300],
        url=document.url[:300],
        title_tokens=" ".join(title_stems),
        body_tokens=" ".join(body_stems),
        concept_tokens=" ".join(sorted(found)),
        visibility=document.visibility,
        network_id=document.network_id,
        year=document.year,
        region=document.region,
        evidence=document.evidence,
        pillars=" ".join(document.pillars)[:200],
        date=document.date,
    )


def index_objects(kind: str, objects: Iterable[Any]) -> int:
    """(Re)index objects of one kind; those whose indexer says None are taken out."""
    indexer = INDEXERS[kind]
    table = concepts()
    keep: list[SearchEntry] = []
    drop: list[int] = []
    surfaces: dict[str, str] = {}
    for obj in objects:
        document = indexer.document(obj)
        if document is None:
            drop.append(obj.pk)
        else:
            keep.append(_entry(document, table))
            if document.visibility == "public":  # corrections never reveal restricted words
                language = document.language if document.language in LANGUAGES else "en"
                _surface(f"{document.title} {document.body}", language, surfaces)
                for other, text in document.translations.items():
                    if other in LANGUAGES:
                        _surface(text, other, surfaces)
    with transaction.atomic():
        if drop:
            remove_objects(kind, drop)
        if keep:
            ids = [e.object_id for e in keep]
            existing = SearchEntry.objects.filter(kind=kind, object_id__in=ids)
            old = list(existing.values_list("pk", flat=True))
            if old:
                backends.index().remove(old)
                SearchEntry.objects.filter(pk__in=old).delete()
            created = SearchEntry.objects.bulk_create(keep)
            if any(e.pk is None for e in created):  # backends without RETURNING ids
                created = list(SearchEntry.objects.filter(kind=kind, object_id__in=ids))
            backends.index().store(created)
            _learn_terms(created, surfaces)
        # Indexing runs after the content's own commit: pages read in between are obsolete.
        content_changes()
    return len(keep)


def remove_objects(kind: str, object_ids: Sequence[int]) -> None:
    ids = list(
        SearchEntry.objects.filter(kind=kind, object_id__in=object_ids).values_list("pk", flat=True)
    )
    if ids:
        backends.index().remove(ids)
        SearchEntry.objects.filter(pk__in=ids).delete()
        content_changes()


def _learn_terms(entries: Sequence[SearchEntry], surfaces: dict[str, str]) -> None:
    """Add the words of public content to the vocabulary the typo correction chooses from."""
    if not surfaces:
        return
    known = set(SearchTerm.objects.filter(word__in=list(surfaces)).values_list("word", flat=True))
    SearchTerm.objects.bulk_create(
        [
            SearchTerm(word=word, term=term[:60], length=len(word), entries=1)
            for word, term in surfaces.items()
            if word not in known
        ],
        ignore_conflicts=True,
    )


def rebuild(progress: Callable[[str, int], None] | None = None) -> dict[str, int]:
    """Index everything again, kind by kind; the vocabulary is recounted."""
    counts: dict[str, int] = {}
    with transaction.atomic():
        backends.index().clear()
        SearchEntry.objects.all().delete()
        SearchTerm.objects.all().delete()
        for kind, indexer in INDEXERS.items():
            counts[kind] = index_objects(kind, indexer.objects())
            if progress:
                progress(kind, counts[kind])
    return counts
