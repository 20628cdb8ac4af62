"""Fixtures of the members tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _start_in_english() -> Iterator[None]:
    """Start each test in English: a request in an earlier test may leave another language on."""
    with translation.override("en"):
        yield
