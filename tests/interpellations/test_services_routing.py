"""The routers' side of a request: forward, answer, update, decline, close and reopen it,
and the requester's private link."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils.timezone import localdate

from befus.core.errors import DomainError, InvalidTransition
from befus.core.workdays import add_working_days
from befus.interpellations import selectors, services
from befus.interpellations.choices import EntryKind, Status
from befus.interpellations.models import Assignment, Interpellation
from befus.networks.choices import MemberRole
from befus.networks.models import Network
from tests.accounts.factories import UserFactory
from tests.interpellations.helpers import (
    ROUTE,
    VIEW,
    WORK,
    _file,
    _fresh,
    _mails_to,
    _notified,
    _reload,
    _submit,
)
from tests.networks.factories import NetworkMembershipFactory

# forward_request


@pytest.mark.parametrize("role", ["referent", "secretary", "board_member", "professional"])
def test_only_the_chairman_and_the_delegate_forward_a_request(
    request: pytest.FixtureRequest, outsider_request: Interpellation, referent: Any, role: str
) -> None:
    # given
    actor = request.getfixturevalue(role)
    # when
    with pytest.raises(PermissionDenied):
        services.forward_request(
            actor=actor, interpellation=outsider_request, networks=outsider_request.networks.all()
        )
    # then
    assert _reload(outsider_request).status == Status.RECEIVED
    assert Assignment.objects.exists() is False


def test_the_chairman_forwards_a_request_to_the_referents_of_its_network(
    outsider_request: Interpellation, chairman: Any, referent: Any, network: Network
) -> None:
    # when
    [assignment] = services.forward_request(
        actor=chairman,
        interpellation=outsider_request,
        networks=[network],
        note="Please answer.",
    )
    # then
    request = _reload(outsider_request)
    assert request.status == Status.FORWARDED
    assert (assignment.person, assignment.network) == (referent, network)
    assert assignment.due_date == request.due_date
    assert assignment.assigned_by == chairman
    assert assignment.note == "Please answer."
    assert referent.has_perm(VIEW, request) is True
    assert referent.has_perm(WORK, request) is True
    assert referent.has_perm(ROUTE) is False
    assert _notified("interpellations.assigned") == {"referent@example.org"}
    notification = referent.notifications.get(kind="interpellations.assigned")
    assert notification.params["due"] == request.due_date.isoformat()
    forward = request.entries.get(kind=EntryKind.FORWARD)
    assert (forward.body, forward.network, forward.status) == (
        "Please answer.",
        network,
        Status.FORWARDED,
    )


def test_the_chairman_forwards_a_request_to_named_people_with_a_due_date(
    outsider_request: Interpellation, chairman: Any, network: Network, member_city: Any
) -> None:
    # given a member of the addressed network, and a person in no network
    member = UserFactory(email="member@example.org")
    NetworkMembershipFactory(network=network, person=member, active=True)
    expert = UserFactory(email="expert@example.org")
    due = localdate() + dt.timedelta(days=3)
    # when
    created = services.forward_request(
        actor=chairman, interpellation=outsider_request, people=[member, expert], due_date=due
    )
    # then
    assert {(a.person.email, a.network) for a in created} == {
        ("member@example.org", network),
        ("expert@example.org", None),
    }
    assert {a.due_date for a in created} == {due}
    assert _notified("interpellations.assigned") == {"member@example.org", "expert@example.org"}
    assert _fresh(expert).has_perm(VIEW, outsider_request) is True


def test_a_delegate_forwards_a_request_in_the_chairmans_stead(
    outsider_request: Interpellation, delegate: Any, referent: Any
) -> None:
    # when
    services.forward_request(
        actor=delegate, interpellation=outsider_request, networks=outsider_request.networks.all()
    )
    # then
    assert _reload(outsider_request).status == Status.FORWARDED
    assert outsider_request.assignments.get().assigned_by == delegate


def test_a_network_without_an_active_referent_cannot_be_chosen(
    outsider_request: Interpellation, chairman: Any, network: Network
) -> None:
    # given a referent whose mayor has not consented yet
    NetworkMembershipFactory(network=network, role=MemberRole.NATIONAL_REFERENT)
    # when
    with pytest.raises(DomainError, match="has no active referent: name a person instead"):
        services.forward_request(
            actor=chairman, interpellation=outsider_request, networks=[network]
        )
    # then
    assert _reload(outsider_request).status == Status.RECEIVED
    assert Assignment.objects.exists() is False


def test_forwarding_to_nobody_is_refused(outsider_request: Interpellation, chairman: Any) -> None:
    # when / then
    with pytest.raises(DomainError, match="Choose at least one person or network"):
        services.forward_request(actor=chairman, interpellation=outsider_request)
    assert _reload(outsider_request).status == Status.RECEIVED


def test_a_due_date_in_the_past_is_refused(
    outsider_request: Interpellation, chairman: Any, referent: Any
) -> None:
    # when / then
    with pytest.raises(DomainError, match="The due date cannot be in the past"):
        services.forward_request(
            actor=chairman,
            interpellation=outsider_request,
            people=[referent],
            due_date=localdate() - dt.timedelta(days=1),
        )
    assert Assignment.objects.exists() is False


def test_forwarding_again_to_the_same_people_is_refused(
    forwarded: Interpellation, chairman: Any, referent: Any
) -> None:
    # when / then
    with pytest.raises(DomainError, match="These people already follow this request"):
        services.forward_request(actor=chairman, interpellation=forwarded, people=[referent])
    assert forwarded.assignments.count() == 1


def test_the_requester_is_told_once_that_the_request_is_passed_on(
    outsider_request: Interpellation,
    chairman: Any,
    referent: Any,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    # when the Chairman forwards the request, then adds an expert
    with django_capture_on_commit_callbacks(execute=True):
        services.forward_request(actor=chairman, interpellation=outsider_request, people=[referent])
        services.forward_request(
            actor=chairman, interpellation=outsider_request, people=[UserFactory()]
        )
    # then Claire hears of it once
    [email] = _mails_to(mailoutbox, "claire@example.org")
    assert outsider_request.reference in email.subject
    assert outsider_request.tracking_token() in email.body
    assert outsider_request.assignments.count() == 2


def test_a_request_in_progress_stays_in_progress_when_someone_is_added(
    forwarded: Interpellation, chairman: Any, referent: Any
) -> None:
    # given
    services.take_up(actor=referent, interpellation=forwarded)
    # when
    services.forward_request(actor=chairman, interpellation=forwarded, people=[UserFactory()])
    # then
    assert _reload(forwarded).status == Status.IN_PROGRESS


def test_a_finished_request_cannot_be_forwarded(answered: Interpellation, chairman: Any) -> None:
    # when / then
    with pytest.raises(InvalidTransition, match="“Answered”"):
        services.forward_request(actor=chairman, interpellation=answered, people=[UserFactory()])
    assert answered.assignments.count() == 1


# answer_request, send_update, decline_request, close_request, reopen_request


def test_the_chairman_answers_a_received_request_directly(
    outsider_request: Interpellation,
    chairman: Any,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    # when
    with django_capture_on_commit_callbacks(execute=True):
        answer = services.answer_request(
            actor=chairman,
            interpellation=outsider_request,
            body="See our guide.",
            files=[_file("guide.pdf")],
        )
    # then
    request = _reload(outsider_request)
    assert request.status == Status.ANSWERED
    assert request.answered_at is not None
    assert (answer.author, answer.validated_by) == (chairman, chairman)
    assert answer.attachments.get().public is True
    [email] = _mails_to(mailoutbox, "claire@example.org")
    assert "See our guide." in email.body


@pytest.mark.parametrize("role", ["referent", "secretary"])
def test_only_the_routers_answer_directly(
    request: pytest.FixtureRequest, forwarded: Interpellation, role: str
) -> None:
    # when / then
    with pytest.raises(PermissionDenied):
        services.answer_request(
            actor=request.getfixturevalue(role), interpellation=forwarded, body="Answer."
        )
    assert _reload(forwarded).status == Status.FORWARDED


def test_an_empty_answer_is_refused(outsider_request: Interpellation, chairman: Any) -> None:
    # when / then
    with pytest.raises(DomainError, match="Write the answer"):
        services.answer_request(actor=chairman, interpellation=outsider_request, body="")
    assert _reload(outsider_request).status == Status.RECEIVED


def test_an_update_tells_the_requester_without_changing_the_state(
    forwarded: Interpellation,
    chairman: Any,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    # when
    with django_capture_on_commit_callbacks(execute=True):
        services.send_update(
            actor=chairman, interpellation=forwarded, body="Expect the answer next week."
        )
    # then
    assert _reload(forwarded).status == Status.FORWARDED
    public = selectors.request_page(forwarded, public_only=True)
    assert [e.body for e in public.entries] == ["Expect the answer next week."]
    [email] = _mails_to(mailoutbox, "claire@example.org")
    assert "Expect the answer next week." in email.body


def test_an_empty_update_is_refused(forwarded: Interpellation, chairman: Any) -> None:
    # when / then
    with pytest.raises(DomainError, match="Write the message"):
        services.send_update(actor=chairman, interpellation=forwarded, body=" ")


def test_no_update_on_an_answered_request(answered: Interpellation, chairman: Any) -> None:
    # when / then
    with pytest.raises(InvalidTransition):
        services.send_update(actor=chairman, interpellation=answered, body="More news.")


def test_a_declined_request_tells_the_requester_why(
    forwarded: Interpellation,
    chairman: Any,
    referent: Any,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    # when
    with django_capture_on_commit_callbacks(execute=True):
        services.decline_request(
            actor=chairman, interpellation=forwarded, reason="We do not comment on court cases."
        )
    # then
    request = _reload(forwarded)
    assert request.status == Status.DECLINED
    assert request.finished_at is not None
    public = selectors.request_page(request, public_only=True)
    assert [(e.kind, e.body) for e in public.entries] == [
        (EntryKind.DECLINE, "We do not comment on court cases.")
    ]
    [email] = _mails_to(mailoutbox, "claire@example.org")
    assert "We do not comment on court cases." in email.body
    assert "referent@example.org" in _notified("interpellations.status")


def test_declining_needs_a_reason(outsider_request: Interpellation, chairman: Any) -> None:
    # when / then
    with pytest.raises(DomainError, match="Say why the request is declined"):
        services.decline_request(actor=chairman, interpellation=outsider_request, reason=" ")
    assert _reload(outsider_request).status == Status.RECEIVED


def test_the_chairman_closes_an_answered_request(answered: Interpellation, chairman: Any) -> None:
    # when
    services.close_request(actor=chairman, interpellation=answered)
    # then
    request = _reload(answered)
    assert request.status == Status.CLOSED
    assert request.finished_at is not None
    assert request.is_open is False


@pytest.mark.parametrize("verb", ["close", "reopen"])
def test_a_received_request_can_be_neither_closed_nor_reopened(
    outsider_request: Interpellation, chairman: Any, verb: str
) -> None:
    # given
    call = services.close_request if verb == "close" else services.reopen_request
    # when / then
    with pytest.raises(InvalidTransition, match="“Received”"):
        call(actor=chairman, interpellation=outsider_request)
    assert _reload(outsider_request).status == Status.RECEIVED


def test_a_closed_request_cannot_be_answered_or_declined(
    answered: Interpellation, chairman: Any
) -> None:
    # given
    services.close_request(actor=chairman, interpellation=answered)
    # when / then
    with pytest.raises(InvalidTransition, match="“Closed”"):
        services.answer_request(actor=chairman, interpellation=answered, body="Again.")
    with pytest.raises(InvalidTransition, match="“Closed”"):
        services.decline_request(actor=chairman, interpellation=answered, reason="No.")


def test_a_reopened_request_goes_back_to_its_assignees(
    answered: Interpellation, chairman: Any, referent: Any
) -> None:
    # when
    services.reopen_request(actor=chairman, interpellation=answered, reason="A follow-up.")
    # then
    request = _reload(answered)
    assert request.status == Status.FORWARDED
    assert request.is_open is True
    assert request.finished_at is None
    assert "referent@example.org" in _notified("interpellations.status")
    assert request.entries.filter(kind=EntryKind.STATUS, body="A follow-up.").exists()


def test_a_reopened_request_nobody_was_given_goes_back_to_the_chairman(
    outsider_request: Interpellation, chairman: Any
) -> None:
    # given
    services.decline_request(actor=chairman, interpellation=outsider_request, reason="No.")
    # when
    services.reopen_request(actor=chairman, interpellation=outsider_request)
    # then
    request = _reload(outsider_request)
    assert request.status == Status.RECEIVED
    assert request.finished_at is None


def test_a_reopened_request_past_its_date_gets_a_new_one(
    answered: Interpellation, chairman: Any
) -> None:
    # given a request whose target date passed, reminded long ago
    Interpellation.objects.filter(pk=answered.pk).update(
        due_date=dt.date(2025, 1, 10),
        reminded_on=dt.date(2025, 1, 7),
        overdue_notified_on=dt.date(2025, 1, 13),
    )
    # when
    services.reopen_request(actor=chairman, interpellation=answered)
    # then
    request = _reload(answered)
    assert request.due_date == add_working_days(localdate(), 15)
    assert (request.reminded_on, request.overdue_notified_on) == (None, None)


def test_a_reopened_request_keeps_a_date_still_to_come(
    answered: Interpellation, chairman: Any
) -> None:
    # given
    later = localdate() + dt.timedelta(days=60)
    Interpellation.objects.filter(pk=answered.pk).update(due_date=later)
    # when
    services.reopen_request(actor=chairman, interpellation=answered)
    # then
    assert _reload(answered).due_date == later


# tracking links


def test_the_private_link_opens_its_request(outsider_request: Interpellation) -> None:
    # when / then
    assert selectors.get_by_token(outsider_request.tracking_token()) == outsider_request


@pytest.mark.parametrize(
    "mangle",
    [
        pytest.param(lambda token: token[:-1], id="truncated"),
        pytest.param(lambda token: token.split(".")[0], id="key-alone"),
        pytest.param(lambda token: token.split(".")[0] + "." + "0" * 32, id="wrong-signature"),
        pytest.param(lambda token: token.upper(), id="changed-case"),
        pytest.param(lambda token: "", id="empty"),
        pytest.param(lambda token: ".", id="dot"),
        pytest.param(lambda token: "." + token.split(".")[1], id="signature-alone"),
        pytest.param(lambda token: "x" * 40 + "." + token.split(".")[1], id="long-key"),
        pytest.param(lambda token: "not-a-token", id="random"),
        pytest.param(lambda token: token + ".extra", id="suffix"),
    ],
)
def test_a_wrong_private_link_opens_nothing(outsider_request: Interpellation, mangle: Any) -> None:
    # when / then
    assert selectors.get_by_token(mangle(outsider_request.tracking_token())) is None


def test_a_link_made_of_someone_elses_key_opens_nothing(
    outsider_request: Interpellation, chairman: Any
) -> None:
    # given a second request: its key with the first request's signature
    other = _submit()
    key = other.tracking_key
    signature = outsider_request.tracking_token().split(".")[1]
    # when / then
    assert selectors.get_by_token(f"{key}.{signature}") is None


def test_a_link_with_non_ascii_characters_opens_nothing(outsider_request: Interpellation) -> None:
    # given the right key with a foreign character for a signature, and the other way round
    key, signature = outsider_request.tracking_token().split(".")
    # when / then nothing opens, and nothing breaks
    assert selectors.get_by_token(f"{key}.é") is None
    assert selectors.get_by_token(f"{key}.{signature[:-1]}é") is None
    assert selectors.get_by_token(f"{key}é.{signature}") is None


def test_a_revoked_link_opens_nothing(outsider_request: Interpellation, chairman: Any) -> None:
    # given
    token = outsider_request.tracking_token()
    # when
    services.revoke_tracking_link(actor=chairman, interpellation=outsider_request)
    # then
    assert selectors.get_by_token(token) is None
    assert _reload(outsider_request).tracking_token() == ""


def test_a_renewed_link_replaces_the_old_one(
    outsider_request: Interpellation,
    chairman: Any,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given
    old = outsider_request.tracking_token()
    # when
    with django_capture_on_commit_callbacks(execute=True):
        services.renew_tracking_link(actor=chairman, interpellation=outsider_request)
    # then
    new = _reload(outsider_request).tracking_token()
    assert new not in ("", old)
    assert selectors.get_by_token(old) is None
    assert selectors.get_by_token(new) == outsider_request
    [email] = _mails_to(mailoutbox, "claire@example.org")
    assert new in email.body
    assert old not in email.body


def test_a_revoked_link_can_be_renewed(outsider_request: Interpellation, chairman: Any) -> None:
    # given
    services.revoke_tracking_link(actor=chairman, interpellation=outsider_request)
    # when
    services.renew_tracking_link(actor=chairman, interpellation=outsider_request)
    # then
    token = _reload(outsider_request).tracking_token()
    assert selectors.get_by_token(token) == outsider_request


@pytest.mark.parametrize("verb", ["revoke", "renew"])
def test_only_the_routers_change_the_private_link(
    forwarded: Interpellation, referent: Any, verb: str
) -> None:
    # given
    token = forwarded.tracking_token()
    call = services.revoke_tracking_link if verb == "revoke" else services.renew_tracking_link
    # when / then
    with pytest.raises(PermissionDenied):
        call(actor=referent, interpellation=forwarded)
    assert selectors.get_by_token(token) == forwarded


def test_the_link_of_an_erased_request_opens_nothing(
    outsider_request: Interpellation, chairman: Any
) -> None:
    # given
    token = outsider_request.tracking_token()
    # when
    services.erase_personal_data(actor=chairman, interpellation=outsider_request)
    # then
    assert selectors.get_by_token(token) is None
    with pytest.raises(InvalidTransition, match="erased"):
        services.renew_tracking_link(actor=chairman, interpellation=outsider_request)
