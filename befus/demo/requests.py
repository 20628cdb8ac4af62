"""Demo requests to the networks: about forty over the past year, in every state.

Dates are relative to the day the demo is loaded, so that the Chairman's inbox always holds new,
waiting and overdue requests; everything else follows the demo's seed.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from typing import Any

from befus.core.workdays import add_working_days
from befus.interpellations.choices import DraftState, EntryKind, Status
from befus.interpellations.models import (
    Assignment,
    Entry,
    Interpellation,
    RoutingDelegate,
    ValidationDelegation,
)
from befus.networks.choices import REFERENT_ROLES, MembershipStatus
from befus.networks.models import Network, NetworkMembership

# (language, kind, name, organisation, subject, message, network slugs)
ASKS: list[tuple[str, str, str, str, str, str, tuple[str, ...]]] = [
    (
        "fr",
        "authority",
        "Isabelle Renard",
        "SPW Intérieur et Action sociale",
        "Avis sur le projet de décret relatif aux gardiens de la paix",
        "Nous préparons un avant-projet de décret. Le réseau peut-il nous transmettre ses "
        "observations sur les missions et la formation des gardiens de la paix ?",
        ("community-guards",),
    ),
    (
        "nl",
        "press",
        "Tom De Smet",
        "De Standaard",
        "Veiligheid in het nachtleven",
        "Ik schrijf een artikel over veiligheid in het uitgaansleven. Welke steden werken met "
        "straathoekwerkers 's nachts, en wat leren zij?",
        ("street-workers",),
    ),
    (
        "en",
        "forum",
        "Elena Rossi",
        "Forum Italiano per la Sicurezza Urbana",
        "Exchange on municipal administrative sanctions",
        "Our members study the Belgian GAS system. Could a mediator present it at our seminar "
        "in Bologna next spring?",
        ("gas-mediators",),
    ),
    (
        "fr",
        "research",
        "Dr Amina Chaoui",
        "Université de Liège",
        "Enquête sur l'évaluation interne des plans de prévention",
        "Nous menons une enquête auprès des évaluateurs internes. Le réseau accepterait-il de "
        "diffuser notre questionnaire ?",
        ("internal-evaluators",),
    ),
    (
        "nl",
        "authority",
        "Koen Wouters",
        "FOD Binnenlandse Zaken",
        "Input voor de evaluatie van de strategische veiligheids- en preventieplannen",
        "Wij evalueren de plannen 2020-2025. Kan het netwerk van preventieambtenaren ons zijn "
        "ervaringen met de rapportering bezorgen?",
        ("prevention-officials",),
    ),
    (
        "fr",
        "citizen",
        "Marc Lefèbvre",
        "",
        "Drogues aux abords d'une école",
        "Des parents de notre quartier s'inquiètent du deal près de l'école. Existe-t-il de "
        "bonnes pratiques de prévention que nous pourrions proposer à la commune ?",
        ("drugs", "school-services"),
    ),
    (
        "en",
        "press",
        "Sarah Collins",
        "Politico Europe",
        "Belgian cities and radicalisation prevention",
        "I am preparing a piece on local prevention of violent extremism. Who could I talk to?",
        (),
    ),
    (
        "nl",
        "member",
        "",
        "",
        "Ervaringen met cameratoezicht in stationsbuurten",
        "Onze stad overweegt extra camera's rond het station. Welke leden hebben ervaring met "
        "de evaluatie daarvan?",
        ("prevention-officials",),
    ),
    (
        "fr",
        "authority",
        "Julie Masson",
        "Cabinet de la Ministre de l'Intérieur",
        "Consultation sur les sanctions administratives communales",
        "La Ministre souhaite connaître les difficultés rencontrées par les médiateurs SAC "
        "dans l'application de la loi de 2013.",
        ("gas-mediators",),
    ),
    (
        "en",
        "research",
        "Prof. Jan Hendriks",
        "KU Leuven",
        "Data on street work caseloads",
        "For a comparative study we look for anonymised caseload figures of street work teams.",
        ("street-workers",),
    ),
]

# The life of a demo request: its final state and how far it went.
STATES = (
    ["received"] * 6
    + ["forwarded"] * 7
    + ["in_progress"] * 7
    + ["answered"] * 7
    + ["closed"] * 9
    + ["declined"] * 4
)


def load_requests(rng: random.Random, users: dict[str, Any]) -> int:
    from django.utils.timezone import localdate, now

    chairman = users["chairman@befus.example"]
    secretariat = users["secretariat@befus.example"]
    RoutingDelegate.objects.create(
        person=secretariat, start=localdate() - dt.timedelta(days=200), named_by=chairman
    )
    networks = {n.slug: n for n in Network.objects.filter(status="recognised")}
    ValidationDelegation.objects.create(network=networks["gas-mediators"], granted_by=chairman)
    referents: dict[str, list[Any]] = {}
    for membership in NetworkMembership.objects.filter(
        status=MembershipStatus.ACTIVE, role__in=REFERENT_ROLES
    ).select_related("person", "network"):
        referents.setdefault(membership.network.slug, []).append(membership.person)
    members = [users["professional@befus.example"], users["mayor@befus.example"]]
    states = list(STATES)
    rng.shuffle(states)
    lives = []
    for n, state in enumerate(states):
        # Open requests are recent; finished ones spread over the year.
        age = rng.randint(0, 12) if state == "received" else rng.randint(5, 360)
        if state in ("forwarded", "in_progress"):
            age = rng.randint(3, 40)
        lives.append((now() - dt.timedelta(days=age, hours=rng.randint(0, 9)), n, state))
    numbers: dict[int, int] = {}
    count = 0
    for received, n, state in sorted(lives):
        language, kind, name, organisation, subject, message, slugs = ASKS[n % len(ASKS)]
        numbers[received.year] = numbers.get(received.year, 0) + 1
        requester = None
        if kind == "member":
            requester = rng.choice(members)
            name, organisation = requester.get_full_name(), str(requester.profile.organisation)
        due = add_working_days(received.date(), 15)
        interpellation = Interpellation.objects.create(
            reference=f"{received.year}-{numbers[received.year]:04d}",
            subject=subject,
            message=message,
            language=language,
            requester_kind=kind,
            requester=requester,
            requester_name=name,
            requester_organisation=organisation,
            requester_email=requester.email if requester else _address(name),
            consent_at=received,
            status=state,
            received_at=received,
            due_date=due,
            tracking_key=secrets.token_urlsafe(18),
        )
        interpellation.networks.set([networks[s] for s in slugs if s in networks])
        count += 1
        if state == "received":
            continue
        step = received + dt.timedelta(days=rng.randint(1, 3))
        if state == "declined" and rng.random() < 0.5:
            _entry(
                Entry,
                interpellation,
                EntryKind.DECLINE,
                chairman,
                step,
                Status.DECLINED,
                body=(
                    "This question is outside the networks' field; we suggest asking the federal "
                    "police's prevention service."
                ),
            )
            Interpellation.objects.filter(pk=interpellation.pk).update(finished_at=step)
            continue
        slug = slugs[0] if slugs and slugs[0] in referents else rng.choice(sorted(referents))
        people = referents[slug][:2]
        for person in people:
            Assignment.objects.create(
                interpellation=interpellation,
                person=person,
                network=networks[slug],
                note="Could you prepare an answer with the network?",
                due_date=due,
                assigned_by=chairman,
                assigned_at=step,
            )
        _entry(
            Entry,
            interpellation,
            EntryKind.FORWARD,
            chairman,
            step,
            Status.FORWARDED,
            network=networks[slug],
        )
        if state == "forwarded":
            continue
        step += dt.timedelta(days=rng.randint(1, 4))
        _entry(
            Entry,
            interpellation,
            EntryKind.NOTE,
            people[0],
            step,
            Status.IN_PROGRESS,
            body=("I will put it on the agenda of our next meeting and come back with a draft."),
        )
        if state == "in_progress":
            if rng.random() < 0.5 and slug != "gas-mediators":
                _entry(
                    Entry,
                    interpellation,
                    EntryKind.DRAFT,
                    people[0],
                    step,
                    Status.IN_PROGRESS,
                    body="Draft: the network shares its experience in the attached note.",
                    draft_state=DraftState.PENDING,
                    network=networks[slug],
                )
            continue
        step += dt.timedelta(days=rng.randint(2, 12))
        if state == "declined":
            _entry(
                Entry,
                interpellation,
                EntryKind.DECLINE,
                chairman,
                step,
                Status.DECLINED,
                body="The network cannot take this on this year; we will let you know.",
            )
            Interpellation.objects.filter(pk=interpellation.pk).update(finished_at=step)
            continue
        _entry(
            Entry,
            interpellation,
            EntryKind.ANSWER,
            people[0],
            step,
            Status.ANSWERED,
            body=(
                "Thank you for your question. The network discussed it: you find our experience "
                "and the contact of two cities that worked on it below. We remain available."
            ),
            validated_by=chairman,
            network=networks[slug],
        )
        Interpellation.objects.filter(pk=interpellation.pk).update(answered_at=step)
        if state == "closed":
            closed = step + dt.timedelta(days=rng.randint(5, 30))
            _entry(Entry, interpellation, EntryKind.STATUS, chairman, closed, Status.CLOSED)
            Interpellation.objects.filter(pk=interpellation.pk).update(finished_at=closed)
    return count


def _entry(
    model: Any,
    interpellation: Any,
    kind: str,
    author: Any,
    at: dt.datetime,
    status: str,
    **fields: Any,
) -> None:
    model.objects.create(
        interpellation=interpellation,
        kind=kind,
        author=author,
        status=status,
        created_at=at,
        **fields,
    )


def _address(name: str) -> str:
    import unicodedata

    last = unicodedata.normalize("NFKD", name.split()[-1]).encode("ascii", "ignore").decode()
    return f"{last.lower()}@example.org"
