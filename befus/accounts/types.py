"""Types shared by the views of the apps."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from befus.accounts.models import User
from befus.core.types import HtmxRequest


class AuthenticatedRequest(HtmxRequest):
    """A request whose permission rule admits logged-in users only: ``user`` is a ``User``."""

    user: User


# Whoever a rule or a read is about: a person logged in, or a visitor.
Person = User | AnonymousUser
