"""Types shared by views."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from befus.accounts.models import User


class HtmxRequest(HttpRequest):
    htmx: HtmxDetails


class AuthenticatedRequest(HtmxRequest):
    """A request whose permission rule admits logged-in users only: ``user`` is a ``User``."""

    user: User
