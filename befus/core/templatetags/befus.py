from __future__ import annotations

from typing import Any

from django import template
from django.urls import translate_url

from befus.core import navigation
from befus.core.i18n import in_language
from befus.core.verbs import VERB_LABELS

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


@register.simple_tag(takes_context=True)
def query_set(context: Any, name: str, value: str) -> str:
    """The current query string with ``name`` set to ``value`` (removed when empty), from page 1."""
    query = context["request"].GET.copy()
    query.pop("page", None)
    if value:
        query[name] = value
    else:
        query.pop(name, None)
    return query.urlencode()


@register.filter
def verb_label(verb: str) -> str:
    """A readable, translated label for an audit event's verb."""
    label = VERB_LABELS.get(verb)
    return str(label) if label else verb


@register.inclusion_tag("components/breadcrumbs.html")
def breadcrumbs(*items: Any) -> dict[str, Any]:
    """``{% breadcrumbs url1 "Label 1" "" "Current page" %}``: pairs of URL and label."""
    return {
        "home": navigation.url_of(navigation.HOME),
        "trail": list(zip(items[0::2], items[1::2], strict=True)),
    }


@register.simple_tag
def nav_url(name: str) -> str:
    """The address of a page an app registered in the menus (``{% nav_url "footer-privacy" %}``):
    a template of a lower layer links to a page of a higher one without naming it."""
    return navigation.url_of(name)


@register.filter
def localised(path: str, language: str) -> str:
    """A stored path (``/nl/…``) in the reader's language."""
    return in_language(path, language)


@register.filter
def audit_note(data: dict[str, Any]) -> str:
    """The human words recorded with an audit event: a comment, a motivation or a reason."""
    for key in ("comment", "motivation", "reason"):
        if isinstance(data, dict) and data.get(key):
            return str(data[key])
    return ""


@register.filter
def lines(obj: Any, field: str) -> list[str]:
    """The non-empty lines of a text field (partners, links …)."""
    return [
        line.strip() for line in str(getattr(obj, field, "") or "").splitlines() if line.strip()
    ]


@register.filter
def attr_text(obj: Any, field: str) -> tuple[str, str]:
    """A translated text field in the reader's language, else its original: (text, language)."""
    language_of = getattr(obj, "language_of", None)
    language = language_of(field) if language_of else ""
    return str(getattr(obj, f"{field}_{language}", "") or getattr(obj, field, "") or ""), language
