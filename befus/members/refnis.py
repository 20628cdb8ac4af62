"""Reading Statbel's REFNIS code list of municipalities (CSV)."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.timezone import localdate

from befus.members.validators import validate_nis_code

CODE_COLUMNS = ("CD_REFNIS", "NIS", "CODE_INS", "NIS_CODE")
NAME_COLUMNS = {"nl": "TX_REFNIS_NL", "fr": "TX_REFNIS_FR", "de": "TX_REFNIS_DE"}
STOP_COLUMNS = ("DT_VLDT_STOP", "DT_VLDT_END")


@dataclass(frozen=True)
class MunicipalityRow:
    line: int
    nis_code: str
    name_nl: str
    name_fr: str
    name_de: str


@dataclass(frozen=True)
class RowError:
    line: int
    message: str


def parse_refnis(lines: Iterable[str]) -> tuple[list[MunicipalityRow], list[RowError]]:
    """Municipality rows of a REFNIS CSV; provinces, arrondissements and ended codes are skipped.

    The delimiter (``;``, ``,``, ``|`` or tab) is detected from the header. Lines starting with
    ``#`` and blank lines are ignored; every error names the line of the file it comes from. A
    code listed twice is an error on its second line (the first one counts).
    """
    numbered = [
        (n, line.rstrip("\r\n"))
        for n, line in enumerate(lines, start=1)
        if line.strip() and not line.startswith("#")
    ]
    if not numbered:
        return [], [RowError(0, "empty file")]
    header_line, header_text = numbered[0]
    try:
        dialect = csv.Sniffer().sniff(header_text, delimiters=";,|\t")
    except csv.Error:
        return [], [RowError(header_line, "not a REFNIS list: no ; , | or tab in the header")]
    header = [name.strip().upper() for name in next(csv.reader([header_text], dialect))]
    column = {name: index for index, name in enumerate(header)}
    code_index = next((column[c] for c in CODE_COLUMNS if c in column), None)
    if code_index is None:
        return [], [RowError(header_line, "no CD_REFNIS column in the header")]
    stop_index = next((column[c] for c in STOP_COLUMNS if c in column), None)
    name_index = {lang: column.get(name) for lang, name in NAME_COLUMNS.items()}

    rows: list[MunicipalityRow] = []
    errors: list[RowError] = []
    seen: set[str] = set()
    today = localdate()  # validity dates are Belgian calendar dates
    for line_number, text in numbered[1:]:
        fields = next(csv.reader([text], dialect))

        def field(index: int | None, fields: list[str] = fields) -> str:
            return fields[index].strip() if index is not None and index < len(fields) else ""

        code = field(code_index)
        if code.endswith("000"):
            continue  # a country, region, province or arrondissement, not a municipality
        if stop_index is not None and _ended(field(stop_index), today):
            continue
        try:
            validate_nis_code(code)
        except ValidationError:
            errors.append(RowError(line_number, f"invalid NIS code {code!r}"))
            continue
        if code in seen:
            errors.append(RowError(line_number, f"NIS code {code} is listed twice"))
            continue
        names = {lang: field(index) for lang, index in name_index.items()}
        if not names["nl"] and not names["fr"]:
            errors.append(RowError(line_number, f"no Dutch or French name for {code}"))
            continue
        seen.add(code)
        rows.append(MunicipalityRow(line_number, code, names["nl"], names["fr"], names["de"]))
    return rows, errors


def _ended(value: str, today: dt.date) -> bool:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%Y%m%d"):
        try:
            return dt.datetime.strptime(value, fmt).date() < today  # noqa: DTZ007
        except ValueError:
            continue
    return False
