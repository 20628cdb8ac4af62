"""Memberships: the periods in which an organisation is a member of the Forum."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils.timezone import localdate

from befus.core.errors import Conflict, DomainError
from befus.core.models import AuditEvent
from befus.members import services
from tests.members.helpers import _database_state, _last_event

# Memberships


def test_start_membership_makes_the_organisation_a_member(
    secretary: Any, register: SimpleNamespace
) -> None:
    # given Ath, not a member
    start = localdate() - dt.timedelta(days=3)
    # when
    membership = services.start_membership(
        actor=secretary, organisation=register.outsider, start=start, note="decision of the council"
    )
    # then
    assert membership.is_current() is True
    assert membership.note == "decision of the council"
    event = _last_event()
    assert event.verb == "members.membership.start"
    assert event.data == {"start": start.isoformat(), "end": None}


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (dt.date(2015, 1, 1), None),  # inside
        (dt.date(2000, 1, 1), dt.date(2010, 1, 1)),  # ends on the first day of the existing one
        (dt.date(2000, 1, 1), None),  # before, open-ended
        (dt.date(2022, 12, 31), dt.date(2023, 12, 31)),  # starts on its last day
    ],
)
def test_overlapping_membership_is_refused(
    secretary: Any, register: SimpleNamespace, start: dt.date, end: dt.date | None
) -> None:
    # given Mons, a member from 2010 until 2022
    register.membership.end = dt.date(2022, 12, 31)
    register.membership.save()
    before = _database_state()
    # when, then
    with pytest.raises(
        Conflict, match="Mons is already a member during part of this period"
    ) as refusal:
        services.start_membership(
            actor=secretary, organisation=register.organisation, start=start, end=end
        )
    assert refusal.value.field == "start"
    assert _database_state() == before


@pytest.mark.parametrize(
    ("start", "end"),
    [(dt.date(2023, 1, 1), None), (dt.date(2000, 1, 1), dt.date(2009, 12, 31))],
)
def test_membership_next_to_an_earlier_one_is_accepted(
    secretary: Any, register: SimpleNamespace, start: dt.date, end: dt.date | None
) -> None:
    # given Mons, a member from 2010 until 2022
    register.membership.end = dt.date(2022, 12, 31)
    register.membership.save()
    # when it re-joins the day after it left, or had joined before
    services.start_membership(
        actor=secretary, organisation=register.organisation, start=start, end=end
    )
    # then both periods are kept
    assert register.organisation.memberships.count() == 2


def test_membership_ending_before_it_starts_is_refused(
    secretary: Any, register: SimpleNamespace
) -> None:
    # when, then
    with pytest.raises(
        DomainError, match="The end date cannot be before the start date"
    ) as refusal:
        services.start_membership(
            actor=secretary,
            organisation=register.outsider,
            start=dt.date(2025, 2, 1),
            end=dt.date(2025, 1, 31),
        )
    assert refusal.value.field == "end"
    assert register.outsider.memberships.exists() is False
    assert AuditEvent.objects.exists() is False


def test_end_membership_records_the_last_day_as_a_member(
    secretary: Any, register: SimpleNamespace
) -> None:
    # given Mons, a member since 2010
    today = localdate()
    # when it leaves today
    services.end_membership(actor=secretary, membership=register.membership, end=today)
    # then today is its last day as a member
    register.membership.refresh_from_db()
    assert register.membership.end == today
    assert register.membership.is_current(today) is True
    assert register.membership.is_current(today + dt.timedelta(days=1)) is False
    assert _last_event().data == {"end": today.isoformat()}


def test_end_membership_before_it_started_is_refused(
    secretary: Any, register: SimpleNamespace
) -> None:
    # when, then
    with pytest.raises(DomainError, match="The end date cannot be before the start date"):
        services.end_membership(
            actor=secretary, membership=register.membership, end=dt.date(2009, 12, 31)
        )
    register.membership.refresh_from_db()
    assert register.membership.end is None


def test_an_ended_membership_cannot_be_extended(secretary: Any, register: SimpleNamespace) -> None:
    # given a membership that ended in 2020
    register.membership.end = dt.date(2020, 12, 31)
    register.membership.save()
    # when, then
    with pytest.raises(Conflict, match="This membership has already ended"):
        services.end_membership(
            actor=secretary, membership=register.membership, end=dt.date(2021, 12, 31)
        )
    register.membership.refresh_from_db()
    assert register.membership.end == dt.date(2020, 12, 31)


def test_an_ended_membership_can_be_ended_earlier(
    secretary: Any, register: SimpleNamespace
) -> None:
    # given
    register.membership.end = dt.date(2020, 12, 31)
    register.membership.save()
    # when
    services.end_membership(
        actor=secretary, membership=register.membership, end=dt.date(2020, 6, 30)
    )
    # then
    register.membership.refresh_from_db()
    assert register.membership.end == dt.date(2020, 6, 30)
