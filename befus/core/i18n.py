"""Language helpers shared by views, e-mails and templates."""

from __future__ import annotations

from django.conf import settings


def in_language(path: str, language: str) -> str:
    """``path`` with its language prefix set to ``language`` (``/nl/x/`` → ``/fr/x/``).

    The platform's paths are the same in every language, only the prefix changes; a path
    without a prefix gets one.
    """
    parts = path.split("/", 2)
    if len(parts) >= 2 and parts[1] in dict(settings.LANGUAGES):
        path = "/" + (parts[2] if len(parts) > 2 else "")
    return f"/{language}{path if path.startswith('/') else '/' + path}"
