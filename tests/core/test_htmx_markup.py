"""The filter forms that htmx submits replace their results whole, at the page's own address."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import befus

TEMPLATES = sorted(Path(befus.__file__).parent.glob("*/templates/**/*.html"))
HTMX_FORM = re.compile(r"<form\b[^>]*\bhx-target=\"#(?P<target>[\w-]+)\"[^>]*>")


def _htmx_forms() -> list[tuple[str, str]]:
    return [
        (str(path.relative_to(Path(befus.__file__).parent)), match.group(0))
        for path in TEMPLATES
        for match in HTMX_FORM.finditer(path.read_text())
    ]


def test_there_are_htmx_forms_to_check() -> None:
    assert len(_htmx_forms()) >= 4


@pytest.mark.parametrize(("template", "form"), _htmx_forms(), ids=lambda value: value[:60])
def test_an_htmx_form_replaces_its_target_whole(template: str, form: str) -> None:
    # the answer is the target itself (the partial starts with its <div id=…>): swapping only its
    # inside would nest a second list in the first, and a screen reader would hear both
    assert 'hx-swap="outerHTML"' in form, template


@pytest.mark.parametrize(("template", "form"), _htmx_forms(), ids=lambda value: value[:60])
def test_an_htmx_form_asks_the_address_without_the_last_query(template: str, form: str) -> None:
    # hx-get="" is the current address, query included: each search would carry the last one's words
    assert 'hx-get=""' not in form, template
