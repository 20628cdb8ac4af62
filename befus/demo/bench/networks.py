"""Networks with memberships, referents, city mandates, reports and minutes; the corpus."""

from __future__ import annotations

import datetime as dt
import random

from django.utils.text import slugify

from befus.demo.bench._common import NETWORK_NAMES, SENTENCE, Corpus, World, _bulk, _weighted
from befus.knowledge.models import Practice, Topic
from befus.networks.choices import MemberRole, MembershipStatus, NetworkStatus, Scope
from befus.networks.models import ActivityReport, CityMandate, Meeting, Network, NetworkMembership
from befus.networks.selectors import current_charter


def shipped_corpus() -> Corpus:
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


def add_networks(rng: random.Random, target: int, world: World, corpus: Corpus) -> None:
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
