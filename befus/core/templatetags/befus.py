from __future__ import annotations

from typing import Any

from django import template
from django.urls import translate_url

register = template.Library()


@register.filter
def translate_path(path: str, language: str) -> str:
    """The same page in another language (``/nl/leden/`` → ``/fr/...``)."""
    return translate_url(path, language)


@register.simple_tag(takes_context=True)
def query_with(context: Any, **changes: Any) -> str:
    """The current query string with some parameters replaced (for pagination links)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()


@register.filter
def verb_label(verb: str) -> str:
    """A readable, translated label for an audit event's verb."""
    from befus.core.verbs import VERB_LABELS

    label = VERB_LABELS.get(verb)
    return str(label) if label else verb


@register.inclusion_tag("components/breadcrumbs.html")
def breadcrumbs(*items: Any) -> dict[str, Any]:
    """``{% breadcrumbs url1 "Label 1" "" "Current page" %}``: pairs of URL and label."""
    return {"trail": list(zip(items[0::2], items[1::2], strict=True))}


@register.filter
def region_label(value: str) -> str:
    from befus.members.selectors import region_label as label_of

    return str(label_of(value))


@register.filter
def localised(path: str, language: str) -> str:
    """A stored path (``/nl/…``) in the reader's language."""
    from befus.core.i18n import in_language

    return in_language(path, language)


@register.filter
def audit_note(data: dict[str, Any]) -> str:
    """The human words recorded with an audit event: a comment, a motivation or a reason."""
    for key in ("comment", "motivation", "reason"):
        if isinstance(data, dict) and data.get(key):
            return str(data[key])
    return ""
