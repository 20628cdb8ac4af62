"""The snippet of a hit: the sentences that hold the query's words, with them marked."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from django.utils.safestring import SafeString, mark_safe

from befus.core.search.text import LANGUAGES, stem, words

if TYPE_CHECKING:
    from befus.core.search.query import ParsedQuery


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
