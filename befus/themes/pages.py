"""Where a theme's page lives: the app that shows what is done on a theme registers its page.

Today the knowledge base's (``knowledge:topic-detail``); the thematic sections of the website may
take it over. The tree itself names no app above it.
"""

from __future__ import annotations

from django.urls import reverse

TOPIC_PAGE: dict[str, str] = {}


def register_topic_page(url_name: str) -> None:
    """``url_name`` takes the topic's ``slug``."""
    TOPIC_PAGE["url_name"] = url_name


def topic_url(slug: str) -> str:
    url_name = TOPIC_PAGE.get("url_name")
    return reverse(url_name, kwargs={"slug": slug}) if url_name else ""
