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

import random
import time
from collections.abc import Callable
from typing import Any

from django.db import transaction

from befus.accounts.models import User
from befus.core.models import SearchEntry
from befus.core.search.engine import rebuild
from befus.demo.bench._common import TARGETS
from befus.demo.bench.networks import add_networks, shipped_corpus
from befus.demo.bench.people import add_organisations, add_people
from befus.demo.bench.practices import add_practices, add_recommendations
from befus.demo.bench.requests import add_requests
from befus.demo.loader import load_demo
from befus.interpellations.models import Interpellation
from befus.knowledge.models import Evaluation, Practice, Publication, Recommendation
from befus.members.models import Organisation
from befus.networks.models import ActivityReport, Meeting, Network, NetworkMembership


def scaled(scale: float) -> dict[str, int]:
    return {kind: max(1, round(count * scale)) for kind, count in TARGETS.items()}


def generate(
    scale: float = 1.0, seed: int = 2026, progress: Callable[[str], None] | None = None
) -> dict[str, Any]:
    """Fill an empty, migrated database. Returns the counts and the seconds each step took."""
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
        world = step("organisations", lambda: add_organisations(rng, targets["organisations"]))
        step("people", lambda: add_people(rng, targets["users"], world))
        corpus = shipped_corpus()
        step("networks", lambda: add_networks(rng, targets["networks"], world, corpus))
        step("practices", lambda: add_practices(rng, targets["practices"], world, corpus))
        step("recommendations", lambda: add_recommendations(rng, targets, corpus))
        step("requests", lambda: add_requests(rng, targets["requests"], world, corpus))
    step("search index", rebuild)
    step("statistics", _analyse)
    return {"scale": scale, "seed": seed, "counts": counts(), "seconds": timings}


def _analyse() -> None:
    """Fresh planner statistics, as a database in use has (PostgreSQL; SQLite's own ANALYZE)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def counts() -> dict[str, int]:
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
