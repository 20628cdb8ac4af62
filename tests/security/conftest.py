"""Fixtures of the security tests: the world of the access matrix, and the writing of its table.

``--write-access-matrix`` makes the matrix tests keep what they observe (each xdist worker in its
own files under one directory) and the session rewrite tests/security/access_matrix.txt at the
end, so that a change of the platform's answers is reviewed as the diff of that file.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.utils import translation

from tests.security.table import TABLE, Row, read_table, write_table
from tests.security.world import World, build_world

WRITE_DIRECTORY = "BEFUS_ACCESS_MATRIX_OBSERVED"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--write-access-matrix",
        action="store_true",
        help="rewrite tests/security/access_matrix.txt with the answers observed today",
    )


def writing(config: pytest.Config) -> bool:
    return bool(config.getoption("write_access_matrix", default=False))


def pytest_configure(config: pytest.Config) -> None:
    # xdist starts its workers after this, and they inherit the environment.
    if writing(config) and WRITE_DIRECTORY not in os.environ:
        os.environ[WRITE_DIRECTORY] = tempfile.mkdtemp(prefix="befus-access-matrix-")


def keep_observed(rows: list[Row]) -> None:
    directory = Path(os.environ[WRITE_DIRECTORY])
    name = f"{uuid.uuid4().hex}.json"
    payload = [{"key": row.key, "method": row.method, "cells": row.cells} for row in rows]
    (directory / name).write_text(json.dumps(payload), encoding="utf-8")


def pytest_sessionfinish(session: pytest.Session) -> None:
    if not writing(session.config) or hasattr(session.config, "workerinput"):
        return
    directory = Path(os.environ.pop(WRITE_DIRECTORY))
    observed = {}
    for file in sorted(directory.glob("*.json")):
        for item in json.loads(file.read_text(encoding="utf-8")):
            row = Row(item["key"], item["method"], item["cells"])
            observed[row.id] = row
    shutil.rmtree(directory)
    if observed:
        write_table(_merged(observed))


def _merged(observed: dict[tuple[str, str], Row]) -> list[Row]:
    """Today's rows in the order of the URL configuration; the comments of the old table and the
    rows of patterns this run did not observe (a run with -k) are kept."""
    from tests.security.matrix import METHODS, url_patterns
    from tests.security.table import row_key
    from tests.security.targets import targets

    kept = read_table() if TABLE.exists() else {}
    rows = []
    for pattern in url_patterns():
        try:
            variants = targets(pattern)
        except LookupError:
            continue  # its test failed and said why
        for variant in variants:
            for method in METHODS:
                key = (row_key(pattern.route, variant), method)
                row = observed.get(key) or kept.get(key)
                if row is None:
                    continue
                if key in kept:
                    row.notes, row.remark = kept[key].notes, kept[key].remark
                rows.append(row)
    return rows


@pytest.fixture(scope="module")
def world(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    """The people and objects of the matrix, built once for the module in a transaction that is
    rolled back at its end; the tests' own transactions nest inside it."""

    # Files the world uploads go to a directory of the run; its dozen accounts hash fast.
    isolated = override_settings(
        MEDIA_ROOT=tmp_path_factory.mktemp("media"),
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    )
    isolated.enable()
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with translation.override("en"):
                built = build_world()
                built.sessions = _sessions(built.people)
        except BaseException:
            outer.__exit__(*sys.exc_info())
            isolated.disable()
            raise
    try:
        yield built
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
        isolated.disable()


def _sessions(people: dict[str, Any]) -> dict[str, str]:
    """A logged-in session per role, by its cookie's value."""
    from django.conf import settings

    sessions = {}
    for role, person in people.items():
        client = Client()
        client.force_login(person)
        sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return sessions
