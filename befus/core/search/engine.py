"""Indexing and searching: what apps register, how a query becomes index tokens, the results.

Apps register an :class:`Indexer` per kind of content (``register``) and concept providers
(``register_concepts``). Services call :func:`index_objects` / :func:`remove_objects` after their
writes; ``befus manage rebuild_search_index`` rebuilds everything.
"""

from __future__ import annotations

import html
import re
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils.safestring import SafeString, mark_safe

from befus.core.models import SearchEntry, SearchTerm
from befus.core.pagecache import content_changes
from befus.core.search import backends
from befus.core.search.text import LANGUAGES, analyse, query_words, stem, variants, words
from befus.core.search.typos import allowed_errors, distance

MAX_QUERY_CHARS = 300
MAX_QUERY_WORDS = 10
MAX_MATCHES = 1000


@dataclass
class Document:
    """What an indexer says about one object."""

    kind: str
    object_id: int
    language: str
    title: str
    url: str
    body: str
    titles: dict[str, str] = field(default_factory=dict)  # the title in other languages
    topic_ids: Sequence[int] = ()
    visibility: str = "public"
    network_id: int | None = None
    year: int | None = None
    region: str = ""
    evidence: str = ""
    pillars: Sequence[str] = ()
    date: Any = None
    extra: str = ""  # text indexed in any language (proper names, places)
    translations: dict[str, str] = field(default_factory=dict)  # more text, by its language


class Indexer(Protocol):
    kind: str

    def label(self) -> str: ...

    def objects(self) -> Iterable[Any]: ...

    def document(self, obj: Any) -> Document | None: ...

    def fetch(self, ids: Sequence[int]) -> dict[int, Any]: ...

    def snippet(self, obj: Any, language: str) -> tuple[str, str]: ...


INDEXERS: dict[str, Indexer] = {}
CONCEPT_PROVIDERS: list[Callable[[], Iterable[tuple[str, dict[str, list[str]]]]]] = []
TOPIC_ANCESTRY: list[Callable[[], dict[int, list[int]]]] = []
CONCEPTS_VERSION_KEY = "befus:search:concepts-version"


def register(indexer: Indexer) -> Indexer:
    INDEXERS[indexer.kind] = indexer
    return indexer


def register_concepts(
    provider: Callable[[], Iterable[tuple[str, dict[str, list[str]]]]],
    ancestry: Callable[[], dict[int, list[int]]] | None = None,
) -> None:
    """``provider`` yields (token, {language: [labels]}); ``ancestry`` maps a topic id to the ids
    of the topic and its ancestors (documents classified under a topic carry them all)."""
    CONCEPT_PROVIDERS.append(provider)
    if ancestry is not None:
        TOPIC_ANCESTRY.append(ancestry)


def concepts_changed() -> None:
    """Call when a concept's labels change (a topic renamed): every process rebuilds its table.

    The key holds a random token, never a counter: a change rolled back with its transaction
    cannot leave a number that a later change repeats."""
    cache.set(CONCEPTS_VERSION_KEY, uuid.uuid4().hex, None)


# --- concepts ------------------------------------------------------------------------------------


@dataclass
class Concepts:
    # language → first stem → [(stems of a label, token)]
    labels: dict[str, dict[str, list[tuple[tuple[str, ...], str]]]]
    ancestry: dict[int, list[int]]

    def find(self, stems: Sequence[str], language: str) -> list[tuple[int, int, str]]:
        """The concepts named in ``stems`` (analysed in ``language``): (start, end, token)."""
        table = self.labels.get(language, {})
        found = []
        for start, first in enumerate(stems):
            for label, token in table.get(first, ()):
                end = start + len(label)
                if end <= len(stems) and all(
                    _same_word(a, b) for a, b in zip(stems[start:end], label, strict=True)
                ):
                    found.append((start, end, token))
        return found

    def topic_tokens(self, topic_ids: Iterable[int]) -> set[str]:
        tokens = set()
        for topic_id in topic_ids:
            for node in self.ancestry.get(topic_id, [topic_id]):
                tokens.add(f"zct{node}")
        return tokens


def _same_word(a: str, b: str) -> bool:
    """Two stems of one word: equal, or one a prefix of the other (work / worker)."""
    return a == b or (min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)))


PARENTHESES = re.compile(r"\([^)]*\)")

_concepts: tuple[Any, Concepts] | None = None


def concepts() -> Concepts:
    global _concepts
    version = cache.get(CONCEPTS_VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(CONCEPTS_VERSION_KEY, version, None)
        version = cache.get(CONCEPTS_VERSION_KEY, version)
    if _concepts is not None and _concepts[0] == version:
        return _concepts[1]
    labels: dict[str, dict[str, list[tuple[tuple[str, ...], str]]]] = {
        language: {} for language in LANGUAGES
    }
    for provider in CONCEPT_PROVIDERS:
        for token, by_language in provider():
            for language, names in by_language.items():
                if language not in labels:
                    continue
                for name in names:
                    stems = tuple(analyse(PARENTHESES.sub(" ", name), language))
                    if stems:
                        labels[language].setdefault(stems[0], []).append((stems, token))
    ancestry: dict[int, list[int]] = {}
    for provider_ancestry in TOPIC_ANCESTRY:
        ancestry.update(provider_ancestry())
    built = Concepts(labels, ancestry)
    _concepts = (version, built)
    return built


# --- indexing ------------------------------------------------------------------------------------


def _surface(text: str, language: str, into: dict[str, str]) -> None:
    """Collect the words of ``text`` as people write them, with their stems (for corrections)."""
    from befus.core.search.text import STOP_WORDS

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


# --- searching -----------------------------------------------------------------------------------


@dataclass
class ParsedQuery:
    groups: list[list[str]]
    stems: set[str]
    prefixes: set[str]
    corrections: dict[str, str]


def parse(
    text: str, language: str | None = None, scope: backends.Scope = backends.PUBLIC
) -> ParsedQuery:
    """A query as groups of alternatives: each word in its forms in every language (or the one
    asked for), a close known word for a word the index does not know, and the concepts the
    query names in any language."""
    query = query_words(text[:MAX_QUERY_CHARS])[:MAX_QUERY_WORDS]
    parsed = _parse(query, language, correct=True, scope=scope)
    if not parsed.corrections:
        return parsed
    # Search the corrected words as if they had been typed: all their forms and concepts.
    fixed = [parsed.corrections.get(word, word) for word in query]
    again = _parse(fixed, language, correct=False, scope=scope)
    again.corrections = parsed.corrections
    return again


def _parse(
    query: list[str], language: str | None, *, correct: bool, scope: backends.Scope
) -> ParsedQuery:
    if not query:
        return ParsedQuery([], set(), set(), {})
    languages = (language,) if language in LANGUAGES else LANGUAGES
    table = concepts()
    forms = {word: variants(word, LANGUAGES) for word in query}
    known = (
        set(
            SearchTerm.objects.filter(
                term__in={form for word_forms in forms.values() for form in word_forms}
            ).values_list("term", flat=True)
        )
        if correct
        else set()
    )
    # Concepts named by a span of the query, in any language (the longest spans first).
    spans: list[tuple[int, int, str]] = []
    for concept_language in LANGUAGES:
        stems = [stem(word, concept_language) for word in query]
        spans += table.find(stems, concept_language)
    spans.sort(key=lambda span: (span[0] - span[1], span[0]))
    covered: dict[int, list[str]] = {}
    for start, end, token in spans:
        for position in range(start, end):
            covered.setdefault(position, []).append(token)
    corrections: dict[str, str] = {}
    groups: list[list[str]] = []
    stems_seen: set[str] = set()
    prefixes: set[str] = set()
    for position, word in enumerate(query):
        alternatives = [stem(word, lang) for lang in languages] + [word]
        alternatives = list(dict.fromkeys(alternatives))
        if (
            correct
            and position not in covered
            and not (set(alternatives) & known)
            # a word the reader can find is not a typo; whether hidden content holds it
            # never changes the answer
            and not backends.index().match([alternatives], 1, scope)
        ):
            fixed = _closest(word)
            if fixed:
                corrections[word] = fixed
        if len(word) >= 6:
            alternatives += [f"{form}*" for form in alternatives if len(form) >= 5]
        alternatives += covered.get(position, [])
        stems_seen.update(a for a in alternatives if not a.endswith("*"))
        prefixes.update(a[:-1] for a in alternatives if a.endswith("*"))
        groups.append(list(dict.fromkeys(alternatives)))
    return ParsedQuery(_merge_concept_groups(groups, covered), stems_seen, prefixes, corrections)


def _merge_concept_groups(
    groups: list[list[str]], covered: dict[int, list[str]]
) -> list[list[str]]:
    """Words that together name a concept form one group: the concept or any of its words."""
    merged: list[list[str]] = []
    previous_tokens: list[str] = []
    for position, group in enumerate(groups):
        tokens = covered.get(position, [])
        if tokens and merged and set(tokens) & set(previous_tokens):
            merged[-1] = list(dict.fromkeys(merged[-1] + group))
        else:
            merged.append(group)
        previous_tokens = tokens
    return merged


def _closest(word: str) -> str:
    """The known word (as written in public content) closest to ``word``, or ""."""
    limit = allowed_errors(word)
    if not limit:
        return ""
    candidates = SearchTerm.objects.filter(
        word__startswith=word[0], length__gte=len(word) - limit, length__lte=len(word) + limit
    ).values_list("word", "entries")
    best: tuple[int, int, str] | None = None
    for known, entries in candidates:
        found = distance(word, known, limit)
        if found <= limit and (best is None or (found, -entries) < (best[0], best[1])):
            best = (found, -entries, known)
    return best[2] if best else ""


@dataclass
class Hit:
    entry: SearchEntry
    obj: Any
    title: str
    title_language: str
    snippet: SafeString
    snippet_language: str
    kind_label: str


@dataclass
class Results:
    query: str
    hits: list[Hit]
    total: int
    facets: dict[str, list[tuple[str, int]]]
    corrections: dict[str, str]
    any_words: bool  # no result had every word: results with some of them


# Who may see what is the apps' knowledge: the app that decides the visibility of content
# (everyone, the Forum's members, one network) registers the reader's scope.
_scope_provider: Callable[[Any], backends.Scope] | None = None


def register_scope(provider: Callable[[Any], backends.Scope]) -> None:
    """Tell the search what a reader may find (called from the deciding app's ``ready()``)."""
    global _scope_provider  # one provider for the process, set at start
    _scope_provider = provider


def scope_of(user: Any) -> backends.Scope:
    """What ``user`` may find, for the index's own filtering (the rule of ``visible_to``);
    public entries only until an app registers the rule."""
    return _scope_provider(user) if _scope_provider is not None else backends.Scope()


def visible_to(user: Any) -> Q:
    """The index entries ``user`` may see, as an ORM filter (the same rule as ``scope_of``)."""
    scope = scope_of(user)
    if scope.everything:
        return Q()
    allowed = Q(visibility="public")
    if scope.members:
        allowed |= Q(visibility="members")
    if scope.networks:
        allowed |= Q(visibility="network", network_id__in=scope.networks)
    return allowed


FACETS = ("kind", "language", "region", "evidence", "pillars", "year")


def search(
    text: str,
    *,
    user: Any,
    language: str | None = None,
    filters: dict[str, str] | None = None,
    order: str = "relevance",
    offset: int = 0,
    limit: int = 20,
    display_language: str = "en",
) -> Results:
    """Search what ``user`` may see; ``filters`` narrow by the facets' values."""
    scope = scope_of(user)
    parsed = parse(text, language, scope)
    empty = Results(text, [], 0, {}, parsed.corrections, False)
    if not parsed.groups:
        return empty
    index = backends.index()
    matches = index.match(parsed.groups, MAX_MATCHES, scope)
    any_words = False
    if not matches and len(parsed.groups) > 1:
        anything = [[alt for group in parsed.groups for alt in group]]
        matches = index.match(anything, MAX_MATCHES, scope)
        any_words = bool(matches)
    if not matches:
        return empty
    scores = dict(matches)
    entries = list(
        SearchEntry.objects.filter(pk__in=list(scores))
        .filter(visible_to(user))
        .only("pk", "kind", "object_id", "language", "title", "url", "date", *FACETS)
    )
    facets = _facets(entries)
    for name, value in (filters or {}).items():
        if not value or name not in FACETS:
            continue
        if name == "pillars":
            entries = [e for e in entries if value in e.pillars.split()]
        else:
            entries = [e for e in entries if str(getattr(e, name) or "") == value]
    if order == "date":
        entries.sort(key=lambda e: (e.date is not None, e.date, scores[e.pk]), reverse=True)
    else:
        entries.sort(key=lambda e: (scores[e.pk], -e.pk), reverse=True)
    page = entries[offset : offset + limit]
    hits = _hits(page, parsed, display_language)
    return Results(text, hits, len(entries), facets, parsed.corrections, any_words)


def _facets(entries: Sequence[SearchEntry]) -> dict[str, list[tuple[str, int]]]:
    counted: dict[str, Counter[str]] = {name: Counter() for name in FACETS}
    for entry in entries:
        for name in FACETS:
            value = getattr(entry, name)
            if name == "pillars":
                counted[name].update(value.split())
            elif value not in (None, ""):
                counted[name][str(value)] += 1
    return {
        name: sorted(counter.items(), key=lambda item: (-item[1], item[0]))
        for name, counter in counted.items()
    }


def _hits(page: Sequence[SearchEntry], parsed: ParsedQuery, language: str) -> list[Hit]:
    by_kind: dict[str, list[int]] = {}
    for entry in page:
        by_kind.setdefault(entry.kind, []).append(entry.object_id)
    objects = {kind: INDEXERS[kind].fetch(ids) for kind, ids in by_kind.items()}
    hits = []
    for entry in page:
        obj = objects[entry.kind].get(entry.object_id)
        if obj is None:
            continue
        indexer = INDEXERS[entry.kind]
        text, text_language = indexer.snippet(obj, language)
        title = getattr(obj, "display_title", None) or str(obj)
        title_language = getattr(obj, "display_title_language", "") or entry.language
        hits.append(
            Hit(
                entry=entry,
                obj=obj,
                title=title,
                title_language=title_language,
                snippet=highlight(text, parsed),
                snippet_language=text_language,
                kind_label=indexer.label(),
            )
        )
    return hits


SENTENCE = re.compile(r"(?<=[.!?])\s+")
WORD_SPAN = re.compile(r"\w+", re.UNICODE)


def _matches(word: str, parsed: ParsedQuery) -> bool:
    folded = words(word)
    if not folded:
        return False
    form = folded[0]
    if form in parsed.stems or any(form.startswith(p) for p in parsed.prefixes):
        return True
    return any(stem(form, language) in parsed.stems for language in LANGUAGES)


def highlight(text: str, parsed: ParsedQuery, *, width: int = 260) -> SafeString:
    """The passage of ``text`` that best matches the query, with the matching words marked."""
    if not text:
        return SafeString("")
    sentences = [s for s in SENTENCE.split(text) if s.strip()] or [text]
    scored = [
        (sum(_matches(m.group(), parsed) for m in WORD_SPAN.finditer(s)), -i, s)
        for i, s in enumerate(sentences)
    ]
    best = max(scored)[2] if scored else text
    if len(best) > width:
        spans = WORD_SPAN.finditer(best)
        first = next((m.start() for m in spans if _matches(m.group(), parsed)), 0)
        start = max(0, min(first - width // 3, len(best) - width))
        best = ("…" if start else "") + best[start : start + width].strip() + "…"
    pieces: list[str] = []
    last = 0
    for match in WORD_SPAN.finditer(best):
        pieces.append(html.escape(best[last : match.start()]))
        word = html.escape(match.group())
        pieces.append(f"<mark>{word}</mark>" if _matches(match.group(), parsed) else word)
        last = match.end()
    pieces.append(html.escape(best[last:]))
    return mark_safe("".join(pieces))  # noqa: S308 (every piece is escaped above)
