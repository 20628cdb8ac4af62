"""Four eyes: nobody reviews, comments as a reviewer on, sends back or publishes a practice they
wrote, whatever role they hold (a referent of its themes, the secretariat, a superuser); someone
else always can, and the pages offer the author none of these steps."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from befus.core.models import AuditEvent, Notification
from befus.knowledge import services
from befus.knowledge.models import Practice, ReviewComment, Topic
from befus.members.choices import BodyKind, SeatRole
from befus.networks.models import Network
from tests.accounts.factories import UserFactory
from tests.accounts.totp import activate_totp
from tests.knowledge.conftest import on_commit, publish, share, submit
from tests.members.factories import BodyFactory, SeatFactory

# The people who review practices, each sharing one of their own in these tests.
REVIEWER_ROLES = ["referent", "secretary", "superuser"]


def _url(name: str, **kwargs: Any) -> str:
    with translation.override("en"):
        return reverse(f"knowledge:{name}", kwargs=kwargs or None)


def _reload(practice: Practice) -> Practice:
    return Practice.objects.get(pk=practice.pk)


@pytest.fixture
def superuser(db: None) -> Any:
    return UserFactory(email="root@example.org", is_staff=True, is_superuser=True)


@pytest.fixture
def own_practice(
    request: pytest.FixtureRequest, network: Network, nightlife: Topic
) -> Callable[[str], Practice]:
    """A practice on nightlife (the referent's network works on it), shared and submitted by
    the person of ``role``."""

    def make(role: str) -> Practice:
        return submit(share(request.getfixturevalue(role), title="My own night work"))

    return make


def _step(name: str, actor: Any, practice: Practice) -> Any:
    if name == "comment":
        return services.comment_on_field(
            actor=actor, practice=practice, field="results", text="Fine by me."
        )
    if name == "request_changes":
        return services.request_practice_changes(
            actor=actor, practice=practice, comment="Add figures."
        )
    return getattr(services, {"start": "start_review", "publish": "publish_practice"}[name])(
        actor=actor, practice=practice
    )


@pytest.mark.parametrize("step", ["start", "comment", "request_changes", "publish"])
@pytest.mark.parametrize("role", REVIEWER_ROLES)
def test_a_reviewer_takes_no_review_step_on_their_own_practice(
    request: pytest.FixtureRequest,
    own_practice: Callable[[str], Practice],
    role: str,
    step: str,
) -> None:
    # given
    practice = own_practice(role)
    author = request.getfixturevalue(role)
    # when / then
    with pytest.raises(PermissionDenied):
        _step(step, author, practice)
    assert _reload(practice).status == "submitted"
    assert ReviewComment.objects.exists() is False
    assert (
        AuditEvent.objects.filter(
            verb__in=[
                "knowledge.practice.start_review",
                "knowledge.practice.comment",
                "knowledge.practice.request_changes",
                "knowledge.practice.publish",
            ]
        ).exists()
        is False
    )


@pytest.mark.parametrize("role", REVIEWER_ROLES)
def test_a_reviewer_may_not_publish_their_own_practice_once_someone_started_its_review(
    request: pytest.FixtureRequest,
    own_practice: Callable[[str], Practice],
    secretary: Any,
    referent: Any,
    role: str,
) -> None:
    # given the review started by another reviewer
    practice = own_practice(role)
    other = referent if role == "secretary" else secretary
    services.start_review(actor=other, practice=practice)
    # when / then
    with pytest.raises(PermissionDenied):
        services.publish_practice(actor=request.getfixturevalue(role), practice=practice)
    assert _reload(practice).status == "in_review"


@pytest.mark.parametrize("role", ["referent", "superuser"])
def test_another_reviewer_publishes_the_practice_of_a_reviewer(
    own_practice: Callable[[str], Practice], secretary: Any, role: str
) -> None:
    # given
    practice = own_practice(role)
    # when
    with on_commit():
        services.publish_practice(actor=secretary, practice=practice)
    # then
    assert _reload(practice).status == "published"


def test_another_secretary_publishes_the_practice_of_the_secretariat(
    own_practice: Callable[[str], Practice], secretary: Any
) -> None:
    # given a colleague of the secretariat
    colleague = UserFactory(email="colleague@example.org")
    SeatFactory(
        body=BodyFactory(kind=BodyKind.SECRETARIAT), person=colleague, role=SeatRole.OFFICER
    )
    practice = own_practice("secretary")
    # when
    with on_commit():
        services.publish_practice(actor=colleague, practice=practice)
    # then
    assert _reload(practice).status == "published"


def test_the_secretariat_is_told_of_a_practice_whose_author_is_its_only_referent(
    referent: Any, network: Network, secretary: Any, nightlife: Topic
) -> None:
    # when the only referent of its themes submits a practice
    with on_commit():
        practice = submit(share(referent, title="Night buses"))
    # then the secretariat is told, the author is not, and the secretariat may review it
    recipients = set(
        Notification.objects.filter(kind="knowledge.practice_submitted").values_list(
            "recipient__email", flat=True
        )
    )
    assert recipients == {secretary.email}
    assert secretary.has_perm("knowledge:practice:review", practice) is True
    assert referent.has_perm("knowledge:practice:review", practice) is False


def test_the_secretariat_changes_its_own_practice_only_as_any_author_does(
    secretary: Any, referent: Any, nightlife: Topic, network: Network
) -> None:
    # given a practice of the secretariat, published by a referent
    practice = publish(share(secretary, title="Our own guide"), by=referent)
    # when / then: a change would go live without review
    with pytest.raises(PermissionDenied):
        services.update_practice(
            actor=secretary, practice=practice, title="Our own guide, rewritten"
        )
    assert _reload(practice).title_en == "Our own guide"


# The pages


@pytest.mark.parametrize("role", ["referent", "secretary"])
def test_the_review_queue_shows_ones_own_practice_as_waiting_for_another_reviewer(
    login: Callable[[str], Any], own_practice: Callable[[str], Practice], role: str
) -> None:
    # given
    practice = own_practice(role)
    # when
    response = login(role).get(_url("review-queue"))
    # then
    html = response.content.decode()
    assert _url("practice-review", slug=practice.slug) not in html
    assert "Your practices, waiting for another reviewer" in html
    assert _url("practice-detail", slug=practice.slug) in html
    assert practice not in response.context["queue"].practices


@pytest.mark.parametrize("role", REVIEWER_ROLES)
def test_the_practice_page_offers_its_author_no_review(
    client: Any, own_practice: Callable[[str], Practice], request: pytest.FixtureRequest, role: str
) -> None:
    # given
    practice = own_practice(role)
    person = request.getfixturevalue(role)
    activate_totp(person)
    client.force_login(person)
    # when
    response = client.get(_url("practice-detail", slug=practice.slug))
    # then
    assert response.status_code == 200
    assert _url("practice-review", slug=practice.slug) not in response.content.decode()


def test_the_practice_page_offers_another_reviewer_the_review(
    login: Callable[[str], Any], own_practice: Callable[[str], Practice]
) -> None:
    # given
    practice = own_practice("referent")
    # when
    html = login("secretary").get(_url("practice-detail", slug=practice.slug)).content.decode()
    # then
    assert _url("practice-review", slug=practice.slug) in html


@pytest.mark.parametrize("role", ["referent", "secretary"])
def test_the_author_may_not_open_the_review_page_nor_publish_through_it(
    login: Callable[[str], Any], own_practice: Callable[[str], Practice], role: str
) -> None:
    # given
    practice = own_practice(role)
    client = login(role)
    # when
    page = client.get(_url("practice-review", slug=practice.slug))
    comment = client.post(
        _url("practice-review", slug=practice.slug),
        {"comment": "1", "field": "results", "text": "Good."},
    )
    published = client.post(_url("practice-action", slug=practice.slug, action="publish"))
    # then
    assert [page.status_code, comment.status_code, published.status_code] == [403, 403, 403]
    assert _reload(practice).status == "submitted"
    assert ReviewComment.objects.exists() is False
