"""What the apps register with the search: indexers per kind of content, concept providers,
the reader's scope; and the limits of a query."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.core.cache import cache
from django.db.models import Q

from befus.core.search import backends

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
