"""A synthetic platform for the benchmark: the demo, grown to a given scale, the same every time.

``generate(scale, seed)`` starts from the demo (``befus.demo.load_demo``: the real
municipalities, the demo accounts, the tree, the 105 shipped practices) and adds rows in bulk
until the platform has, at scale 1, what BeFUS has today:

=====================  ========  ==============================================================
organisations               100  synthetic municipalities beyond the shipped Belgian ones
people                    3,000  with profiles, verified e-mail addresses and the demo password
networks                     30  with memberships, referents, city mandates, reports, minutes
good practices            5,000  nl / fr / en, texts recombined from the shipped practices,
                                 learning evaluations, adoptions, translations, every status
recommendations             500
publications                300
requests                  2,000  in every state, with their assignments and history
=====================  ========  ==============================================================

Scale 10 is the European network (Efus). The same seed gives the same rows; dates count back
from the day of generation. The search index is built once, at the end. See bench/README.md.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.timezone import now as timezone_now

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


def scaled(scale: float) -> dict[str, int]:
    return {kind: max(1, round(count * scale)) for kind, count in TARGETS.items()}


def generate(
    scale: float = 1.0, seed: int = 2026, progress: Callable[[str], None] | None = None
) -> dict[str, Any]:
    """Fill an empty, migrated database. Returns the counts and the seconds each step took."""
    from befus.accounts.models import User
    from befus.core.search.engine import rebuild
    from befus.demo.loader import load_demo
    from befus.members.models import Organisation

    if User.objects.exists() or Organisation.objects.exists():
        raise RuntimeError("The database already holds data: generate into an empty one.")
    say = progress or (lambda _message: None)
    rng = random.Random(seed)
    targets = scaled(scale)
    timings: dict[str, float] = {}

    def step(name: str, work: Callable[[], Any]) -> Any:
        started = time.perf_counter()
        result = work()
        timings[name] = round(time.perf_counter() - started, 2)
        say(f"{name}: {timings[name]:.1f} s")
        return result

    with transaction.atomic():
        step("demo", load_demo)
        world = step("organisations", lambda: _organisations(rng, targets["organisations"]))
        step("people", lambda: _people(rng, targets["users"], world))
        corpus = _corpus()
        step("networks", lambda: _networks(rng, targets["networks"], world, corpus))
        step("practices", lambda: _practices(rng, targets["practices"], world, corpus))
        step("recommendations", lambda: _recommendations(rng, targets, corpus))
        step("requests", lambda: _requests(rng, targets["requests"], world, corpus))
    step("search index", rebuild)
    step("statistics", _analyse)
    return {"scale": scale, "seed": seed, "counts": counts(), "seconds": timings}


def _analyse() -> None:
    """Fresh planner statistics, as a database in use has (PostgreSQL; SQLite's own ANALYZE)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def counts() -> dict[str, int]:
    from befus.accounts.models import User
    from befus.core.models import SearchEntry
    from befus.interpellations.models import Interpellation
    from befus.knowledge.models import Evaluation, Practice, Publication, Recommendation
    from befus.members.models import Organisation
    from befus.networks.models import ActivityReport, Meeting, Network, NetworkMembership

    return {
        "organisations": Organisation.objects.count(),
        "users": User.objects.count(),
        "networks": Network.objects.count(),
        "network memberships": NetworkMembership.objects.count(),
        "reports": ActivityReport.objects.count(),
        "meetings": Meeting.objects.count(),
        "practices": Practice.objects.count(),
        "evaluations": Evaluation.objects.count(),
        "recommendations": Recommendation.objects.count(),
        "publications": Publication.objects.count(),
        "requests": Interpellation.objects.count(),
        "search entries": SearchEntry.objects.count(),
    }


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


def _organisations(rng: random.Random, target: int) -> World:
    from befus.members.choices import OrganisationKind
    from befus.members.models import Membership, Organisation

    missing = target - Organisation.objects.count()
    rows = []
    taken = set(Organisation.objects.values_list("slug", flat=True))
    for n in range(max(0, missing)):
        language = rng.choice(["nl", "fr", "nl", "fr", "en"])
        name = f"{rng.choice(ROOTS)}{rng.choice(ENDINGS[language])}"
        slug = slugify(name)
        if slug in taken:
            slug = f"{slug}-{n}"
        taken.add(slug)
        rows.append(
            Organisation(
                kind=OrganisationKind.MUNICIPALITY,
                slug=slug,
                original_language=language,
                languages=[language],
                **{f"name_{language}": name},
            )
        )
    created = _bulk(Organisation, rows)
    _bulk(
        Membership,
        [
            Membership(organisation=o, start=dt.date(2000 + rng.randrange(26), 1, 1))
            for o in created
        ],
    )
    members = list(
        Organisation.objects.filter(
            memberships__end__isnull=True, kind=OrganisationKind.MUNICIPALITY
        )
        .distinct()
        .order_by("pk")
    )
    return World(cities=members, people=[], today=timezone_now().date(), now=timezone_now())


def _people(rng: random.Random, target: int, world: World) -> None:
    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.contrib.auth.hashers import make_password

    from befus.accounts.models import Profile, User
    from befus.members.choices import ContactRole
    from befus.members.models import Contact

    password = make_password(settings.BEFUS_DEMO_PASSWORD)  # hashed once, shared
    missing = max(0, target - User.objects.count())
    joined = dt.datetime(2024, 1, 15, 9, 0, tzinfo=dt.UTC)
    users = []
    for n in range(missing):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        local = slugify(f"{first}.{last}").replace("-", ".")
        users.append(
            User(
                email=f"{local}.{n}@{BENCH_DOMAIN}",
                first_name=first,
                last_name=last,
                password=password,
                date_joined=joined,
            )
        )
    created = _bulk(User, users)
    _bulk(
        EmailAddress,
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in created],
    )
    mayors = set(
        Contact.objects.filter(role=ContactRole.MAYOR).values_list("organisation_id", flat=True)
    )
    unmayored = [city for city in world.cities if city.pk not in mayors]
    profiles, contacts = [], []
    for index, user in enumerate(created):
        city = unmayored[index] if index < len(unmayored) else rng.choice(world.cities)
        job = "elected_official" if index < len(unmayored) else _weighted(rng, JOBS)
        language = city.original_language if city.original_language in ("nl", "fr") else "en"
        profiles.append(
            Profile(
                user=user,
                organisation=city,
                job_function=job,
                preferred_language=language,
                languages=[language],
                in_directory=rng.random() < 0.6,
                # Nearly everyone confirmed by their city; a few wait, as on a real platform.
                affiliation_status="pending" if rng.random() < 0.03 else "confirmed",
                affiliation_method="contact",
            )
        )
        if index < len(unmayored):
            contacts.append(
                Contact(
                    organisation=city,
                    role=ContactRole.MAYOR,
                    person=user,
                    start=dt.date(2024, 12, 2),
                )
            )
    _bulk(Profile, profiles)
    _bulk(Contact, contacts)
    world.people = [
        profile.user
        for profile in Profile.objects.filter(organisation__in=world.cities)
        .exclude(job_function__in=["elected_official", "secretariat"])
        .select_related("user")
        .order_by("user_id")
    ]
    for person in world.people:
        person.organisation_id = person.profile.organisation_id


def _corpus() -> Corpus:
    from befus.knowledge.models import Practice

    corpus = Corpus({}, {}, {}, {}, {}, {})
    for language in ("nl", "fr", "en"):
        for name in ("titles", "summaries", "sentences", "evaluations", "topics", "keywords"):
            getattr(corpus, name)[language] = []
    for practice in Practice.objects.prefetch_related("topics", "evaluations").order_by("pk"):
        language = practice.original_language
        corpus.titles[language].append(getattr(practice, f"title_{language}"))
        corpus.summaries[language].append(getattr(practice, f"summary_{language}"))
        approach = getattr(practice, f"approach_{language}") or ""
        corpus.sentences[language] += [s for s in SENTENCE.split(approach) if len(s) > 30]
        corpus.evaluations[language] += [e.what_worked for e in practice.evaluations.all()]
        corpus.topics[language].append([t.pk for t in practice.topics.all()])
        corpus.keywords[language] += practice.lines("keywords")
    return corpus


def _networks(rng: random.Random, target: int, world: World, corpus: Corpus) -> None:
    from befus.knowledge.models import Topic
    from befus.networks.choices import MemberRole, MembershipStatus, NetworkStatus, Scope
    from befus.networks.models import (
        ActivityReport,
        CityMandate,
        Meeting,
        Network,
        NetworkMembership,
    )
    from befus.networks.selectors import current_charter

    charter = current_charter()
    themes = list(Topic.objects.filter(depth__in=(2, 3)).order_by("path"))
    missing = max(0, target - Network.objects.count())
    networks = []
    chosen_topics = []
    for n in range(missing):
        language = rng.choice(["nl", "fr", "en"])
        topic = rng.choice(themes)
        referent = rng.choice(world.people)
        status = _weighted(
            rng,
            [("recognised", 80), ("proposed", 6), ("under_review", 6), ("suspended", 4),
             ("dissolved", 4)],
        )  # fmt: skip
        name = rng.choice(NETWORK_NAMES[language]).format(
            getattr(topic, f"name_{language}") or topic.name_nl
        )
        networks.append(
            Network(
                slug=f"{slugify(name)[:60]}-{n + 1}",
                original_language=language,
                scope=rng.choice([Scope.LOCAL, Scope.REGIONAL, Scope.NATIONAL]),
                status=status,
                themes="\n".join(rng.sample(corpus.keywords[language], 3)),
                working_method=corpus.text(rng, language, 1),
                proposed_by=referent,
                charter=charter,
                charter_accepted_by=referent,
                charter_accepted_at=world.now - dt.timedelta(days=rng.randint(100, 1500)),
                decision_body="board" if status != "proposed" else "",
                decision_date=world.today - dt.timedelta(days=rng.randint(60, 1400)),
                **{f"name_{language}": name, f"purpose_{language}": corpus.text(rng, language, 3)},
            )
        )
        chosen_topics.append((topic, referent))
    created = _bulk(Network, networks)
    links, memberships, mandates, reports, meetings = [], [], [], [], []
    for network, (topic, referent) in zip(created, chosen_topics, strict=True):
        links.append(Network.topics.through(network_id=network.pk, topic_id=topic.pk))
        active = network.status in (NetworkStatus.RECOGNISED, NetworkStatus.SUSPENDED)
        language = network.original_language
        pool = [referent, *rng.sample(world.people, min(len(world.people), rng.randint(8, 60)))]
        seen: set[int] = set()
        for index, person in enumerate(pool):
            if person.pk in seen:
                continue
            seen.add(person.pk)
            state = MembershipStatus.ACTIVE if active else MembershipStatus.AWAITING_MAYOR
            if active and index and rng.random() < 0.1:
                state = MembershipStatus.AWAITING_MAYOR
            if network.status == NetworkStatus.DISSOLVED:
                state = MembershipStatus.LEFT
            memberships.append(
                NetworkMembership(
                    network=network,
                    person=person,
                    organisation_id=person.organisation_id,
                    role=MemberRole.LOCAL_REFERENT if index == 0 else MemberRole.MEMBER,
                    status=state,
                    decided_at=world.now if state != "awaiting_mayor" else None,
                )
            )
        if network.status != NetworkStatus.RECOGNISED:
            continue
        for city_id in sorted({p.organisation_id for p in pool[:12]})[: rng.randint(3, 10)]:
            mandates.append(
                CityMandate(
                    network=network,
                    organisation_id=city_id,
                    start=world.today - dt.timedelta(days=rng.randint(60, 900)),
                    scope=corpus.text(rng, language, 1),
                )
            )
        for quarter in range(rng.randint(4, 8)):
            end = world.today - dt.timedelta(days=91 * quarter + 10)
            reports.append(
                ActivityReport(
                    network=network,
                    period_start=end - dt.timedelta(days=90),
                    period_end=end,
                    summary=corpus.text(rng, language, 3),
                    results=corpus.text(rng, language, 2),
                    next_steps=corpus.text(rng, language, 1),
                    submitted_by=referent,
                )
            )
        for meeting in range(rng.randint(6, 12)):
            shared = rng.random() < 0.5
            meetings.append(
                Meeting(
                    network=network,
                    date=world.today - dt.timedelta(days=45 * meeting + rng.randint(0, 20)),
                    place=str(rng.choice(world.cities)),
                    participants="\n".join(str(p) for p in pool[:8]),
                    agenda=corpus.text(rng, language, 2),
                    minutes=corpus.text(rng, language, 6),
                    decisions=corpus.text(rng, language, 1),
                    shared_with_secretariat=shared,
                    shared_at=world.now if shared else None,
                    recorded_by=referent,
                )
            )
    Network.topics.through.objects.bulk_create(links)
    _bulk(NetworkMembership, memberships)
    _bulk(CityMandate, mandates)
    _bulk(ActivityReport, reports)
    _bulk(Meeting, meetings)


def _practices(rng: random.Random, target: int, world: World, corpus: Corpus) -> None:
    from befus.knowledge.choices import EvidenceKind, PracticeStatus, Visibility
    from befus.knowledge.models import Adoption, Evaluation, Practice
    from befus.networks.models import Network

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


def _recommendations(rng: random.Random, targets: dict[str, int], corpus: Corpus) -> None:
    from befus.knowledge.choices import PublicationKind, RecommendationSource
    from befus.knowledge.models import Publication, Recommendation, Topic

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


def _requests(rng: random.Random, target: int, world: World, corpus: Corpus) -> None:
    from befus.accounts.models import User
    from befus.core.workdays import add_working_days
    from befus.interpellations.choices import OPEN_STATES, DraftState, EntryKind, Status
    from befus.interpellations.models import Assignment, Entry, Interpellation
    from befus.networks.choices import REFERENT_ROLES
    from befus.networks.models import Network, NetworkMembership

    chairman = User.objects.get(email="chairman@befus.example")
    networks = list(Network.objects.filter(status="recognised").order_by("pk"))
    referents: dict[int, Any] = {}
    for membership in NetworkMembership.objects.filter(
        status="active", role__in=REFERENT_ROLES
    ).order_by("pk"):
        referents.setdefault(membership.network_id, membership.person_id)
    numbers: dict[int, int] = {}
    for reference in Interpellation.objects.values_list("reference", flat=True):
        year, number = reference.split("-")
        numbers[int(year)] = max(numbers.get(int(year), 0), int(number))
    missing = max(0, target - Interpellation.objects.count())
    states = [("closed", 55), ("answered", 15), ("declined", 8), ("received", 6),
              ("forwarded", 8), ("in_progress", 8)]  # fmt: skip
    kinds = [("member", 30), ("authority", 15), ("press", 15), ("research", 15), ("forum", 5),
             ("citizen", 15), ("other", 5)]  # fmt: skip
    plans = []
    for _n in range(missing):
        state = _weighted(rng, states)
        age = rng.randint(0, 40) if state in OPEN_STATES else rng.randint(20, 1000)
        received = world.now - dt.timedelta(days=age, hours=rng.randint(0, 9))
        plans.append((received, state))
    plans.sort()
    rows, extra = [], []
    for received, state in plans:
        language = rng.choice(["nl", "fr", "en"])
        numbers[received.year] = numbers.get(received.year, 0) + 1
        kind = _weighted(rng, kinds)
        first, last = rng.choice(FIRST), rng.choice(LAST)
        name = f"{first} {last}"
        finished = received + dt.timedelta(days=rng.randint(3, 40))
        rows.append(
            Interpellation(
                reference=f"{received.year}-{numbers[received.year]:04d}",
                subject=rng.choice(corpus.titles[language])[:200],
                message=corpus.text(rng, language, 3),
                language=language,
                requester_kind=kind,
                requester_name=name,
                requester_organisation=str(rng.choice(world.cities)),
                requester_email=f"{slugify(name)}@{BENCH_DOMAIN}",
                consent_at=received,
                status=state,
                received_at=received,
                due_date=add_working_days(received.date(), 15),
                answered_at=finished if state in ("answered", "closed") else None,
                finished_at=finished if state in ("closed", "declined") else None,
                tracking_key=_token(rng),
            )
        )
        extra.append((rng.sample(networks, rng.randint(1, 2)), finished))
    created = _bulk(Interpellation, rows)
    links, assignments, entries = [], [], []
    for request, (addressed, finished) in zip(created, extra, strict=True):
        links += [
            Interpellation.networks.through(interpellation_id=request.pk, network_id=n.pk)
            for n in addressed
        ]
        if request.status == Status.RECEIVED:
            continue
        language = request.language
        forwarded = request.received_at + dt.timedelta(days=1)
        if request.status == Status.DECLINED:
            entries.append(_entry(request, EntryKind.DECLINE, chairman.pk, forwarded, corpus, rng))
            continue
        for network in addressed:
            person = referents.get(network.pk)
            if person is None:
                continue
            assignments.append(
                Assignment(
                    interpellation=request,
                    person_id=person,
                    network=network,
                    note=corpus.text(rng, language, 1),
                    due_date=request.due_date,
                    assigned_by=chairman,
                    assigned_at=forwarded,
                )
            )
        entries.append(_entry(request, EntryKind.FORWARD, chairman.pk, forwarded, corpus, rng))
        if request.status in (Status.IN_PROGRESS, Status.ANSWERED, Status.CLOSED):
            note = forwarded + dt.timedelta(days=2)
            entries.append(_entry(request, EntryKind.NOTE, chairman.pk, note, corpus, rng))
        if request.status in (Status.ANSWERED, Status.CLOSED):
            answer = _entry(request, EntryKind.ANSWER, chairman.pk, finished, corpus, rng)
            answer.draft_state = DraftState.VALIDATED
            answer.validated_by = chairman
            entries.append(answer)
    _bulk(Interpellation.networks.through, links)
    _bulk(Assignment, _unique_assignments(assignments))
    _bulk(Entry, entries)


def _unique_assignments(assignments: list[Any]) -> list[Any]:
    seen: set[tuple[int, int]] = set()
    kept = []
    for assignment in assignments:
        key = (assignment.interpellation.pk, assignment.person_id)
        if key not in seen:
            seen.add(key)
            kept.append(assignment)
    return kept


def _entry(
    request: Any, kind: str, author: int, at: dt.datetime, corpus: Corpus, rng: random.Random
) -> Any:
    from befus.interpellations.models import Entry

    return Entry(
        interpellation=request,
        kind=kind,
        author_id=author,
        body=corpus.text(rng, request.language, 2),
        status=request.status if kind in ("answer", "decline") else "",
        created_at=at,
    )
