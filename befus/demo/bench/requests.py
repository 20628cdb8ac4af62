"""Requests to the networks in every state, with their assignments and history."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils.text import slugify

from befus.accounts.models import User
from befus.core.workdays import add_working_days
from befus.demo.bench._common import (
    BENCH_DOMAIN,
    FIRST,
    LAST,
    Corpus,
    World,
    _bulk,
    _token,
    _weighted,
)
from befus.interpellations.choices import OPEN_STATES, DraftState, EntryKind, Status
from befus.interpellations.models import Assignment, Entry, Interpellation
from befus.networks.choices import REFERENT_ROLES
from befus.networks.models import Network, NetworkMembership


def add_requests(rng: random.Random, target: int, world: World, corpus: Corpus) -> None:
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
    return Entry(
        interpellation=request,
        kind=kind,
        author_id=author,
        body=corpus.text(rng, request.language, 2),
        status=request.status if kind in ("answer", "decline") else "",
        created_at=at,
    )
