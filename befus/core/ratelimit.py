"""A fixed-window counter in the shared cache: at most ``limit`` hits per ``seconds`` per key.

The cache is shared between processes (database or Redis, see settings), so the limit holds
across workers and machines.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache


def allow(scope: str, key: str, *, limit: int, seconds: int) -> bool:
    """Count one hit for ``key`` in ``scope``; False once the window's limit is passed."""
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    name = f"befus:ratelimit:{scope}:{digest}"
    if cache.add(name, 1, timeout=seconds):
        return True
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.add(name, 1, timeout=seconds)
        return True
    return count <= limit


def client_address(request: object) -> str:
    """The visitor's address: behind a trusted proxy, the last address the proxy added.

    Proxies are trusted as for gunicorn (``BEFUS_FORWARDED_ALLOW_IPS``); otherwise an
    ``X-Forwarded-For`` header is the visitor's own claim and is ignored.
    """
    from django.conf import settings

    meta = getattr(request, "META", {})
    remote = str(meta.get("REMOTE_ADDR", "") or "unknown")
    trusted = set(settings.BEFUS_FORWARDED_ALLOW_IPS)
    forwarded = str(meta.get("HTTP_X_FORWARDED_FOR", "") or "")
    if forwarded and (remote in trusted or "*" in trusted):
        return forwarded.split(",")[-1].strip() or remote
    return remote
