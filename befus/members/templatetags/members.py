"""Template filters of the register: ``{% load members %}``."""

from __future__ import annotations

from django import template

from befus.members.selectors import region_label as label_of

register = template.Library()


@register.filter
def region_label(value: str) -> str:
    """A region's name in the reader's language (``flanders`` → Vlaanderen)."""
    return str(label_of(value))
