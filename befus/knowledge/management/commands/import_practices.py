from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from typing_extensions import override

from befus.knowledge.services import import_practices


class Command(BaseCommand):
    help = (
        "Import good practices from a JSON-lines file (one practice per line, as the shipped "
        "data). Idempotent by 'ref'; bad lines are reported with their number, good ones kept."
    )

    @override
    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the .jsonl file")

    @override
    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        lines = path.read_text(encoding="utf-8").splitlines()
        total = len(lines)

        def progress(number: int) -> None:
            if number % 100 == 0:
                self.stderr.write(f"  {number}/{total} lines …")

        report = import_practices(lines=lines, progress=progress)
        for number, message in report.errors:
            self.stderr.write(f"line {number}: {message}")
        self.stdout.write(
            f"{report.created} created, {report.updated} updated, {report.unchanged} unchanged, "
            f"{len(report.errors)} line(s) refused."
        )
        if report.errors and not (report.created or report.updated or report.unchanged):
            raise CommandError("No line could be imported.")
