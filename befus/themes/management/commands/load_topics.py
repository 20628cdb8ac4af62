from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from typing_extensions import override

from befus.themes.services import load_topics


class Command(BaseCommand):
    help = "Create the nodes of the shipped thematic tree that are not there yet."

    @override
    def handle(self, *args: Any, **options: Any) -> None:
        counts = load_topics()
        self.stdout.write(
            f"{counts['created']} topics created, {counts['completed']} completed; "
            f"{counts['total']} in the tree."
        )
