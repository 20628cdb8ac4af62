"""Keeping time and forgetting: reminders, automatic closing, and erasure of personal data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation
from django.utils.timezone import localdate
from django.utils.timezone import now as timezone_now

from befus.accounts.services import erase_user, request_erasure
from befus.core.errors import InvalidTransition
from befus.core.models import AuditEvent, Notification
from befus.core.notifications import render_title
from befus.core.workdays import add_working_days
from befus.interpellations import selectors, services
from befus.interpellations.choices import RequesterKind, Status
from befus.interpellations.models import Attachment, Interpellation
from befus.networks.models import Network
from tests.interpellations.helpers import PDF, _file, _notified, _reload, _submit

# send_reminders


def test_the_assignees_are_reminded_once_shortly_before_the_due_date(
    forwarded: Interpellation, referent: Any, chairman: Any
) -> None:
    # given the day before the due date
    day_before = forwarded.due_date - dt.timedelta(days=1)
    # when the daily job runs that day and the next
    first = services.send_reminders(today=day_before)
    second = services.send_reminders(today=forwarded.due_date)
    # then the referent was reminded once, the Chairman not at all
    assert (first, second) == (1, 0)
    [reminder] = Notification.objects.filter(kind="interpellations.due")
    assert reminder.recipient == referent
    assert reminder.params["due"] == forwarded.due_date.isoformat()
    assert forwarded.assignments.get().reminded_on == day_before


def test_nobody_is_reminded_while_the_due_date_is_far(forwarded: Interpellation) -> None:
    # when
    concerned = services.send_reminders(today=forwarded.due_date - dt.timedelta(days=10))
    # then
    assert concerned == 0
    assert Notification.objects.filter(kind="interpellations.due").exists() is False


def test_a_request_nobody_was_given_reminds_the_routers(
    outsider_request: Interpellation, chairman: Any, delegate: Any
) -> None:
    # when
    services.send_reminders(today=outsider_request.due_date)
    # then
    assert _notified("interpellations.due") == {"chair@example.org", "board@example.org"}


def test_the_routers_are_told_of_an_overdue_request_once_a_week(
    forwarded: Interpellation, chairman: Any, delegate: Any, referent: Any
) -> None:
    # given
    due = forwarded.due_date
    # when the daily job runs each day for two weeks after the due date
    counts = [services.send_reminders(today=due + dt.timedelta(days=n)) for n in range(1, 16)]
    # then the routers hear of it on the first day, a week later and a week after that
    assert counts == [1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1]
    overdue = Notification.objects.filter(kind="interpellations.overdue")
    assert overdue.count() == 6
    assert _notified("interpellations.overdue") == {"chair@example.org", "board@example.org"}


def test_finished_and_erased_requests_are_not_reminded(
    answered: Interpellation, chairman: Any
) -> None:
    # given an answered request, and an open one whose data was erased
    erased = _submit()
    services.erase_personal_data(actor=chairman, interpellation=erased)
    # when
    concerned = services.send_reminders(today=answered.due_date + dt.timedelta(days=1))
    # then
    assert concerned == 0
    assert Notification.objects.filter(kind="interpellations.overdue").exists() is False


def test_assignees_are_reminded_before_the_due_date_they_were_given(
    outsider_request: Interpellation, chairman: Any, referent: Any
) -> None:
    # given the Chairman asks the referent for an answer well before the requester's date
    own_due = add_working_days(localdate(), 4)
    assert own_due < outsider_request.due_date
    services.forward_request(
        actor=chairman, interpellation=outsider_request, people=[referent], due_date=own_due
    )
    # when the daily job runs the day before the referent's due date
    services.send_reminders(today=own_due - dt.timedelta(days=1))
    # then
    reminder = referent.notifications.filter(kind="interpellations.due").first()
    assert reminder is not None
    assert reminder.params["due"] == own_due.isoformat()


# close_answered, erase_expired


def test_answered_requests_are_closed_after_thirty_days(
    answered: Interpellation, chairman: Any
) -> None:
    # given an answer 31 days old, and another from yesterday
    Interpellation.objects.filter(pk=answered.pk).update(
        answered_at=timezone_now() - dt.timedelta(days=31)
    )
    recent = _submit()
    services.answer_request(actor=chairman, interpellation=recent, body="Answer.")
    # when
    closed = services.close_answered()
    # then
    assert closed == 1
    old = _reload(answered)
    assert old.status == Status.CLOSED
    assert old.finished_at is not None
    assert _reload(recent).status == Status.ANSWERED
    assert AuditEvent.objects.get(verb="interpellations.request.close").data == {"automatic": True}


def test_an_erased_answered_request_does_not_stop_the_closing(
    answered: Interpellation, chairman: Any
) -> None:
    # given an answered request whose data was erased, and another one to close
    services.erase_personal_data(actor=chairman, interpellation=answered)
    other = _submit()
    services.answer_request(actor=chairman, interpellation=other, body="Answer.")
    Interpellation.objects.update(answered_at=timezone_now() - dt.timedelta(days=31))
    # when
    services.close_answered()
    # then
    assert _reload(other).status == Status.CLOSED


def test_a_request_answered_again_after_reopening_is_not_closed_at_once(
    answered: Interpellation, chairman: Any
) -> None:
    # given a request answered 40 days ago, reopened and answered again today
    Interpellation.objects.filter(pk=answered.pk).update(
        answered_at=timezone_now() - dt.timedelta(days=40)
    )
    services.reopen_request(actor=chairman, interpellation=answered, reason="A follow-up.")
    services.answer_request(actor=chairman, interpellation=answered, body="The follow-up.")
    # when
    services.close_answered()
    # then
    assert _reload(answered).status == Status.ANSWERED


def test_personal_data_is_erased_after_the_retention_period(chairman: Any, settings: Any) -> None:
    # given a retention of 30 days, and requests finished 31 and 29 days ago
    settings.BEFUS_REQUEST_RETENTION_DAYS = 30
    closed_long_ago = _submit(subject="Closed long ago")
    services.answer_request(actor=chairman, interpellation=closed_long_ago, body="Answer.")
    services.close_request(actor=chairman, interpellation=closed_long_ago)
    declined_long_ago = _submit(subject="Declined long ago")
    services.decline_request(actor=chairman, interpellation=declined_long_ago, reason="No.")
    closed_lately = _submit(subject="Closed lately")
    services.answer_request(actor=chairman, interpellation=closed_lately, body="Answer.")
    services.close_request(actor=chairman, interpellation=closed_lately)
    answered_long_ago = _submit(subject="Answered long ago")
    services.answer_request(actor=chairman, interpellation=answered_long_ago, body="Answer.")
    long_ago = timezone_now() - dt.timedelta(days=31)
    Interpellation.objects.filter(
        pk__in=[closed_long_ago.pk, declined_long_ago.pk, answered_long_ago.pk]
    ).update(finished_at=long_ago, answered_at=long_ago)
    Interpellation.objects.filter(pk=closed_lately.pk).update(
        finished_at=timezone_now() - dt.timedelta(days=29)
    )
    # when
    erased = services.erase_expired()
    # then
    assert erased == 2
    kept = set(
        Interpellation.objects.filter(erased_at__isnull=True).values_list("subject", flat=True)
    )
    assert kept == {"Closed lately", "Answered long ago"}
    assert _reload(closed_long_ago).requester_email == ""
    assert services.erase_expired() == 0


# erase_personal_data


@pytest.fixture
def full_file(forwarded: Interpellation, referent: Any, chairman: Any) -> Interpellation:
    """A request with a file from the requester, a note, a draft and an answer, each with a file."""
    Attachment.objects.create(
        interpellation=forwarded,
        file=_file("letter.pdf"),
        name="letter.pdf",
        content_type="application/pdf",
        size=len(PDF),
        public=True,
    )
    services.add_note(actor=referent, interpellation=forwarded, body="Claire called me.")
    services.propose_answer(
        actor=referent, interpellation=forwarded, body="Dear Claire…", files=[_file("a.pdf")]
    )
    services.answer_request(
        actor=chairman,
        interpellation=forwarded,
        body="Dear Claire, see the guide.",
        files=[_file("guide.pdf")],
    )
    return _reload(forwarded)


def test_erasure_removes_the_requesters_data_and_every_text(
    full_file: Interpellation,
    chairman: Any,
    referent: Any,
    network: Network,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given
    paths = [Path(a.file.path) for a in full_file.attachments.all()]
    assert len(paths) == 3
    assert all(path.exists() for path in paths)
    # when (the files go once the erasure is committed)
    with django_capture_on_commit_callbacks(execute=True):
        services.erase_personal_data(actor=chairman, interpellation=full_file)
    # then the personal data and the texts are gone
    request = _reload(full_file)
    assert request.subject == services.ERASED_TEXT
    assert (request.message, request.requester_name, request.requester_email) == ("", "", "")
    assert request.requester_organisation == ""
    assert request.requester is None
    assert request.tracking_key is None
    assert request.erased_at is not None
    assert set(request.entries.values_list("body", flat=True)) == {""}
    assert request.attachments.exists() is False
    assert not any(path.exists() for path in paths)
    # and what the statistics need stays
    assert request.reference.endswith("-0001")
    assert (request.requester_kind, request.language) == (RequesterKind.PRESS, "fr")
    assert request.status == Status.ANSWERED
    assert request.received_at is not None
    assert request.answered_at is not None
    assert list(request.networks.all()) == [network]
    assert [(a.person, a.network) for a in request.assignments.all()] == [(referent, network)]
    assert request.entries.count() == 4  # forward, note, draft, answer
    event = AuditEvent.objects.get(verb="interpellations.request.erase")
    assert (event.actor, event.data) == (chairman, {"reason": "request"})


def test_erasure_scrubs_the_subject_from_the_notifications(
    full_file: Interpellation, chairman: Any
) -> None:
    # when
    services.erase_personal_data(actor=chairman, interpellation=full_file)
    # then
    notifications = Notification.objects.filter(url__contains=full_file.reference)
    assert notifications.exists()
    assert all(n.params.get("subject") in (None, "—") for n in notifications)
    assert all("Nightlife" not in render_title(n.kind, n.params) for n in notifications)
    assert all("Claire" not in str(n.params) for n in notifications)


def test_erased_notifications_still_read_as_sentences(
    full_file: Interpellation, chairman: Any, referent: Any
) -> None:
    # when
    services.erase_personal_data(actor=chairman, interpellation=full_file)
    # then
    assignment = referent.notifications.get(kind="interpellations.assigned")
    title = render_title(assignment.kind, assignment.params)
    assert "%(" not in title
    assert full_file.reference in title


def test_erasure_scrubs_notifications_made_in_another_language(chairman: Any) -> None:
    # given a request sent through the French form
    with translation.override("fr"):
        request = _submit(subject="Agression de Claire Dupont")
    # when the daily job erases it in English
    services.erase_personal_data(actor=None, interpellation=request)
    # then
    notification = chairman.notifications.get(kind="interpellations.received")
    assert "Claire Dupont" not in str(notification.params)


def test_erasure_blanks_the_chairmans_note_to_the_assignees(
    forwarded: Interpellation, chairman: Any
) -> None:
    # when
    services.erase_personal_data(actor=chairman, interpellation=forwarded)
    # then
    assert set(forwarded.assignments.values_list("note", flat=True)) == {""}


def test_erasure_leaves_the_subject_nowhere_in_the_audit_trail(
    outsider_request: Interpellation, chairman: Any
) -> None:
    # when
    services.erase_personal_data(actor=chairman, interpellation=outsider_request)
    # then
    reprs = AuditEvent.objects.filter(target_id=str(outsider_request.pk)).values_list(
        "target_repr", flat=True
    )
    assert all("Nightlife safety" not in text for text in reprs)


def test_only_the_routers_erase_a_request(forwarded: Interpellation, referent: Any) -> None:
    # when / then
    with pytest.raises(PermissionDenied):
        services.erase_personal_data(actor=referent, interpellation=forwarded)
    assert _reload(forwarded).requester_email == "claire@example.org"


def test_erasing_twice_changes_nothing(outsider_request: Interpellation, chairman: Any) -> None:
    # given
    first = services.erase_personal_data(actor=chairman, interpellation=outsider_request)
    # when
    second = services.erase_personal_data(actor=chairman, interpellation=outsider_request)
    # then
    assert second.erased_at == first.erased_at
    assert AuditEvent.objects.filter(verb="interpellations.request.erase").count() == 1


def test_an_erased_request_cannot_be_worked_on(
    forwarded: Interpellation, chairman: Any, referent: Any
) -> None:
    # given
    services.erase_personal_data(actor=chairman, interpellation=forwarded)
    # when / then
    with pytest.raises(InvalidTransition, match="erased"):
        services.take_up(actor=referent, interpellation=forwarded)
    with pytest.raises(InvalidTransition, match="erased"):
        services.answer_request(actor=chairman, interpellation=forwarded, body="Answer.")


def test_the_statistics_still_count_an_erased_request(
    forwarded: Interpellation, chairman: Any, network: Network
) -> None:
    # given
    services.erase_personal_data(actor=chairman, interpellation=forwarded)
    # when
    figures = selectors.statistics_since(localdate() - dt.timedelta(days=1))
    # then
    assert figures.total == 1
    assert [(row["pk"], row["addressed"], row["handled"]) for row in figures.by_network] == [
        (network.pk, 1, 1)
    ]
    assert figures.by_kind == [("Journalist", 1)]


def test_erasing_an_account_erases_the_requests_of_that_person(
    professional: Any, secretary: Any, chairman: Any, network: Network
) -> None:
    # given a member's request, and an outsider's
    mine = _submit([network], requester=professional, subject="My city's problem")
    theirs = _submit([network])
    erasure = request_erasure(actor=professional)
    # when
    erase_user(actor=secretary, erasure=erasure)
    # then
    mine = _reload(mine)
    assert mine.erased_at is not None
    assert (mine.requester, mine.requester_email, mine.subject) == (None, "", "—")
    assert list(mine.networks.all()) == [network]
    event = AuditEvent.objects.get(verb="interpellations.request.erase")
    assert (event.actor, event.data) == (None, {"reason": "account_erased"})
    assert _reload(theirs).erased_at is None
