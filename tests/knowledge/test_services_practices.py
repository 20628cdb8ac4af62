"""Sharing a practice: a draft in its author's language, its address, what it needs, and who
may change it while it is in whose hands."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils import translation

from befus.core.errors import DomainError
from befus.core.models import AuditEvent
from befus.knowledge import services
from befus.knowledge.models import (
    Practice,
    Topic,
)
from tests.knowledge.conftest import on_commit, share
from tests.knowledge.helpers import _found, _reload


def test_a_member_professional_shares_a_draft_in_their_language(
    author: Any, nightlife: Topic
) -> None:
    # when
    practice = share(author, title="Night mediators", summary="They calm conflicts.")
    # then
    practice = _reload(practice)
    assert practice.status == "draft"
    assert practice.author == author
    assert practice.contact == author
    assert practice.original_language == "en"
    assert practice.title_en == "Night mediators"
    assert practice.slug == "night-mediators"
    assert list(practice.topics.all()) == [nightlife]
    assert AuditEvent.objects.filter(verb="knowledge.practice.create").count() == 1


def test_two_practices_with_one_title_get_two_addresses(author: Any, nightlife: Topic) -> None:
    # when
    first = share(author, title="Night mediators")
    second = share(author, title="Night mediators")
    # then
    assert (first.slug, second.slug) == ("night-mediators", "night-mediators-2")


def test_a_draft_is_not_searchable(draft: Practice) -> None:
    assert _found("quiet streets closing") == set()


@pytest.mark.parametrize("role", ["anonymous", "visitor"])
def test_a_visitor_may_not_share(request: pytest.FixtureRequest, role: str, tree: Any) -> None:
    # given
    actor = AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)
    # when / then
    with pytest.raises(PermissionDenied):
        share(actor)
    assert Practice.objects.count() == 0


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"title": "  "}, "title", "Give the practice a title."),
        ({"summary": ""}, "summary", "Summarise the practice in a few sentences."),
        ({"visibility": "network"}, "network", "Choose the network whose members may read it."),
        (
            {"year_start": 2020, "year_end": 2019},
            "year_end",
            "The practice cannot end before it starts.",
        ),
    ],
    ids=["no-title", "no-summary", "network-without-network", "ends-before-it-starts"],
)
def test_an_incomplete_practice_is_refused_with_the_reason(
    author: Any, nightlife: Topic, fields: dict[str, Any], field: str, message: str
) -> None:
    # when
    with pytest.raises(DomainError, match=message) as error:
        share(author, **fields)
    # then
    assert error.value.field == field
    assert Practice.objects.count() == 0


def test_a_practice_in_a_language_the_platform_does_not_write_is_refused(
    author: Any, nightlife: Topic
) -> None:
    with pytest.raises(DomainError, match=r"Choose the language you write in."):
        share(author, language="de")


def test_a_practice_shared_from_another_interface_language_has_no_false_translation(
    author: Any, nightlife: Topic
) -> None:
    # given the English interface
    with translation.override("en"):
        # when the author writes in French
        practice = share(author, language="fr", title="Médiateurs de nuit", summary="La nuit.")
    # then only the French columns hold the text
    practice = _reload(practice)
    assert practice.title_fr == "Médiateurs de nuit"
    assert practice.title_en in (None, "")
    assert practice.summary_en in (None, "")


def test_the_author_changes_their_draft(draft: Practice, author: Any) -> None:
    # when
    services.update_practice(
        actor=author,
        practice=draft,
        title="Quiet streets at night",
        summary="Noise after closing time.",
        topics=list(draft.topics.all()),
        year_start=2021,
    )
    # then
    draft = _reload(draft)
    assert draft.title_en == "Quiet streets at night"
    assert draft.year_start == 2021
    assert draft.slug == "quiet-streets-after-closing-time"  # the address does not move


@pytest.mark.parametrize("state", ["submitted", "published"])
def test_the_author_may_not_change_a_practice_out_of_their_hands(
    request: pytest.FixtureRequest, author: Any, state: str
) -> None:
    # given
    practice = request.getfixturevalue(state)
    # when / then
    with pytest.raises(PermissionDenied):
        services.update_practice(actor=author, practice=practice, title="Other")
    assert _reload(practice).title_en != "Other"


def test_someone_else_may_not_change_a_draft(draft: Practice, professional: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.update_practice(actor=professional, practice=draft, title="Mine now")


def test_the_secretariat_corrects_a_published_practice_and_the_search_follows(
    published: Practice, secretary: Any
) -> None:
    # given
    assert _found("mediators") == {"Night mediators in the station district"}
    # when
    with on_commit():
        services.update_practice(
            actor=secretary,
            practice=published,
            title="Peacekeepers around the railway station",
            summary=published.summary_en,
            topics=list(published.topics.all()),
        )
    # then
    assert _reload(published).status == "published"
    assert _found("peacekeepers") == {"Peacekeepers around the railway station"}
