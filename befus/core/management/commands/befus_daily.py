from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from typing_extensions import override

from befus.core.services import send_digests


class Command(BaseCommand):
    help = "The daily jobs: e-mail digests (and, as apps add them, reminders). Run it from cron."

    @override
    def handle(self, *args: Any, **options: Any) -> None:
        from befus.networks.services import send_report_reminders

        # Reminders first: the digest then carries them to those who chose one.
        reminded = send_report_reminders()
        digests = send_digests()
        self.stdout.write(f"{reminded} network(s) reminded of a report; {digests} digest(s) sent.")
