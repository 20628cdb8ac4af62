"""Practices in nl/fr/en in every status and visibility, with evaluations, adoptions and
translations; recommendations and publications."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.utils.text import slugify

from befus.demo.bench._common import BENCH_DOMAIN, FIRST, LAST, Corpus, World, _bulk, _weighted
from befus.knowledge.choices import (
    EvidenceKind,
    PracticeStatus,
    PublicationKind,
    RecommendationSource,
    Visibility,
)
from befus.knowledge.models import (
    Adoption,
    Evaluation,
    Practice,
    Publication,
    Recommendation,
    Topic,
)
from befus.networks.models import Network


def add_practices(rng: random.Random, target: int, world: World, corpus: Corpus) -> None:
    networks = list(Network.objects.filter(status="recognised").order_by("pk"))
    start = Practice.objects.count()
    missing = max(0, target - start)
    languages = [("nl", 40), ("fr", 40), ("en", 20)]
    rows: list[Practice] = []
    plans = []
    for n in range(missing):
        language = _weighted(rng, languages)
        pick = rng.randrange(len(corpus.titles[language]))
        city = rng.choice(world.cities)
        city_name = getattr(city, f"name_{language}") or str(city)
        status = _weighted(
            rng,
            [("published", 88), ("draft", 4), ("submitted", 3), ("in_review", 2),
             ("archived", 3)],
        )  # fmt: skip
        visibility = _weighted(rng, [("public", 80), ("members", 15), ("network", 5)])
        network = rng.choice(networks) if visibility == Visibility.NETWORK else None
        author = rng.choice(world.people)
        title = f"{corpus.titles[language][pick]} – {city_name}"[:250]
        values: dict[str, Any] = {
            f"title_{language}": title,
            f"summary_{language}": corpus.summaries[language][pick],
            f"problem_{language}": corpus.text(rng, language, 2),
            f"objectives_{language}": corpus.text(rng, language, 1),
            f"approach_{language}": corpus.text(rng, language, 5),
            f"results_{language}": corpus.text(rng, language, 2),
        }
        translations: dict[str, Any] = {}
        if rng.random() < 0.2:  # a colleague translated title and summary
            other = rng.choice([code for code in ("nl", "fr", "en") if code != language])
            other_pick = rng.randrange(len(corpus.titles[other]))
            values[f"title_{other}"] = f"{corpus.titles[other][other_pick]} – {city_name}"[:250]
            values[f"summary_{other}"] = corpus.summaries[other][other_pick]
            translations[other] = {"by": rng.choice(world.people).pk}
        published = world.now - dt.timedelta(days=rng.randint(1, 3000), hours=rng.randint(0, 23))
        year = rng.randint(2005, 2026)
        rows.append(
            Practice(
                slug=f"{slugify(title)[:70]}-b{start + n}",
                original_language=language,
                translations=translations,
                places=city_name,
                keywords="\n".join(rng.sample(corpus.keywords[language], 3)),
                year_start=year,
                year_end=year + rng.randint(0, 4) if rng.random() < 0.5 else None,
                cost=Decimal(rng.randrange(5, 500) * 1000) if rng.random() < 0.6 else None,
                staff=Decimal(rng.randrange(5, 80)) / 10 if rng.random() < 0.6 else None,
                contact=author,
                visibility=visibility,
                network=network,
                status=status,
                author=author,
                submitted_at=published if status != PracticeStatus.DRAFT else None,
                published_at=published if status in ("published", "archived") else None,
                **values,
            )
        )
        plans.append((language, corpus.topics[language][pick], city, author))
    created = _bulk(Practice, rows)
    topics, places, evaluations, adoptions = [], [], [], []
    evidence = [("none", 40), ("monitoring", 30), ("internal", 15), ("external", 10),
                ("comparison", 5)]  # fmt: skip
    maryland = {"none": 0, "monitoring": 1, "internal": 2, "external": 3, "comparison": 4}
    for practice, (language, topic_ids, city, author) in zip(created, plans, strict=True):
        topics += [Practice.topics.through(practice_id=practice.pk, topic_id=t) for t in topic_ids]
        places.append(Practice.organisations.through(practice_id=practice.pk, organisation=city))
        if rng.random() < 0.6:
            for version in range(1, 2 + (rng.random() < 0.25)):
                kind = _weighted(rng, evidence)
                evaluations.append(
                    Evaluation(
                        practice=practice,
                        version=version,
                        language=language,
                        what_worked=rng.choice(corpus.evaluations[language]),
                        what_did_not=corpus.text(rng, language, 1),
                        would_change=corpus.text(rng, language, 1),
                        transfer_conditions=corpus.text(rng, language, 1),
                        evidence=EvidenceKind(kind),
                        maryland_level=maryland[kind],
                        written_by=author,
                        evaluated_on=world.today - dt.timedelta(days=rng.randint(30, 2000)),
                    )
                )
        if rng.random() < 0.1:
            for adopter in rng.sample(world.cities, rng.randint(1, 3)):
                if adopter.pk != city.pk:
                    adoptions.append(
                        Adoption(
                            practice=practice,
                            organisation=adopter,
                            adopted_on=world.today - dt.timedelta(days=rng.randint(10, 1500)),
                            adaptations=corpus.text(rng, language, 1),
                        )
                    )
    _bulk(Practice.topics.through, topics)
    _bulk(Practice.organisations.through, places)
    _bulk(Evaluation, evaluations)
    _bulk(Adoption, adoptions)


def add_recommendations(rng: random.Random, targets: dict[str, int], corpus: Corpus) -> None:
    themes = list(Topic.objects.filter(depth__in=(2, 3)).order_by("path"))
    missing = max(0, targets["recommendations"] - Recommendation.objects.count())
    rows = []
    for _n in range(missing):
        language = rng.choice(["nl", "fr", "en"])
        year = rng.randint(2010, 2026)
        source = rng.choice(list(RecommendationSource.values))
        rows.append(
            Recommendation(
                topic=rng.choice(themes),
                original_language=language,
                source=source,
                source_name=f"{RecommendationSource(source).label} {year}",
                issued_on=dt.date(year, rng.randint(1, 12), 1),
                is_priority=rng.random() < 0.7,
                **{f"text_{language}": corpus.text(rng, language, 1)},
            )
        )
    _bulk(Recommendation, rows)
    missing = max(0, targets["publications"] - Publication.objects.count())
    publications, plans = [], []
    for n in range(missing):
        language = rng.choice(["nl", "fr", "en"])
        kind = rng.choice(list(PublicationKind.values))
        year = rng.randint(2000, 2026)
        title = f"{PublicationKind(kind).label} {year}: {rng.choice(corpus.titles[language])}"
        publications.append(
            Publication(
                original_language=language,
                year=year,
                kind=kind,
                authors=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                languages=language,
                url=f"https://{BENCH_DOMAIN}/publications/{n}",
                **{
                    f"title_{language}": title[:300],
                    f"summary_{language}": corpus.text(rng, language, 3),
                },
            )
        )
        plans.append(rng.sample(themes, 2))
    created = _bulk(Publication, publications)
    _bulk(
        Publication.topics.through,
        [
            Publication.topics.through(publication_id=p.pk, topic_id=t.pk)
            for p, chosen in zip(created, plans, strict=True)
            for t in chosen
        ],
    )
