"""The expected table of the access matrix: read it, compare with what was observed, write it.

One row per (route, variant, method), one column per role. A cell is the status code, with
``→login`` when it is a redirect to a login page and ``*`` when the request wrote an audit event
(it changed something). A 500 is never an expected answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from tests.security.world import ROLES

TABLE = Path(__file__).with_name("access_matrix.txt")
REGENERATE = "pytest -n 2 tests/security/test_access_matrix.py --write-access-matrix"
CELL = re.compile(r"^(\d{3}(→login)?\*?|\?)$")
# Written in place of a 5xx: there is no right answer to expect until the error is mended.
SERVER_ERROR = "?"

HEADER = f"""\
# The access matrix: every URL pattern × every role × GET and POST, as the platform answers today.
#
# Written by `{REGENERATE}`;
# review its diff like code. tests/security/test_access_matrix.py fails when an answer differs,
# when a URL pattern has no row here, or when a row names a URL that no longer exists.
#
# GET carries no parameters; POST an empty body (no CSRF check in the test client). Each request
# runs in a savepoint rolled back afterwards. The people and objects: tests/security/world.py;
# what each URL is opened on (a row per variant, e.g. a practice per visibility): targets.py.
#
# Cells: the status code; "302→login" a redirect to a login page (the platform's or the admin's);
# "*" the request wrote an audit event, i.e. it changed something; "?" the request failed with a
# server error when the table was written: a 5xx is never expected, the test of that URL shows as
# xfail with the error until it is mended, and fails (regenerate) once it answers.
# Roles: visitor = nobody logged in; no-org = signed up, no organisation; unconfirmed = names a
# member city, not yet confirmed; member = confirmed professional of a member city; referent =
# local referent of a recognised network; mayor, delegate (of the mayor) of that city; board =
# board member; chairman; secretariat = a seat in the secretariat, staff with its admin group;
# superuser. Those who need a second factor have one.
#
# A line starting with # is a comment; comments just above a row and at the end of a row stay
# with that row when the table is written again.
"""


@dataclass
class Row:
    key: str  # the route, then " [variant]" when the route is opened on several objects
    method: str
    cells: dict[str, str]
    notes: list[str] = field(default_factory=list)  # comment lines above the row
    remark: str = ""  # the comment at the end of the row

    @property
    def id(self) -> tuple[str, str]:
        return (self.key, self.method)


def row_key(route: str, variant: str) -> str:
    return f"{route} [{variant}]" if variant else route


def read_table(path: Path = TABLE) -> dict[tuple[str, str], Row]:
    rows: dict[tuple[str, str], Row] = {}
    notes: list[str] = []
    in_header = True  # the header, up to the line naming the columns, is written anew each time
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("# route"):
            in_header = False
        elif stripped.startswith("#") and not in_header:
            notes.append(stripped)
        if not stripped or stripped.startswith("#"):
            continue
        in_header = False
        row = _parse(stripped, f"{path.name}:{number}")
        row.notes, notes = notes, []
        if row.id in rows:
            raise ValueError(f"{path.name}:{number}: a second row for {row.key} {row.method}")
        rows[row.id] = row
    return rows


def _parse(line: str, where: str) -> Row:
    body, _hash, remark = line.partition("#")
    tokens = body.split()
    key = tokens.pop(0)
    if tokens and tokens[0].startswith("["):
        key = f"{key} {tokens.pop(0)}"
    if len(tokens) != 1 + len(ROLES):
        raise ValueError(f"{where}: expected a method and {len(ROLES)} cells, got {tokens}")
    method, cells = tokens[0], tokens[1:]
    for cell in cells:
        if not CELL.match(cell) or cell.startswith("5"):
            raise ValueError(f"{where}: {cell!r} is not an expected answer (a 5xx never is)")
    return Row(key, method, dict(zip(ROLES, cells, strict=True)), remark=remark.strip())


def differences(expected: Row | None, observed: Row) -> list[str]:
    """What a reader needs to see: the cells that changed, or the row to add."""
    if expected is None:
        return [
            f"{observed.key} {observed.method} has no row in {TABLE.name}; the answers today:",
            "    " + format_rows([observed]).splitlines()[-1],
            f"  add it (or regenerate the table: {REGENERATE}) once they are right",
        ]
    return [
        f"{observed.key} {observed.method} as {role}: expected {want}, got {got}"
        for role, want in expected.cells.items()
        if (got := observed.cells[role]) != want
    ]


def format_rows(rows: list[Row]) -> str:
    """The rows as an aligned table, with their comments; the header line first."""
    key_width = max([len("# route"), *(len(row.key) for row in rows)])
    widths = {role: max([len(role), *(len(row.cells[role]) for row in rows)]) for role in ROLES}
    header = (
        "# route".ljust(key_width)
        + "  method  "
        + " ".join(role.ljust(widths[role]) for role in ROLES)
    )
    lines = [header.rstrip()]
    for row in rows:
        lines.extend(row.notes)
        cells = " ".join(row.cells[role].ljust(widths[role]) for role in ROLES)
        line = f"{row.key.ljust(key_width)}  {row.method.ljust(6)}  {cells}".rstrip()
        lines.append(f"{line}  # {row.remark}" if row.remark else line)
    return "\n".join(lines)


def write_table(rows: list[Row], path: Path = TABLE) -> None:
    path.write_text(HEADER + "\n" + format_rows(rows) + "\n", encoding="utf-8")
