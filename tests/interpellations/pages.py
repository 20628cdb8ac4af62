"""What the tests of the requests' pages share: addresses, files, messages, and the request
as a professional asks it."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.timezone import localdate

from befus.interpellations import services
from befus.interpellations.choices import RequesterKind
from befus.interpellations.models import (
    Interpellation,
)

LOGIN = "login"  # a redirect to the login page, and back afterwards
PDF = b"%PDF-1.4\n% what the cities do at night\n"
ERASED = "—"


def _url(name: str, language: str = "en", **kwargs: Any) -> str:
    with translation.override(language):
        return reverse(f"interpellations:{name}", kwargs=kwargs or None)


def _url_login(language: str = "en") -> str:
    with translation.override(language):
        return reverse("account_login")


def _messages(response: Any) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _pdf(name: str = "plan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _in_days(days: int) -> str:
    return (localdate() + dt.timedelta(days=days)).isoformat()


def _templates(response: Any) -> list[str]:
    return [template.name for template in response.templates]


def _ask(subject: str = "Night buses", **fields: Any) -> Interpellation:
    """An outsider's request, as the public form makes it."""
    values: dict[str, Any] = {
        "requester": None,
        "subject": subject,
        "message": "Which cities run night buses?",
        "language": "en",
        "requester_kind": RequesterKind.CITIZEN,
        "name": "Ann Vos",
        "email": "ann@example.org",
        "consent": True,
    }
    values.update(fields)
    return services.submit_request(**values)


def _forwarded(c: SimpleNamespace) -> None:
    services.forward_request(actor=c.chairman, interpellation=c.request, networks=[c.network])


def _drafted(c: SimpleNamespace) -> None:
    _forwarded(c)
    c.draft = services.propose_answer(
        actor=c.referent, interpellation=c.request, body="We work in pairs."
    )
