from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from typing_extensions import override

from befus.members.refnis import parse_refnis
from befus.members.services import load_municipalities

SHIPPED = Path(__file__).resolve().parents[2] / "data" / "municipalities.csv"


class Command(BaseCommand):
    help = (
        "Load or update Belgian municipalities from a Statbel REFNIS CSV "
        "(default: the list shipped with the platform)."
    )

    @override
    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", default=str(SHIPPED), help="REFNIS CSV file")

    @override
    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                lines = path.read_text(encoding=encoding).splitlines()
                break
            except UnicodeDecodeError:
                continue
        rows, errors = parse_refnis(lines)
        for error in errors:
            self.stderr.write(f"line {error.line}: {error.message}")
        counts = load_municipalities(actor=None, rows=rows)
        self.stdout.write(
            f"{len(rows)} municipalities read: {counts['created']} created, "
            f"{counts['updated']} updated, {counts['unchanged']} unchanged; "
            f"{len(errors)} rejected; {counts['conflicts']} left alone "
            "(their code belongs to another kind of organisation)."
        )
