"""Reading Statbel's REFNIS list of municipalities, and the command that loads it."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from befus.members.choices import OrganisationKind
from befus.members.management.commands.load_municipalities import SHIPPED
from befus.members.models import Organisation
from befus.members.refnis import MunicipalityRow, RowError, parse_refnis
from befus.members.validators import region_and_province, validate_nis_code
from tests.members.factories import OrganisationFactory

HEADER = ["CD_REFNIS", "TX_REFNIS_NL", "TX_REFNIS_FR", "TX_REFNIS_DE"]


def _lines(*records: list[str], delimiter: str = ";") -> list[str]:
    return [delimiter.join(record) for record in (HEADER, *records)]


@pytest.mark.parametrize("delimiter", [";", ",", "|", "\t"])
def test_parse_refnis_reads_each_delimiter(delimiter: str) -> None:
    # given
    lines = _lines(
        ["44021", "Gent", "Gand", "Gent"],
        ["62063", "Luik", "Liège", "Lüttich"],
        delimiter=delimiter,
    )
    # when
    rows, errors = parse_refnis(lines)
    # then
    assert errors == []
    assert rows == [
        MunicipalityRow(2, "44021", "Gent", "Gand", "Gent"),
        MunicipalityRow(3, "62063", "Luik", "Liège", "Lüttich"),
    ]


def test_parse_refnis_reads_a_quoted_name_with_the_delimiter_in_it() -> None:
    lines = ["CD_REFNIS,TX_REFNIS_NL,TX_REFNIS_FR", '25014,Eigenbrakel,"Braine-l\'Alleud, ville"']
    rows, _errors = parse_refnis(lines)
    assert rows[0].name_fr == "Braine-l'Alleud, ville"


def test_parse_refnis_skips_comment_lines_and_counts_them_in_line_numbers() -> None:
    # given a file that opens with two comment lines
    lines = [
        "# Statbel, REFNIS",
        "# valid on 1 January 2025",
        *_lines(["44021", "Gent", "Gand", ""], ["1234", "X", "X", ""]),
    ]
    # when
    rows, errors = parse_refnis(lines)
    # then the rows keep the line numbers of the file
    assert [(row.line, row.nis_code) for row in rows] == [(4, "44021")]
    assert errors == [RowError(5, "invalid NIS code '1234'")]


def test_parse_refnis_skips_country_region_province_and_arrondissement_rows() -> None:
    # given
    lines = _lines(
        ["01000", "België", "Belgique", "Belgien"],
        ["02000", "Vlaams Gewest", "Région flamande", ""],
        ["40000", "Provincie Oost-Vlaanderen", "Province de Flandre orientale", ""],
        ["44000", "Arrondissement Gent", "Arrondissement de Gand", ""],
        ["44021", "Gent", "Gand", "Gent"],
    )
    # when
    rows, errors = parse_refnis(lines)
    # then only the municipality is kept, and the others are not errors
    assert [row.nis_code for row in rows] == ["44021"]
    assert errors == []


def test_parse_refnis_reports_invalid_codes_with_their_line_numbers() -> None:
    # given
    lines = _lines(
        ["44021", "Gent", "Gand", ""],
        ["4402", "Te kort", "Trop court", ""],
        ["62063", "Luik", "Liège", ""],
        ["19001", "Geen arrondissement", "Pas d'arrondissement", ""],
        ["ABCDE", "Letters", "Lettres", ""],
        ["", "Leeg", "Vide", ""],
    )
    # when
    rows, errors = parse_refnis(lines)
    # then the valid rows are read and each bad one is named by its line
    assert [row.nis_code for row in rows] == ["44021", "62063"]
    assert errors == [
        RowError(3, "invalid NIS code '4402'"),
        RowError(5, "invalid NIS code '19001'"),
        RowError(6, "invalid NIS code 'ABCDE'"),
        RowError(7, "invalid NIS code ''"),
    ]


def test_parse_refnis_reports_a_municipality_without_a_dutch_or_french_name() -> None:
    rows, errors = parse_refnis(_lines(["44021", "", "", "Gent"], ["52011", "", "Charleroi", ""]))
    assert [row.nis_code for row in rows] == ["52011"]
    assert errors == [RowError(2, "no Dutch or French name for 44021")]


def test_parse_refnis_skips_blank_lines_and_keeps_the_line_numbers_right() -> None:
    # given a blank line on line 3, one of spaces on line 5, and bad codes on lines 4 and 6
    lines = [";".join(HEADER), "44021;Gent;Gand;", "", "1234;X;X;", "   ", "9;Y;Y;"]
    # when
    rows, errors = parse_refnis(lines)
    # then
    assert [row.nis_code for row in rows] == ["44021"]
    assert errors == [RowError(4, "invalid NIS code '1234'"), RowError(6, "invalid NIS code '9'")]


def test_parse_refnis_reports_a_code_listed_twice_on_its_second_line() -> None:
    # given Gent on lines 2 and 4
    lines = _lines(
        ["44021", "Gent", "Gand", ""], ["62063", "Luik", "Liège", ""], ["44021", "Gent", "Gand", ""]
    )
    # when
    rows, errors = parse_refnis(lines)
    # then the first one counts
    assert [(row.line, row.nis_code) for row in rows] == [(2, "44021"), (3, "62063")]
    assert errors == [RowError(4, "NIS code 44021 is listed twice")]


def test_parse_refnis_reads_a_short_line_as_missing_names() -> None:
    rows, errors = parse_refnis(_lines(["44021"], ["52011", "", "Charleroi"]))
    assert [row.nis_code for row in rows] == ["52011"]
    assert errors == [RowError(2, "no Dutch or French name for 44021")]


@pytest.mark.parametrize("stop", ["2018-12-31", "31/12/2018", "20181231"])
def test_parse_refnis_skips_a_code_whose_validity_ended(stop: str) -> None:
    # given Mouscron's code of before 2019, ended, and its current code, still valid
    lines = [
        "CD_REFNIS;TX_REFNIS_NL;TX_REFNIS_FR;DT_VLDT_START;DT_VLDT_STOP",
        f"54007;Moeskroen;Mouscron;01/01/1977;{stop}",
        "57096;Moeskroen;Mouscron;01/01/2019;",
        "44021;Gent;Gand;01/01/1977;31/12/2999",
    ]
    # when
    rows, errors = parse_refnis(lines)
    # then
    assert [row.nis_code for row in rows] == ["57096", "44021"]
    assert errors == []


def test_parse_refnis_reads_the_other_names_of_the_code_column() -> None:
    rows, errors = parse_refnis(["NIS|TX_REFNIS_NL|TX_REFNIS_FR", "44021|Gent|Gand"])
    assert [row.nis_code for row in rows] == ["44021"]
    assert errors == []


def test_parse_refnis_refuses_a_file_without_a_code_column() -> None:
    rows, errors = parse_refnis(["# a list", "CODE;NAAM", "44021;Gent"])
    assert rows == []
    assert errors == [RowError(2, "no CD_REFNIS column in the header")]


@pytest.mark.parametrize(
    "lines",
    [
        ["<!DOCTYPE html>", "<html><body>Not found</body></html>"],  # a web page saved as .csv
        ["CD_REFNIS TX_REFNIS_NL", "44021 Gent"],  # separated by spaces
    ],
)
def test_parse_refnis_reports_a_file_that_is_not_a_refnis_list(lines: list[str]) -> None:
    # when
    rows, errors = parse_refnis(lines)
    # then the header line is reported, instead of a crash
    assert rows == []
    assert [error.line for error in errors] == [1]


@pytest.mark.parametrize("lines", [[], ["# only a comment"]])
def test_parse_refnis_reports_an_empty_file(lines: list[str]) -> None:
    assert parse_refnis(lines) == ([], [RowError(0, "empty file")])


def _shipped_lines() -> list[str]:
    return SHIPPED.read_text(encoding="utf-8").splitlines()


def test_shipped_file_parses_without_errors() -> None:
    # when
    rows, errors = parse_refnis(_shipped_lines())
    # then every municipality line is read
    assert errors == []
    data_lines = [line for line in _shipped_lines() if line[:1].isdigit()]
    assert len(rows) == len(data_lines)


def test_shipped_file_lists_each_code_once() -> None:
    data_lines = [line for line in _shipped_lines() if line[:1].isdigit()]
    codes = [line.split(";")[0] for line in data_lines]
    assert len(codes) > 80
    assert len(set(codes)) == len(codes)


def test_shipped_file_covers_the_nineteen_brussels_municipalities() -> None:
    rows, _errors = parse_refnis(_shipped_lines())
    brussels = [row.nis_code for row in rows if region_and_province(row.nis_code)[0] == "brussels"]
    assert brussels == [f"210{n:02d}" for n in range(1, 20)]


def test_shipped_file_uses_the_codes_valid_in_2025() -> None:
    # when
    rows, _errors = parse_refnis(_shipped_lines())
    # then
    codes = {row.nis_code: row.name_fr for row in rows}
    assert "54007" not in codes
    assert codes.get("57096") == "Mouscron"


# NIS codes


@pytest.mark.parametrize(
    "code",
    [
        "11002",
        "21004",
        "23088",
        "24062",
        "25072",
        "38025",
        "46021",
        "55040",  # Soignies: arrondissement 55 is Hainaut's too
        "57096",  # Mouscron, since 2019
        "58001",
        "64074",
        "85045",
    ],
)
def test_existing_nis_codes_are_valid(code: str) -> None:
    validate_nis_code(code)


@pytest.mark.parametrize(
    "code",
    [
        "",
        "4402",
        "440210",
        "04021",
        "4402x",
        " 44021",
        "14001",
        "22001",
        "39001",
        "54007",  # Mouscron until 2018: arrondissement 54 was merged into 57
        "74001",
    ],
)
def test_invalid_nis_codes_are_refused(code: str) -> None:
    with pytest.raises(ValidationError, match="is not a valid NIS code"):
        validate_nis_code(code)


# The load_municipalities command


def test_load_municipalities_command_loads_the_shipped_file_once(db: None) -> None:
    # given
    rows, errors = parse_refnis(_shipped_lines())
    out, err = StringIO(), StringIO()
    # when
    call_command("load_municipalities", stdout=out, stderr=err)
    # then every valid row is a municipality, each where it lies
    assert Organisation.objects.count() == len(rows)
    assert errors == []
    assert out.getvalue().startswith(
        f"{len(rows)} municipalities read: {len(rows)} created, 0 updated, 0 unchanged; 0 rejected"
    )
    gent = Organisation.objects.get(nis_code="44021")
    assert (gent.name_nl, gent.name_fr, gent.region, gent.province) == (
        "Gent",
        "Gand",
        "flanders",
        "east_flanders",
    )


def test_load_municipalities_command_run_twice_changes_nothing(db: None) -> None:
    # given
    call_command("load_municipalities", stdout=StringIO(), stderr=StringIO())
    rows, _errors = parse_refnis(_shipped_lines())
    out = StringIO()
    # when
    call_command("load_municipalities", stdout=out, stderr=StringIO())
    # then
    assert f"0 created, 0 updated, {len(rows)} unchanged" in out.getvalue()
    assert Organisation.objects.count() == len(rows)


def test_load_municipalities_command_reports_a_bad_line_and_loads_the_rest(
    db: None, tmp_path: Path
) -> None:
    # given a file whose third line has a code with four digits
    path = tmp_path / "refnis.csv"
    path.write_text(
        "CD_REFNIS;TX_REFNIS_NL;TX_REFNIS_FR;TX_REFNIS_DE\n"
        "44021;Gent;Gand;Gent\n"
        "5201;Charleroi;Charleroi;Charleroi\n"
        "62063;Luik;Liège;Lüttich\n",
        encoding="utf-8",
    )
    out, err = StringIO(), StringIO()
    # when
    call_command("load_municipalities", str(path), stdout=out, stderr=err)
    # then
    assert err.getvalue() == "line 3: invalid NIS code '5201'\n"
    assert sorted(Organisation.objects.values_list("nis_code", flat=True)) == ["44021", "62063"]
    assert out.getvalue().startswith(
        "2 municipalities read: 2 created, 0 updated, 0 unchanged; 1 rejected"
    )


def test_load_municipalities_command_reads_a_windows_1252_file(db: None, tmp_path: Path) -> None:
    # given
    path = tmp_path / "refnis.csv"
    path.write_bytes("CD_REFNIS;TX_REFNIS_NL;TX_REFNIS_FR\n62063;Luik;Liège\n".encode("cp1252"))
    # when
    call_command("load_municipalities", str(path), stdout=StringIO(), stderr=StringIO())
    # then
    assert Organisation.objects.get().name_fr == "Liège"


def test_load_municipalities_command_reads_a_file_with_a_byte_order_mark(
    db: None, tmp_path: Path
) -> None:
    # given
    path = tmp_path / "refnis.csv"
    path.write_text("CD_REFNIS;TX_REFNIS_NL;TX_REFNIS_FR\n44021;Gent;Gand\n", encoding="utf-8-sig")
    # when
    call_command("load_municipalities", str(path), stdout=StringIO(), stderr=StringIO())
    # then
    assert Organisation.objects.get().nis_code == "44021"


def test_load_municipalities_command_refuses_a_missing_file(db: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="No such file"):
        call_command("load_municipalities", str(tmp_path / "missing.csv"))
    assert Organisation.objects.exists() is False


def test_load_municipalities_command_reports_a_code_listed_twice(db: None, tmp_path: Path) -> None:
    # given a file that lists Gent twice (line 2 and line 4)
    path = tmp_path / "refnis.csv"
    path.write_text(
        "CD_REFNIS;TX_REFNIS_NL;TX_REFNIS_FR\n44021;Gent;Gand\n62063;Luik;Liège\n44021;Gent;Gand\n",
        encoding="utf-8",
    )
    err = StringIO()
    # when
    call_command("load_municipalities", str(path), stdout=StringIO(), stderr=err)
    # then the second one is reported and the rest is loaded
    assert err.getvalue() == "line 4: NIS code 44021 is listed twice\n"
    assert sorted(Organisation.objects.values_list("nis_code", flat=True)) == ["44021", "62063"]


def test_load_municipalities_command_reports_codes_held_by_another_kind_of_organisation(
    db: None, tmp_path: Path
) -> None:
    # given a police zone recorded with Gent's NIS code
    zone = OrganisationFactory(
        kind=OrganisationKind.POLICE_ZONE, name_nl="Politiezone Gent", nis_code="44021"
    )
    path = tmp_path / "refnis.csv"
    path.write_text("CD_REFNIS;TX_REFNIS_NL;TX_REFNIS_FR\n44021;Gent;Gand\n", encoding="utf-8")
    out = StringIO()
    # when
    call_command("load_municipalities", str(path), stdout=out, stderr=StringIO())
    # then the operator is told, and the police zone is left as it was
    assert "1 left alone" in out.getvalue()
    zone.refresh_from_db()
    assert (zone.kind, zone.name_nl) == ("police_zone", "Politiezone Gent")
