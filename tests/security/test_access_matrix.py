"""Every URL pattern × every role × GET and POST answers what tests/security/access_matrix.txt
says; a 500 is never right. Regenerate the table after a deliberate change (see its header)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.security.conftest import keep_observed, writing
from tests.security.matrix import METHODS, observe, url_patterns
from tests.security.table import (
    REGENERATE,
    TABLE,
    Row,
    differences,
    read_table,
    row_key,
    write_table,
)
from tests.security.targets import targets
from tests.security.world import ROLES

PATTERNS = url_patterns()


@pytest.fixture(scope="module")
def expected() -> dict[tuple[str, str], Any]:
    return read_table() if TABLE.exists() else {}


@pytest.mark.parametrize("pattern", PATTERNS, ids=[pattern.route for pattern in PATTERNS])
def test_every_role_gets_the_answer_of_the_table(
    pattern: Any, world: Any, expected: Any, request: pytest.FixtureRequest
) -> None:
    # given the world, with a session for every role
    # when every role asks for the pattern, with GET and with an empty POST
    observed = observe(pattern, world)
    # then nothing fails with a 500, and every answer is the one the table expects
    if writing(request.config):
        keep_observed(observed.rows)
        assert not observed.errors, "\n".join(observed.errors)
        return
    changed = [line for row in observed.rows for line in differences(expected.get(row.id), row)]
    assert not changed, "\n".join([*changed, *observed.errors, f"(if right: {REGENERATE})"])
    # A server error the table already shows as "?" is known: shown, never passed.
    if observed.errors:
        pytest.xfail("server errors:\n" + "\n".join(observed.errors))


def test_the_table_has_a_row_for_every_url_and_no_other(expected: Any) -> None:
    # given the rows the URL configuration calls for
    wanted = set()
    unknown = []
    for pattern in PATTERNS:
        try:
            variants = targets(pattern)
        except LookupError as error:
            unknown.append(str(error))
            continue
        wanted |= {(row_key(pattern.route, v), m) for v in variants for m in METHODS}
    # then the table has exactly those
    missing = sorted(wanted - set(expected))
    stale = sorted(set(expected) - wanted)
    assert not unknown, "\n".join(unknown)
    assert not missing, f"URL patterns without a row in {TABLE.name} ({REGENERATE}): {missing}"
    assert not stale, f"rows of {TABLE.name} for URLs that no longer exist: {stale}"


def test_the_walk_sees_the_platform_the_accounts_and_the_admin() -> None:
    """Guard against a walk that silently finds nothing (and so can never fail)."""
    routes = {pattern.route for pattern in PATTERNS}
    assert {"/practices/<slug:slug>/", "/accounts/login/", "/admin/accounts/user/"} <= routes
    assert len(routes) == len(PATTERNS)


def test_a_written_table_reads_back_with_its_comments(tmp_path: Path) -> None:
    # given a row with a comment above it and one at its end
    row = Row("/x/ [draft]", "POST", dict.fromkeys(ROLES, "302→login"), ["# why"], "checked")
    # when the table is written and read again
    write_table([row], tmp_path / "table.txt")
    # then the row and its comments come back
    assert read_table(tmp_path / "table.txt") == {row.id: row}


def test_a_server_error_is_never_an_expected_answer(tmp_path: Path) -> None:
    (tmp_path / "table.txt").write_text("/x/  GET  " + "  ".join(["500"] * len(ROLES)))
    with pytest.raises(ValueError, match="never is"):
        read_table(tmp_path / "table.txt")
