"""Seats: the terms of the people on the governance bodies, and the one chair per body."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils.timezone import localdate

from befus.accounts.roles import Role, roles_for
from befus.core.errors import Conflict, DomainError
from befus.members import services
from befus.members.choices import BodyKind, SeatRole
from befus.members.models import Seat
from tests.members.factories import BodyFactory, SeatFactory
from tests.members.helpers import _database_state, _last_event

# Seats


def test_add_seat_gives_the_person_a_term_on_the_body(
    secretary: Any, register: SimpleNamespace
) -> None:
    # when
    seat = services.add_seat(
        actor=secretary,
        body=register.board,
        person=register.person,
        role=SeatRole.TREASURER,
        start=dt.date(2025, 1, 1),
        end=dt.date(2030, 12, 31),
        organisation=register.organisation,
        note="elected by the general assembly",
    )
    # then
    seat.refresh_from_db()
    assert (seat.role, seat.organisation, seat.note) == (
        "treasurer",
        register.organisation,
        "elected by the general assembly",
    )
    event = _last_event()
    assert (event.actor, event.verb, event.target_id) == (
        secretary,
        "members.seat.add",
        str(register.board.pk),
    )
    assert event.data == {
        "person_id": register.person.pk,
        "role": "treasurer",
        "start": "2025-01-01",
        "end": "2030-12-31",
    }


@pytest.mark.parametrize(
    ("start", "end"),
    [(dt.date(2026, 1, 1), None), (dt.date(2020, 1, 1), dt.date(2025, 1, 1))],
)
def test_a_body_has_one_chair_at_a_time(
    secretary: Any, register: SimpleNamespace, start: dt.date, end: dt.date | None
) -> None:
    # given a chair since 2025
    SeatFactory(body=register.board, role=SeatRole.CHAIR, start=dt.date(2025, 1, 1))
    before = _database_state()
    # when, then
    with pytest.raises(Conflict, match="This body already has a chair during this term") as refusal:
        services.add_seat(
            actor=secretary,
            body=register.board,
            person=register.person,
            role=SeatRole.CHAIR,
            start=start,
            end=end,
        )
    assert refusal.value.field == "role"
    assert _database_state() == before


def test_a_new_chair_can_start_the_day_after_the_previous_chair_left(
    secretary: Any, register: SimpleNamespace
) -> None:
    # given a chair from 2020 until the end of 2024
    SeatFactory(
        body=register.board,
        role=SeatRole.CHAIR,
        start=dt.date(2020, 1, 1),
        end=dt.date(2024, 12, 31),
    )
    # when
    services.add_seat(
        actor=secretary,
        body=register.board,
        person=register.person,
        role=SeatRole.CHAIR,
        start=dt.date(2025, 1, 1),
    )
    # then
    chairs = Seat.objects.current(dt.date(2025, 1, 1)).filter(body=register.board, role="chair")
    assert [seat.person for seat in chairs] == [register.person]


def test_each_body_has_its_own_chair(secretary: Any, register: SimpleNamespace) -> None:
    # given
    SeatFactory(body=register.board, role=SeatRole.CHAIR, start=dt.date(2025, 1, 1))
    assembly = BodyFactory(kind=BodyKind.GENERAL_ASSEMBLY)
    # when
    seat = services.add_seat(
        actor=secretary,
        body=assembly,
        person=register.person,
        role=SeatRole.CHAIR,
        start=dt.date(2025, 1, 1),
    )
    # then
    assert seat.is_current(dt.date(2025, 1, 1)) is True


def test_a_person_holds_one_seat_per_body_at_a_time(
    secretary: Any, register: SimpleNamespace
) -> None:
    # given the person's seat on the board since 2025
    register.seat.person = register.person
    register.seat.save()
    before = _database_state()
    # when a second seat is added for a term that overlaps, then it is refused
    with pytest.raises(
        Conflict, match="This person already has a seat on this body then"
    ) as refusal:
        services.add_seat(
            actor=secretary,
            body=register.board,
            person=register.person,
            role=SeatRole.VICE_CHAIR,
            start=dt.date(2025, 6, 1),
        )
    assert refusal.value.field == "person"
    assert _database_state() == before


def test_a_person_can_sit_on_two_bodies_at_once(secretary: Any, register: SimpleNamespace) -> None:
    # given
    register.seat.person = register.person
    register.seat.save()
    # when
    services.add_seat(
        actor=secretary,
        body=BodyFactory(kind=BodyKind.GENERAL_ASSEMBLY),
        person=register.person,
        role=SeatRole.MEMBER,
        start=dt.date(2025, 6, 1),
    )
    # then
    assert register.person.seats.count() == 2


def test_seat_term_ending_before_it_starts_is_refused(
    secretary: Any, register: SimpleNamespace
) -> None:
    # given
    before = _database_state()
    # when, then
    with pytest.raises(
        DomainError, match="The end date cannot be before the start date"
    ) as refusal:
        services.add_seat(
            actor=secretary,
            body=register.board,
            person=register.person,
            role=SeatRole.MEMBER,
            start=dt.date(2025, 6, 1),
            end=dt.date(2025, 5, 31),
        )
    assert refusal.value.field == "end"
    assert _database_state() == before


def test_new_board_seat_makes_the_person_a_board_member_at_once(
    secretary: Any, register: SimpleNamespace
) -> None:
    # given
    person = register.person
    assert roles_for(person) == {Role.VISITOR}
    # when
    services.add_seat(
        actor=secretary, body=register.board, person=person, role=SeatRole.CHAIR, start=localdate()
    )
    # then
    assert {Role.BOARD_MEMBER, Role.CHAIRMAN} <= roles_for(person)


def test_end_seat_records_the_last_day_on_the_body(
    secretary: Any, register: SimpleNamespace
) -> None:
    # when
    services.end_seat(actor=secretary, seat=register.seat, end=dt.date(2025, 6, 30))
    # then
    register.seat.refresh_from_db()
    assert register.seat.is_current(dt.date(2025, 6, 30)) is True
    assert register.seat.is_current(dt.date(2025, 7, 1)) is False
    assert _last_event().data == {
        "person_id": register.seat.person.pk,
        "role": "member",
        "end": "2025-06-30",
    }


def test_end_seat_before_it_started_is_refused(secretary: Any, register: SimpleNamespace) -> None:
    # when, then
    with pytest.raises(DomainError, match="The end date cannot be before the start date"):
        services.end_seat(actor=secretary, seat=register.seat, end=dt.date(2024, 12, 31))
    register.seat.refresh_from_db()
    assert register.seat.end is None


def test_extending_a_former_chairs_term_over_the_next_chair_is_refused(
    secretary: Any, register: SimpleNamespace
) -> None:
    # given a chair until the end of 2024 and the next chair from 2025
    former = SeatFactory(
        body=register.board,
        role=SeatRole.CHAIR,
        start=dt.date(2020, 1, 1),
        end=dt.date(2024, 12, 31),
    )
    SeatFactory(body=register.board, role=SeatRole.CHAIR, start=dt.date(2025, 1, 1))
    # when the former chair's last day is moved into 2025, then it is refused
    with pytest.raises(Conflict, match="This body already has a chair during this term") as refusal:
        services.end_seat(actor=secretary, seat=former, end=dt.date(2025, 12, 31))
    assert refusal.value.field == "end"
    chairs = Seat.objects.current(dt.date(2025, 6, 1)).filter(body=register.board, role="chair")
    assert chairs.count() == 1


def test_a_member_s_term_may_overlap_the_chair_s(secretary: Any, register: SimpleNamespace) -> None:
    # given a chair from 2025, and a board member (not a chair) whose term ended in 2024
    SeatFactory(body=register.board, role=SeatRole.CHAIR, start=dt.date(2025, 1, 1))
    member = SeatFactory(body=register.board, start=dt.date(2020, 1, 1), end=dt.date(2024, 12, 31))
    # when the member's term is extended
    services.end_seat(actor=secretary, seat=member, end=dt.date(2025, 12, 31))
    # then
    member.refresh_from_db()
    assert member.end == dt.date(2025, 12, 31)
