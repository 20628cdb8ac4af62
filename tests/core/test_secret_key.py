"""No public secret key signs anything in production: every entry point refuses to start without a
strong key, the demo makes a private one, and ``check --deploy`` flags the keys that are not
production ones. Each case runs in a fresh process: the settings load once per process."""

from __future__ import annotations

import os
import secrets
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from befus.core.secretkey import DEMO_KEY_FILE, TESTS_KEY, KeySource

OLD_DEMO_KEY = "insecure-demo-key-never-use-in-production-0123456789abcdef"
PRINT_KEY = "from django.conf import settings; print(settings.SECRET_KEY)"


def _run(args: list[str], data_dir: Path, **variables: str) -> subprocess.CompletedProcess[str]:
    """Run ``python args`` as an operator would: none of this process's BEFUS_* or test state."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BEFUS_", "DJANGO_"))}
    env.pop("PYTEST_CURRENT_TEST", None)
    env.update(BEFUS_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="befus.settings", **variables)
    return subprocess.run(
        [sys.executable, *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def _production(**variables: str) -> dict[str, str]:
    return {"BEFUS_ALLOWED_HOSTS": "befus.example.org", **variables}


WEAK_KEYS = {
    "no key": {},
    "the old demo key": {"BEFUS_SECRET_KEY": OLD_DEMO_KEY},
    "a short key": {"BEFUS_SECRET_KEY": secrets.token_urlsafe(30)[:40]},
}
ENTRY_POINTS = {
    "befus.wsgi": ["-c", "import befus.wsgi"],
    "befus manage check": ["-m", "befus.cli", "manage", "check"],
    "befus worker": ["-m", "befus.cli", "worker"],
}


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize("key", WEAK_KEYS)
def test_production_refuses_to_start_without_a_strong_key(
    tmp_path: Path, entry: str, key: str
) -> None:
    # given production settings whose key is missing, published or short
    # when the platform is started through this entry point
    result = _run(ENTRY_POINTS[entry], tmp_path, **_production(**WEAK_KEYS[key]))
    # then it stops, saying what to set
    assert result.returncode != 0
    assert "Set BEFUS_SECRET_KEY to at least 50 random characters" in result.stderr


def test_the_tests_sign_with_their_own_public_key(settings: Any) -> None:
    assert settings.SECRET_KEY == TESTS_KEY
    assert settings.BEFUS_SECRET_KEY_SOURCE == KeySource.TESTS


def test_the_demo_makes_a_private_key_once_and_its_commands_share_it(tmp_path: Path) -> None:
    # when the demo starts twice, and another command runs on its data directory
    first = _run(["-c", PRINT_KEY], tmp_path, BEFUS_DEMO="1")
    second = _run(["-c", PRINT_KEY], tmp_path, BEFUS_DEMO="1")
    command = _run(["-c", PRINT_KEY], tmp_path)
    # then they all sign with one random key, kept where only its owner reads it
    assert first.returncode == 0, first.stderr
    key = first.stdout.strip()
    assert len(key) >= 50
    assert key != OLD_DEMO_KEY
    assert second.stdout.strip() == key
    assert command.stdout.strip() == key
    key_file = tmp_path / DEMO_KEY_FILE
    assert key_file.read_text(encoding="utf-8").strip() == key
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_the_demo_key_serves_only_the_demo_database(tmp_path: Path) -> None:
    # given a demo data directory
    assert _run(["-c", PRINT_KEY], tmp_path, BEFUS_DEMO="1").returncode == 0
    # when a command on another database finds it
    result = _run(
        ["-c", PRINT_KEY], tmp_path, BEFUS_DATABASE_URL="postgres://befus@127.0.0.1/befus"
    )
    # then it does not sign with the demo's key
    assert result.returncode != 0
    assert "BEFUS_SECRET_KEY is not set" in result.stderr


def test_a_developer_machine_without_a_key_signs_with_a_key_per_process(tmp_path: Path) -> None:
    # when two processes start in debug mode without a key
    keys = [_run(["-c", PRINT_KEY], tmp_path, BEFUS_DEBUG="1").stdout.strip() for _ in range(2)]
    # then each has a random key of its own
    assert all(len(key) >= 50 for key in keys)
    assert keys[0] != keys[1]
    assert OLD_DEMO_KEY not in keys


CHECK_DEPLOY = ["-m", "befus.cli", "manage", "check", "--deploy", "--fail-level", "WARNING"]


@pytest.mark.parametrize(
    ("variables", "flag"),
    [
        ({"BEFUS_DEBUG": "1"}, "befus.E001"),
        ({"BEFUS_DEBUG": "1", "BEFUS_SECRET_KEY": OLD_DEMO_KEY}, "befus.E002"),
        ({"BEFUS_DEBUG": "1", "BEFUS_SECRET_KEY": "short-key"}, "befus.E002"),
        ({"BEFUS_DEMO": "1"}, "befus.W001"),
        ({"BEFUS_DEMO": "1"}, "befus.E003"),
        ({"BEFUS_DEBUG": "1", "BEFUS_SECRET_KEY": "k" * 60}, "security.W018"),
    ],
    ids=["no key", "old demo key", "short key", "demo key", "demo mode", "debug"],
)
def test_check_deploy_flags_what_is_not_production(
    tmp_path: Path, variables: dict[str, str], flag: str
) -> None:
    # when
    result = _run(CHECK_DEPLOY, tmp_path, **_production(**variables))
    # then
    assert result.returncode != 0
    assert flag in result.stderr + result.stdout


@pytest.mark.parametrize(
    "variables",
    [
        {},
        # docs/deployment.md: nginx redirects to HTTPS, Redis holds the cache
        {
            "BEFUS_SSL_REDIRECT": "0",
            "BEFUS_REDIS_URL": "redis://127.0.0.1:6379/0",
            "BEFUS_CSRF_TRUSTED_ORIGINS": "https://befus.example.org",
        },
    ],
    ids=["least", "deployment guide"],
)
def test_check_deploy_is_clean_with_production_settings(
    tmp_path: Path, variables: dict[str, str]
) -> None:
    # given production settings with a good key and a temporary database
    key = secrets.token_urlsafe(50)
    database = f"sqlite:///{tmp_path / 'befus.sqlite3'}"
    # when
    result = _run(
        CHECK_DEPLOY,
        tmp_path,
        **_production(BEFUS_SECRET_KEY=key, BEFUS_DATABASE_URL=database, **variables),
    )
    # then
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
