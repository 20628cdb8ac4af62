"""What the load benchmark (``bench/run.py``) needs to know from inside the platform.

``befus manage bench_probe targets`` prints, as JSON, the pages to load (their addresses in one
language each), session cookies of two logged-in users, the counts of the main rows and the
database's version. It writes to the database: a session for each of the two users, and a TOTP
authenticator for the Chairman when there is none (production sends the Chairman to TOTP set-up
without one, and the benchmark would measure a redirect).

``befus manage bench_probe queries --targets FILE`` reads that JSON back and prints, for each
page and audience, the SQL queries, status and size of a warm request (the second of two), and
the queries of the same request with no cache at all (a dummy cache and the page cache off: what
a page costs when the page cache misses; for the search it includes rebuilding its concepts).
"""

from __future__ import annotations

import json
from importlib import import_module
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.db.models import Count, Q
from django.templatetags.static import static
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import translation
from typing_extensions import override

from befus.accounts.models import User
from befus.core.models import SearchEntry
from befus.interpellations.models import Interpellation
from befus.knowledge.models import Practice, Publication, Recommendation, Topic
from befus.members.models import Organisation
from befus.networks.models import Network

CHAIRMAN_EMAIL = "chairman@befus.example"
PROFESSIONAL_EMAIL = "professional@befus.example"
STATIC_FILE = "befus/css/befus.css"
KEY_AUDIENCES = ["anonymous", "professional"]
NO_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

# The search mix: (language of the page, query). wrk rotates through them.
SEARCHES = [
    ("nl", "straathoekwerk"),
    ("fr", "gardiens de la paix"),
    ("en", "burglary prevention"),
    ("nl", "drugs"),
    ("en", "radicalisation"),
    ("fr", "médiation de quartier"),
    ("nl", "buurtbemiddeling"),
    ("en", "nightlife"),
    ("fr", "cambriolage"),
    ("nl", "jongeren"),
    ("fr", "sanctions administratives"),
    ("en", "school dropout"),
]


def _in_language(language: str, viewname: str, **kwargs: Any) -> str:
    with translation.override(language):
        return reverse(viewname, kwargs=kwargs or None)


def _busiest_network() -> Any:
    """The recognised network with the most active members."""
    return (
        Network.objects.filter(status="recognised")
        .annotate(active=Count("memberships", filter=Q(memberships__status="active")))
        .order_by("-active", "pk")
        .first()
    )


def _fullest_phenomenon() -> Any:
    """The level-2 topic whose subtree holds the most public, published practices."""
    visible = Practice.objects.filter(status="published", visibility="public")

    def practices(topic: Topic) -> int:
        return visible.filter(topics__path__startswith=topic.path).distinct().count()

    topics = list(Topic.objects.filter(depth=2).order_by("pk"))
    return max(topics, key=practices, default=None)


def _evaluated_practice() -> Any:
    """A public, published practice with the most evaluations."""
    return (
        Practice.objects.filter(status="published", visibility="public")
        .annotate(evaluated=Count("evaluations"))
        .filter(evaluated__gt=0)
        .order_by("-evaluated", "pk")
        .first()
    )


def _page(language: str, paths: list[str], audiences: list[str], note: str = "") -> dict[str, Any]:
    return {"language": language, "paths": paths, "audiences": audiences, "note": note}


def _pages() -> dict[str, dict[str, Any]]:
    network, topic, practice = _busiest_network(), _fullest_phenomenon(), _evaluated_practice()
    pages = {
        "trivial": _page("-", [reverse("health")], ["anonymous"]),
        "static": _page("-", [static(STATIC_FILE)], ["anonymous"]),
        "home": _page("nl", [_in_language("nl", "portal:home")], KEY_AUDIENCES),
        "members": _page("fr", [_in_language("fr", "members:organisation-list")], KEY_AUDIENCES),
    }
    if network is not None:
        url = _in_language("fr", "networks:network-detail", slug=network.slug)
        pages["network"] = _page("fr", [url], KEY_AUDIENCES, f"{network.active} active members")
    if topic is not None:
        url = _in_language("en", "knowledge:topic-detail", slug=topic.slug)
        pages["topic"] = _page("en", [url], KEY_AUDIENCES, topic.slug)
    if practice is not None:
        url = _in_language("nl", "knowledge:practice-detail", slug=practice.slug)
        pages["practice"] = _page("nl", [url], KEY_AUDIENCES, practice.slug)
    searches = [f"{_in_language(lang, 'knowledge:search')}?q={q}" for lang, q in SEARCHES]
    pages["search"] = _page("nl/fr/en", [_quote(path) for path in searches], KEY_AUDIENCES)
    pages["inbox"] = _page("fr", [_in_language("fr", "interpellations:inbox")], ["chairman"])
    return pages


def _quote(path: str) -> str:
    from urllib.parse import quote

    return quote(path, safe="/?=&")


def _ensure_totp(user: Any) -> None:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, generate_totp_secret())


def _session_cookie(email: str, *, second_factor: bool = False) -> str | None:
    """A new logged-in session of the user, as a Cookie header value; None without the user."""
    user = User.objects.filter(email=email).first()
    if user is None:
        return None
    if second_factor:
        _ensure_totp(user)
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def _counts() -> dict[str, int]:
    models: dict[str, Any] = {
        "organisations": Organisation,
        "users": User,
        "networks": Network,
        "practices": Practice,
        "recommendations": Recommendation,
        "publications": Publication,
        "requests": Interpellation,
        "search entries": SearchEntry,
    }
    return {name: model.objects.count() for name, model in models.items()}


def _database() -> str:
    if connection.vendor != "postgresql":
        return connection.vendor
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        (version,) = cursor.fetchone() or ("?",)
    return f"PostgreSQL {version}"


def targets() -> dict[str, Any]:
    cookies = {
        "professional": _session_cookie(PROFESSIONAL_EMAIL),
        "chairman": _session_cookie(CHAIRMAN_EMAIL, second_factor=True),
    }
    return {
        "pages": _pages(),
        "cookies": {name: value for name, value in cookies.items() if value},
        "counts": _counts(),
        "database": _database(),
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
    }


def _measure(client: Client, path: str) -> dict[str, Any]:
    """Status, size and SQL queries of the second of two requests (caches warm)."""
    client.get(path).close()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
        body = response.getvalue()  # the file too, for a streamed response
    response.close()
    return {"status": response.status_code, "bytes": len(body), "queries": len(captured)}


def _measure_page(page: dict[str, Any], cookie: str | None) -> dict[str, Any]:
    client = Client(HTTP_HOST="127.0.0.1")
    if cookie:
        name, _, value = cookie.partition("=")
        client.cookies[name] = value
    try:
        each = [_measure(client, path) for path in page["paths"]]
        with override_settings(CACHES=NO_CACHE, BEFUS_PAGE_CACHE_SECONDS=0):
            uncached = [_measure(client, path)["queries"] for path in page["paths"]]
    except Exception as error:  # one broken page must not hide the others
        return {"error": f"{type(error).__name__}: {error}"}
    statuses = sorted({row["status"] for row in each})
    return {
        "status": statuses[0] if len(statuses) == 1 else "/".join(map(str, statuses)),
        "bytes": round(sum(row["bytes"] for row in each) / len(each)),
        "queries": max(row["queries"] for row in each),
        "queries_without_cache": max(uncached),
        "each": each if len(each) > 1 else None,
    }


def queries(found: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for name, page in found["pages"].items():
        for audience in page["audiences"]:
            cookie = found["cookies"].get(audience)
            if audience != "anonymous" and cookie is None:
                rows.append({"page": name, "audience": audience, "error": "no such user"})
                continue
            rows.append({"page": name, "audience": audience, **_measure_page(page, cookie)})
    return rows


class Command(BaseCommand):
    help = "Targets and SQL query counts for the load benchmark (bench/run.py); JSON on stdout."

    @override
    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["targets", "queries"])
        parser.add_argument("--targets", type=Path, help="the JSON printed by 'targets'")

    @override
    def handle(self, *args: Any, **options: Any) -> None:
        if options["what"] == "targets":
            self.stdout.write(json.dumps(targets(), ensure_ascii=False))
            return
        if options["targets"] is None:
            raise CommandError("queries needs --targets FILE (the output of 'targets').")
        found = json.loads(options["targets"].read_text(encoding="utf-8"))
        self.stdout.write(json.dumps(queries(found), ensure_ascii=False))
