from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from typing_extensions import override

from befus.core.services import send_digests


class Command(BaseCommand):
    help = "The daily jobs: e-mail digests (and, as apps add them, reminders). Run it from cron."

    @override
    def handle(self, *args: Any, **options: Any) -> None:
        digests = send_digests()
        self.stdout.write(f"{digests} digest(s) sent.")
