"""The requester's side: a request comes in (from inside the platform or the public form), and
the requester is told by e-mail, in their language, at each step."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.files import File
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.timezone import localdate
from django.utils.timezone import now as timezone_now
from django.utils.translation import gettext as _

from befus.accounts.models import User
from befus.core.audit import record_event
from befus.core.errors import DomainError
from befus.core.i18n import in_language
from befus.core.services import notify
from befus.interpellations import selectors
from befus.interpellations.choices import (
    RequesterKind,
)
from befus.interpellations.models import (
    Entry,
    Interpellation,
)
from befus.interpellations.services._common import (
    _attach,
    _create_with_reference,
    _params,
    default_due_date,
)
from befus.networks.choices import NetworkStatus
from befus.networks.models import Network

# --- the requester's side ----------------------------------------------------------------------


def submit_request(
    *,
    requester: User | None,
    subject: str,
    message: str,
    language: str,
    networks: Iterable[Network] = (),
    requester_kind: str = RequesterKind.OTHER,
    name: str = "",
    organisation: str = "",
    email: str = "",
    consent: bool = False,
    files: Sequence[File[bytes]] = (),
) -> Interpellation:
    """Receive a request: it lands with the Chairman, whoever it is addressed to.

    ``requester`` is the person logged in, or None for the public form (then name, e-mail and
    consent are required). The requester is told by e-mail, with the private tracking link.
    """
    if requester is not None and getattr(requester, "is_authenticated", False):
        name = name or requester.get_full_name() or requester.email
        email = requester.email
        organisation = organisation or str(getattr(requester.profile, "organisation", "") or "")
        consent = True
    else:
        requester = None
    if not consent:
        raise DomainError(
            _("Agree to the handling of your data, or we cannot answer you."), field="consent"
        )
    if not (name.strip() and email.strip()):
        raise DomainError(_("Give your name and e-mail address."), field="email")
    if not (subject.strip() and message.strip()):
        raise DomainError(_("Give a subject and your question."), field="message")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    if requester_kind not in RequesterKind.values:
        requester_kind = RequesterKind.OTHER
    chosen = list(networks)
    if any(network.status != NetworkStatus.RECOGNISED for network in chosen):
        raise DomainError(_("Requests go to recognised networks only."), field="networks")
    today = localdate()
    with transaction.atomic():
        interpellation = _create_with_reference(
            today,
            subject=subject.strip()[:200],
            message=message.strip(),
            language=language,
            requester_kind=requester_kind,
            requester=requester,
            requester_name=name.strip()[:200],
            requester_organisation=organisation.strip()[:200],
            requester_email=email.strip(),
            consent_at=timezone_now(),
            due_date=default_due_date(today),
            tracking_key=secrets.token_urlsafe(18),
        )
        interpellation.networks.set(chosen)
        _attach(interpellation, files, actor=requester, public=True)
        record_event(
            actor=requester,
            verb="interpellations.request.submit",
            target=interpellation,
            data={
                "reference": interpellation.reference,
                "networks": [n.pk for n in chosen],
                "kind": requester_kind,
            },
        )
        notify(
            recipients=selectors.routers(),
            kind="interpellations.received",
            params=_params(interpellation),
            url=interpellation.get_absolute_url(),
        )
        _tell_requester(interpellation, template="confirmation")
    return interpellation


def _tell_requester(
    interpellation: Interpellation, *, template: str, entry: Entry | None = None
) -> None:
    """E-mail the requester in their language, with the private tracking link (after commit).

    A member of the platform hears through a notification (e-mailed as they prefer), with a link
    to the request in the platform; an outsider gets the message itself and the tracking link.
    """
    if interpellation.erased_at is not None:
        return
    requester = interpellation.requester
    if requester is not None and requester.is_active:
        notify(
            recipients=[requester],
            kind="interpellations.status",
            params=_params(interpellation, status=interpellation.status),
            url=interpellation.get_absolute_url(),
        )
        return
    if not interpellation.requester_email:
        return
    language = interpellation.language
    token = interpellation.tracking_token()
    with translation.override(language):
        path = reverse("interpellations:track", kwargs={"token": token}) if token else ""
        context = {
            "interpellation": interpellation,
            "entry": entry,
            "status": interpellation.get_status_display(),
            "track_url": settings.BEFUS_SITE_URL.rstrip("/") + in_language(path, language)
            if path
            else "",
            "LANGUAGE_CODE": language,
        }
        subject = render_to_string(f"interpellations/email/{template}_subject.txt", context)
        text = render_to_string(f"interpellations/email/{template}.txt", context)
        html = render_to_string(f"interpellations/email/{template}.html", context)
    message = EmailMultiAlternatives(
        " ".join(subject.split()), text, to=[interpellation.requester_email]
    )
    message.attach_alternative(html, "text/html")
    transaction.on_commit(message.send)
