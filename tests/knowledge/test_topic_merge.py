"""Merging themes: everything classified moves, the old address redirects, nothing is lost."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from befus.core.errors import DomainError
from befus.knowledge.models import Practice, Topic, TopicRedirect
from befus.knowledge.services import load_topics, merge_topics
from befus.themes.services import rename_topic


@pytest.fixture
def tree(db: None) -> None:
    load_topics()


def _practice(topic: Topic) -> Practice:
    practice = Practice.objects.create(
        slug="p", original_language="fr", title_fr="Titre", summary_fr="Résumé", status="published"
    )
    practice.topics.set([topic])
    return practice


def test_merging_moves_practices_children_and_the_address(tree: None, secretary: Any) -> None:
    # given a practice classified under "school-support", which has a sub-theme
    source = Topic.objects.get(slug="school-support")
    target = Topic.objects.get(slug="youth-integration")
    practice = _practice(source)
    # when the secretariat merges it into "youth-integration"
    merged = merge_topics(actor=secretary, source=source, target=target)
    # then the practice, the sub-theme and the old address all lead to the target
    assert list(practice.topics.values_list("slug", flat=True)) == ["youth-integration"]
    assert [c.slug for c in Topic.objects.get_children(merged)] == ["school-dropout"]
    assert TopicRedirect.objects.get(old_slug="school-support").topic == merged
    assert not Topic.objects.filter(slug="school-support").exists()


def test_the_old_address_answers_with_a_permanent_redirect(
    tree: None, secretary: Any, client: Any
) -> None:
    source = Topic.objects.get(slug="school-support")
    merge_topics(actor=secretary, source=source, target=Topic.objects.get(slug="inclusion"))
    response = client.get("/en/topics/school-support/")
    assert response.status_code == 301
    assert response["Location"] == "/en/topics/inclusion/"


def test_a_renamed_theme_keeps_its_old_address(tree: None, client: Any, secretary: Any) -> None:
    topic = Topic.objects.get(slug="school-support")
    rename_topic(actor=secretary, topic=topic, slug="school-success")
    assert client.get("/en/topics/school-support/")["Location"] == "/en/topics/school-success/"


def test_a_theme_cannot_go_into_its_own_subtree_nor_be_merged_by_others(
    tree: None, secretary: Any, professional: Any
) -> None:
    source = Topic.objects.get(slug="inclusion")
    with pytest.raises(DomainError):
        merge_topics(actor=secretary, source=source, target=Topic.objects.get(slug="housing"))
    with pytest.raises(PermissionDenied):
        merge_topics(actor=professional, source=source, target=Topic.objects.get(slug="nuisance"))
