"""Activity reports with their reminders, and meetings with their minutes."""

from __future__ import annotations

import datetime as dt

from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils.timezone import localdate
from django.utils.timezone import now as timezone_now
from django.utils.translation import gettext as _

from befus.accounts.models import User
from befus.core.audit import record_event
from befus.core.errors import DomainError, InvalidTransition
from befus.core.permissions import Perm
from befus.core.services import notify
from befus.networks import selectors
from befus.networks.models import (
    ActivityReport,
    Meeting,
    Network,
)
from befus.networks.services._common import (
    _require,
    _url,
)


def file_report(
    *,
    actor: User,
    network: Network,
    period_start: dt.date,
    period_end: dt.date,
    summary: str,
    results: str = "",
    next_steps: str = "",
) -> ActivityReport:
    """A referent informs the secretariat of the network's work over a period (seed 000)."""
    _require(actor, Perm.NETWORK_REPORT, network)
    if period_end < period_start:
        raise DomainError(_("The end date cannot be before the start date."), field="period_end")
    if period_end > localdate():
        raise DomainError(_("A report covers a period that has ended."), field="period_end")
    if not summary.strip():
        raise DomainError(_("Say what the network did."), field="summary")
    with transaction.atomic():
        Network.objects.select_for_update().get(pk=network.pk)
        report = ActivityReport.objects.create(
            network=network,
            period_start=period_start,
            period_end=period_end,
            summary=summary,
            results=results,
            next_steps=next_steps,
            submitted_by=actor,
        )
        record_event(
            actor=actor,
            verb="networks.report.file",
            target=network,
            data={"period_start": period_start.isoformat(), "period_end": period_end.isoformat()},
        )
        notify(
            recipients=selectors.secretariat_people(),
            kind="networks.report_filed",
            params={"network": str(network)},
            url=_url(network),
        )
    return report


def send_report_reminders(*, today: dt.date | None = None) -> int:
    """Remind referents a week before a report is due, and every week once it is late.

    Run daily (``befus_daily``); the late reminder also goes to the secretariat. Returns the
    number of networks reminded.
    """
    today = today or localdate()
    reminded = 0
    for item in selectors.report_schedule():
        days = (today - item.due).days
        params = {"network": str(item.network), "due": item.due.isoformat()}
        url = _url(item.network)
        if days == -7:
            notify(
                recipients=selectors.referents(item.network),
                kind="networks.report_due",
                params=params,
                url=url,
            )
        elif days > 0 and days % 7 == 1:
            people = [*selectors.referents(item.network), *selectors.secretariat_people()]
            notify(recipients=people, kind="networks.report_overdue", params=params, url=url)
        else:
            continue
        reminded += 1
    return reminded


def record_meeting(
    *,
    actor: User,
    network: Network,
    date: dt.date,
    agenda: str,
    place: str = "",
    participants: str = "",
    minutes: str = "",
    decisions: str = "",
    attachment: File[bytes] | None = None,
    share: bool = False,
) -> Meeting:
    """Record a network meeting; only minutes the network shares reach the secretariat."""
    _require(actor, Perm.NETWORK_MEETING_RECORD, network)
    if not agenda.strip():
        raise DomainError(_("Give the agenda of the meeting."), field="agenda")
    with transaction.atomic():
        meeting = Meeting.objects.create(
            network=network,
            date=date,
            place=place,
            participants=participants,
            agenda=agenda,
            minutes=minutes,
            decisions=decisions,
            attachment=attachment or "",
            recorded_by=actor,
        )
        record_event(
            actor=actor,
            verb="networks.meeting.record",
            target=network,
            data={"meeting_id": meeting.pk, "date": date.isoformat()},
        )
        if share:
            _share(actor, meeting)
    return meeting


def _share(actor: User, meeting: Meeting) -> None:
    meeting.shared_with_secretariat = True
    meeting.shared_at = timezone_now()
    meeting.save(update_fields=["shared_with_secretariat", "shared_at"])
    record_event(
        actor=actor,
        verb="networks.meeting.share",
        target=meeting.network,
        data={"meeting_id": meeting.pk, "date": meeting.date.isoformat()},
    )
    notify(
        recipients=selectors.secretariat_people(),
        kind="networks.minutes_shared",
        params={"network": str(meeting.network), "date": meeting.date.isoformat()},
        url=reverse("networks:meeting-detail", kwargs={"pk": meeting.pk}),
    )


def share_minutes(*, actor: User, meeting: Meeting) -> Meeting:
    """Send a meeting's minutes to the secretariat (seed 000: when the network sees fit)."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("network").get(pk=meeting.pk)
        _require(actor, Perm.NETWORK_MEETING_RECORD, meeting.network)
        if meeting.shared_with_secretariat:
            raise InvalidTransition(_("These minutes are already shared with the secretariat."))
        _share(actor, meeting)
    return meeting
