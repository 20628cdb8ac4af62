"""What the generator's parts share: the targets per scale, the words names are made of, the
corpus of shipped sentences, bulk inserts and the world of organisations being built."""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

BATCH = 1000
BENCH_DOMAIN = "bench.befus.example"

# What scale 1 holds (the "BeFUS today"); the demo's own rows count towards it.
TARGETS = {
    "organisations": 100,
    "users": 3000,
    "networks": 30,
    "practices": 5000,
    "recommendations": 500,
    "publications": 300,
    "requests": 2000,
}

ROOTS = [
    "Aal", "Beer", "Berg", "Bree", "Dal", "Dender", "Eke", "Gaver", "Geel", "Haver", "Heide",
    "Hoog", "Kalm", "Kessel", "Lede", "Linde", "Loon", "Meer", "Moer", "Ooster", "Ravel",
    "Rode", "Ronse", "Schelle", "Steen", "Tiel", "Veld", "Vliet", "Wes", "Zand", "Ander",
    "Aubel", "Braine", "Chaud", "Ciney", "Durb", "Esneux", "Floreff", "Gedin", "Hamois",
    "Jalh", "Lessin", "Marche", "Neuf", "Ottign", "Perw", "Quiev", "Rochef", "Sprim", "Tinl",
    "Verv", "Wanz", "Yvoir", "Lyon", "Turin", "Braga", "Gdan", "Lille", "Porto", "Rijek",
]  # fmt: skip
ENDINGS = {
    "nl": ["dijk", "hout", "kerke", "gem", "dorp", "broek", "hoven", "mont", "zele", "stad"],
    "fr": ["ville", "court", "mont", "sart", "fontaine", "ry", "champs", "val", "ois", "bourg"],
    "en": ["ford", "ton", "bury", "field", "ham", "wick", "by", "stead", "worth", "port"],
}
FIRST = [
    "An", "Bart", "Els", "Pieter", "Lies", "Tom", "Katrien", "Wim", "Sara", "Jan", "Inge",
    "Marie", "Pierre", "Sophie", "Luc", "Isabelle", "Michel", "Nadia", "Julien", "Karim",
    "Samira", "Amina", "Youssef", "Chloé", "Fatima", "Mohamed", "Ruben", "Lotte", "Anna",
    "Marco", "Giulia", "Pablo", "Lucía", "Joanna", "Piotr", "Emma", "Liam", "Noah", "Mila",
]  # fmt: skip
LAST = [
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens",
    "Dubois", "Lambert", "Dupont", "Martin", "Simon", "Laurent", "Leclercq", "Renard",
    "El Amrani", "Benali", "Bouzid", "Rossi", "Bianchi", "García", "López", "Nowak",
    "Kowalski", "Smith", "Jones", "Müller", "Schmidt", "Silva", "Costa", "Yilmaz", "Demir",
]  # fmt: skip
JOBS = [
    ("prevention_official", 18), ("community_guard", 30), ("street_worker", 25),
    ("gas_mediator", 10), ("strategic_coordinator", 12), ("social_cohesion_officer", 14),
    ("neighbourhood_mediator", 10), ("drug_coordinator", 6), ("internal_evaluator", 6),
    ("technoprevention_advisor", 6), ("school_dropout_worker", 8), ("radicalisation_officer", 5),
    ("administrative_officer", 8),
]  # fmt: skip
NETWORK_NAMES = {
    "nl": ["Netwerk {}", "Lerend netwerk {}", "Werkgroep {}"],
    "fr": ["Réseau {}", "Réseau d'échange {}", "Groupe de travail {}"],
    "en": ["Network on {}", "Learning network on {}", "Working group on {}"],
}
SENTENCE = re.compile(r"(?<=[.!?])\s+")


@dataclass
class Corpus:
    """Texts of the shipped practices, by language, to recombine into plausible new ones."""

    titles: dict[str, list[str]]
    summaries: dict[str, list[str]]
    sentences: dict[str, list[str]]
    evaluations: dict[str, list[str]]
    topics: dict[str, list[list[int]]]
    keywords: dict[str, list[str]]

    def text(self, rng: random.Random, language: str, count: int) -> str:
        return " ".join(rng.choice(self.sentences[language]) for _ in range(count))


def _bulk(model: Any, rows: Sequence[Any]) -> list[Any]:
    """Insert in batches; the rows come back with their ids (PostgreSQL, SQLite 3.35 and newer)."""
    created: list[Any] = []
    for start in range(0, len(rows), BATCH):
        created += model.objects.bulk_create(rows[start : start + BATCH])
    if created and created[0].pk is None:
        raise RuntimeError("The database does not return the ids of inserted rows.")
    return created


def _weighted(rng: random.Random, pairs: Sequence[tuple[str, int]]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _token(rng: random.Random) -> str:
    return f"{rng.getrandbits(128):032x}"[:24]


@dataclass
class World:
    cities: list[Any]  # current member organisations
    people: list[Any]  # professionals with a profile at a member city
    today: dt.date
    now: dt.datetime
