"""E-mail kept and tried again while the mail server is down, then given up after some tries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pytest
from django.core.mail import EmailMessage, send_mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils.timezone import now as timezone_now
from typing_extensions import override

from befus.core.mail import MAX_ATTEMPTS, deliver_email, send_waiting_emails
from befus.core.models import OutgoingEmail, OutgoingState

FAILING = "tests.core.test_mail_retry.FailingBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class FailingBackend(BaseEmailBackend):
    """A mail server that refuses every connection."""

    @override
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        raise ConnectionRefusedError(111, "Connection refused")


@pytest.fixture
def server_down(settings: Any) -> Any:
    """The production wiring, with a mail server that refuses connections."""
    settings.EMAIL_BACKEND = "befus.core.mail.QueuedEmailBackend"
    settings.BEFUS_EMAIL_DELIVERY_BACKEND = FAILING
    return settings


def _send() -> int:
    return send_mail("Welkom", "Tekst", "forum@example.org", ["karim@example.org"])


def _due_now(email: OutgoingEmail) -> None:
    """Move the next try of ``email`` to the past, as if its pause had elapsed."""
    OutgoingEmail.objects.filter(pk=email.pk).update(
        next_attempt_at=timezone_now() - dt.timedelta(seconds=1)
    )


def test_a_refused_message_stays_queued_and_the_sender_does_not_fail(
    server_down: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    # given
    before = timezone_now()
    # when the page sends its e-mail while the mail server refuses it
    with django_capture_on_commit_callbacks(execute=True):
        sent = _send()
    after = timezone_now()
    # then the page goes on, and the message waits for another try in two minutes
    assert sent == 1
    assert mailoutbox == []
    email = OutgoingEmail.objects.get()
    assert email.state == OutgoingState.QUEUED
    assert email.attempts == 1
    assert email.last_error.startswith("ConnectionRefusedError:")
    assert "Connection refused" in email.last_error
    assert email.recipients == "karim@example.org"
    assert email.subject == "Welkom"
    assert email.next_attempt_at is not None
    assert before + dt.timedelta(minutes=2) <= email.next_attempt_at
    assert email.next_attempt_at <= after + dt.timedelta(minutes=2)
    assert email.sent_at is None


def test_a_queued_message_waits_for_its_time_before_another_try(
    server_down: Any, mailoutbox: list[Any]
) -> None:
    # given a refused message, and the mail server back
    _send()
    server_down.BEFUS_EMAIL_DELIVERY_BACKEND = LOCMEM
    # when the sweep runs before the pause has elapsed
    tried = send_waiting_emails()
    # then nothing is tried yet
    assert tried == 0
    assert mailoutbox == []
    assert OutgoingEmail.objects.get().attempts == 1


def test_a_queued_message_goes_out_once_the_server_is_back(
    server_down: Any, mailoutbox: list[Any]
) -> None:
    # given a refused message whose pause has elapsed, and the mail server back
    _send()
    email = OutgoingEmail.objects.get()
    _due_now(email)
    server_down.BEFUS_EMAIL_DELIVERY_BACKEND = LOCMEM
    # when
    sent = send_waiting_emails()
    # then
    assert sent == 1
    email.refresh_from_db()
    assert email.state == OutgoingState.SENT
    assert email.attempts == 2
    assert email.sent_at is not None
    assert email.next_attempt_at is None
    [delivered] = mailoutbox
    assert delivered.subject == "Welkom"
    assert delivered.to == ["karim@example.org"]
    assert delivered.body == "Tekst"


def test_a_sent_message_is_never_sent_twice(server_down: Any, mailoutbox: list[Any]) -> None:
    # given a message that went out on its second try
    _send()
    email = OutgoingEmail.objects.get()
    _due_now(email)
    server_down.BEFUS_EMAIL_DELIVERY_BACKEND = LOCMEM
    send_waiting_emails()
    # when the sweep and the task run again
    again = send_waiting_emails()
    delivered_again = deliver_email.call(email.pk)
    # then
    assert again == 0
    assert delivered_again is False
    assert len(mailoutbox) == 1


def test_the_pause_between_tries_doubles(server_down: Any) -> None:
    # given a message refused once
    _send()
    email = OutgoingEmail.objects.get()
    _due_now(email)
    # when it is refused a second time
    before = timezone_now()
    send_waiting_emails()
    after = timezone_now()
    # then the next try is four minutes away
    email.refresh_from_db()
    assert email.attempts == 2
    assert email.next_attempt_at is not None
    assert before + dt.timedelta(minutes=4) <= email.next_attempt_at
    assert email.next_attempt_at <= after + dt.timedelta(minutes=4)


def test_a_message_is_given_up_after_the_last_try(server_down: Any, mailoutbox: list[Any]) -> None:
    # given a message refused on every try but the last
    _send()
    email = OutgoingEmail.objects.get()
    for _attempt in range(MAX_ATTEMPTS - 2):
        _due_now(email)
        send_waiting_emails()
    email.refresh_from_db()
    assert email.attempts == MAX_ATTEMPTS - 1
    assert email.state == OutgoingState.QUEUED
    # when the last try fails too
    _due_now(email)
    send_waiting_emails()
    # then the message is given up, and no sweep tries it again, even with the server back
    email.refresh_from_db()
    assert email.state == OutgoingState.FAILED
    assert email.attempts == MAX_ATTEMPTS
    assert email.next_attempt_at is None
    assert email.last_error.startswith("ConnectionRefusedError:")
    server_down.BEFUS_EMAIL_DELIVERY_BACKEND = LOCMEM
    assert send_waiting_emails() == 0
    assert mailoutbox == []
    email.refresh_from_db()
    assert email.attempts == MAX_ATTEMPTS


def test_one_refused_message_does_not_hold_back_the_others(
    server_down: Any, mailoutbox: list[Any]
) -> None:
    # given a refused message, then the server back for a second one
    _send()
    server_down.BEFUS_EMAIL_DELIVERY_BACKEND = LOCMEM
    # when
    send_mail("Bienvenue", "Texte", "forum@example.org", ["claire@example.org"])
    # then the second goes out at once, the first still waits for its time
    assert [m.to for m in mailoutbox] == [["claire@example.org"]]
    states = dict(OutgoingEmail.objects.values_list("recipients", "state"))
    assert states == {
        "karim@example.org": OutgoingState.QUEUED,
        "claire@example.org": OutgoingState.SENT,
    }
