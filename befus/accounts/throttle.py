"""Throttling of password logins that a stranger cannot turn against the account's owner.

Three counters, all in the shared cache, keyed by the login as typed (lower-cased) whether or
not an account has it, so that no answer tells which accounts exist:

- per connection and account (the client's address, or a known device): past
  ``FREE_FAILURES`` failures each further attempt waits 2^n seconds, up to
  ``BEFUS_LOGIN_MAX_DELAY``, and is refused before its password is checked. Guessing from one
  place becomes slow, and only that place waits.
- per address across accounts (password spraying): past ``BEFUS_LOGIN_FAILURES_PER_ADDRESS``
  failures within about an hour, unknown devices at that address are refused.
- per account across addresses: past ``BEFUS_LOGIN_FAILURES_PER_ACCOUNT`` failures from
  unknown devices within about an hour the account is under attack, and an unknown device gets
  in only with the right password and a second factor (the second-factor step then decides,
  with allauth's own limit). Devices that signed in before and a browser that reset the
  password by e-mail (``known_devices``) are let through.

allauth's own rule (``5/5m/key``: five failures lock the account for everyone) is not used for
passwords: anyone could lock the Chairman out with it. Nor is a limit per address alone: a few
thousand addresses would then guess freely at one account.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext, ngettext

from befus.accounts import known_devices
from befus.core.ratelimit import (
    address_bucket,
    cache_lock,
    client_address,
    count_event,
    recent_events,
)

logger = logging.getLogger(__name__)

FREE_FAILURES = 3  # failures per connection and account that cost no wait
WINDOW = 3600  # seconds over which failures per address and per account are counted
PAIR_MEMORY = 24 * 3600  # a connection's failures on an account are forgotten after a quiet day
BUSY_WAIT = 2  # seconds to wait when the same connection is already trying the same account


@dataclass(frozen=True)
class Attempt:
    """One password attempt, counted in advance as a failure until it is concluded."""

    login: str
    address: str
    device: str | None
    under_attack: bool

    @property
    def client(self) -> str:
        return f"device:{self.device}" if self.device else f"address:{self.address}"


def current_time() -> float:
    return time.time()


def login_of(credentials: dict[str, Any]) -> str:
    """The login an attempt is counted against, as the person typed it."""
    return str(credentials.get("email") or credentials.get("username") or "").strip().lower()


def begin_attempt(request: HttpRequest, login: str) -> Attempt:
    """Refuse the attempt with a ``ValidationError``, or count it and let the password decide."""
    now = current_time()
    device = known_devices.device_for(request, login)
    address = address_bucket(client_address(request))
    if device is None:
        recent = recent_events("login-address", address, seconds=WINDOW, now=now)
        limit = settings.BEFUS_LOGIN_FAILURES_PER_ADDRESS
        if recent.total >= limit:
            logger.warning("Login refused: too many failures from %s", address)
            wait = recent.seconds_until_below(limit)
            raise ValidationError(_address_message(wait), code="login_refused")
    attempt = Attempt(
        login=login,
        address=address,
        device=device,
        under_attack=device is None and _is_under_attack(login, now),
    )
    _reserve(attempt, now)
    return attempt


def conclude_attempt(attempt: Attempt, user: Any) -> Any:
    """Record the outcome of the password check; return ``user`` or raise a refusal."""
    if user is None:
        _record_failure(attempt)
        if attempt.under_attack:
            raise ValidationError(_protected_message(), code="login_protected")
        return None
    if attempt.under_attack and not is_mfa_enabled(
        user, [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ):
        raise ValidationError(_protected_message(), code="login_protected")
    cache.delete(_pair_name(attempt))
    return user


def delay_after(failures: int) -> int:
    """Seconds the next attempt from a connection must wait after its ``failures`` on an account."""
    if failures <= FREE_FAILURES:
        return 0
    return int(min(2**failures, settings.BEFUS_LOGIN_MAX_DELAY))


def wait_message(seconds: float) -> str:
    """What a person told to wait reads: when to try again."""
    seconds = max(1, math.ceil(seconds))
    if seconds < 60:
        return ngettext(
            "Too many failed login attempts with this e-mail address from your connection. "
            "Try again in %(count)d second.",
            "Too many failed login attempts with this e-mail address from your connection. "
            "Try again in %(count)d seconds.",
            seconds,
        ) % {"count": seconds}
    minutes = math.ceil(seconds / 60)
    return ngettext(
        "Too many failed login attempts with this e-mail address from your connection. "
        "Try again in %(count)d minute.",
        "Too many failed login attempts with this e-mail address from your connection. "
        "Try again in %(count)d minutes.",
        minutes,
    ) % {"count": minutes}


def _address_message(seconds: float) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        "Too many failed logins came from your connection. Try again in %(count)d minute.",
        "Too many failed logins came from your connection. Try again in %(count)d minutes.",
        minutes,
    ) % {"count": minutes}


def _protected_message() -> str:
    return gettext(
        "After many failed attempts, this account accepts logins only from devices that logged in "
        "to it before, or with its second factor. Use such a device, or reset your password by "
        "e-mail and log in from the same browser."
    )


def _reserve(attempt: Attempt, now: float) -> None:
    """Count the attempt as a failure before the password is checked, unless it must wait.

    Counting first, under a lock, keeps a burst of simultaneous requests from all slipping
    through before the first failure is written; a right password takes it back.
    """
    name = _pair_name(attempt)
    with cache_lock(name) as locked:
        if not locked:
            raise ValidationError(wait_message(BUSY_WAIT), code="login_wait")
        state = cache.get(name) or {}
        if now - state.get("last", now) > PAIR_MEMORY:
            state = {}
        wait = state.get("not_before", 0) - now
        if wait > 0:
            logger.info("Login refused: %s must wait %.0f s", attempt.client, wait)
            raise ValidationError(wait_message(wait), code="login_wait")
        failures = state.get("failures", 0) + 1
        state = {"failures": failures, "last": now, "not_before": now + delay_after(failures)}
        cache.set(name, state, timeout=PAIR_MEMORY)


def _record_failure(attempt: Attempt) -> None:
    """Count a wrong password towards its address and its account, unless from a known device."""
    if attempt.device is not None:
        return
    now = current_time()
    count_event("login-address", attempt.address, seconds=WINDOW, now=now)
    count_event("login-account", attempt.login, seconds=WINDOW, now=now)
    if _is_under_attack(attempt.login, now) and not attempt.under_attack:
        logger.warning(
            "Login: account %s is under attack; only known devices and second factors get in",
            known_devices.login_digest(attempt.login),
        )


def _is_under_attack(login: str, now: float) -> bool:
    recent = recent_events("login-account", login, seconds=WINDOW, now=now)
    return recent.total >= settings.BEFUS_LOGIN_FAILURES_PER_ACCOUNT


def _pair_name(attempt: Attempt) -> str:
    digest = known_devices.login_digest(attempt.login)
    return f"befus:login:pair:{attempt.client}:{digest}"
