"""``befus manage check --deploy``: what must not reach production beyond Django's own checks.

Production settings already refuse a missing, published or short key at import
(``befus.core.secretkey``); these checks flag the keys that the demo, the tests and a developer's
machine run with, so that a configuration copied from one of them is caught before it serves.
Django's ``security.W018`` flags ``DEBUG``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning

from befus.core.secretkey import DEMO_KEY_FILE, HOW_TO_SET, KeySource, key_weakness


def check_secret_key(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    source = getattr(settings, "BEFUS_SECRET_KEY_SOURCE", KeySource.ENVIRONMENT)
    if source == KeySource.PER_PROCESS:
        return [
            Error(
                "BEFUS_SECRET_KEY is not set: each process signs with a random key of its own, "
                "so sessions and links signed by one are refused by the others.",
                hint=HOW_TO_SET,
                id="befus.E001",
            )
        ]
    if source == KeySource.DEMO_FILE:
        return [
            Warning(
                f"The secret key is the demo's ({DEMO_KEY_FILE} in BEFUS_DATA_DIR).",
                hint=HOW_TO_SET,
                id="befus.W001",
            )
        ]
    weakness = key_weakness(settings.SECRET_KEY)
    if weakness:
        return [Error(f"The secret key {weakness}.", hint=HOW_TO_SET, id="befus.E002")]
    return []


def check_demo_mode(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    if not getattr(settings, "DEMO", False):
        return []
    return [
        Error(
            "BEFUS_DEMO is on: the demo accounts need no second factor, cookies are not limited "
            "to HTTPS, and tasks run inside the web request.",
            hint="Unset BEFUS_DEMO outside the demo.",
            id="befus.E003",
        )
    ]
