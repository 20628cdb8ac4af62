from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from typing_extensions import override

from befus.core.services import send_digests


class Command(BaseCommand):
    help = (
        "The daily jobs: reminders of reports and requests, closing and erasing old requests, "
        "e-mails still waiting for the mail server, the search index rebuilt, digests. Run it "
        "from cron."
    )

    @override
    def handle(self, *args: Any, **options: Any) -> None:
        from befus.core.mail import forget_old_emails, send_waiting_emails
        from befus.interpellations import services as requests
        from befus.networks.services import send_report_reminders

        # Reminders first: the digest then carries them to those who chose one.
        reminded = send_report_reminders()
        requests_reminded = requests.send_reminders()
        closed = requests.close_answered()
        erased = requests.erase_expired()
        retried = send_waiting_emails()
        forget_old_emails()
        # The nightly rebuild catches what no service indexes (admin edits of the tree, networks,
        # organisations) and drops words that left public content from the typo vocabulary.
        from befus.core.search.engine import rebuild

        indexed = sum(rebuild().values())
        digests = send_digests()
        self.stdout.write(
            f"{reminded} network(s) reminded of a report; {requests_reminded} request(s) due or "
            f"overdue; {closed} answered request(s) closed; {erased} request(s) erased after the "
            f"retention period; {retried} waiting e-mail(s) sent; {indexed} search entries "
            f"rebuilt; {digests} digest(s) sent."
        )
