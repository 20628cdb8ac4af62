"""Walk every URL pattern, open it on the world's objects as every role, and note the answers.

Routes are named as in ``urls.py`` without the language prefix; a regular-expression route
(allauth's, the admin's) is written with ``<name>`` for each of its groups, so that the name does
not change with the order in which apps register.
"""

from __future__ import annotations

import re
import sys
import traceback
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import LocalePrefixPattern

from befus.core.models import AuditEvent
from tests.security.table import SERVER_ERROR, Row, row_key
from tests.security.targets import targets
from tests.security.world import ROLES, World

LANGUAGE = "en"
METHODS = ("GET", "POST")
LOGIN_VIEWS = frozenset({"account_login", "admin:login"})


@dataclass(frozen=True)
class Pattern:
    route: str  # as the table names it: the path with its parameters, without the language
    name: str  # "namespace:name", or "" for the admin's unnamed patterns
    localised: bool  # under the language prefix

    def path(self, arguments: dict[str, Any]) -> str:
        filled = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(arguments[m[1]]), self.route)
        return f"/{LANGUAGE}{filled}" if self.localised else filled


def normalise(route: str) -> str:
    route = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<\1>", route)
    return route.replace("^", "").replace("$", "")


def url_patterns() -> list[Pattern]:
    """Every URL pattern the platform serves, in the order of the URL configuration."""
    return list(_walk(get_resolver().url_patterns, "", "", localised=False))


def _walk(
    patterns: list[Any], prefix: str, namespace: str, *, localised: bool
) -> Iterator[Pattern]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            if isinstance(pattern.pattern, LocalePrefixPattern):
                yield from _walk(pattern.url_patterns, prefix, inner, localised=True)
            else:
                yield from _walk(
                    pattern.url_patterns, prefix + str(pattern.pattern), inner, localised=localised
                )
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            route = "/" + normalise(prefix + str(pattern.pattern))
            yield Pattern(route, name or "", localised)


# --- observing ---------------------------------------------------------------------------------


@dataclass
class Observation:
    rows: list[Row]
    errors: list[str]  # every 500, with the end of its traceback


def observe(pattern: Pattern, world: World) -> Observation:
    """Every variant of ``pattern`` × every method × every role, each in its own savepoint."""
    client = Client()
    rows, errors = [], []
    for variant, make in targets(pattern).items():
        path = pattern.path(make(world))
        _check_resolves(path, pattern)
        for method in METHODS:
            cells, failed = {}, defaultdict(list)
            for role in ROLES:
                cells[role], error = _answer(client, world.sessions.get(role), method, path)
                if error:
                    failed[error].append(role)
            errors += [f"{method} {path} as {', '.join(who)}: {why}" for why, who in failed.items()]
            rows.append(Row(row_key(pattern.route, variant), method, cells))
    return Observation(rows, errors)


def _check_resolves(path: str, pattern: Pattern) -> None:
    route = normalise(resolve(path).route)
    if pattern.localised:
        route = route.removeprefix(f"{LANGUAGE}/")
    route = "/" + route
    assert route == pattern.route, f"{path} reaches {route}, not {pattern.route}"


def _answer(client: Client, session: str | None, method: str, path: str) -> tuple[str, str]:
    client.cookies = SimpleCookie()
    if session:
        client.cookies[settings.SESSION_COOKIE_NAME] = session
    with transaction.atomic():
        before = AuditEvent.objects.count()
        try:
            response = client.get(path) if method == "GET" else client.post(path, {})
        except Exception:
            transaction.set_rollback(True)
            return SERVER_ERROR, _where_it_failed()
        finish(response)
        wrote = AuditEvent.objects.count() > before
        transaction.set_rollback(True)
    if response.status_code >= 500:
        return SERVER_ERROR, f"answered {response.status_code}"
    return _cell(response, wrote=wrote), ""


def finish(response: Any) -> None:
    """Read a streamed answer to its end, which closes its file the way the test client expects.

    Not ``response.close()``: the client has closed a plain answer already, and closing again
    would tell Django that the request ended, which drops the connection on PostgreSQL in the
    middle of the test's transaction.
    """
    if response.streaming:
        b"".join(response.streaming_content)


def _where_it_failed() -> str:
    """The exception, the last line of the platform's code it passed and the line it came from."""
    _type, error, trace = sys.exc_info()
    frames = traceback.extract_tb(trace)
    ours = [frame for frame in frames if "/befus/" in frame.filename.replace("\\", "/")]
    lines = [f"{type(error).__name__}: {error}"]
    for frame in ([ours[-1]] if ours else []) + [frames[-1]]:
        lines.append(f"    at {_short(frame.filename)}:{frame.lineno} in {frame.name}")
    return "\n".join(dict.fromkeys(lines))


def _short(filename: str) -> str:
    filename = filename.replace("\\", "/")
    for marker in ("/site-packages/", "/befus/"):
        if marker in filename:
            return marker.strip("/") + "/" + filename.split(marker, 1)[1]
    return filename


def _cell(response: Any, *, wrote: bool) -> str:
    cell = str(response.status_code)
    if response.status_code in (301, 302, 303, 307, 308):
        try:
            target = resolve(urlsplit(response["Location"]).path).view_name
        except Exception:  # an address outside the platform
            target = ""
        if target in LOGIN_VIEWS:
            cell += "→login"
    return cell + ("*" if wrote else "")
