"""The demo's knowledge base: the 105 real practices shipped with the package, and a few
recommendations and publications of the Forum (invented, marked as such by the demo banner)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from befus.core.search.engine import rebuild
from befus.demo.people import DEMO_DOMAIN
from befus.knowledge.models import Practice, Publication, Recommendation, Topic, TranslationProposal
from befus.knowledge.services import SHIPPED_PRACTICES, import_practices

RECOMMENDATIONS = [
    (
        "administrative-sanctions",
        "memorandum",
        "Memorandum 2024",
        dt.date(2024, 3, 1),
        True,
        "nl",
        "Maak van GAS-bemiddeling de standaard voor minderjarigen en evalueer ze jaarlijks.",
    ),
    (
        "school-dropout",
        "colloquium",
        "Colloquium 2025",
        dt.date(2025, 10, 15),
        True,
        "fr",
        "Associer les écoles, les CPAS et les services de prévention dans un plan local "
        "d'accrochage scolaire.",
    ),
    (
        "nightlife",
        "workshop",
        "Atelier d'intelligence collective 2025",
        dt.date(2025, 6, 12),
        True,
        "fr",
        "Former le personnel des établissements de nuit à reconnaître et arrêter le "
        "harcèlement sexuel.",
    ),
    (
        "radicalisation",
        "memorandum",
        "Memorandum 2019",
        dt.date(2019, 5, 1),
        False,
        "nl",
        "Richt in elke stad een lokale integrale veiligheidscel radicalisering op.",
    ),
]

PUBLICATIONS = [
    ("Memorandum 2024 – Lokale veiligheid", "memorandum", 2024, "nl", "nl, fr", ["local-strategy"]),
    (
        "Actes du colloque 2025",
        "proceedings",
        2025,
        "fr",
        "fr, nl",
        ["inclusion", "school-support"],
    ),
    (
        "Guide: mediation in municipal administrative sanctions",
        "guide",
        2023,
        "en",
        "en, fr, nl",
        ["administrative-sanctions"],
    ),
]


# A French translation of a Ghent practice, proposed by Karim (Charleroi) and waiting for review:
# the secretariat finds it in its review queue; readers see the Dutch text until it is accepted.
PROPOSED_TRANSLATION = (
    "p005",
    "professional",
    "fr",
    {
        "title": "Gand engage ses propres travailleurs de rue pour les jeunes",
        "summary": "Depuis septembre 2020, la Ville de Gand investit elle-même dans des "
        "travailleurs de rue qui vont uniquement à la rencontre de jeunes vulnérables et isolés "
        "de 12 à 26 ans.",
    },
)


def load_knowledge(users: dict[str, Any]) -> dict[str, int]:
    report = import_practices(lines=SHIPPED_PRACTICES.read_text(encoding="utf-8").splitlines())
    topics = {t.slug: t for t in Topic.objects.all()}
    for slug, source, name, issued, priority, language, text in RECOMMENDATIONS:
        Recommendation.objects.create(
            topic=topics[slug],
            source=source,
            source_name=name,
            issued_on=issued,
            is_priority=priority,
            original_language=language,
            **{"text": text, f"text_{language}": text},
        )
    for title, kind, year, language, languages, slugs in PUBLICATIONS:
        publication = Publication.objects.create(
            kind=kind,
            year=year,
            original_language=language,
            languages=languages,
            authors="BeFUS",
            **{"title": title, f"title_{language}": title},
        )
        publication.topics.set([topics[s] for s in slugs])
    _propose_translation(users)
    rebuild()  # everything the demo made, indexed once
    return {"practices": report.created + report.updated + report.unchanged}


def _propose_translation(users: dict[str, Any]) -> None:
    ref, account, language, texts = PROPOSED_TRANSLATION
    practice = Practice.objects.filter(ref=ref).first()
    person = users.get(f"{account}@{DEMO_DOMAIN}")
    if practice is not None and person is not None:
        TranslationProposal.objects.create(
            practice=practice, language=language, texts=texts, proposed_by=person
        )
