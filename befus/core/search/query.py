"""A query and its results: words in every language's forms, concepts named in any language,
close known words for typos, the reader's scope, ranking, facets and hits."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString

from befus.core.models import SearchEntry, SearchTerm
from befus.core.search import backends
from befus.core.search.concepts import concepts
from befus.core.search.highlight import highlight
from befus.core.search.registry import (
    INDEXERS,
    MAX_MATCHES,
    MAX_QUERY_CHARS,
    MAX_QUERY_WORDS,
    scope_of,
    visible_to,
)
from befus.core.search.text import LANGUAGES, query_words, stem, variants
from befus.core.search.typos import allowed_errors, distance

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
