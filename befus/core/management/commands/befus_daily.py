from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from typing_extensions import override

from befus.core.daily import run_daily_jobs


class Command(BaseCommand):
    help = (
        "The daily jobs every app registers (befus.core.daily): reminders of reports and "
        "requests, closing and erasing old requests, e-mails still waiting for the mail server, "
        "the search index rebuilt, digests. Run it from cron."
    )

    @override
    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write("; ".join(run_daily_jobs()) + ".")
