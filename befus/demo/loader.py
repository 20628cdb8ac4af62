"""Deterministic demo data: real municipalities (names and NIS codes), invented people.

``load_demo()`` builds the same platform every time: the shipped municipalities, about 60 of them
members, a Board of nine mayors from the three regions with its Chairman, three secretariat staff,
a mayor for every member city and about 200 professionals. The accounts in ``DEMO_ACCOUNTS`` log
in with ``settings.BEFUS_DEMO_PASSWORD`` and, in a demo installation only, need no second factor.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction

from befus.accounts.models import Profile, User
from befus.core.audit import record_event
from befus.demo.knowledge import load_knowledge
from befus.demo.networks import load_networks
from befus.demo.people import (
    DEMO_ACCOUNTS,
    DEMO_DOMAIN,
    EXPERTISE,
    JOB_WEIGHTS,
    SEED,
    DemoAccount,
    add_people_waiting_for_confirmation,
    demo_email,
    invented_name,
    secretariat_admin_group,
    slug_of,
)
from befus.demo.requests import load_requests
from befus.members.choices import BodyKind, ContactRole, OrganisationKind
from befus.members.management.commands.load_municipalities import SHIPPED
from befus.members.models import Body, Contact, Membership, Organisation, Seat
from befus.members.refnis import parse_refnis
from befus.members.services import load_municipalities
from befus.themes.services import load_topics

# Municipalities that are not (or no longer) members in the demo, by NIS code.
FORMER_MEMBERS = {"21008": dt.date(2019, 12, 31), "24001": dt.date(2022, 12, 31)}
NEVER_MEMBERS = {
    "13025",
    "23094",
    "25110",
    "52018",
    "53014",
    "64074",
    "73107",
    "85045",
    "92137",
    "21017",
    "21011",
    "23016",
    "53065",
    "72020",
    "34027",
    "41002",
    "55040",
    "63023",
    "13008",
    "92142",
    "81001",
    "83034",
}

# Board: three mayors per region; the Chairman (Liège) and two vice-chairs.
BOARD = [
    ("62063", "chair"),
    ("52011", "vice_chair"),
    ("92094", "member"),
    ("12025", "member"),
    ("44021", "vice_chair"),
    ("24062", "member"),
    ("21004", "treasurer"),
    ("21015", "member"),
    ("21001", "member"),
]


def is_loaded() -> bool:
    return User.objects.filter(email=DEMO_ACCOUNTS[0].email).exists()


@transaction.atomic
def load_demo() -> dict[str, int]:
    """Fill an empty database with the demo platform. Returns counts per kind."""
    from allauth.account.models import EmailAddress

    rng = random.Random(SEED)
    password = make_password(settings.BEFUS_DEMO_PASSWORD)
    rows, _errors = parse_refnis(Path(SHIPPED).read_text(encoding="utf-8").splitlines())
    load_municipalities(actor=None, rows=rows)
    cities = {
        o.nis_code: o for o in Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY)
    }

    partners = [
        (
            "European Forum for Urban Security (Efus)",
            "Forum européen pour la sécurité urbaine (Efus)",
            "partner",
            "https://efus.eu",
        ),
        (
            "Vereniging van Vlaamse Steden en Gemeenten (VVSG)",
            "Association des villes et communes flamandes (VVSG)",
            "partner",
            "https://www.vvsg.be",
        ),
        ("Koning Boudewijnstichting", "Fondation Roi Baudouin", "partner", "https://kbs-frb.be"),
        (
            "Internationaal Centrum voor Criminaliteitspreventie (ICPC)",
            "Centre international pour la prévention de la criminalité (CIPC)",
            "partner",
            "https://cipc-icpc.org",
        ),
    ]
    for nl, fr, kind, url in partners:
        Organisation.objects.create(
            kind=kind,
            name_nl=nl,
            name_fr=fr,
            name_en=nl,
            slug=slug_of(nl),
            website=url,
            original_language="fr" if "Efus" in nl or "ICPC" in nl else "nl",
        )

    users: dict[str, User] = {}

    def make_user(
        email: str,
        first: str,
        last: str,
        organisation: Organisation | None,
        job: str,
        language: str,
        **profile: object,
    ) -> User:
        user = User.objects.create(
            email=email,
            first_name=first,
            last_name=last,
            password=password,
            date_joined=dt.datetime(2024, 1, 15, 9, 0, tzinfo=dt.UTC),
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        if organisation is not None:
            # Staff were confirmed by their mayor's office; a few still wait (see below).
            profile.setdefault("affiliation_status", "confirmed")
            if profile["affiliation_status"] == "confirmed":
                profile.setdefault("affiliation_method", "contact")
                confirmed_at = dt.datetime(2024, 1, 20, tzinfo=dt.UTC)
                profile.setdefault("affiliation_decided_at", confirmed_at)
        Profile.objects.create(
            user=user,
            organisation=organisation,
            job_function=job,
            preferred_language=language,
            languages=[language],
            **profile,
        )
        users[email] = user
        return user

    # Members: every loaded municipality but the never-members, since staggered dates.
    member_count = 0
    for code, city in sorted(cities.items()):
        if code in NEVER_MEMBERS:
            continue
        start = dt.date(1995 + rng.randrange(0, 25), rng.choice([1, 1, 1, 7]), 1)
        Membership.objects.create(organisation=city, start=start, end=FORMER_MEMBERS.get(code))
        member_count += code not in FORMER_MEMBERS

    bodies = {
        BodyKind.BOARD: Body.objects.create(
            kind=BodyKind.BOARD,
            name_nl="Raad van Bestuur",
            name_fr="Conseil d'administration",
            name_en="Board of Directors",
        ),
        BodyKind.GENERAL_ASSEMBLY: Body.objects.create(
            kind=BodyKind.GENERAL_ASSEMBLY,
            name_nl="Algemene Vergadering",
            name_fr="Assemblée générale",
            name_en="General Assembly",
        ),
        BodyKind.SECRETARIAT: Body.objects.create(
            kind=BodyKind.SECRETARIAT,
            name_nl="Secretariaat",
            name_fr="Secrétariat",
            name_en="Secretariat",
        ),
    }
    term_start = dt.date(2025, 1, 1)
    demo = {account.email: account for account in DEMO_ACCOUNTS}

    # Mayors of every current member city; demo accounts for the Chairman, a board member, a mayor.
    special_mayors = {
        "62063": f"chairman@{DEMO_DOMAIN}",
        "12025": f"board@{DEMO_DOMAIN}",
        "35013": f"mayor@{DEMO_DOMAIN}",
    }
    mayors: dict[str, User] = {}
    for n, (code, city) in enumerate(sorted(cities.items())):
        if code in NEVER_MEMBERS or code in FORMER_MEMBERS:
            continue
        language = city.original_language if city.original_language in ("nl", "fr") else "fr"
        if code in special_mayors:
            account = demo[special_mayors[code]]
            first, last, email = account.first_name, account.last_name, account.email
        else:
            first, last = invented_name(rng, city.region)
            email = demo_email(first, last, 1000 + n)
        mayor = make_user(email, first, last, city, "elected_official", language)
        Contact.objects.create(
            organisation=city, role=ContactRole.MAYOR, person=mayor, start=dt.date(2024, 12, 2)
        )
        mayors[code] = mayor

    for code, role in BOARD:
        Seat.objects.create(
            body=bodies[BodyKind.BOARD],
            person=mayors[code],
            role=role,
            organisation=cities[code],
            start=term_start,
            end=dt.date(2026, 12, 31),
        )

    secretariat_group = secretariat_admin_group()
    secretariat: list[tuple[DemoAccount | None, str]] = [
        (demo[f"secretariat@{DEMO_DOMAIN}"], "director"),
        (None, "officer"),
        (None, "officer"),
    ]
    for n, (staff_account, role) in enumerate(secretariat):
        if staff_account:
            first, last = staff_account.first_name, staff_account.last_name
            email = staff_account.email
        else:
            first, last = invented_name(rng, "brussels")
            email = demo_email(first, last, 2000 + n)
        staff = make_user(
            email,
            first,
            last,
            None,
            "secretariat",
            "fr",
            in_directory=True,
            job_title="Secrétariat du Forum",
        )
        Seat.objects.create(
            body=bodies[BodyKind.SECRETARIAT],
            person=staff,
            role=role,
            start=dt.date(2018 + n * 2, 9, 1),
        )
        staff.is_staff = True
        staff.save(update_fields=["is_staff"])
        staff.groups.add(secretariat_group)

    # About 200 professionals in the member cities, some of them in the directory.
    member_cities = [c for code, c in sorted(cities.items()) if code in mayors]
    jobs, weights = zip(*JOB_WEIGHTS, strict=True)
    special = {
        "52011": (demo[f"professional@{DEMO_DOMAIN}"], "street_worker"),
        "44021": (demo[f"delegate@{DEMO_DOMAIN}"], "strategic_coordinator"),
    }
    for code, (account, job) in special.items():
        language = "nl" if cities[code].region == "flanders" else "fr"
        make_user(
            account.email,
            account.first_name,
            account.last_name,
            cities[code],
            job,
            language,
            in_directory=True,
            expertise=EXPERTISE.get(job, ""),
        )
    Contact.objects.create(
        organisation=cities["44021"],
        role=ContactRole.MAYOR_DELEGATE,
        person=users[f"delegate@{DEMO_DOMAIN}"],
        start=dt.date(2025, 1, 1),
    )
    for n in range(198):
        city = rng.choice(member_cities)
        first, last = invented_name(rng, city.region)
        job = rng.choices(jobs, weights=weights)[0]
        language = "nl" if city.region == "flanders" else "fr"
        make_user(
            demo_email(first, last, n),
            first,
            last,
            city,
            job,
            language,
            in_directory=rng.random() < 0.45,
            expertise=EXPERTISE.get(job, ""),
        )
    add_people_waiting_for_confirmation(rng, cities, make_user)
    visitor = demo[f"visitor@{DEMO_DOMAIN}"]
    make_user(visitor.email, visitor.first_name, visitor.last_name, None, "researcher", "en")

    load_topics()
    network_count = load_networks(rng, users)
    request_count = load_requests(rng, users)
    knowledge = load_knowledge(users)
    record_event(actor=None, verb="demo.load", data={"users": len(users)})
    return {
        "organisations": Organisation.objects.count(),
        "members": member_count,
        "users": len(users),
        "networks": network_count,
        "requests": request_count,
        "practices": knowledge["practices"],
    }
