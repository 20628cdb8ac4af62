"""Indexing and searching, one name for the search's parts: what apps register (``registry``),
the concepts across languages (``concepts``), writing the index (``indexing``), a query and its
results (``query``), the highlighted snippets (``highlight``).

Apps register an :class:`Indexer` per kind of content (``register``), concept providers
(``register_concepts``) and the reader's scope (``register_scope``). Services call
:func:`index_objects` / :func:`remove_objects` after their writes; ``befus manage
rebuild_search_index`` rebuilds everything.
"""

from befus.core.search.concepts import (
    PARENTHESES,
    Concepts,
    concepts,
)
from befus.core.search.highlight import (
    SENTENCE,
    WORD_SPAN,
    highlight,
)
from befus.core.search.indexing import (
    index_objects,
    rebuild,
    remove_objects,
)
from befus.core.search.query import (
    FACETS,
    Hit,
    ParsedQuery,
    Results,
    parse,
    search,
)
from befus.core.search.registry import (
    CONCEPT_PROVIDERS,
    CONCEPTS_VERSION_KEY,
    INDEXERS,
    MAX_MATCHES,
    MAX_QUERY_CHARS,
    MAX_QUERY_WORDS,
    TOPIC_ANCESTRY,
    Document,
    Indexer,
    concepts_changed,
    register,
    register_concepts,
    register_scope,
    scope_of,
    visible_to,
)

__all__ = [
    "CONCEPTS_VERSION_KEY",
    "CONCEPT_PROVIDERS",
    "FACETS",
    "INDEXERS",
    "MAX_MATCHES",
    "MAX_QUERY_CHARS",
    "MAX_QUERY_WORDS",
    "PARENTHESES",
    "SENTENCE",
    "TOPIC_ANCESTRY",
    "WORD_SPAN",
    "Concepts",
    "Document",
    "Hit",
    "Indexer",
    "ParsedQuery",
    "Results",
    "concepts",
    "concepts_changed",
    "highlight",
    "index_objects",
    "parse",
    "rebuild",
    "register",
    "register_concepts",
    "register_scope",
    "remove_objects",
    "scope_of",
    "search",
    "visible_to",
]
