from __future__ import annotations

import json
import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from typing_extensions import override

from befus.demo.bench import generate


class Command(BaseCommand):
    help = (
        "Fill an empty database with a synthetic platform for the benchmark: scale 1 is BeFUS "
        "today (5,000 practices, 3,000 people), scale 10 the European network (bench/README.md)."
    )

    @override
    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", type=float, default=1.0, help="1: BeFUS today (default)")
        parser.add_argument("--seed", type=int, default=2026, help="the same seed, the same rows")
        parser.add_argument("--json", action="store_true", help="print the counts as JSON")

    @override
    def handle(self, *args: Any, **options: Any) -> None:
        if not 0 < options["scale"] <= 100:
            raise CommandError("--scale must be above 0 and at most 100.")
        started = time.perf_counter()
        call_command("migrate", interactive=False, verbosity=0)
        try:
            report = generate(
                options["scale"], options["seed"], progress=lambda m: self.stderr.write(f"  {m}")
            )
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        report["total seconds"] = round(time.perf_counter() - started, 1)
        if options["json"]:
            self.stdout.write(json.dumps(report, indent=2))
            return
        for kind, count in report["counts"].items():
            self.stdout.write(f"{kind:>20}  {count:>8,}")
        self.stdout.write(f"Generated in {report['total seconds']} s.")
