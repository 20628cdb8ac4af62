"""What the pages of the knowledge base share."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

PAGE_SIZE = 20


def _sections() -> list[tuple[str, Any]]:
    return [
        ("problem", _("The problem")),
        ("objectives", _("Objectives")),
        ("approach", _("Approach")),
        ("partners_why", _("Why these partners work together")),
        ("results", _("Results")),
    ]
