from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation
from typing_extensions import override

from befus.core.i18n import in_language
from befus.core.search.engine import search


class Command(BaseCommand):
    help = "Search the platform as a visitor would (public content only); --json for machines."

    @override
    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("query")
        parser.add_argument(
            "--language", choices=["nl", "fr", "en"], default=None, help="the query's language"
        )
        parser.add_argument("--limit", type=int, default=10)
        parser.add_argument("--json", action="store_true", help="one JSON array of results")

    @override
    def handle(self, *args: Any, **options: Any) -> None:
        language = options["language"] or "en"
        with translation.override(language):
            results = search(
                options["query"],
                user=AnonymousUser(),
                language=options["language"],
                limit=max(1, min(options["limit"], 100)),
                display_language=language,
            )
            rows = [
                {
                    "kind": hit.entry.kind,
                    "ref": getattr(hit.obj, "ref", None) if hit.entry.kind == "practice" else None,
                    "title": hit.title,
                    "language": hit.title_language,
                    "url": in_language(hit.entry.url, language),
                    "snippet": str(hit.snippet),
                }
                for hit in results.hits
            ]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if results.corrections:
            fixed = ", ".join(f"{a} → {b}" for a, b in results.corrections.items())
            self.stdout.write(f"(corrected: {fixed})")
        self.stdout.write(f"{results.total} result(s)")
        for number, row in enumerate(rows, 1):
            ref = f" [{row['ref']}]" if row["ref"] else ""
            self.stdout.write(f"{number:>3}. {row['kind']}{ref} {row['title']}")
