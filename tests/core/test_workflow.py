"""The one workflow module: steps declared once, transition() that locks, checks, moves and
audits, moving() around a step that does more, available_actions() for the pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from befus.core.errors import DomainError, InvalidTransition
from befus.core.models import AuditEvent
from befus.core.permissions import Perm
from befus.core.workflow import Workflow, available_actions
from befus.knowledge.models import Practice
from befus.knowledge.workflows import PRACTICE_FLOW
from befus.members.models import Organisation
from befus.themes.models import Topic
from befus.themes.services import load_topics
from tests.accounts.factories import UserFactory
from tests.knowledge.conftest import fresh_concepts, publish, share, submit


@pytest.fixture
def nightlife(db: None) -> Any:
    fresh_concepts()
    load_topics()
    return Topic.objects.get(slug="nightlife")


@pytest.fixture
def author(member_city: Any) -> Any:
    return UserFactory(email="author@example.org", profile__organisation=member_city)


@pytest.fixture
def submitted(author: Any, nightlife: Any) -> Practice:
    return submit(share(author, title="Quiet streets"))


def test_a_page_is_offered_the_steps_the_person_may_take_now(
    submitted: Practice, secretary: Any, author: Any, professional: Any
) -> None:
    # then the reviewer is offered the review's steps, the author and others none of them
    assert available_actions(secretary, submitted) == {"start_review", "request_changes", "publish"}
    assert available_actions(author, submitted) == set()
    assert available_actions(professional, submitted) == set()


def test_a_published_practice_offers_the_secretariat_to_archive_it(
    author: Any, nightlife: Any, secretary: Any
) -> None:
    practice = publish(share(author), by=secretary)
    assert available_actions(secretary, practice) == {"archive"}


def test_four_eyes_hold_for_a_superuser_too(author: Any, nightlife: Any) -> None:
    # given an author who is also a superuser (every permission rule grants them)
    author.is_superuser = True
    author.save()
    practice = submit(share(author))
    # then the review's steps are neither offered nor taken
    assert {"start_review", "publish"} & available_actions(author, practice) == set()
    with pytest.raises(PermissionDenied):
        PRACTICE_FLOW.transition(practice, "publish", actor=author)


def test_a_step_from_another_state_is_refused_and_records_nothing(
    submitted: Practice, secretary: Any
) -> None:
    # given the practice moved on under the reviewer's feet
    PRACTICE_FLOW.transition(submitted, "publish", actor=secretary)
    before = AuditEvent.objects.count()
    # when the reviewer takes a step of the former state
    with pytest.raises(InvalidTransition, match="This practice is now “Published”"):
        PRACTICE_FLOW.transition(submitted, "start_review", actor=secretary)
    # then nothing more is recorded
    assert AuditEvent.objects.count() == before


def test_a_transition_moves_stamps_and_records(submitted: Practice, secretary: Any) -> None:
    practice = PRACTICE_FLOW.transition(
        submitted, "publish", actor=secretary, data={"comment": "Clear."}
    )
    practice.refresh_from_db()
    assert practice.status == "published"
    assert practice.published_at is not None
    event = AuditEvent.objects.filter(verb="knowledge.practice.publish").get()
    assert (event.actor, event.data) == (secretary, {"status": "published", "comment": "Clear."})


def test_a_refusal_inside_a_step_undoes_the_move_and_records_nothing(
    submitted: Practice, secretary: Any
) -> None:
    # when something the step does after moving is refused
    with (
        pytest.raises(DomainError, match="not now"),
        PRACTICE_FLOW.moving(submitted, "start_review", actor=secretary),
    ):
        raise DomainError("not now")
    # then the practice did not move and no event was written
    submitted.refresh_from_db()
    assert submitted.status == "submitted"
    assert AuditEvent.objects.filter(verb="knowledge.practice.start_review").exists() is False


def test_a_step_without_a_rule_cannot_be_declared() -> None:
    with pytest.raises(ValueError, match="steps without a rule"):
        Workflow(
            model=Organisation,
            steps={"close": (("open",), "closed")},
            rules={},
            verb_prefix="test.organisation",
            moved="now %(status)s",
        )


def test_an_object_without_a_workflow_offers_nothing(member_city: Any, secretary: Any) -> None:
    assert available_actions(secretary, member_city) == set()


def test_every_step_of_every_workflow_has_a_rule_of_the_platform() -> None:
    from befus.core.workflow import WORKFLOWS

    rules = set(Perm)
    for workflow in WORKFLOWS.values():
        assert set(workflow.rules.values()) <= rules, workflow.verb_prefix
        assert set(workflow.rules) == set(workflow.steps)
