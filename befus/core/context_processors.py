from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def platform(request: HttpRequest) -> dict[str, Any]:
    """Booleans for the layout: templates never compute roles themselves."""
    from befus.accounts.roles import navigation_flags

    return {
        "languages_native": [
            (code, settings.LANGUAGE_NAMES_NATIVE.get(code, code)) for code, _ in settings.LANGUAGES
        ],
        "nav": SimpleLazyObject(lambda: navigation_flags(request.user)),
        "is_demo": settings.DEMO,
    }
