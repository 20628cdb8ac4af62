"""Reading Statbel's REFNIS code list of municipalities (CSV)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from befus.members.validators import validate_nis_code

CODE_COLUMNS = ("CD_REFNIS", "NIS", "CODE_INS", "NIS_CODE")
NAME_COLUMNS = {"nl": "TX_REFNIS_NL", "fr": "TX_REFNIS_FR", "de": "TX_REFNIS_DE"}


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

    The delimiter (``;``, ``,``, ``|`` or tab) is detected; lines starting with ``#`` are comments.
    """
    numbered = [(n, line) for n, line in enumerate(lines, start=1) if not line.startswith("#")]
    if not numbered:
        return [], [RowError(0, "empty file")]
    text = "".join(line if line.endswith("\n") else line + "\n" for _, line in numbered)
    dialect = csv.Sniffer().sniff(numbered[0][1], delimiters=";,|\t")
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = {name.strip().upper(): name for name in reader.fieldnames or []}
    code_column = next((header[c] for c in CODE_COLUMNS if c in header), None)
    if code_column is None:
        return [], [RowError(numbered[0][0], "no CD_REFNIS column in the header")]
    stop_column = header.get("DT_VLDT_STOP") or header.get("DT_VLDT_END")
    rows: list[MunicipalityRow] = []
    errors: list[RowError] = []
    today = dt.date.today()  # noqa: DTZ011  (validity dates in the file are calendar dates)
    for (line_number, _), record in zip(numbered[1:], reader, strict=False):
        code = (record.get(code_column) or "").strip()
        if code.endswith("000"):
            continue  # a country, region, province or arrondissement, not a municipality
        if stop_column and _ended(record.get(stop_column) or "", today):
            continue
        try:
            validate_nis_code(code)
        except ValidationError:
            errors.append(RowError(line_number, f"invalid NIS code {code!r}"))
            continue
        names = {
            lang: (record.get(header.get(column, ""), "") or "").strip()
            for lang, column in NAME_COLUMNS.items()
        }
        if not names["nl"] and not names["fr"]:
            errors.append(RowError(line_number, f"no Dutch or French name for {code}"))
            continue
        rows.append(MunicipalityRow(line_number, code, names["nl"], names["fr"], names["de"]))
    return rows, errors


def _ended(value: str, today: dt.date) -> bool:
    value = value.strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%Y%m%d"):
        try:
            return dt.datetime.strptime(value, fmt).date() < today  # noqa: DTZ007
        except ValueError:
            continue
    return False
