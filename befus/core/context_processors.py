from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

# Values every page's template may read, computed only when a template reads them; the apps that
# know them register them (e.g. ``nav``, the booleans of the menu, from the accounts app).
LAYOUT_VALUES: dict[str, Callable[[HttpRequest], Any]] = {}


def register_layout_value(name: str, compute: Callable[[HttpRequest], Any]) -> None:
    LAYOUT_VALUES[name] = compute


def platform(request: HttpRequest) -> dict[str, Any]:
    """What the layout needs: templates never compute roles themselves."""
    lazy = {name: _lazily(compute, request) for name, compute in LAYOUT_VALUES.items()}
    return {
        "languages_native": [
            (code, settings.LANGUAGE_NAMES_NATIVE.get(code, code)) for code, _ in settings.LANGUAGES
        ],
        "is_demo": settings.DEMO,
        **lazy,
    }


def _lazily(compute: Callable[[HttpRequest], Any], request: HttpRequest) -> SimpleLazyObject:
    return SimpleLazyObject(lambda: compute(request))
