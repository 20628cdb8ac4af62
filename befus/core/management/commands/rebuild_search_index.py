from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from typing_extensions import override

from befus.core.search.engine import rebuild


class Command(BaseCommand):
    help = "Index everything searchable again (after an upgrade or a change of the tree)."

    @override
    def handle(self, *args: Any, **options: Any) -> None:
        counts = rebuild(progress=lambda kind, n: self.stderr.write(f"  {kind}: {n}"))
        self.stdout.write(f"{sum(counts.values())} entries indexed.")
