"""The daily jobs: each app registers its own, ``befus manage befus_daily`` runs them in order.

A job returns the line that reports what it did (operators read it in the log). Reminders come
first (the digests then carry them to those who chose one), the digests last.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from befus.core.mail import forget_old_emails, send_waiting_emails
from befus.core.search.engine import rebuild
from befus.core.services import send_digests

FIRST, EARLY, LATE, LAST = 10, 30, 70, 90


@dataclass(frozen=True)
class DailyJob:
    name: str
    run: Callable[[], str]
    order: int


JOBS: dict[str, DailyJob] = {}


def register_daily_job(name: str, run: Callable[[], str], *, order: int = EARLY) -> None:
    """Run ``run`` every day, after the jobs of a lower ``order``; registering twice replaces."""
    JOBS[name] = DailyJob(name, run, order)


def run_daily_jobs() -> list[str]:
    """Run every job in order and return their report lines."""
    return [job.run() for job in sorted(JOBS.values(), key=lambda job: (job.order, job.name))]


def register_core_jobs() -> None:
    def emails() -> str:
        retried = send_waiting_emails()
        forget_old_emails()
        return f"{retried} waiting e-mail(s) sent"

    def search_index() -> str:
        # Catches what no service indexes (admin edits of the tree, networks, organisations)
        # and drops words that left public content from the typo vocabulary.
        return f"{sum(rebuild().values())} search entries rebuilt"

    register_daily_job("core.emails", emails, order=LATE)
    register_daily_job("core.search_index", search_index, order=LATE + 1)
    register_daily_job("core.digests", lambda: f"{send_digests()} digest(s) sent", order=LAST)
