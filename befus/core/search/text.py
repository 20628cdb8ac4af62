"""Turning text into the tokens the index stores and the queries look for."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import snowballstemmer

STEMMERS = {"nl": "dutch", "fr": "french", "en": "english"}
LANGUAGES = tuple(STEMMERS)


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOP_WORDS = {
    "nl": _set(
        "de het een en van in op te voor met aan is zijn dat die dit deze er als om bij of ook "
        "door naar uit over tot maar niet wordt worden werd zo hun haar hij zij we wij ze u je "
        "al nog meer dan wat wie waar hoe kan zal moet na onder tegen via per"
    ),
    "fr": _set(
        "le la les l de des du d un une et en a au aux pour dans sur par avec est sont qui que "
        "qu ce cette ces se sa son ses leur leurs il elle ils elles on nous vous ne pas plus ou "
        "mais comme ont ete etre fait faire entre lors sans sous chez y"
    ),
    "en": _set(
        "the a an and of in on for to with by is are was were be been that this these those it "
        "its as at or from into about their they them we you he she not no but if than then so "
        "which who what how has have had do does did can will would should via per"
    ),
}
ALL_STOP_WORDS = frozenset().union(*STOP_WORDS.values())

WORD = re.compile(r"[0-9a-z]+")


def fold(text: str) -> str:
    """Lower case, accents removed (é → e, ë → e, ç → c), ligatures opened (œ → oe)."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order (no stop-word removal, no stemming)."""
    return WORD.findall(fold(text))


@cache
def _stemmer(language: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(STEMMERS[language])


@cache
def stem(word: str, language: str) -> str:
    if word.isdigit() or len(word) < 3:
        return word
    return str(_stemmer(language).stemWord(word))


def analyse(text: str, language: str) -> list[str]:
    """The index tokens of ``text`` written in ``language``: folded, stop words out, stemmed."""
    stops = STOP_WORDS.get(language, ALL_STOP_WORDS)
    return [stem(word, language) for word in words(text) if word not in stops]


def query_words(text: str) -> list[str]:
    """The meaningful words of a query, whatever its language: stop words of all three out."""
    found = [word for word in words(text) if word not in ALL_STOP_WORDS]
    return found or words(text)


def variants(word: str, languages: tuple[str, ...] = LANGUAGES) -> list[str]:
    """The forms a query word may take in the index: its stems in each language."""
    seen: list[str] = []
    for language in languages:
        form = stem(word, language)
        if form not in seen:
            seen.append(form)
    if word not in seen:
        seen.append(word)
    return seen
