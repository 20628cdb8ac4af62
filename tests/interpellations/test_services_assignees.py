"""The assignees' side of a request: take it up, write notes, and propose answers that the
Chairman validates or returns."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from befus.core.errors import DomainError, InvalidTransition
from befus.core.models import AuditEvent
from befus.core.notifications import render_title
from befus.interpellations import selectors, services
from befus.interpellations.choices import DraftState, EntryKind, Status
from befus.interpellations.models import Entry, Interpellation
from befus.networks.models import Network
from tests.interpellations.helpers import _file, _mails_to, _notified, _reload

# take_up, add_note


def test_an_assignee_takes_up_a_request_and_the_requester_sees_it_in_progress(
    forwarded: Interpellation,
    referent: Any,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    # when
    with django_capture_on_commit_callbacks(execute=True):
        services.take_up(actor=referent, interpellation=forwarded)
    # then
    assert _reload(forwarded).status == Status.IN_PROGRESS
    [email] = _mails_to(mailoutbox, "claire@example.org")
    assert forwarded.reference in email.subject


def test_a_request_not_forwarded_cannot_be_taken_up(
    outsider_request: Interpellation, chairman: Any
) -> None:
    # when / then
    with pytest.raises(InvalidTransition, match="This request is now “Received”"):
        services.take_up(actor=chairman, interpellation=outsider_request)


@pytest.mark.parametrize("role", ["secretary", "professional", "board_member"])
def test_only_the_assignees_and_the_routers_take_up_a_request(
    request: pytest.FixtureRequest, forwarded: Interpellation, role: str
) -> None:
    # when / then
    with pytest.raises(PermissionDenied):
        services.take_up(actor=request.getfixturevalue(role), interpellation=forwarded)
    assert _reload(forwarded).status == Status.FORWARDED


def test_an_internal_note_never_reaches_the_requester(
    forwarded: Interpellation, chairman: Any, referent: Any, mailoutbox: list[Any]
) -> None:
    # when
    note = services.add_note(
        actor=referent,
        interpellation=forwarded,
        body="Ask Ghent's night team.",
        files=[_file("contacts.pdf")],
    )
    # then the Chairman reads it and is told, the requester's side has none of it
    assert note.kind == EntryKind.NOTE
    assert _notified("interpellations.note") == {"chair@example.org"}
    full = selectors.request_page(forwarded, public_only=False)
    public = selectors.request_page(forwarded, public_only=True)
    assert "Ask Ghent's night team." in [e.body for e in full.entries]
    assert "Ask Ghent's night team." not in [e.body for e in public.entries]
    assert note.attachments.get().public is False
    assert [a.name for a in public.attachments] == []
    assert public.assignments == []
    assert _mails_to(mailoutbox, "claire@example.org") == []


def test_an_empty_note_is_refused(forwarded: Interpellation, referent: Any) -> None:
    # when / then
    with pytest.raises(DomainError, match="Write the note"):
        services.add_note(actor=referent, interpellation=forwarded, body="  ")


def test_someone_not_following_the_request_cannot_write_a_note(
    forwarded: Interpellation, secretary: Any
) -> None:
    # when / then
    with pytest.raises(PermissionDenied):
        services.add_note(actor=secretary, interpellation=forwarded, body="Hello")
    assert forwarded.entries.filter(kind=EntryKind.NOTE).exists() is False


# propose_answer, validate_draft, return_draft


def test_an_assignees_answer_waits_for_the_chairmans_validation(
    delegate: Any,
    forwarded: Interpellation,
    referent: Any,
    mailoutbox: list[Any],
) -> None:
    # when
    draft = services.propose_answer(
        actor=referent,
        interpellation=forwarded,
        body="Our street workers meet every Friday night.",
        files=[_file("schedule.pdf")],
    )
    # then
    request = _reload(forwarded)
    assert request.status == Status.IN_PROGRESS
    assert (draft.kind, draft.draft_state) == (EntryKind.DRAFT, DraftState.PENDING)
    assert _notified("interpellations.draft") == {"chair@example.org", "board@example.org"}
    page = selectors.request_page(request, public_only=False)
    assert page.pending_drafts == [draft]
    public = selectors.request_page(request, public_only=True)
    assert public.entries == []
    assert draft.attachments.get().public is False
    assert _mails_to(mailoutbox, "claire@example.org") == []


def test_someone_not_following_the_request_cannot_propose_an_answer(
    forwarded: Interpellation, professional: Any
) -> None:
    # when / then
    with pytest.raises(PermissionDenied):
        services.propose_answer(actor=professional, interpellation=forwarded, body="Mine.")
    assert forwarded.entries.filter(kind=EntryKind.DRAFT).exists() is False


def test_an_empty_draft_is_refused(forwarded: Interpellation, referent: Any) -> None:
    # when / then
    with pytest.raises(DomainError, match="Write the answer"):
        services.propose_answer(actor=referent, interpellation=forwarded, body=" ")
    assert _reload(forwarded).status == Status.FORWARDED


def test_the_chairman_validates_a_draft_and_the_requester_has_the_answer(
    draft: Entry,
    forwarded: Interpellation,
    chairman: Any,
    referent: Any,
    network: Network,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    # when
    with django_capture_on_commit_callbacks(execute=True):
        answer = services.validate_draft(actor=chairman, draft=draft)
    # then
    request = _reload(forwarded)
    assert request.status == Status.ANSWERED
    assert request.answered_at is not None
    assert request.finished_at is None
    assert (answer.kind, answer.body) == (
        EntryKind.ANSWER,
        "Our street workers meet every Friday night.",
    )
    assert (answer.author, answer.validated_by, answer.network) == (referent, chairman, network)
    draft.refresh_from_db()
    assert (draft.draft_state, draft.validated_by) == (DraftState.VALIDATED, chairman)
    public = selectors.request_page(request, public_only=True)
    assert [e.body for e in public.entries] == ["Our street workers meet every Friday night."]
    [attachment] = public.entries[0].attachments.all()
    assert (attachment.name, attachment.public) == ("schedule.pdf", True)
    [email] = _mails_to(mailoutbox, "claire@example.org")
    assert "Our street workers meet every Friday night." in email.body
    assert "referent@example.org" in _notified("interpellations.status")


def test_the_chairman_may_edit_a_draft_before_it_goes_out(
    draft: Entry, forwarded: Interpellation, chairman: Any
) -> None:
    # when
    answer = services.validate_draft(actor=chairman, draft=draft, body="  Edited answer. ")
    # then
    assert answer.body == "Edited answer."
    event = AuditEvent.objects.get(verb="interpellations.draft.validate")
    assert event.data["edited"] is True


def test_a_draft_cannot_be_validated_twice(draft: Entry, chairman: Any) -> None:
    # given
    services.validate_draft(actor=chairman, draft=draft)
    # when / then
    with pytest.raises(InvalidTransition, match="already been validated or returned"):
        services.validate_draft(actor=chairman, draft=draft)
    assert Entry.objects.filter(kind=EntryKind.ANSWER).count() == 1


def test_an_assignee_cannot_validate_their_own_draft(
    draft: Entry, forwarded: Interpellation, referent: Any
) -> None:
    # when / then
    with pytest.raises(PermissionDenied):
        services.validate_draft(actor=referent, draft=draft)
    assert _reload(forwarded).status == Status.IN_PROGRESS


def test_the_chairman_returns_a_draft_to_its_author(
    draft: Entry, forwarded: Interpellation, chairman: Any, referent: Any
) -> None:
    # when
    note = services.return_draft(actor=chairman, draft=draft, comment="Name the cities.")
    # then
    draft.refresh_from_db()
    assert draft.draft_state == DraftState.RETURNED
    assert (note.kind, note.body) == (EntryKind.NOTE, "Name the cities.")
    assert _reload(forwarded).status == Status.IN_PROGRESS
    notification = referent.notifications.get(kind="interpellations.draft_returned")
    assert notification.params["comment"] == "Name the cities."
    assert "Name the cities." in render_title(notification.kind, notification.params)
    assert selectors.request_page(forwarded, public_only=True).entries == []
    # and a returned draft cannot be sent out any more
    with pytest.raises(InvalidTransition):
        services.validate_draft(actor=chairman, draft=draft)


def test_returning_a_draft_needs_a_comment(draft: Entry, chairman: Any) -> None:
    # when / then
    with pytest.raises(DomainError, match="Say what to change"):
        services.return_draft(actor=chairman, draft=draft, comment=" ")
    draft.refresh_from_db()
    assert draft.draft_state == DraftState.PENDING


def test_a_draft_on_a_request_declined_meanwhile_cannot_be_validated(
    draft: Entry, forwarded: Interpellation, chairman: Any
) -> None:
    # given
    services.decline_request(actor=chairman, interpellation=forwarded, reason="Out of scope.")
    # when / then
    with pytest.raises(InvalidTransition, match="“Declined”"):
        services.validate_draft(actor=chairman, draft=draft)
    draft.refresh_from_db()
    assert draft.draft_state == DraftState.PENDING
