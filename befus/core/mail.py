"""E-mail goes out through the task queue, so that a slow or absent mail server never fails a page.

``EMAIL_BACKEND`` is :class:`QueuedEmailBackend`; it serialises each message and enqueues
:func:`deliver_email`, which sends it with the real backend (``BEFUS_EMAIL_BACKEND``). The
``befus worker`` process runs the queue; the demo and the tests run tasks immediately.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django_tasks import task
from typing_extensions import override


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


@task()
def deliver_email(message: dict[str, Any]) -> int:
    """Send one serialised message with the configured delivery backend."""
    connection = get_connection(settings.BEFUS_EMAIL_DELIVERY_BACKEND)
    return connection.send_messages([deserialise(message)])


class QueuedEmailBackend(BaseEmailBackend):
    @override
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            deliver_email.enqueue(serialise(message))
        return len(email_messages)
