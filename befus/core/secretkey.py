"""Where the secret key comes from: the environment in production, never a key published in git.

Django signs sessions, password-reset links and e-mail confirmation keys with ``SECRET_KEY``:
whoever knows the key forges them. So the platform ships no key that could run a server:

- production (neither ``BEFUS_DEBUG`` nor ``BEFUS_DEMO``) refuses to start, whatever the entry
  point (``befus.wsgi``, ``befus serve``, ``befus worker``, ``befus manage``), without a
  ``BEFUS_SECRET_KEY`` of at least 50 characters that was never published;
- the tests sign with a fixed key, known to be public;
- ``befus demo`` makes a random key once and keeps it in its data directory (mode 0600); the
  other commands run against that directory's embedded database use it too, so that
  ``befus search`` or ``befus manage …`` work after ``befus demo`` without any setting;
- a developer's machine (``BEFUS_DEBUG``) without a key gets a random key per process.

``befus manage check --deploy`` flags every key but a configured one (``befus.core.checks``).
This module is imported by the settings: it must not need them.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from enum import StrEnum
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

MIN_LENGTH = 50
DEMO_KEY_FILE = "secret-key"
TESTS_KEY = "befus-tests-only-key-public-in-git-never-sign-anything-real-with-it"
# Keys anyone can read in the platform's history: the demo's fallback until issue 11, the tests'.
PUBLIC_KEYS = frozenset({"insecure-demo-key-never-use-in-production-0123456789abcdef", TESTS_KEY})
HOW_TO_SET = (
    "Set BEFUS_SECRET_KEY to at least 50 random characters, e.g. the output of "
    "`python3 -c 'import secrets; print(secrets.token_urlsafe(50))'` (see docs/configuration.md)."
)


class KeySource(StrEnum):
    ENVIRONMENT = "environment"
    TESTS = "tests"
    DEMO_FILE = "demo-file"
    PER_PROCESS = "per-process"


def resolve_secret_key(
    *,
    configured: str,
    testing: bool,
    demo: bool,
    debug: bool,
    data_dir: Path,
    embedded_database: bool,
) -> tuple[str, KeySource]:
    """The key to sign with and where it came from; ImproperlyConfigured where there is none."""
    if configured:
        weakness = key_weakness(configured)
        if weakness and not (testing or demo or debug):
            raise ImproperlyConfigured(f"BEFUS_SECRET_KEY {weakness}. {HOW_TO_SET}")
        return configured, KeySource.ENVIRONMENT
    if testing:
        return TESTS_KEY, KeySource.TESTS
    key_file = data_dir / DEMO_KEY_FILE
    if demo:
        _create_key_file(key_file)
    if demo or (embedded_database and key_file.exists()):
        return _read_key_file(key_file), KeySource.DEMO_FILE
    if debug:
        return secrets.token_urlsafe(MIN_LENGTH), KeySource.PER_PROCESS
    raise ImproperlyConfigured(f"BEFUS_SECRET_KEY is not set. {HOW_TO_SET}")


def key_weakness(key: str) -> str | None:
    """Why ``key`` must not sign anything in production, or None."""
    if key in PUBLIC_KEYS or key.startswith("django-insecure-"):
        return "is a published key"
    if len(key) < MIN_LENGTH:
        return f"is shorter than {MIN_LENGTH} characters"
    if len(set(key)) < 5:
        return "has fewer than 5 different characters"
    return None


def _create_key_file(path: Path) -> None:
    """Write a new random key to ``path`` unless one is there, readable by its owner only.

    The key is written to a file of this process first, then linked into place: two processes
    starting at once both end up with the first one's key, and nobody reads a half-written file.
    """
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f".{path.name}.{os.getpid()}")
    draft.unlink(missing_ok=True)
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
        stream.write(secrets.token_urlsafe(64) + "\n")
    try:
        with contextlib.suppress(FileExistsError):
            os.link(draft, path)
    finally:
        draft.unlink()


def _read_key_file(path: Path) -> str:
    key = path.read_text(encoding="utf-8").strip()
    if key_weakness(key):
        raise ImproperlyConfigured(
            f"{path} holds no usable key: delete it and start `befus demo` again, or {HOW_TO_SET}"
        )
    return key
