"""How a practice spreads: questions relayed to its contact person, adoptions by cities."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from befus.core.errors import DomainError
from befus.core.models import Notification
from befus.knowledge import services
from befus.knowledge.models import (
    Adoption,
    Practice,
    PracticeQuestion,
)
from tests.knowledge.conftest import on_commit
from tests.knowledge.helpers import _notified, _url

# Questions to the contact person


def test_a_question_reaches_the_contact_without_showing_their_address(
    published: Practice,
    professional: Any,
    author: Any,
    mailoutbox: list[Any],
    login: Callable[[str], Any],
) -> None:
    # when
    with on_commit():
        question = services.ask_contact(
            actor=professional, practice=published, text="How many mediators at night?"
        )
    # then
    assert PracticeQuestion.objects.get() == question
    notification = Notification.objects.get(kind="knowledge.practice_question")
    assert notification.recipient == author
    assert notification.params["question"] == "How many mediators at night?"
    [relayed] = [m for m in mailoutbox if m.body == "How many mediators at night?"]
    assert relayed.to == ["author@example.org"]
    assert relayed.reply_to == ["pro@example.org"]
    client = login("professional")
    for name in ("practice-detail", "practice-ask"):
        html = client.get(_url(name, slug=published.slug)).content.decode()
        assert "author@example.org" not in html


def test_an_empty_question_is_refused(published: Practice, professional: Any) -> None:
    with pytest.raises(DomainError, match=r"Write your question."):
        services.ask_contact(actor=professional, practice=published, text=" ")


def test_a_question_needs_a_contact_who_is_still_there(
    published: Practice, professional: Any, author: Any
) -> None:
    # given
    author.is_active = False
    author.save(update_fields=["is_active"])
    # when / then
    with pytest.raises(DomainError, match=r"This practice has no contact person any more."):
        services.ask_contact(actor=professional, practice=published, text="Still running?")


@pytest.mark.parametrize("role", ["anonymous", "visitor"])
def test_a_visitor_may_not_ask(
    request: pytest.FixtureRequest, published: Practice, role: str
) -> None:
    actor = AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        services.ask_contact(actor=actor, practice=published, text="?")


def test_a_draft_is_not_asked_about(draft: Practice, professional: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.ask_contact(actor=professional, practice=draft, text="?")


# Adoptions


@pytest.mark.parametrize("role", ["professional", "mayor"])
def test_a_city_records_that_it_adopted_a_practice(
    request: pytest.FixtureRequest, published: Practice, member_city: Any, role: str
) -> None:
    # when
    adoption = services.record_adoption(
        actor=request.getfixturevalue(role),
        practice=published,
        organisation=member_city,
        adopted_on=dt.date(2025, 9, 1),
        adaptations=" With volunteers. ",
    )
    # then
    assert (adoption.organisation, adoption.adaptations) == (member_city, "With volunteers.")
    assert _notified("knowledge.practice_adopted") == {"author@example.org"}


def test_a_city_adopts_a_practice_once(
    published: Practice, professional: Any, mayor: Any, member_city: Any
) -> None:
    # given
    services.record_adoption(
        actor=professional,
        practice=published,
        organisation=member_city,
        adopted_on=dt.date(2025, 9, 1),
    )
    # when / then
    with pytest.raises(DomainError, match=r"has already recorded adopting it."):
        services.record_adoption(
            actor=mayor,
            practice=published,
            organisation=member_city,
            adopted_on=dt.date(2025, 10, 1),
        )
    assert Adoption.objects.count() == 1


@pytest.mark.parametrize("role", ["professional", "mayor", "board_member", "secretary"])
def test_an_adoption_is_recorded_for_ones_own_city_only(
    request: pytest.FixtureRequest, published: Practice, chairman: Any, role: str
) -> None:
    # given Liège, the chairman's city, which none of them works for
    liege = chairman.seats.get().organisation
    # when / then
    with pytest.raises(DomainError, match="for your own municipality only") as error:
        services.record_adoption(
            actor=request.getfixturevalue(role),
            practice=published,
            organisation=liege,
            adopted_on=dt.date(2025, 9, 1),
        )
    assert error.value.field == "organisation"
    assert Adoption.objects.count() == 0


def test_a_visitor_records_no_adoption(published: Practice, visitor: Any, member_city: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.record_adoption(
            actor=visitor,
            practice=published,
            organisation=member_city,
            adopted_on=dt.date(2025, 10, 1),
        )
