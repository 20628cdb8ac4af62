"""Writes on the thematic tree: a new address for a node keeps the old one leading to it."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from befus.core.errors import DomainError
from befus.core.models import AuditEvent
from befus.themes.models import Topic, TopicRedirect
from befus.themes.services import load_topics, rename_topic


@pytest.fixture
def tree(db: None) -> None:
    load_topics()


def test_a_rename_keeps_the_old_address_and_is_recorded(tree: None, secretary: Any) -> None:
    # given a theme of the shipped tree
    topic = Topic.objects.get(slug="nightlife")
    # when the secretariat gives it a new address
    rename_topic(actor=secretary, topic=topic, slug="Nightlife and harassment")
    # then the old address leads to it, and the decision is in the audit trail
    topic.refresh_from_db()
    assert topic.slug == "nightlife-and-harassment"
    assert TopicRedirect.objects.get(old_slug="nightlife").topic == topic
    event = AuditEvent.objects.get(verb="themes.topic.rename")
    assert (event.actor, event.data) == (
        secretary,
        {"old": "nightlife", "new": "nightlife-and-harassment"},
    )


def test_taking_back_an_old_address_stops_its_redirect(tree: None, secretary: Any) -> None:
    topic = Topic.objects.get(slug="nightlife")
    rename_topic(actor=secretary, topic=topic, slug="night-time")
    rename_topic(actor=secretary, topic=topic, slug="nightlife")
    assert list(TopicRedirect.objects.values_list("old_slug", flat=True)) == ["night-time"]


def test_an_address_taken_by_another_theme_is_refused(tree: None, secretary: Any) -> None:
    topic = Topic.objects.get(slug="nightlife")
    with pytest.raises(DomainError, match="already has this address"):
        rename_topic(actor=secretary, topic=topic, slug="public-space")
    assert Topic.objects.get(pk=topic.pk).slug == "nightlife"


def test_only_the_secretariat_renames(tree: None, professional: Any) -> None:
    topic = Topic.objects.get(slug="nightlife")
    with pytest.raises(PermissionDenied):
        rename_topic(actor=professional, topic=topic, slug="elsewhere")
    assert TopicRedirect.objects.exists() is False
