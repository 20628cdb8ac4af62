"""What the tests of the request services share: addresses, files, and the request a
journalist sends through the public form."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from befus.accounts.models import User
from befus.core.models import Notification
from befus.interpellations import services
from befus.interpellations.choices import RequesterKind
from befus.interpellations.models import Interpellation

VIEW = "interpellations:request:view"
WORK = "interpellations:request:work"
ROUTE = "interpellations:inbox:route"

PDF = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def _submit(networks: Any = (), **fields: Any) -> Interpellation:
    """A request through the public form, from a journalist who reads French."""
    values: dict[str, Any] = {
        "requester": None,
        "subject": "Nightlife safety",
        "message": "How do your cities organise street work at night?",
        "language": "fr",
        "requester_kind": RequesterKind.PRESS,
        "name": "Claire Journaliste",
        "organisation": "Le Soir",
        "email": "claire@example.org",
        "consent": True,
    }
    values.update(fields)
    return services.submit_request(networks=list(networks), **values)


def _file(name: str, content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def _notified(kind: str) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient__email", flat=True))


def _fresh(user: Any) -> User:
    """The person as the next page loads them, without the roles cached on the instance."""
    return User.objects.get(pk=user.pk)


def _mails_to(mailoutbox: list[Any], address: str) -> list[Any]:
    return [m for m in mailoutbox if m.to == [address]]


def _reload(interpellation: Interpellation) -> Interpellation:
    interpellation.refresh_from_db()
    return interpellation
