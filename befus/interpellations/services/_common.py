"""What the writes of the requests share: locking, moving a status, attaching files, references.

The one rule of seed 000 holds in this package: a request is created only by
:func:`befus.interpellations.services.intake.submit_request`, in the "received" state, known to the
Chairman and the delegates alone; nobody else sees it until the Chairman passes it on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils.timezone import localdate
from django.utils.translation import gettext as _

from befus.accounts.models import User
from befus.core.errors import DomainError
from befus.core.uploads import MAX_ATTACHMENTS, attachment_type
from befus.core.workdays import add_working_days
from befus.interpellations import selectors
from befus.interpellations.models import (
    Attachment,
    Entry,
    Interpellation,
)


def _params(interpellation: Interpellation, **extra: str) -> dict[str, str]:
    return {"reference": interpellation.reference, "subject": interpellation.subject, **extra}


def _attach(
    interpellation: Interpellation,
    files: Sequence[File[bytes]],
    *,
    actor: User | None,
    entry: Entry | None = None,
    public: bool,
) -> list[Attachment]:
    if len(files) > MAX_ATTACHMENTS:
        raise DomainError(
            _("Attach at most %(count)s files.") % {"count": MAX_ATTACHMENTS}, field="attachments"
        )
    stored = []
    for upload in files:
        try:
            content_type = attachment_type(upload)
        except ValidationError as error:
            raise DomainError(" ".join(error.messages), field="attachments") from error
        stored.append(
            Attachment.objects.create(
                interpellation=interpellation,
                entry=entry,
                file=upload,
                name=str(upload.name)[:200],
                content_type=content_type,
                size=upload.size,
                public=public,
                uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
        )
    return stored


def _next_reference(year: int) -> str:
    last = (
        Interpellation.objects.filter(reference__startswith=f"{year}-")
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = int(last.split("-")[1]) + 1 if last else 1
    return f"{year}-{number:04d}"


def _create_with_reference(today: dt.date, **fields: object) -> Interpellation:
    """Create the request with the year's next reference; two at once: the second retries."""
    for attempt in range(5):
        try:
            with transaction.atomic():  # a savepoint: a taken reference is tried again
                return Interpellation.objects.create(
                    reference=_next_reference(today.year), **fields
                )
        except IntegrityError:
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


def default_due_date(received: dt.date | None = None) -> dt.date:
    return add_working_days(received or localdate(), settings.BEFUS_REQUEST_WORKING_DAYS)


def _followers(interpellation: Interpellation, *, exclude: User | None = None) -> list[User]:
    people = {p.pk: p for p in selectors.routers()}
    for assignment in interpellation.assignments.select_related("person"):
        people.setdefault(assignment.person_id, assignment.person)
    if exclude is not None:
        people.pop(exclude.pk, None)
    return list(people.values())
