"""Synthetic organisations (members, with mayors) and people with profiles and addresses."""

from __future__ import annotations

import datetime as dt
import random

from django.utils.text import slugify
from django.utils.timezone import now as timezone_now

from befus.accounts.models import Profile, User
from befus.demo.bench._common import (
    BENCH_DOMAIN,
    ENDINGS,
    FIRST,
    JOBS,
    LAST,
    ROOTS,
    World,
    _bulk,
    _weighted,
)
from befus.members.choices import ContactRole, OrganisationKind
from befus.members.models import Contact, Membership, Organisation


def add_organisations(rng: random.Random, target: int) -> World:
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


def add_people(rng: random.Random, target: int, world: World) -> None:
    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.contrib.auth.hashers import make_password

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
