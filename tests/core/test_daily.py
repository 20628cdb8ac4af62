"""The daily jobs: each app registers its own; the command runs them in order and reports."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from befus.core import daily


def test_every_app_registers_its_jobs_in_the_order_they_must_run(db: None) -> None:
    names = [job.name for job in sorted(daily.JOBS.values(), key=lambda j: (j.order, j.name))]
    # reminders first, so that the digests (last) carry them
    assert names[:2] == ["networks.report_reminders", "interpellations.reminders"]
    assert names[-1] == "core.digests"
    assert {"interpellations.erase_expired", "core.emails", "core.search_index"} <= set(names)


def test_the_command_runs_a_registered_job_and_reports_it(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given an app that registers a job of its own
    ran: list[str] = []
    jobs = dict(daily.JOBS)
    monkeypatch.setattr(daily, "JOBS", jobs)
    daily.register_daily_job("test.job", lambda: ran.append("x") or "1 thing done", order=1)
    out = StringIO()
    # when the daily command runs
    call_command("befus_daily", stdout=out)
    # then the job ran once, first, and its line is in the report
    assert ran == ["x"]
    assert out.getvalue().startswith("1 thing done; ")
    assert out.getvalue().rstrip().endswith("digest(s) sent.")


def test_a_job_registered_twice_runs_once(monkeypatch: Any) -> None:
    monkeypatch.setattr(daily, "JOBS", {})
    daily.register_daily_job("a", lambda: "first")
    daily.register_daily_job("a", lambda: "second")
    assert daily.run_daily_jobs() == ["second"]
