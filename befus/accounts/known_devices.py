"""Devices that signed in to an account before: a signed, long-lived cookie (OWASP's device cookie).

A device that proved it knows an account (a login, or a password reset by e-mail in this browser)
is not slowed down by failures from elsewhere: ``befus.accounts.throttle`` counts its attempts
apart. The cookie names the accounts by a keyed digest of their e-mail addresses, never the
addresses, and holds a random device id so that one device's failures wait on that device only.
It opens nothing by itself: the password (and second factor) are still asked.
"""

from __future__ import annotations

import secrets
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils.crypto import salted_hmac

COOKIE_NAME = "befus_device"
SESSION_KEY = "befus_proven_logins"
SALT = "befus.accounts.known_devices"
MAX_AGE = 365 * 24 * 3600
# A shared office computer may serve a few colleagues; the oldest accounts drop out first.
MAX_ACCOUNTS = 20


def login_digest(login: str) -> str:
    """How the cookie names the account of ``login``: a digest keyed with the secret key."""
    return salted_hmac(SALT, login.strip().lower()).hexdigest()[:24]


def device_for(request: HttpRequest, login: str) -> str | None:
    """The id of this device if it proved before that it knows ``login``'s account."""
    digest = login_digest(login)
    for known in (_from_cookie(request), _from_session(request)):
        if known is not None and digest in known["logins"]:
            return str(known["device"])
    return None


def remember_device(request: HttpRequest, response: HttpResponseBase, user: Any) -> None:
    """Mark this device as known for every address of ``user`` (after a successful login)."""
    known = _from_cookie(request) or _from_session(request) or _new_device()
    digests = [login_digest(address) for address in _addresses_of(user)]
    logins = [d for d in known["logins"] if d not in digests] + digests
    value = signing.dumps(
        {"device": known["device"], "logins": logins[-MAX_ACCOUNTS:]}, salt=SALT, compress=True
    )
    response.set_cookie(
        COOKIE_NAME,
        value,
        max_age=MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def remember_proof(request: HttpRequest, email: str) -> None:
    """Mark this browser's session as knowing ``email``'s account (a reset link was followed).

    The session, not yet the cookie: the reset page's answer is not at hand where allauth says
    that a reset succeeded. The login that follows writes the cookie.
    """
    known = _from_session(request) or _new_device()
    digest = login_digest(email)
    if digest not in known["logins"]:
        known["logins"] = [*known["logins"], digest][-MAX_ACCOUNTS:]
    request.session[SESSION_KEY] = known


def _from_cookie(request: HttpRequest) -> dict[str, Any] | None:
    value = request.COOKIES.get(COOKIE_NAME)
    if not value:
        return None
    try:
        known = signing.loads(value, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    return known if _well_formed(known) else None


def _from_session(request: HttpRequest) -> dict[str, Any] | None:
    session = getattr(request, "session", None)
    known = session.get(SESSION_KEY) if session is not None else None
    return dict(known) if known is not None and _well_formed(known) else None


def _well_formed(known: object) -> bool:
    return (
        isinstance(known, dict)
        and isinstance(known.get("device"), str)
        and isinstance(known.get("logins"), list)
    )


def _new_device() -> dict[str, Any]:
    return {"device": secrets.token_urlsafe(16), "logins": []}


def _addresses_of(user: Any) -> set[str]:
    addresses = set(EmailAddress.objects.filter(user=user).values_list("email", flat=True))
    if user.email:
        addresses.add(user.email)
    return addresses
