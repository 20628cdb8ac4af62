"""Types shared by views and by the registries the apps fill."""

from __future__ import annotations

from typing import Protocol

from django.db.models import Model
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxRequest(HttpRequest):
    htmx: HtmxDetails


class Visitor(Protocol):
    """Whoever asks for a page: an account or an anonymous visitor (core knows no accounts app)."""

    @property
    def is_authenticated(self) -> bool: ...

    def has_perm(self, perm: str, obj: Model | None = ...) -> bool: ...
