"""Types shared by the views of the apps."""

from __future__ import annotations

from befus.accounts.models import User
from befus.core.types import HtmxRequest


class AuthenticatedRequest(HtmxRequest):
    """A request whose permission rule admits logged-in users only: ``user`` is a ``User``."""

    user: User
