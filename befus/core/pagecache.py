"""Whole pages from the cache, made obsolete by any committed change of content.

:func:`cached_page` keeps the pages people read most (home, members, networks, themes,
practices, search) in two layers: a small store in each server process and, with Redis, the
shared cache ``pages`` (without Redis nothing is shared: the database cache would push the login
counters out). Two kinds of reader:

* A visitor without a session (no session cookie, no message waiting) reads the same page as every
  other visitor of that address and language: one kept page serves them all.
* A logged-in person gets back only a page built for them: the key holds their account, their
  session and its CSRF cookie, and their count of unread notifications. Nothing of one person is
  ever served to another.

A page is kept only when building it set no cookie, added no message and touched no session,
and (for visitors) used no CSRF token.

Every saved or deleted row of the platform's content (members, networks, knowledge, requests,
people, permissions) moves the *content generation* on once its transaction commits; a page kept
under an older generation is never served again. Each process rereads the generation at most every
``BEFUS_PAGE_CACHE_FRESHNESS`` seconds for visitors (its own changes at once), so another
process's change reaches visitors within that time; for a logged-in person it rereads it on every
page, so that their own change shows whichever process serves them next. Pages also expire after
``BEFUS_PAGE_CACHE_SECONDS`` and at midnight (dates in them change meaning).
"""

from __future__ import annotations

import hashlib
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.timezone import localdate

from befus.core.selectors import unread_count

GENERATION_KEY = "befus:content-generation"
# The apps whose rows appear on pages or decide what a person may see (people, their groups and
# second factors included).
CONTENT_APPS = frozenset(
    {"members", "themes", "networks", "knowledge", "interpellations", "accounts", "auth", "mfa"}
)
# Fields that change often and appear on no page.
IGNORED_FIELDS = frozenset({"last_login"})
LOCAL_PAGES = 400  # pages kept in each process (about 10 KiB each)
EXACT_WINDOW = 0.1  # seconds

View = Callable[..., HttpResponseBase]
T = TypeVar("T")
Kept = tuple[str, bytes, str, list[tuple[str, str]]]  # generation, body, type, headers


class _Local(threading.local):
    def __init__(self) -> None:
        self.generation = ""
        self.read_at = 0.0
        self.pages: OrderedDict[str, Kept] = OrderedDict()
        self.values: OrderedDict[str, tuple[str, Any]] = OrderedDict()


_local = _Local()


def content_generation(*, exact: bool = False) -> str:
    """The current generation, reread from the shared cache at most every few seconds (or now:
    a person must see their own change whichever process serves their next page)."""
    now = time.monotonic()
    # "Now" allows a tenth of a second: the reads of one request share one look.
    window = EXACT_WINDOW if exact else settings.BEFUS_PAGE_CACHE_FRESHNESS
    if _local.generation and now - _local.read_at < window:
        return _local.generation
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(GENERATION_KEY) or uuid.uuid4().hex
    _local.generation, _local.read_at = str(generation), now
    return _local.generation


def forget_local() -> None:
    """Drop what this process keeps (tests start from a clean slate)."""
    _local.generation, _local.read_at = "", 0.0
    _local.pages.clear()
    _local.values.clear()


def content_changed() -> None:
    """Every kept page is out of date from now on (called once the change is committed)."""
    generation = uuid.uuid4().hex
    cache.set(GENERATION_KEY, generation, None)
    _local.generation, _local.read_at = generation, time.monotonic()
    _local.pages.clear()
    _local.values.clear()


def content_changes() -> None:
    """Make kept pages obsolete once the current transaction commits (at once outside one)."""
    if settings.BEFUS_PAGE_CACHE_SECONDS:
        transaction.on_commit(content_changed, robust=True)


def _is_content(sender: Any) -> bool:
    meta = getattr(sender, "_meta", None)
    if meta is None:
        return False
    return meta.app_label in CONTENT_APPS


def _on_change(sender: Any, **kwargs: Any) -> None:
    fields = kwargs.get("update_fields")
    if fields and set(fields) <= IGNORED_FIELDS:
        return
    if _is_content(sender):
        content_changes()


def connect_signals() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_change, dispatch_uid=f"befus.pagecache.{id(signal)}")


def is_visitor_without_state(request: HttpRequest) -> bool:
    """No session and no message waiting: the request carries nothing of its own."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _reader(request: HttpRequest) -> str | None:
    """Whose page this is: "" for every visitor, a person's own key, None for no cache."""
    if request.method not in ("GET", "HEAD") or "messages" in request.COOKIES:
        return None
    if is_visitor_without_state(request):
        return ""
    user = request.user
    if not user.is_authenticated or "_messages" in request.session:
        return None

    return "|".join(
        [
            str(user.pk),
            request.session.session_key or "",
            request.session.get("_auth_user_hash", ""),
            request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
            str(unread_count(user)),
        ]
    )


def _key(request: HttpRequest, reader: str) -> str:
    parts = [
        reader,
        request.get_full_path(),
        getattr(request, "LANGUAGE_CODE", ""),
        request.headers.get("HX-Request", ""),
        request.headers.get("HX-Target", ""),
        localdate().isoformat(),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:40]
    return f"befus:page:{digest}"


def _keepable(request: HttpRequest, response: HttpResponse, reader: str) -> bool:
    if reader == "" and (
        request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # a visitor's page holding a token
        or request.user.is_authenticated
    ):
        return False
    return (
        request.method == "GET"
        and not response.streaming
        and response.status_code == 200
        and not response.cookies
        and not request.session.modified
        and not getattr(getattr(request, "_messages", None), "added_new", False)
    )


def _find(key: str, generation: str) -> Kept | None:
    kept = _local.pages.get(key)
    if kept is None:
        kept = caches["pages"].get(key)
        if kept is None:
            return None
        _remember_locally(key, kept)
    else:
        _local.pages.move_to_end(key)
    return kept if kept[0] == generation else None


def _remember_locally(key: str, kept: Kept) -> None:
    _local.pages[key] = kept
    while len(_local.pages) > LOCAL_PAGES:
        _local.pages.popitem(last=False)


def cached_page(view: View) -> View:
    """Serve the page from the cache to the reader it was built for; keep it when it is safe."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        reader = _reader(request) if settings.BEFUS_PAGE_CACHE_SECONDS else None
        if reader is None:
            return view(request, *args, **kwargs)
        key = _key(request, reader)
        generation = content_generation(exact=reader != "")
        kept = _find(key, generation)
        if kept is not None:
            page = HttpResponse(kept[1], content_type=kept[2])
            for header, value in kept[3]:
                page.headers[header] = value
            return page
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponse) and _keepable(request, response, reader):
            headers = [
                (name, value)
                for name, value in response.headers.items()
                if name.lower() in ("content-language", "vary")
            ]
            kept = (generation, response.content, response["Content-Type"], headers)
            _remember_locally(key, kept)
            caches["pages"].set(key, kept, settings.BEFUS_PAGE_CACHE_SECONDS)
        return response

    return wrapper


def remembered(name: str, user: Any, compute: Callable[[], T]) -> T:
    """``compute()`` for this person, kept until the content generation moves on (or midnight):
    what a person's roles and menu are follows from the content (seats, contacts, networks)."""
    if not settings.BEFUS_PAGE_CACHE_SECONDS or not getattr(user, "pk", None):
        return compute()
    key = f"befus:{name}:{user.pk}:{localdate().isoformat()}"
    generation = content_generation(exact=True)
    kept = _local.values.get(key) or caches["pages"].get(key)
    if kept and kept[0] == generation:
        _local.values[key] = kept
        return kept[1]
    value = compute()
    _local.values[key] = (generation, value)
    caches["pages"].set(key, (generation, value), settings.BEFUS_PAGE_CACHE_SECONDS)
    while len(_local.values) > LOCAL_PAGES:
        _local.values.popitem(last=False)
    return value
