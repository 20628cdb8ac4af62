"""TOTP helpers: set up an authenticator for a person and compute the code their app would show."""

from __future__ import annotations

import time
from typing import Any

from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)


def activate_totp(user: Any) -> str:
    """Give ``user`` an activated TOTP authenticator and return its secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def current_code(secret: str) -> str:
    """The code an authenticator app shows now.

    Waits for the next period when the current one ends within two seconds, so that the code is
    still valid when the request reaches the server (allauth accepts no neighbouring period).
    """
    period = app_settings.TOTP_PERIOD
    if period - time.time() % period < 2:
        time.sleep(period - time.time() % period + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


def tampered(code: str) -> str:
    """``code`` with its last digit changed, as a mistyped or guessed code."""
    return code[:-1] + str((int(code[-1]) + 1) % 10)
