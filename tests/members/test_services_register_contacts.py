"""Contacts: an organisation's mayor, mayor's delegates and contacts, and their terms."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils.timezone import localdate

from befus.accounts.roles import Role, roles_for
from befus.core.errors import Conflict, DomainError
from befus.members import services
from befus.members.choices import ContactRole
from befus.members.models import Contact
from tests.members.factories import ContactFactory
from tests.members.helpers import _database_state, _last_event

# Contacts


def test_new_mayor_ends_the_previous_mayors_term(secretary: Any, register: SimpleNamespace) -> None:
    # given Mons's mayor since 2019
    previous = register.contact
    # when a new mayor takes office on 6 January 2025
    mayor = services.appoint_contact(
        actor=secretary,
        organisation=register.organisation,
        person=register.person,
        role=ContactRole.MAYOR,
        start=dt.date(2025, 1, 6),
    )
    # then the previous mayor's last day was the day before, and there is one mayor at a time
    previous.refresh_from_db()
    assert previous.end == dt.date(2025, 1, 5)
    on = dt.date(2025, 1, 6)
    mayors = Contact.objects.current(on).filter(organisation=register.organisation, role="mayor")
    assert list(mayors) == [mayor]
    event = _last_event()
    assert (event.actor, event.verb) == (secretary, "members.contact.appoint")
    assert event.data == {"person_id": register.person.pk, "role": "mayor", "start": "2025-01-06"}


@pytest.mark.parametrize(
    ("start", "end"),
    [(dt.date(2019, 1, 1), None), (dt.date(2018, 6, 1), dt.date(2019, 6, 1))],
)
def test_mayor_overlapping_a_mayor_who_started_later_is_refused(
    secretary: Any, register: SimpleNamespace, start: dt.date, end: dt.date | None
) -> None:
    # given Mons's mayor since 1 January 2019
    before = _database_state()
    # when a mayor is recorded whose term reaches into that one, then it is refused
    with pytest.raises(Conflict, match="Mons already has a mayor during this period") as refusal:
        services.appoint_contact(
            actor=secretary,
            organisation=register.organisation,
            person=register.person,
            role=ContactRole.MAYOR,
            start=start,
            end=end,
        )
    assert refusal.value.field == "start"
    assert _database_state() == before


def test_refused_mayor_leaves_the_previous_mayors_term_untouched(
    secretary: Any, register: SimpleNamespace
) -> None:
    # given a mayor from 2013 to 2018 and the current one since 2019
    earlier = ContactFactory(
        organisation=register.organisation, start=dt.date(2013, 1, 1), end=dt.date(2018, 12, 31)
    )
    # when a mayor from mid-2018 is recorded (it would overlap the current mayor)
    with pytest.raises(Conflict):
        services.appoint_contact(
            actor=secretary,
            organisation=register.organisation,
            person=register.person,
            role=ContactRole.MAYOR,
            start=dt.date(2018, 7, 1),
        )
    # then the earlier mayor was not shortened either
    earlier.refresh_from_db()
    assert earlier.end == dt.date(2018, 12, 31)


def test_an_organisation_can_have_several_prevention_contacts(
    secretary: Any, register: SimpleNamespace
) -> None:
    # given a prevention contact since 2024
    first = ContactFactory(
        organisation=register.organisation,
        role=ContactRole.PREVENTION_CONTACT,
        start=dt.date(2024, 1, 1),
    )
    # when another one is recorded
    services.appoint_contact(
        actor=secretary,
        organisation=register.organisation,
        person=register.person,
        role=ContactRole.PREVENTION_CONTACT,
        start=dt.date(2025, 1, 1),
    )
    # then the first one stays in the role
    first.refresh_from_db()
    assert first.end is None


def test_a_person_cannot_hold_the_same_role_twice_at_once(
    secretary: Any, register: SimpleNamespace
) -> None:
    # given
    ContactFactory(
        organisation=register.organisation,
        person=register.person,
        role=ContactRole.GENERAL_CONTACT,
        start=dt.date(2024, 1, 1),
    )
    # when, then
    with pytest.raises(Conflict, match="This person already holds this role then"):
        services.appoint_contact(
            actor=secretary,
            organisation=register.organisation,
            person=register.person,
            role=ContactRole.GENERAL_CONTACT,
            start=dt.date(2025, 1, 1),
        )
    assert register.person.contacts.count() == 1


def test_past_interim_mayor_overlapping_the_current_mayor_is_refused(
    secretary: Any, register: SimpleNamespace
) -> None:
    # given Mons's mayor since 2019, still in office
    current = register.contact
    before = _database_state()
    # when an interim mayor of spring 2020 is recorded afterwards, then it is refused
    with pytest.raises(Conflict, match="Mons already has a mayor during this period"):
        services.appoint_contact(
            actor=secretary,
            organisation=register.organisation,
            person=register.person,
            role=ContactRole.MAYOR,
            start=dt.date(2020, 3, 1),
            end=dt.date(2020, 6, 30),
        )
    # and the mayor of today is still in office
    assert _database_state() == before
    current.refresh_from_db()
    assert current.is_current() is True


def test_past_interim_mayor_before_the_current_mayor_ends_nobody_s_term(
    secretary: Any, register: SimpleNamespace
) -> None:
    # given Mons's mayor since 2019
    current = register.contact
    # when an interim mayor of the second half of 2018 is recorded
    services.appoint_contact(
        actor=secretary,
        organisation=register.organisation,
        person=register.person,
        role=ContactRole.MAYOR,
        start=dt.date(2018, 7, 1),
        end=dt.date(2018, 12, 31),
    )
    # then both terms stand
    current.refresh_from_db()
    assert current.end is None
    assert register.organisation.contacts.filter(role=ContactRole.MAYOR).count() == 2


def test_contact_ending_before_it_starts_is_refused(
    secretary: Any, register: SimpleNamespace
) -> None:
    # given
    before = _database_state()
    # when, then
    with pytest.raises(DomainError, match="The end date cannot be before the start date"):
        services.appoint_contact(
            actor=secretary,
            organisation=register.organisation,
            person=register.person,
            role=ContactRole.MAYOR,
            start=dt.date(2025, 1, 6),
            end=dt.date(2025, 1, 5),
        )
    assert _database_state() == before


def test_appointed_mayor_holds_the_mayor_role_at_once(
    secretary: Any, register: SimpleNamespace
) -> None:
    # given a person whose roles were read (and cached) before the appointment
    person = register.person
    assert roles_for(person) == {Role.VISITOR}
    # when
    services.appoint_contact(
        actor=secretary,
        organisation=register.organisation,
        person=person,
        role=ContactRole.MAYOR,
        start=localdate(),
    )
    # then
    assert Role.MAYOR in roles_for(person)


def test_end_contact_records_the_last_day_in_the_role(
    secretary: Any, register: SimpleNamespace
) -> None:
    # when
    services.end_contact(actor=secretary, contact=register.contact, end=dt.date(2024, 12, 1))
    # then
    register.contact.refresh_from_db()
    assert register.contact.end == dt.date(2024, 12, 1)
    event = _last_event()
    assert event.data == {
        "person_id": register.contact.person.pk,
        "role": "mayor",
        "end": "2024-12-01",
    }


def test_end_contact_before_it_started_is_refused(
    secretary: Any, register: SimpleNamespace
) -> None:
    # when, then
    with pytest.raises(DomainError, match="The end date cannot be before the start date"):
        services.end_contact(actor=secretary, contact=register.contact, end=dt.date(2018, 12, 31))
    register.contact.refresh_from_db()
    assert register.contact.end is None


def test_extending_a_former_mayors_term_over_the_next_mayor_is_refused(
    secretary: Any, register: SimpleNamespace
) -> None:
    # given the mayor of 2019, whose term ended when a new mayor took office in 2025
    services.appoint_contact(
        actor=secretary,
        organisation=register.organisation,
        person=register.person,
        role=ContactRole.MAYOR,
        start=dt.date(2025, 1, 6),
    )
    former = Contact.objects.get(pk=register.contact.pk)
    # when the former mayor's last day is moved into the new mayor's term, then it is refused
    with pytest.raises(Conflict, match="Mons already has a mayor during this period") as refusal:
        services.end_contact(actor=secretary, contact=former, end=dt.date(2025, 12, 31))
    assert refusal.value.field == "end"
    former.refresh_from_db()
    assert former.end == dt.date(2025, 1, 5)


def test_ending_a_mayor_earlier_is_accepted(secretary: Any, register: SimpleNamespace) -> None:
    # given the mayor of 2019, whose term ended when a new mayor took office in 2025
    services.appoint_contact(
        actor=secretary,
        organisation=register.organisation,
        person=register.person,
        role=ContactRole.MAYOR,
        start=dt.date(2025, 1, 6),
    )
    # when the former mayor's last day is corrected to an earlier day
    services.end_contact(actor=secretary, contact=register.contact, end=dt.date(2024, 12, 1))
    # then
    register.contact.refresh_from_db()
    assert register.contact.end == dt.date(2024, 12, 1)
