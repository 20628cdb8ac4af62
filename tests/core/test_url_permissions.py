"""Every view declares its permission rule: walk all URL patterns and fail on one that does not."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from befus.core.permissions import EXTERNAL_VIEW_POLICIES


def _walk(patterns: list[Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def _module(callback: Any) -> str:
    view_class = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    target = view_class or callback
    return f"{target.__module__}.{target.__qualname__}"


def test_every_view_declares_a_permission_rule() -> None:
    # given every URL the platform serves
    undeclared = []
    for route, callback in _walk(get_resolver().url_patterns):
        # when the view is ours, it must carry the rule it was declared with
        if getattr(callback, "befus_permission", None):
            continue
        if route.split("/", 2)[1:2] == ["admin"]:
            continue  # the admin site requires is_staff and model permissions on every view
        module = _module(callback)
        if any(module.startswith(prefix) for prefix in EXTERNAL_VIEW_POLICIES):
            continue
        undeclared.append(f"{route} -> {module}")
    # then none is left without one
    assert undeclared == []


def test_the_walk_sees_the_platform_views() -> None:
    """Guard against a walk that silently finds nothing (and so can never fail)."""
    declared = [
        cb for _, cb in _walk(get_resolver().url_patterns) if getattr(cb, "befus_permission", None)
    ]
    assert len(declared) >= 15
