"""Roles are read from seats, contacts and profiles as they stand today."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils.timezone import localdate

from befus.accounts.roles import Role, forget_roles, roles_for
from befus.members.choices import BodyKind, ContactRole, SeatRole
from tests.accounts.factories import UserFactory
from tests.members.factories import (
    BodyFactory,
    ContactFactory,
    MembershipFactory,
    OrganisationFactory,
    SeatFactory,
)


def test_secretariat_seat_makes_secretariat_staff(db: None) -> None:
    # given
    user = UserFactory()
    SeatFactory(body=BodyFactory(kind=BodyKind.SECRETARIAT), person=user, role=SeatRole.OFFICER)
    # when
    roles = roles_for(user)
    # then
    assert roles == {Role.SECRETARIAT}


def test_board_seat_makes_board_member(db: None) -> None:
    # given
    user = UserFactory()
    SeatFactory(body=BodyFactory(kind=BodyKind.BOARD), person=user, role=SeatRole.MEMBER)
    # when
    roles = roles_for(user)
    # then
    assert roles == {Role.BOARD_MEMBER}


def test_board_seat_as_chair_makes_chairman_and_board_member(db: None) -> None:
    # given
    user = UserFactory()
    SeatFactory(body=BodyFactory(kind=BodyKind.BOARD), person=user, role=SeatRole.CHAIR)
    # when
    roles = roles_for(user)
    # then
    assert roles == {Role.CHAIRMAN, Role.BOARD_MEMBER}


def test_chair_of_another_body_is_not_chairman(db: None) -> None:
    # given the chair of the General Assembly, who holds no Board seat
    user = UserFactory()
    SeatFactory(body=BodyFactory(kind=BodyKind.GENERAL_ASSEMBLY), person=user, role=SeatRole.CHAIR)
    # when
    roles = roles_for(user)
    # then
    assert Role.CHAIRMAN not in roles
    assert Role.BOARD_MEMBER not in roles


def test_current_mayor_contact_makes_mayor(member_city: Any) -> None:
    # given
    user = UserFactory()
    ContactFactory(organisation=member_city, person=user, role=ContactRole.MAYOR)
    # when
    roles = roles_for(user)
    # then
    assert roles == {Role.MAYOR}


def test_mayors_delegate_contact_makes_mayor_delegate(member_city: Any) -> None:
    # given
    user = UserFactory()
    ContactFactory(organisation=member_city, person=user, role=ContactRole.MAYOR_DELEGATE)
    # when
    roles = roles_for(user)
    # then
    assert roles == {Role.MAYOR_DELEGATE}


def test_prevention_contact_is_no_mayor(member_city: Any) -> None:
    # given
    user = UserFactory()
    ContactFactory(organisation=member_city, person=user, role=ContactRole.PREVENTION_CONTACT)
    # when
    roles = roles_for(user)
    # then
    assert roles == {Role.VISITOR}


def test_profile_at_current_member_makes_member_professional(member_city: Any) -> None:
    # given
    user = UserFactory(profile__organisation=member_city)
    # when
    roles = roles_for(user)
    # then
    assert roles == {Role.MEMBER_PROFESSIONAL}


def test_profile_at_former_member_makes_no_member_professional(db: None) -> None:
    # given an organisation that left the Forum last year
    former = OrganisationFactory()
    MembershipFactory(organisation=former, start=dt.date(2010, 1, 1), end=dt.date(2024, 12, 31))
    user = UserFactory(profile__organisation=former)
    # when
    roles = roles_for(user)
    # then
    assert roles == {Role.VISITOR}


def test_profile_at_organisation_that_never_was_a_member_makes_no_member_professional(
    db: None,
) -> None:
    # given
    user = UserFactory(profile__organisation=OrganisationFactory())
    # when
    roles = roles_for(user)
    # then
    assert roles == {Role.VISITOR}


@pytest.mark.parametrize(
    ("kind", "seat_role"),
    [
        (BodyKind.SECRETARIAT, SeatRole.OFFICER),
        (BodyKind.BOARD, SeatRole.MEMBER),
        (BodyKind.BOARD, SeatRole.CHAIR),
    ],
)
def test_ended_seat_gives_no_role(db: None, kind: BodyKind, seat_role: SeatRole) -> None:
    # given a seat that ended yesterday
    user = UserFactory()
    yesterday = localdate() - dt.timedelta(days=1)
    SeatFactory(
        body=BodyFactory(kind=kind),
        person=user,
        role=seat_role,
        start=dt.date(2020, 1, 1),
        end=yesterday,
    )
    # when
    roles = roles_for(user)
    # then
    assert roles == {Role.VISITOR}


def test_seat_ending_today_still_counts(db: None) -> None:
    # given a term whose last day is today
    user = UserFactory()
    SeatFactory(
        body=BodyFactory(kind=BodyKind.BOARD),
        person=user,
        start=dt.date(2020, 1, 1),
        end=localdate(),
    )
    # when
    roles = roles_for(user)
    # then
    assert roles == {Role.BOARD_MEMBER}


def test_seat_starting_tomorrow_gives_no_role_yet(db: None) -> None:
    # given
    user = UserFactory()
    SeatFactory(
        body=BodyFactory(kind=BodyKind.BOARD),
        person=user,
        start=localdate() + dt.timedelta(days=1),
    )
    # when
    roles = roles_for(user)
    # then
    assert roles == {Role.VISITOR}


def test_ended_mayor_contact_gives_no_role(member_city: Any) -> None:
    # given the previous mayor
    user = UserFactory()
    ContactFactory(
        organisation=member_city, person=user, start=dt.date(2018, 12, 3), end=dt.date(2024, 12, 1)
    )
    # when
    roles = roles_for(user)
    # then
    assert roles == {Role.VISITOR}


def test_roles_add_up(member_city: Any) -> None:
    # given the mayor of a member city who chairs the Board
    user = UserFactory()
    ContactFactory(organisation=member_city, person=user, role=ContactRole.MAYOR)
    SeatFactory(
        body=BodyFactory(kind=BodyKind.BOARD),
        person=user,
        role=SeatRole.CHAIR,
        organisation=member_city,
    )
    # when
    roles = roles_for(user)
    # then
    assert roles == {Role.MAYOR, Role.BOARD_MEMBER, Role.CHAIRMAN}


def test_person_without_seat_contact_or_profile_is_visitor(db: None) -> None:
    # given
    user = UserFactory()
    # when
    roles = roles_for(user)
    # then
    assert roles == {Role.VISITOR}


def test_anonymous_visitor_is_visitor() -> None:
    # given
    user = AnonymousUser()
    # when
    roles = roles_for(user)
    # then
    assert roles == {Role.VISITOR}


def test_inactive_user_is_visitor_whatever_their_seats(db: None) -> None:
    # given a deactivated member of the secretariat
    user = UserFactory(is_active=False)
    SeatFactory(body=BodyFactory(kind=BodyKind.SECRETARIAT), person=user, role=SeatRole.OFFICER)
    # when
    roles = roles_for(user)
    # then
    assert roles == {Role.VISITOR}


def test_roles_are_read_again_after_forget_roles(db: None) -> None:
    # given a visitor whose roles were read before a Board seat was recorded
    user = UserFactory()
    assert roles_for(user) == {Role.VISITOR}
    SeatFactory(body=BodyFactory(kind=BodyKind.BOARD), person=user)
    # when
    forget_roles(user)
    # then
    assert roles_for(user) == {Role.BOARD_MEMBER}
