"""E-mail goes out through the task queue, so that a slow or absent mail server never fails a page.

``EMAIL_BACKEND`` is :class:`QueuedEmailBackend`; it stores each message as an
:class:`~befus.core.models.OutgoingEmail` and enqueues :func:`deliver_email`, which sends it with
the real backend (``BEFUS_EMAIL_BACKEND``). When the mail server refuses or is down, the message
stays queued and is tried again later (after 2, 4, 8 … minutes, eight times at most); the daily
job sweeps what is still waiting. The ``befus worker`` process runs the queue; the demo and the
tests run tasks immediately.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import Q
from django.utils.timezone import now as timezone_now
from django_tasks import task
from typing_extensions import override

from befus.core.models import OutgoingEmail, OutgoingState

MAX_ATTEMPTS = 8


def serialise(message: EmailMessage) -> dict[str, Any]:
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": [
            [
                name,
                base64.b64encode(
                    content if isinstance(content, bytes) else content.encode()
                ).decode(),
                mimetype,
            ]
            for name, content, mimetype in (a for a in message.attachments if isinstance(a, tuple))
        ],
    }


def deserialise(data: dict[str, Any]) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for name, content, mimetype in data["attachments"]:
        message.attach(name, base64.b64decode(content), mimetype)
    return message


def _enqueue(email_id: int, run_after: dt.datetime | None = None) -> None:
    queued = deliver_email
    if run_after is not None:
        if not deliver_email.get_backend().supports_defer:
            return  # the daily sweep (send_waiting_emails) will try again
        queued = deliver_email.using(run_after=run_after)
    queued.enqueue(email_id)


@task()
def deliver_email(email_id: int) -> bool:
    """Send one stored message with the configured delivery backend; on failure, try later."""
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.state != OutgoingState.QUEUED:
            return False
        email.attempts += 1
        try:
            connection = get_connection(settings.BEFUS_EMAIL_DELIVERY_BACKEND)
            connection.send_messages([deserialise(email.payload)])
        except Exception as error:
            email.last_error = f"{type(error).__name__}: {error}"[:500]
            if email.attempts >= MAX_ATTEMPTS:
                email.state = OutgoingState.FAILED
                email.next_attempt_at = None
            else:
                email.next_attempt_at = timezone_now() + dt.timedelta(minutes=2**email.attempts)
            email.save()
            if email.state == OutgoingState.QUEUED:
                run_after = email.next_attempt_at
                transaction.on_commit(lambda: _enqueue(email_id, run_after))
            return False
        email.state = OutgoingState.SENT
        email.sent_at = timezone_now()
        email.next_attempt_at = None
        email.save()
    return True


# How long a copy of an e-mail is kept once sent, or once given up (the privacy page says so).
SENT_EMAIL_DAYS = 30
FAILED_EMAIL_DAYS = 90


def forget_old_emails(
    *, sent_days: int = SENT_EMAIL_DAYS, failed_days: int = FAILED_EMAIL_DAYS
) -> int:
    """Delete the copies of e-mails sent (or given up) long enough ago: they hold personal data."""
    now = timezone_now()
    old = Q(state=OutgoingState.SENT, created_at__lt=now - dt.timedelta(days=sent_days)) | Q(
        state=OutgoingState.FAILED, created_at__lt=now - dt.timedelta(days=failed_days)
    )
    return OutgoingEmail.objects.filter(old).delete()[0]


def send_waiting_emails() -> int:
    """Try again every queued message whose time has come (the daily job's sweep)."""
    waiting = OutgoingEmail.objects.filter(state=OutgoingState.QUEUED).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=timezone_now())
    )
    return sum(deliver_email.call(pk) for pk in waiting.values_list("pk", flat=True))


class QueuedEmailBackend(BaseEmailBackend):
    @override
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            email = OutgoingEmail.objects.create(
                payload=serialise(message),
                recipients=", ".join(message.to)[:500],
                subject=str(message.subject)[:300],
            )
            deliver_email.enqueue(email.pk)
        return len(email_messages)
