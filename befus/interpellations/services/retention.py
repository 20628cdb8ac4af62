"""Time and retention: reminders before and after the target date, closing answered requests,
erasing personal data after the retention period or on request."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.timezone import localdate
from django.utils.timezone import now as timezone_now

from befus.accounts.models import User
from befus.core.audit import record_event
from befus.core.models import AuditEvent, Notification, OutgoingEmail
from befus.core.permissions import Perm
from befus.core.permissions import require_perm as _require
from befus.core.services import notify
from befus.core.workdays import add_working_days
from befus.interpellations import selectors
from befus.interpellations.choices import (
    OPEN_STATES,
    EntryKind,
    Status,
)
from befus.interpellations.models import (
    Assignment,
    Entry,
    Interpellation,
)
from befus.interpellations.services._common import _params
from befus.interpellations.workflows import REQUEST_FLOW

# --- time and retention ------------------------------------------------------------------------


def send_reminders(today: dt.date | None = None) -> int:
    """Remind each person a request was passed on to, three working days before the date the
    Chairman gave them; tell the Chairman and the delegate once a week about each request past
    its target date. Returns how many reminders and warnings went out."""
    today = today or localdate()
    soon = add_working_days(today, 3)
    sent = 0
    routers = selectors.routers()
    for assignment in Assignment.objects.filter(
        interpellation__status__in=OPEN_STATES,
        interpellation__erased_at__isnull=True,
        due_date__range=(today, soon),
        reminded_on__isnull=True,
    ).select_related("interpellation", "person"):
        with transaction.atomic():
            notify(
                recipients=[assignment.person],
                kind="interpellations.due",
                params=_params(assignment.interpellation, due=assignment.due_date.isoformat()),
                url=assignment.interpellation.get_absolute_url(),
            )
            Assignment.objects.filter(pk=assignment.pk).update(reminded_on=today)
            sent += 1
    for interpellation in Interpellation.objects.filter(
        status__in=OPEN_STATES,
        erased_at__isnull=True,
        due_date__range=(today, soon),
        reminded_on__isnull=True,
        assignments__isnull=True,
    ):
        with transaction.atomic():  # nobody has it yet: the routers are reminded
            notify(
                recipients=routers,
                kind="interpellations.due",
                params=_params(interpellation, due=interpellation.due_date.isoformat()),
                url=interpellation.get_absolute_url(),
            )
            Interpellation.objects.filter(pk=interpellation.pk).update(reminded_on=today)
            sent += 1
    week_ago = today - dt.timedelta(days=7)
    for interpellation in Interpellation.objects.filter(
        status__in=OPEN_STATES, erased_at__isnull=True, due_date__lt=today
    ).exclude(overdue_notified_on__gt=week_ago):
        with transaction.atomic():
            notify(
                recipients=routers,
                kind="interpellations.overdue",
                params=_params(interpellation, due=interpellation.due_date.isoformat()),
                url=interpellation.get_absolute_url(),
            )
            Interpellation.objects.filter(pk=interpellation.pk).update(overdue_notified_on=today)
            sent += 1
    return sent


ERASED_TEXT = "—"


def erase_personal_data(
    *, actor: User | None, interpellation: Interpellation, reason: str = "request"
) -> Interpellation:
    """Erase the requester's data and every text of the request; the statistics stay.

    What remains: the reference, the requester's kind, the language, the dates, the networks,
    the people it was passed on to and the statuses. Called by the Chairman on request, by the
    daily job after the retention period, and when a person's account is erased.
    """
    if actor is not None:
        _require(actor, Perm.REQUEST_ROUTE)
    with transaction.atomic():
        locked = Interpellation.objects.select_for_update().get(pk=interpellation.pk)
        if locked.erased_at is not None:
            return locked
        files = [attachment.file for attachment in locked.attachments.all()]
        locked.attachments.all().delete()
        transaction.on_commit(lambda: [file.delete(save=False) for file in files])
        locked.entries.update(body="")
        locked.assignments.update(note="")
        # Notifications of the request, whatever their language: the words people wrote go.
        for notification in Notification.objects.filter(
            url__endswith=f"/requests/{locked.reference}/"
        ):
            params = dict(notification.params)
            for key in ("subject", "comment"):
                if key in params:
                    params[key] = ERASED_TEXT
            notification.params = params
            notification.save(update_fields=["params"])
        AuditEvent.objects.filter(
            target_type=ContentType.objects.get_for_model(Interpellation),
            target_id=str(locked.pk),
        ).update(target_repr=locked.reference)
        if locked.requester_email:
            OutgoingEmail.objects.filter(recipients=locked.requester_email).delete()
        locked.subject = ERASED_TEXT
        locked.message = ""
        locked.requester = None
        locked.requester_name = ""
        locked.requester_organisation = ""
        locked.requester_email = ""
        locked.tracking_key = None
        locked.erased_at = timezone_now()
        locked.save()
        record_event(
            actor=actor,
            verb="interpellations.request.erase",
            target=locked,
            data={"reason": reason},
        )
    return locked


def close_answered(now: dt.datetime | None = None, *, days: int = 30) -> int:
    """Close the requests answered ``days`` ago or more that nobody reopened."""
    limit = (now or timezone_now()) - dt.timedelta(days=days)
    count = 0
    for interpellation in Interpellation.objects.filter(
        status=Status.ANSWERED, answered_at__lt=limit, erased_at__isnull=True
    ):
        with REQUEST_FLOW.moving(interpellation, "close", actor=None, by_the_platform=True) as move:
            Entry.objects.create(
                interpellation=move.row, kind=EntryKind.STATUS, status=Status.CLOSED
            )
            move.data.update(automatic=True)
        count += 1
    return count


def erase_expired(now: dt.datetime | None = None) -> int:
    """Erase the personal data of requests closed or declined longer ago than the retention."""
    limit = (now or timezone_now()) - dt.timedelta(days=settings.BEFUS_REQUEST_RETENTION_DAYS)
    expired = Interpellation.objects.filter(
        status__in=(Status.CLOSED, Status.DECLINED),
        finished_at__lt=limit,
        erased_at__isnull=True,
    )
    count = 0
    for interpellation in expired:
        erase_personal_data(actor=None, interpellation=interpellation, reason="retention")
        count += 1
    return count
