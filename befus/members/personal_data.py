"""What the register holds about a person: their seats on the Forum's bodies and their roles at
member organisations (mayor, delegate, contact). Declared from ``MembersConfig.ready()``."""

from __future__ import annotations

from typing import Any

from befus.core.personal_data import end_periods, holds
from befus.members.models import Contact, Seat


def _seats(person: Any) -> list[dict[str, Any]]:
    return [
        {
            "body": str(seat.body),
            "role": seat.role,
            "organisation": str(seat.organisation) if seat.organisation else None,
            "start": seat.start.isoformat(),
            "end": seat.end.isoformat() if seat.end else None,
        }
        for seat in Seat.objects.filter(person=person).select_related("body", "organisation")
    ]


def _contacts(person: Any) -> list[dict[str, Any]]:
    return [
        {
            "organisation": str(c.organisation),
            "role": c.role,
            "start": c.start.isoformat(),
            "end": c.end.isoformat() if c.end else None,
        }
        for c in Contact.objects.filter(person=person).select_related("organisation")
    ]


def register() -> None:
    holds(
        Seat,
        section="seats",
        own=("person",),
        erase=lambda person, actor: end_periods(Seat.objects.filter(person=person)),
        export=_seats,
    )
    holds(
        Contact,
        section="contacts",
        own=("person",),
        erase=lambda person, actor: end_periods(Contact.objects.filter(person=person)),
        export=_contacts,
    )
