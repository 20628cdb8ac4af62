"""Importing practices from JSON lines (``befus import-practices FILE``): idempotent by ``ref``,
bad lines reported by number while the good ones go in, themes found inside the pillar; and
``befus search`` for machines."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from befus import cli
from befus.core.models import AuditEvent
from befus.core.search import backends
from befus.knowledge.models import Evaluation, Practice, Topic
from befus.knowledge.services import import_practices
from tests.knowledge.conftest import SHIPPED_LINES, on_commit, share

Write = Callable[..., str]


def _record(**fields: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "ref": "t001",
        "language": "nl",
        "title": "Buurtbemiddeling in de stationswijk",
        "summary": "Vrijwillige bemiddelaars helpen buren een conflict op te lossen.",
    }
    record.update(fields)
    return record


def _line(**fields: Any) -> str:
    return json.dumps(_record(**fields), ensure_ascii=False)


def _shipped(ref: str) -> dict[str, Any]:
    return next(r for r in map(json.loads, SHIPPED_LINES) if r["ref"] == ref)


def _befus(*argv: str) -> int:
    """Run the ``befus`` command itself (in a test with committed data, see ``committed``)."""
    with on_commit():
        return cli.main(list(argv))


def _run(path: str) -> str:
    """``import_practices`` through Django; what it prints."""
    out, _err = _manage("import_practices", path)
    return out


def _manage(*args: str) -> tuple[str, str]:
    stdout, stderr = StringIO(), StringIO()
    with on_commit():
        call_command(*args, stdout=stdout, stderr=stderr)
    return stdout.getvalue().strip(), stderr.getvalue()


@pytest.fixture
def committed(transactional_db: None) -> Iterator[None]:
    """Committed data, for the tests of the ``befus`` command itself: like every Django command
    run from the command line, it closes the database connections when it ends, which would end
    a test's transaction (and lose its data) on PostgreSQL."""
    yield
    backends.index().clear()  # SQLite's full-text table is not among the tables a flush empties


def _topics(ref: str) -> set[str]:
    return set(Practice.objects.get(ref=ref).topics.values_list("slug", flat=True))


@pytest.mark.django_db(transaction=True)
def test_befus_import_practices_imports_the_shipped_file(
    committed: None, tree: dict[str, int], jsonl: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    # given
    path = jsonl(SHIPPED_LINES)
    # when
    code = _befus("import-practices", path)
    # then
    assert code == 0
    assert capsys.readouterr().out.strip() == (
        "105 created, 0 updated, 0 unchanged, 0 line(s) refused."
    )
    assert Practice.objects.count() == 105
    assert Practice.objects.filter(status="published", visibility="public").count() == 105
    assert AuditEvent.objects.filter(verb="knowledge.practices.import").count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_second_run_changes_nothing(
    committed: None, tree: dict[str, int], jsonl: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    # given
    path = jsonl(SHIPPED_LINES)
    _befus("import-practices", path)
    capsys.readouterr()
    before = list(Practice.objects.values_list("pk", "updated_at").order_by("pk"))
    # when
    _befus("import-practices", path)
    # then
    assert capsys.readouterr().out.strip() == (
        "0 created, 0 updated, 105 unchanged, 0 line(s) refused."
    )
    assert list(Practice.objects.values_list("pk", "updated_at").order_by("pk")) == before
    assert Evaluation.objects.count() == Practice.objects.exclude(evaluations=None).count()
    assert AuditEvent.objects.filter(verb="knowledge.practices.import").count() == 1


def test_a_changed_title_updates_the_practice_and_nothing_else(
    tree: dict[str, int], jsonl: Write
) -> None:
    # given
    _run(jsonl(SHIPPED_LINES))
    record = _shipped("p001")
    record["title"] = "Project SAMEN, tweede fase"
    lines = [json.dumps(record, ensure_ascii=False), *SHIPPED_LINES[1:]]
    # when
    out = _run(jsonl(lines, name="changed.jsonl"))
    # then
    assert out == "0 created, 1 updated, 104 unchanged, 0 line(s) refused."
    practice = Practice.objects.get(ref="p001")
    assert practice.title_nl == "Project SAMEN, tweede fase"
    assert Practice.objects.count() == 105


def test_the_ref_and_the_original_text_are_kept(tree: dict[str, int], jsonl: Write) -> None:
    # given
    record = _shipped("p083")
    # when
    _run(jsonl([json.dumps(record, ensure_ascii=False)]))
    # then
    practice = Practice.objects.get(ref="p083")
    assert practice.original_language == "fr"
    assert practice.title_fr == record["title"]
    assert practice.summary_fr == record["summary"]
    assert practice.approach_fr == record["description"]
    assert practice.lines("keywords") == record["keywords"]
    assert practice.country == record["country"]
    assert practice.evaluations.get().what_worked == record["evaluation"]
    assert practice.get_absolute_url().endswith("-p083/")


def test_an_imported_practice_has_its_text_in_its_own_language_only(
    tree: dict[str, int],
) -> None:
    # given a French record, imported while English is active
    record = _shipped("p083")
    # when
    with translation.override("en"), on_commit():
        import_practices(lines=[json.dumps(record, ensure_ascii=False)])
    # then nothing claims to be its English text
    practice = Practice.objects.get(ref="p083")
    assert practice.title_en in (None, "")
    assert practice.summary_en in (None, "")


def test_the_pillar_and_the_keywords_give_themes_inside_the_pillar(
    tree: dict[str, int], jsonl: Write
) -> None:
    # given p001: pillar rehabilitation-victims, keywords "jongvolwassenen", "snelrecht" …
    lines = [
        json.dumps(_shipped("p001"), ensure_ascii=False),
        # a keyword naming a theme of this pillar
        _line(ref="t001", pillar="nuisance", keywords=["GAS-bemiddeling"]),
        # a keyword naming a theme of another pillar only (nightlife is under living-together)
        _line(ref="t002", pillar="nuisance", keywords=["uitgaansleven"], title="Een aanpak"),
    ]
    # when
    _run(jsonl(lines))
    # then
    rehabilitation = Topic.objects.get(slug="rehabilitation-victims")
    p001 = Practice.objects.get(ref="p001").topics.all()
    assert "young-adults" in {topic.slug for topic in p001}
    assert all(topic.path.startswith(rehabilitation.path) for topic in p001)
    assert "gas-mediation" in _topics("t001")
    nuisance = Topic.objects.get(slug="nuisance")
    assert all(
        topic.path.startswith(nuisance.path)
        for topic in Practice.objects.get(ref="t001").topics.all()
    )
    assert _topics("t002") == {"nuisance"}


def test_without_a_pillar_the_keywords_give_themes_anywhere(
    tree: dict[str, int], jsonl: Write
) -> None:
    # when
    _run(jsonl([_line(keywords=["uitgaansleven"], title="Een aanpak")]))
    # then
    assert _topics("t001") == {"nightlife"}


def test_bad_lines_are_reported_by_number_and_the_good_ones_imported(
    tree: dict[str, int], jsonl: Write
) -> None:
    # given
    lines = [
        SHIPPED_LINES[0],
        '{"ref": "t002", "language": ',  # 2: not JSON
        _line(ref="t003", title=""),  # 3: no title
        _line(ref="t004", language="de"),  # 4: a language the platform does not write in
        _line(ref="t005", pillar="security"),  # 5: no such pillar
        _line(ref="t006", year_start="2019"),  # 6: a year as text
        "",  # 7: an empty line is skipped, not refused
        '["a list"]',  # 8: JSON, but not an object
        SHIPPED_LINES[1],
    ]
    # when
    out, err = _manage("import_practices", jsonl(lines))
    # then
    assert out == "2 created, 0 updated, 0 unchanged, 6 line(s) refused."
    refused = [line for line in err.splitlines() if line.startswith("line ")]
    assert [line.split(":")[0] for line in refused] == [
        "line 2",
        "line 3",
        "line 4",
        "line 5",
        "line 6",
        "line 8",
    ]
    assert "line 3: missing title" in err
    assert "line 4: unknown language 'de'" in err
    assert "line 5: unknown pillar 'security'" in err
    assert "line 6: year_start must be a year" in err
    assert "line 8: not a JSON object" in err
    assert set(Practice.objects.values_list("ref", flat=True)) == {"p001", "p002"}


@pytest.mark.parametrize(
    "fields",
    [{"ref": ""}, {"summary": "   "}, {"language": None}, {"year_end": 2020.5}],
    ids=["no-ref", "blank-summary", "no-language", "year-as-fraction"],
)
def test_each_incomplete_record_is_refused(
    tree: dict[str, int], jsonl: Write, fields: dict[str, Any]
) -> None:
    # given
    path = jsonl([_line(**fields), _line(ref="t009")])
    # when
    out = _run(path)
    # then
    assert out == "1 created, 0 updated, 0 unchanged, 1 line(s) refused."
    assert list(Practice.objects.values_list("ref", flat=True)) == ["t009"]


@pytest.mark.parametrize("year", [-5, 99999, True], ids=["negative", "too-large", "boolean"])
def test_a_year_out_of_range_is_reported_and_the_other_lines_imported(
    tree: dict[str, int], jsonl: Write, year: Any
) -> None:
    # given
    path = jsonl([_line(ref="t001", year_start=year), _line(ref="t002", title="Goed")])
    # when
    out = _run(path)
    # then
    assert out == "1 created, 0 updated, 0 unchanged, 1 line(s) refused."
    assert list(Practice.objects.values_list("ref", flat=True)) == ["t002"]


def test_an_import_whose_address_is_taken_still_imports(
    tree: dict[str, int], jsonl: Write, author: Any
) -> None:
    # given a practice shared on the site whose address is what the import would choose
    taken = share(author, title="Night watch p106")
    assert taken.slug == "night-watch-p106"
    path = jsonl([_line(ref="p106", title="Night watch", language="en")])
    # when
    out = _run(path)
    # then
    assert out == "1 created, 0 updated, 0 unchanged, 0 line(s) refused."
    assert Practice.objects.get(ref="p106").slug != taken.slug


def test_a_file_of_bad_lines_only_fails(
    tree: dict[str, int], jsonl: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    # given
    path = jsonl(["not json", _line(language="xx")])
    # when
    with pytest.raises(CommandError, match="No line could be imported"):
        call_command("import_practices", path)
    # then
    assert "line 1:" in capsys.readouterr().err
    assert Practice.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_befus_import_practices_exits_with_an_error_on_a_file_of_bad_lines(
    committed: None, tree: dict[str, int], jsonl: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    # given
    path = jsonl(["not json"])
    # when
    with pytest.raises(SystemExit) as exit_info:
        _befus("import-practices", path)
    # then
    assert exit_info.value.code == 1
    assert "No line could be imported" in capsys.readouterr().err


def test_a_missing_file_fails(tree: dict[str, int], tmp_path: Any) -> None:
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_practices", str(tmp_path / "absent.jsonl"))


@pytest.mark.django_db(transaction=True)
def test_befus_search_json_prints_the_results_for_machines(
    committed: None, shipped: dict[str, Practice], capsys: pytest.CaptureFixture[str]
) -> None:
    # when
    code = _befus("search", "straathoekwerk", "--json", "--limit", "5")
    # then
    rows = json.loads(capsys.readouterr().out)
    assert code == 0
    assert isinstance(rows, list)
    assert 0 < len(rows) <= 5
    assert all({"kind", "ref", "title"} <= set(row) for row in rows)
    practices = [row for row in rows if row["kind"] == "practice"]
    assert practices
    for row in practices:
        practice = shipped[row["ref"]]
        assert row["title"] == getattr(practice, f"title_{practice.original_language}")


def test_search_json_finds_the_street_work_practices_across_languages(
    shipped: dict[str, Practice],
) -> None:
    # when
    out, _err = _manage("search", "straathoekwerk", "--json", "--limit", "50")
    # then
    refs = {row["ref"] for row in json.loads(out)}
    assert {"p003", "p005", "p059", "p083"} <= refs


def test_search_for_people_counts_and_reports_the_correction(
    shipped: dict[str, Practice],
) -> None:
    # when
    out, _err = _manage("search", "cambriolge")
    # then
    assert "(corrected: cambriolge → " in out
    assert "result(s)" in out
    assert "[p049]" in out


def test_search_json_of_nothing_is_an_empty_list(shipped: dict[str, Practice]) -> None:
    # when
    out, _err = _manage("search", "🙂", "--json")
    # then
    assert json.loads(out) == []
