"""Four eyes on roles: a seat or a mayor's role carries rights, so nobody records one for
themself, neither on the register's pages nor in the admin."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from befus.core.errors import DomainError
from befus.members import services
from befus.members.choices import BodyKind, ContactRole, SeatRole
from befus.members.models import Contact, Seat
from tests.accounts.test_admin_security import secretariat, superuser  # noqa: F401  (fixtures)
from tests.members.factories import BodyFactory

START = dt.date(2026, 1, 1)


def test_a_secretary_cannot_seat_themself_as_chair(secretary: Any) -> None:
    # given the Board, and a member of the secretariat who manages it
    board = BodyFactory(kind=BodyKind.BOARD)
    # when they give themself the chair (the Chairman's rights)
    with pytest.raises(DomainError, match="Another member of the secretariat"):
        services.add_seat(
            actor=secretary, body=board, person=secretary, role=SeatRole.CHAIR, start=START
        )
    # then nothing is recorded
    assert Seat.objects.filter(body=board).exists() is False


def test_a_secretary_cannot_make_themself_a_mayor(secretary: Any, member_city: Any) -> None:
    with pytest.raises(DomainError, match="Another member of the secretariat"):
        services.appoint_contact(
            actor=secretary,
            organisation=member_city,
            person=secretary,
            role=ContactRole.MAYOR,
            start=START,
        )
    assert Contact.objects.filter(person=secretary).exists() is False


def test_a_colleague_records_it(secretary: Any, visitor: Any) -> None:
    board = BodyFactory(kind=BodyKind.BOARD)
    seat = services.add_seat(
        actor=secretary, body=board, person=visitor, role=SeatRole.MEMBER, start=START
    )
    assert seat.person == visitor


def test_staff_cannot_add_a_seat_in_the_admin(client: Any, secretariat: Any) -> None:  # noqa: F811
    # given a secretariat member with the secretariat's admin permissions
    client.force_login(secretariat)
    board = BodyFactory(kind=BodyKind.BOARD)
    # when they post a seat for themself in the admin
    response = client.post(
        reverse("admin:members_seat_add"),
        {"body": board.pk, "person": secretariat.pk, "role": SeatRole.CHAIR, "start": "2026-01-01"},
    )
    # then the admin refuses: seats change on the register's pages
    assert response.status_code == 403
    assert Seat.objects.filter(body=board).exists() is False


def test_a_superuser_still_can(client: Any, superuser: Any) -> None:  # noqa: F811
    client.force_login(superuser)
    assert client.get(reverse("admin:members_seat_add")).status_code == 200
