"""The concepts of the field across languages (the thematic tree's labels and synonyms, the
glossary): a table each process builds once and rebuilds when a concept changes."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache

from befus.core.search.registry import CONCEPT_PROVIDERS, CONCEPTS_VERSION_KEY, TOPIC_ANCESTRY
from befus.core.search.text import LANGUAGES, analyse

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
