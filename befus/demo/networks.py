"""Demo professional networks: the Forum's historical networks and a few proposals, in every
state, with members (consented by their mayors), pending requests, and city mandates."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from befus.accounts.models import User
from befus.knowledge.models import Topic
from befus.members.choices import ContactRole
from befus.members.models import Contact, Membership
from befus.networks.choices import MemberRole, MembershipStatus, NetworkStatus
from befus.networks.models import (
    ActivityReport,
    CityMandate,
    Commission,
    Meeting,
    Network,
    NetworkMembership,
    RepresentationMandate,
    Statement,
)
from befus.networks.selectors import current_charter

# (slug, nl, fr, en, scope, status, job functions of its members, purpose in English)
NETWORKS = [
    (
        "prevention-officials",
        "Preventieambtenaren",
        "Fonctionnaires de prévention",
        "Prevention officials",
        "national",
        "recognised",
        ["prevention_official"],
        "Share how local prevention plans are drawn up, steered and evaluated.",
    ),
    (
        "internal-evaluators",
        "Interne evaluatoren",
        "Évaluateurs internes",
        "Internal evaluators",
        "national",
        "recognised",
        ["internal_evaluator"],
        "Evaluation as a learning moment: methods, indicators and pitfalls of local evaluation.",
    ),
    (
        "community-guards",
        "Gemeenschapswachten",
        "Gardiens de la paix",
        "Community guards",
        "national",
        "recognised",
        ["community_guard"],
        "The profession of community guard: training, presence in public space, cooperation.",
    ),
    (
        "drugs",
        "Drugbeleid",
        "Réseau drogues",
        "Drugs network",
        "national",
        "recognised",
        ["drug_coordinator"],
        "Local drug coordination, harm reduction and prevention.",
    ),
    (
        "gas-mediators",
        "GAS-bemiddelaars",
        "Médiateurs SAC",
        "GAS mediators",
        "national",
        "recognised",
        ["gas_mediator", "sanctioning_official"],
        "Mediation within municipal administrative sanctions, with minors and adults.",
    ),
    (
        "school-services",
        "Schooldiensten",
        "Services d'accrochage scolaire",
        "School services",
        "regional",
        "recognised",
        ["school_dropout_worker"],
        "School dropout prevention and support to pupils at risk.",
    ),
    (
        "street-workers",
        "Straathoekwerkers",
        "Travailleurs de rue",
        "Street workers",
        "national",
        "recognised",
        ["street_worker"],
        "Outreach work with young people and adults in public space, day and night.",
    ),
    (
        "administration-finance",
        "Administratie en financiën",
        "Administration et finances",
        "Administration and finance",
        "national",
        "suspended",
        ["administrative_officer"],
        "Managing the subsidies and the reporting of the prevention plans.",
    ),
    (
        "urban-gangs",
        "Stadsbendes",
        "Bandes urbaines",
        "Urban gangs",
        "regional",
        "dissolved",
        ["radicalisation_officer", "street_worker"],
        "Understanding and preventing urban gangs.",
    ),
    (
        "insecurity-in-housing",
        "Onveiligheid in de woning",
        "Insécurité dans le logement",
        "Insecurity in housing",
        "regional",
        "under_review",
        ["technoprevention_advisor"],
        "Burglary prevention and the feeling of insecurity at home.",
    ),
    (
        "nuisances",
        "Overlast",
        "Nuisances",
        "Nuisances",
        "national",
        "changes_requested",
        ["neighbourhood_mediator"],
        "Public nuisance and incivilities: what works locally.",
    ),
    (
        "nightlife-safety",
        "Veilig uitgaan",
        "Sécurité de la vie nocturne",
        "Nightlife safety",
        "national",
        "proposed",
        ["street_worker", "prevention_official"],
        "Safe nightlife: harassment, alcohol and drugs, cooperation with venues.",
    ),
    (
        "radicalisation-prevention",
        "Preventie van radicalisering",
        "Prévention du radicalisme",
        "Radicalisation prevention",
        "national",
        "under_review",
        ["radicalisation_officer"],
        "Local cells for integral security and the prevention of violent extremism.",
    ),
]


THEMES = {
    "prevention-officials": ["Strategic security and prevention plans", "Local safety audit"],
    "internal-evaluators": ["Evaluation of local policies", "Internal evaluators"],
    "community-guards": ["Community guards", "Public space for everyone"],
    "drugs": ["Local drug coordination", "Harm reduction"],
    "gas-mediators": ["Municipal administrative sanctions", "GAS mediation"],
    "school-services": ["School support", "School dropout"],
    "street-workers": ["Youth", "Nightlife", "Outreach work"],
    "administration-finance": ["Funding of prevention plans"],
    "urban-gangs": ["Urban gangs"],
    "insecurity-in-housing": ["Feeling of insecurity in housing", "Burglary prevention"],
    "nuisances": ["Public nuisances and incivilities", "Neighbourhood mediation"],
    "nightlife-safety": ["Nightlife and sexual harassment"],
    "radicalisation-prevention": ["Radicalisation and violent extremism", "Polarisation"],
}


TOPICS = {
    "prevention-officials": ["prevention-officials", "local-governance"],
    "internal-evaluators": ["internal-evaluators", "policy-evaluation"],
    "community-guards": ["community-guards"],
    "drugs": ["local-drug-coordination", "harm-reduction"],
    "gas-mediators": ["gas-mediation", "minors"],
    "school-services": ["school-support", "school-dropout"],
    "street-workers": ["youth-integration", "nightlife"],
    "administration-finance": ["local-governance"],
    "urban-gangs": ["urban-gangs"],
    "insecurity-in-housing": ["insecurity-in-housing"],
    "nuisances": ["public-nuisance", "neighbourhood-mediation"],
    "nightlife-safety": ["nightlife"],
    "radicalisation-prevention": ["radicalisation", "polarisation"],
}


def load_networks(rng: random.Random, users: dict[str, Any]) -> int:
    charter = current_charter()
    now = dt.datetime(2026, 10, 1, 9, 0, tzinfo=dt.UTC)
    mayors = {
        c.organisation_id: c.person
        for c in Contact.objects.filter(role=ContactRole.MAYOR, end__isnull=True)
    }
    members = set(
        Membership.objects.filter(end__isnull=True).values_list("organisation_id", flat=True)
    )
    professionals = list(
        User.objects.filter(profile__organisation_id__in=members)
        .exclude(profile__job_function__in=["elected_official", "secretariat"])
        .select_related("profile")
        .order_by("email")
    )
    by_job: dict[str, list[Any]] = {}
    for person in professionals:
        by_job.setdefault(person.profile.job_function, []).append(person)
    secretariat = users["secretariat@befus.example"]
    karim = users["professional@befus.example"]
    for n, (slug, nl, fr, en, scope, status, jobs, purpose) in enumerate(NETWORKS):
        pool = [p for job in jobs for p in by_job.get(job, [])]
        rng.shuffle(pool)
        if slug == "street-workers":
            pool = [karim, *[p for p in pool if p != karim]]
        referent = pool[0]
        decided = status in ("recognised", "suspended", "dissolved", "rejected")
        network = Network.objects.create(
            slug=slug,
            name_nl=nl,
            name_fr=fr,
            name_en=en,
            purpose_en=purpose,
            original_language="en",
            scope=scope,
            status=status,
            region="" if scope == "national" else rng.choice(["flanders", "wallonia", "brussels"]),
            themes="\n".join(THEMES.get(slug, [])),
            proposed_by=referent,
            charter=charter,
            charter_accepted_by=referent,
            charter_accepted_at=now - dt.timedelta(days=400 - n),
            working_method="Four meetings a year, rotating between member cities; a yearly report.",
            decision_body="board" if decided else "",
            decided_by=secretariat if decided else None,
            decided_at=now - dt.timedelta(days=300) if decided else None,
            decision_date=dt.date(2025, 3, 14) if decided else None,
            decision_reference=f"RvB/CA 2025-{n + 1:02d}" if decided else "",
            decision_motivation=(
                "The project fits the charter and answers a need expressed by member cities."
                if decided
                else ""
            ),
            forwarded_to_board_at=now if slug == "insecurity-in-housing" else None,
        )
        Network.objects.filter(pk=network.pk).update(proposed_at=now - dt.timedelta(days=400 - n))
        network.topics.set(Topic.objects.filter(slug__in=TOPICS.get(slug, [])))
        active = status in (NetworkStatus.RECOGNISED, NetworkStatus.SUSPENDED)
        for index, person in enumerate(pool[: rng.randint(6, 14)]):
            organisation_id = person.profile.organisation_id
            pending = active and index > 0 and rng.random() < 0.15
            state: str | None
            if status == NetworkStatus.DISSOLVED:
                state = MembershipStatus.LEFT
            elif not active:
                state = MembershipStatus.AWAITING_MAYOR if index == 0 else None
            else:
                state = MembershipStatus.AWAITING_MAYOR if pending else MembershipStatus.ACTIVE
            if state is None:
                continue
            NetworkMembership.objects.create(
                network=network,
                person=person,
                organisation_id=organisation_id,
                role=MemberRole.LOCAL_REFERENT if index == 0 else MemberRole.MEMBER,
                status=state,
                decided_by=mayors.get(organisation_id) if state != "awaiting_mayor" else None,
                decided_at=now if state != "awaiting_mayor" else None,
                ended_at=now if state == MembershipStatus.LEFT else None,
            )
        if status == NetworkStatus.RECOGNISED:
            _history(network, referent, rng, late=slug in ("drugs", "school-services"))
        if slug == "gas-mediators":
            _voice(network, referent, users)
        if status == NetworkStatus.RECOGNISED and slug != "school-services":
            cities = sorted({p.profile.organisation_id for p in pool[:10]})
            for city in cities[: rng.randint(2, 6)]:
                CityMandate.objects.create(
                    network=network,
                    organisation_id=city,
                    start=dt.date(2025, 1, 1),
                    scope="Mandate to take part in the network and report to the college.",
                    recorded_by=secretariat,
                )
        if slug == "school-services":  # a network whose only mandate has run out
            CityMandate.objects.create(
                network=network,
                organisation_id=referent.profile.organisation_id,
                start=dt.date(2022, 1, 1),
                end=dt.date(2024, 12, 31),
                scope="Mandate for the first two years.",
                recorded_by=secretariat,
            )
    return len(NETWORKS)


QUARTERS = [
    (dt.date(2025, 4, 1), dt.date(2025, 6, 30)),
    (dt.date(2025, 7, 1), dt.date(2025, 9, 30)),
    (dt.date(2025, 10, 1), dt.date(2025, 12, 31)),
    (dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
    (dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
    (dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
]


def _history(network: Any, referent: Any, rng: random.Random, *, late: bool) -> None:
    """Quarterly reports (stopping early for a late network) and meetings, some minutes shared."""
    quarters = QUARTERS[:2] if late else QUARTERS
    for start, end in quarters:
        ActivityReport.objects.create(
            network=network,
            period_start=start,
            period_end=end,
            submitted_by=referent,
            summary="Two meetings; an exchange of practices between member cities; one site visit.",
            results="The comparison of local approaches showed what to adapt before transferring.",
            next_steps="Prepare a contribution for the annual colloquium.",
        )
        meeting_day = start + dt.timedelta(days=rng.randint(20, 60))
        Meeting.objects.create(
            network=network,
            date=meeting_day,
            place=rng.choice(["Brussel", "Namur", "Gent", "Liège"]),
            participants="Referents and members of the network; the secretariat as guest.",
            agenda="1. Round of the cities\n2. Practice of the quarter\n3. Next steps",
            minutes="Each city presented its situation; the practice of the quarter was discussed.",
            decisions="Next meeting in three months; a working paper for the colloquium.",
            shared_with_secretariat=rng.random() < 0.6,
            recorded_by=referent,
        )


def _voice(network: Any, referent: Any, users: dict[str, Any]) -> None:
    """The GAS mediators: a written mandate of the Forum, a statement under it, and a call."""
    chairman = users["chairman@befus.example"]
    mandate = RepresentationMandate.objects.create(
        direction="forum_to_network",
        network=network,
        subject="Minors and administrative sanctions",
        occasion="Hearing of the federal parliament's Home Affairs committee",
        valid_from=dt.date(2026, 9, 1),
        valid_until=dt.date(2027, 6, 30),
        issued_by=chairman,
    )
    Statement.objects.create(
        network=network,
        mandate=mandate,
        author=referent,
        language="fr",
        title="Médiation SAC et mineurs : la médiation d'abord",
        body=(
            "Le réseau rappelle que la médiation est la première réponse aux incivilités "
            "commises par des mineurs, avant toute amende administrative."
        ),
    )
    Commission.objects.create(
        network=network,
        title="A position on minors and administrative sanctions",
        description="Prepare a position of the Forum for the Board, with cases from member cities.",
        requested_by=chairman,
        status="accepted",
        response="The network takes it up this year.",
        responded_by=referent,
    )
