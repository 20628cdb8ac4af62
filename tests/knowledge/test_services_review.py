"""The review of a practice: submitted, commented on, sent back, published, archived and
published again, each step by those it belongs to and from the states it starts from."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from befus.core.errors import DomainError, InvalidTransition
from befus.core.models import AuditEvent, Notification
from befus.knowledge import services
from befus.knowledge.models import (
    Practice,
    ReviewComment,
    Topic,
)
from befus.networks.choices import MemberRole
from befus.networks.models import Network
from tests.accounts.factories import UserFactory
from tests.knowledge.conftest import on_commit, share, submit
from tests.knowledge.helpers import _found, _notified, _reload, _url
from tests.networks.factories import NetworkFactory, NetworkMembershipFactory


@pytest.fixture
def other_referent(db: None, tree: dict[str, int]) -> Any:
    """The referent of a network on road safety, a theme far from nightlife."""
    person = UserFactory(email="road-referent@example.org")
    network = NetworkFactory(recognised=True, slug="road-network", proposed_by=person)
    network.topics.set([Topic.objects.get(slug="road-safety")])
    NetworkMembershipFactory(
        network=network, person=person, role=MemberRole.LOCAL_REFERENT, active=True
    )
    return person


def test_a_practice_without_a_theme_cannot_be_submitted(author: Any, tree: Any) -> None:
    # given
    practice = share(author, topics=[])
    # when / then
    with pytest.raises(DomainError, match=r"Choose at least one theme before submitting.") as error:
        submit(practice)
    assert error.value.field == "topics"
    assert _reload(practice).status == "draft"


def test_submitting_tells_the_secretariat_and_the_referents_of_its_themes(
    draft: Practice, secretary: Any, referent: Any, network: Network, other_referent: Any
) -> None:
    # when
    submit(draft)
    # then
    draft = _reload(draft)
    assert draft.status == "submitted"
    assert draft.submitted_at is not None
    assert _notified("knowledge.practice_submitted") == {
        "secretary@example.org",
        "referent@example.org",
    }
    notification = Notification.objects.get(recipient=referent)
    assert notification.url == _url("practice-review", slug=draft.slug)


def test_the_referent_of_a_network_not_yet_recognised_is_not_told(
    draft: Practice, secretary: Any, tree: Any
) -> None:
    # given a proposed network on nightlife, with a referent
    person = UserFactory(email="proposer@example.org")
    proposal = NetworkFactory(slug="proposal", proposed_by=person)
    proposal.topics.set([Topic.objects.get(slug="nightlife")])
    NetworkMembershipFactory(
        network=proposal, person=person, role=MemberRole.LOCAL_REFERENT, active=True
    )
    # when
    submit(draft)
    # then
    assert _notified("knowledge.practice_submitted") == {"secretary@example.org"}


@pytest.mark.parametrize("reviewer", ["secretary", "referent"])
def test_a_reviewer_starts_the_review(
    request: pytest.FixtureRequest, submitted: Practice, network: Network, reviewer: str
) -> None:
    # when
    services.start_review(actor=request.getfixturevalue(reviewer), practice=submitted)
    # then
    assert _reload(submitted).status == "in_review"


@pytest.mark.parametrize("role", ["author", "professional", "mayor", "other_referent"])
def test_only_a_reviewer_starts_the_review(
    request: pytest.FixtureRequest, submitted: Practice, role: str
) -> None:
    with pytest.raises(PermissionDenied):
        services.start_review(actor=request.getfixturevalue(role), practice=submitted)
    assert _reload(submitted).status == "submitted"


def test_the_reviewer_comments_on_a_field(
    submitted: Practice, referent: Any, network: Network
) -> None:
    # when
    comment = services.comment_on_field(
        actor=referent, practice=submitted, field="results", text=" Give figures. "
    )
    # then
    assert (comment.field, comment.text, comment.author) == ("results", "Give figures.", referent)
    assert AuditEvent.objects.get(verb="knowledge.practice.comment").data["field"] == "results"


def test_an_empty_comment_is_refused(submitted: Practice, secretary: Any) -> None:
    with pytest.raises(DomainError, match=r"Write the comment."):
        services.comment_on_field(actor=secretary, practice=submitted, field="", text="  ")


def test_a_draft_is_not_commented(draft: Practice, secretary: Any) -> None:
    with pytest.raises(InvalidTransition, match="Comments are made while the practice is in"):
        services.comment_on_field(actor=secretary, practice=draft, field="", text="Hm.")


def test_someone_not_reviewing_may_not_comment(submitted: Practice, professional: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.comment_on_field(actor=professional, practice=submitted, field="", text="Hm.")
    assert ReviewComment.objects.count() == 0


def test_asking_for_changes_needs_a_comment(submitted: Practice, secretary: Any) -> None:
    # when / then
    with pytest.raises(DomainError, match=r"Say what to change: add a comment."):
        services.request_practice_changes(actor=secretary, practice=submitted)
    assert _reload(submitted).status == "submitted"


def test_asking_for_changes_sends_the_practice_back_to_its_author(
    submitted: Practice, secretary: Any, author: Any
) -> None:
    # when
    with on_commit():
        services.request_practice_changes(
            actor=secretary, practice=submitted, comment="Say who pays for it."
        )
    # then
    submitted = _reload(submitted)
    assert submitted.status == "changes_requested"
    assert submitted.comments.get().text == "Say who pays for it."
    notification = Notification.objects.get(kind="knowledge.practice_status")
    assert notification.recipient == author
    assert notification.url == _url("practice-edit", slug=submitted.slug)


def test_the_author_answers_the_comments_and_submits_again(
    submitted: Practice, secretary: Any, author: Any
) -> None:
    # given
    services.request_practice_changes(actor=secretary, practice=submitted, comment="Figures?")
    # when
    services.update_practice(
        actor=author,
        practice=_reload(submitted),
        title=submitted.title_en,
        summary=submitted.summary_en,
        results="Calls to the police fell by a third.",
        topics=list(submitted.topics.all()),
    )
    submit(_reload(submitted))
    # then
    submitted = _reload(submitted)
    assert submitted.status == "submitted"
    assert submitted.results_en == "Calls to the police fell by a third."


def test_a_second_round_of_changes_needs_a_new_comment(
    submitted: Practice, secretary: Any, author: Any
) -> None:
    # given a first round of comments, answered and submitted again
    services.request_practice_changes(actor=secretary, practice=submitted, comment="Figures?")
    submit(_reload(submitted))
    # when / then
    with pytest.raises(DomainError, match=r"Say what to change: add a comment."):
        services.request_practice_changes(actor=secretary, practice=submitted)


@pytest.mark.parametrize("step", ["request_changes", "submit"])
def test_someone_who_may_not_act_is_refused_before_being_told_what_is_missing(
    submitted: Practice, author: Any, professional: Any, step: str
) -> None:
    # given a submitted practice without comments, and a draft without a theme
    bare = share(author, title="Bare", topics=[])
    act = {
        "request_changes": lambda: services.request_practice_changes(
            actor=professional, practice=submitted
        ),
        "submit": lambda: services.submit_practice(actor=professional, practice=bare),
    }[step]
    # when / then
    with pytest.raises(PermissionDenied):
        act()


@pytest.mark.parametrize("reviewer", ["secretary", "referent"])
def test_publishing_makes_it_readable_and_searchable(
    request: pytest.FixtureRequest, submitted: Practice, network: Network, reviewer: str
) -> None:
    # given
    actor = request.getfixturevalue(reviewer)
    services.comment_on_field(actor=actor, practice=submitted, field="", text="Fine.")
    assert _found("clubs") == set()
    # when
    with on_commit():
        services.publish_practice(actor=actor, practice=submitted)
    # then
    submitted = _reload(submitted)
    assert submitted.status == "published"
    assert submitted.published_at is not None
    assert submitted.comments.filter(resolved_at=None).count() == 0
    assert _found("clubs") == {"Safe way home from the clubs"}
    assert _notified("knowledge.practice_status") == {"author@example.org"}


@pytest.mark.parametrize("role", ["author", "professional", "board_member", "chairman"])
def test_only_a_reviewer_publishes(
    request: pytest.FixtureRequest, submitted: Practice, role: str
) -> None:
    with pytest.raises(PermissionDenied):
        services.publish_practice(actor=request.getfixturevalue(role), practice=submitted)
    assert _reload(submitted).status == "submitted"


def test_archiving_takes_it_out_of_the_search_and_the_lists(
    published: Practice, secretary: Any, login: Callable[[str], Any]
) -> None:
    # when
    with on_commit():
        services.archive_practice(actor=secretary, practice=published)
    # then
    assert _reload(published).status == "archived"
    assert _found("mediators") == set()
    assert _found("mediators", user=secretary) == set()
    for role, status in (("professional", 404), ("author", 200), ("secretary", 200)):
        client = login(role)
        assert published.title_en not in client.get(_url("practice-list")).content.decode()
        assert client.get(_url("practice-detail", slug=published.slug)).status_code == status


def test_an_archived_practice_is_published_again(published: Practice, secretary: Any) -> None:
    # given
    published_at = _reload(published).published_at
    with on_commit():
        services.archive_practice(actor=secretary, practice=published)
    # when
    with on_commit():
        services.republish_practice(actor=secretary, practice=published)
    # then
    assert _reload(published).status == "published"
    assert _reload(published).published_at == published_at
    assert _found("mediators") == {published.title_en}


@pytest.mark.parametrize("role", ["author", "referent", "professional", "chairman"])
def test_only_the_secretariat_archives(
    request: pytest.FixtureRequest, published: Practice, network: Network, role: str
) -> None:
    with pytest.raises(PermissionDenied):
        services.archive_practice(actor=request.getfixturevalue(role), practice=published)


@pytest.mark.parametrize(
    ("state", "step"),
    [
        ("draft", services.publish_practice),
        ("draft", services.start_review),
        ("draft", services.archive_practice),
        ("submitted", services.submit_practice),
        ("submitted", services.archive_practice),
        ("published", services.publish_practice),
        ("published", services.start_review),
        ("published", services.republish_practice),
    ],
)
def test_a_step_from_the_wrong_state_is_an_invalid_transition(
    request: pytest.FixtureRequest, secretary: Any, state: str, step: Callable[..., Any]
) -> None:
    # given (only the author sends a practice for review)
    practice = request.getfixturevalue(state)
    actor = practice.author if step is services.submit_practice else secretary
    # when / then
    with pytest.raises(InvalidTransition, match=r"This practice is now “.*”"):
        step(actor=actor, practice=practice)
    assert _reload(practice).status == state


def test_starting_a_review_twice_is_an_invalid_transition(
    submitted: Practice, secretary: Any, referent: Any, network: Network
) -> None:
    # given
    services.start_review(actor=secretary, practice=submitted)
    # when / then
    with pytest.raises(InvalidTransition, match="“In review”"):
        services.start_review(actor=referent, practice=submitted)
