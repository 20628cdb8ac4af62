from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from befus import cli

PRODUCTION_ENV = {
    "BEFUS_SECRET_KEY": "k" * 20 + "production-secret-key-with-enough-entropy-0123456789",
    "BEFUS_ALLOWED_HOSTS": "befus.example",
    "BEFUS_DATABASE_URL": "",
    "BEFUS_DEBUG": "",
    "BEFUS_DEMO": "",
}


def _clean_env(**overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BEFUS_")}
    env.pop("PYTEST_CURRENT_TEST", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests, never in production
    env.update({k: v for k, v in overrides.items() if v})
    return env


@pytest.mark.parametrize("missing", ["BEFUS_SECRET_KEY", "BEFUS_ALLOWED_HOSTS"])
def test_serve_refuses_to_start_without_secret_key_or_hosts(
    monkeypatch: pytest.MonkeyPatch, capsys: Any, missing: str
) -> None:
    # given a production environment lacking one variable
    for name, value in PRODUCTION_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv(missing)
    # when
    status = cli.main(["serve"])
    # then it exits with an explanation and serves nothing
    assert status == 2
    assert missing in capsys.readouterr().err


def test_serve_refuses_a_short_secret_key(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    monkeypatch.setenv("BEFUS_SECRET_KEY", "short")
    monkeypatch.setenv("BEFUS_ALLOWED_HOSTS", "befus.example")
    assert cli.main(["serve"]) == 2
    assert "50 characters" in capsys.readouterr().err


def test_demo_prepares_a_fresh_data_directory_and_lists_the_logins(tmp_path: Path) -> None:
    # given an empty data directory
    env = _clean_env(BEFUS_DATA_DIR=str(tmp_path / "data"))
    # when the demo is prepared without serving
    result = subprocess.run(
        [sys.executable, "-m", "befus.cli", "demo", "--no-serve"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    # then the database exists, and the output names the URL and each demo login
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "befus.sqlite3").exists()
    assert "http://127.0.0.1:8000/" in result.stdout
    from befus.demo import DEMO_ACCOUNTS

    for account in DEMO_ACCOUNTS:
        assert account.email in result.stdout
    # and a second run keeps the data rather than loading it twice
    again = subprocess.run(
        [sys.executable, "-m", "befus.cli", "demo", "--no-serve", "--port", "8123"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert again.returncode == 0
    assert "Loading the demo data" not in again.stdout
    # and on another port, its address (the one its e-mails link to) follows
    assert "http://127.0.0.1:8123/" in again.stdout
