"""What the tests of the register services share: the last audit event, and a snapshot of
everything the services can change."""

from __future__ import annotations

from typing import Any

from befus.core.models import AuditEvent
from befus.members.models import Contact, Membership, Organisation, Seat


def _last_event() -> AuditEvent:
    event = AuditEvent.objects.order_by("-id").first()
    assert event is not None, "no audit event was written"
    return event


def _database_state() -> tuple[Any, ...]:
    """Everything the services can change, to show that a refused call changed nothing."""
    return (
        sorted(
            Organisation.objects.values_list(
                "pk", "kind", "name_nl", "name_fr", "name_en", "nis_code", "region", "languages"
            )
        ),
        sorted(Membership.objects.values_list("pk", "start", "end")),
        sorted(Contact.objects.values_list("pk", "role", "start", "end")),
        sorted(Seat.objects.values_list("pk", "role", "start", "end")),
        AuditEvent.objects.count(),
    )
