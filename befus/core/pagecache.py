"""Whole pages for visitors, from the cache; a generation that any change of content moves on.

A visitor without a session (no session cookie, no message waiting) reads the same page as every
other visitor of that address and language, so :func:`cache_for_visitors` keeps it. A logged-in
person never gets a page from this cache, and a page is kept only when building it set no cookie
and used no CSRF token (nothing of one visitor is ever served to another).

Every saved or deleted row of the platform's content moves the *content generation* on, once the
transaction commits; a page kept under an older generation is never served again. Pages also
expire after ``BEFUS_PAGE_CACHE_SECONDS`` and at midnight (dates in them change meaning).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.timezone import localdate

GENERATION_KEY = "befus:content-generation"
# The apps whose rows appear on public pages (people appear through their profiles).
CONTENT_APPS = frozenset({"members", "networks", "knowledge", "interpellations", "auth", "mfa"})
CONTENT_MODELS = frozenset({"accounts.profile", "accounts.user"})
# Fields that change often and appear on no page.
IGNORED_FIELDS = frozenset({"last_login"})

View = Callable[..., HttpResponseBase]
T = TypeVar("T")


def content_generation() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.add(GENERATION_KEY, generation, None)
        generation = cache.get(GENERATION_KEY, generation)
    return str(generation)


def content_changed() -> None:
    """Every kept page is out of date from now on (called once the change is committed)."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def _is_content(sender: Any) -> bool:
    meta = getattr(sender, "_meta", None)
    if meta is None:
        return False
    return meta.app_label in CONTENT_APPS or meta.label_lower in CONTENT_MODELS


def _on_change(sender: Any, **kwargs: Any) -> None:
    fields = kwargs.get("update_fields")
    if fields and set(fields) <= IGNORED_FIELDS:
        return
    if settings.BEFUS_PAGE_CACHE_SECONDS and _is_content(sender):
        transaction.on_commit(content_changed, robust=True)


def connect_signals() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_change, dispatch_uid=f"befus.pagecache.{id(signal)}")


def is_visitor_without_state(request: HttpRequest) -> bool:
    """No session and no message waiting: the request carries nothing of its own."""
    cookies = request.COOKIES
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in cookies
        and "messages" not in cookies
    )


def _key(request: HttpRequest) -> str:
    parts = [
        request.get_full_path(),
        getattr(request, "LANGUAGE_CODE", ""),
        request.headers.get("HX-Request", ""),
        request.headers.get("HX-Target", ""),
        localdate().isoformat(),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:40]
    return f"befus:page:{digest}"


def _keepable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        not response.streaming
        and response.status_code == 200
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # the page holds a token
        and not request.session.modified  # a session cookie follows
        and not getattr(getattr(request, "_messages", None), "added_new", False)
        and not request.user.is_authenticated
    )


def cache_for_visitors(view: View) -> View:
    """Serve the page from the cache to visitors without a session; keep it when it is safe."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not settings.BEFUS_PAGE_CACHE_SECONDS or not is_visitor_without_state(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY) or content_generation()
        kept = found.get(key)
        if kept and kept[0] == generation:
            page = HttpResponse(kept[1], content_type=kept[2])
            for header, value in kept[3]:
                page.headers[header] = value
            return page
        response = view(request, *args, **kwargs)
        if (
            request.method == "GET"
            and isinstance(response, HttpResponse)
            and _keepable(request, response)
        ):
            headers = [
                (name, value)
                for name, value in response.headers.items()
                if name.lower() in ("content-language", "vary")
            ]
            cache.set(
                key,
                (generation, response.content, response["Content-Type"], headers),
                settings.BEFUS_PAGE_CACHE_SECONDS,
            )
        return response

    return wrapper


def remembered(name: str, user: Any, compute: Callable[[], T]) -> T:
    """``compute()`` for this person, kept until the content generation moves on (or midnight):
    what a person's roles and menu are follows from the content (seats, contacts, networks)."""
    if not settings.BEFUS_PAGE_CACHE_SECONDS or not getattr(user, "pk", None):
        return compute()
    key = f"befus:{name}:{user.pk}:{localdate().isoformat()}"
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY) or content_generation()
    kept = found.get(key)
    if kept and kept[0] == generation:
        return kept[1]
    value = compute()
    cache.set(key, (generation, value), settings.BEFUS_PAGE_CACHE_SECONDS)
    return value
