"""The demo's people: the accounts that log in, invented names, jobs and expertise, the
secretariat's admin group, the staff waiting for their city's confirmation."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Group, Permission

from befus.members.models import Organisation

SEED = 2026
DEMO_DOMAIN = "befus.example"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    first_name: str
    last_name: str
    role: str  # shown in the README and by ``befus demo``


DEMO_ACCOUNTS = [
    DemoAccount(f"secretariat@{DEMO_DOMAIN}", "Nathalie", "Dubois", "secretariat staff"),
    DemoAccount(f"chairman@{DEMO_DOMAIN}", "Jean-Marc", "Lambert", "Chairman (mayor of Liège)"),
    DemoAccount(f"board@{DEMO_DOMAIN}", "Bart", "Peeters", "board member (mayor of Mechelen)"),
    DemoAccount(f"mayor@{DEMO_DOMAIN}", "Sofie", "Van den Broeck", "mayor (Oostende)"),
    DemoAccount(f"delegate@{DEMO_DOMAIN}", "Hilde", "Claes", "mayor's delegate (Gent)"),
    DemoAccount(
        f"professional@{DEMO_DOMAIN}", "Karim", "Benali", "member professional (Charleroi)"
    ),
    DemoAccount(f"visitor@{DEMO_DOMAIN}", "Emma", "Smith", "visitor with an account, no role"),
]
DEMO_ACCOUNT_EMAILS = frozenset(account.email for account in DEMO_ACCOUNTS)


FIRST_NL = [
    "An",
    "Bart",
    "Els",
    "Pieter",
    "Lies",
    "Tom",
    "Katrien",
    "Wim",
    "Sara",
    "Jan",
    "Inge",
    "Koen",
    "Nathalie",
    "Stijn",
    "Leen",
    "Jeroen",
    "Eva",
    "Dirk",
    "Hanne",
    "Wouter",
    "Fatima",
    "Mohamed",
    "Ruben",
    "Lotte",
    "Yasmine",
]
LAST_NL = [
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Vermeulen",
    "Van Damme",
    "De Clercq",
    "Desmet",
    "Hermans",
    "Aerts",
    "Verhoeven",
    "Van Acker",
    "El Amrani",
    "Coppens",
    "Martens",
    "De Wilde",
]
FIRST_FR = [
    "Marie",
    "Pierre",
    "Sophie",
    "Luc",
    "Isabelle",
    "Michel",
    "Catherine",
    "Olivier",
    "Nadia",
    "Julien",
    "Valérie",
    "Thierry",
    "Aurélie",
    "Karim",
    "Samira",
    "François",
    "Céline",
    "Christophe",
    "Amina",
    "Sébastien",
    "Laurence",
    "Youssef",
    "Chloé",
    "Benoît",
]
LAST_FR = [
    "Dubois",
    "Lambert",
    "Dupont",
    "Martin",
    "Simon",
    "Laurent",
    "Leclercq",
    "Lejeune",
    "Renard",
    "Collignon",
    "Mathieu",
    "François",
    "Henry",
    "Lemaire",
    "Denis",
    "Bernard",
    "Hubert",
    "Gilson",
    "Benali",
    "Bouzid",
    "Mertens",
    "Jacquet",
    "Wilmet",
    "Dethier",
]

JOB_WEIGHTS = [
    ("prevention_official", 18),
    ("community_guard", 30),
    ("street_worker", 25),
    ("gas_mediator", 10),
    ("strategic_coordinator", 12),
    ("social_cohesion_officer", 14),
    ("neighbourhood_mediator", 10),
    ("drug_coordinator", 6),
    ("internal_evaluator", 6),
    ("technoprevention_advisor", 6),
    ("school_dropout_worker", 8),
    ("radicalisation_officer", 5),
    ("administrative_officer", 8),
    ("sanctioning_official", 4),
]
EXPERTISE = {
    "community_guard": "Gardiens de la paix\nEspace public\nÉvénements",
    "street_worker": "Travail de rue\nJeunes\nVie nocturne",
    "gas_mediator": "Sanctions administratives communales\nMédiation\nMineurs",
    "prevention_official": "Plan stratégique de sécurité et de prévention\nDiagnostic local",
    "strategic_coordinator": "Strategisch veiligheids- en preventieplan\nEvaluatie\nSubsidies",
    "drug_coordinator": "Drugbeleid\nSchadebeperking",
    "technoprevention_advisor": "Inbraakpreventie\nWoningveiligheid",
    "neighbourhood_mediator": "Buurtbemiddeling\nBurenruzies",
}


def invented_name(rng: random.Random, region: str) -> tuple[str, str]:
    if region == "flanders" or (region == "brussels" and rng.random() < 0.35):
        return rng.choice(FIRST_NL), rng.choice(LAST_NL)
    return rng.choice(FIRST_FR), rng.choice(LAST_FR)


def demo_email(first: str, last: str, n: int) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", f"{first}.{last}").encode("ascii", "ignore").decode()
    local = plain.lower().replace(" ", "").replace("'", "")
    return f"{local}.{n}@{DEMO_DOMAIN}"


def secretariat_admin_group() -> Group:
    """The Django admin permissions of the secretariat: the register, the thematic tree, the
    recommendations and publications, accounts, the audit trail.

    Nothing of allauth's ``account`` app: addresses are the person's own (befus.accounts.admin).
    Practices are reviewed and published on their pages, under four eyes, not in the admin.
    """
    group, _created = Group.objects.get_or_create(name="Secretariat")
    permissions = Permission.objects.filter(content_type__app_label__in=["members", "themes"])
    permissions |= Permission.objects.filter(
        content_type__app_label="knowledge",
        content_type__model__in=["recommendation", "publication"],
    )
    permissions |= Permission.objects.filter(
        content_type__app_label="accounts", codename__regex=r"^(view|change)_"
    )
    permissions |= Permission.objects.filter(
        content_type__app_label="core", codename="view_auditevent"
    )
    group.permissions.set(permissions)
    return group


# Cities that registered the e-mail domain they give their staff (confirmation at once).
DEMO_EMAIL_DOMAINS = {"44021": "stad.gent", "35013": "oostende.be", "52011": "charleroi.be"}


def add_people_waiting_for_confirmation(
    rng: random.Random, cities: dict[str, Any], make_user: Any
) -> None:
    """Staff of Oostende (the demo mayor's city) and Gent (the delegate's) who named their
    employer and wait for its confirmation; and the e-mail domains some cities registered."""
    for code, domain in DEMO_EMAIL_DOMAINS.items():
        Organisation.objects.filter(pk=cities[code].pk).update(email_domains=domain)
    for n, (code, job) in enumerate(
        [("35013", "community_guard"), ("35013", "street_worker"), ("44021", "gas_mediator")]
    ):
        city = cities[code]
        first, last = invented_name(rng, city.region)
        make_user(
            demo_email(first, last, 900 + n),
            first,
            last,
            city,
            job,
            "nl",
            affiliation_status="pending",
        )


def slug_of(name: str) -> str:
    from django.utils.text import slugify

    return slugify(name)[:70]
