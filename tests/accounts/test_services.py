"""Writes on accounts: profiles, erasure requests and erasure, and the personal data export."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from allauth.account.signals import email_confirmed
from allauth.mfa.models import Authenticator
from django.core.exceptions import PermissionDenied
from django.utils.timezone import localdate

from befus.accounts.choices import (
    AffiliationMethod,
    AffiliationStatus,
    ErasureStatus,
    JobFunction,
)
from befus.accounts.models import ErasureRequest, Profile, User
from befus.accounts.roles import Role, roles_for
from befus.accounts.selectors import export_personal_data, get_profile
from befus.accounts.services import (
    cancel_erasure,
    erase_user,
    request_erasure,
    update_profile,
)
from befus.core.audit import record_event
from befus.core.errors import InvalidTransition
from befus.core.models import AuditEvent
from befus.members.choices import BodyKind, ContactRole, SeatRole
from befus.members.models import Contact, Seat
from tests.accounts.factories import UserFactory
from tests.accounts.totp import activate_totp
from tests.members.factories import (
    BodyFactory,
    ContactFactory,
    MembershipFactory,
    OrganisationFactory,
    SeatFactory,
)

# update_profile


def test_person_updates_their_own_name_and_profile(professional: Any, member_city: Any) -> None:
    # given
    # when
    update_profile(
        actor=professional,
        user=professional,
        first_name="Lies",
        last_name="Maes",
        job_function=JobFunction.STREET_WORKER,
        job_title="Straathoekwerker",
        languages=["nl", "fr"],
        in_directory=True,
    )
    # then
    professional.refresh_from_db()
    profile = Profile.objects.get(user=professional)
    assert (professional.first_name, professional.last_name) == ("Lies", "Maes")
    assert profile.job_function == JobFunction.STREET_WORKER
    assert profile.job_title == "Straathoekwerker"
    assert profile.languages == ["nl", "fr"]
    assert profile.in_directory is True
    assert profile.organisation == member_city


def test_profile_audit_event_names_the_changed_fields_but_not_their_values(
    professional: Any,
) -> None:
    # given
    professional.first_name, professional.last_name = "Old", "Name"
    professional.save()
    # when
    update_profile(
        actor=professional,
        user=professional,
        first_name="Karim",
        last_name="Benali",
        job_title="Gardien de la paix en chef",
        phone="+32 71 86 00 00",
        in_directory=False,  # unchanged: the default
    )
    # then
    event = AuditEvent.objects.get(verb="accounts.profile.update")
    assert event.actor == professional
    assert sorted(event.data["fields"]) == ["job_title", "name", "phone"]
    recorded = json.dumps(event.data) + event.target_repr + event.actor_label
    assert "Gardien de la paix en chef" not in recorded
    assert "+32 71 86 00 00" not in recorded


def test_nobody_else_may_update_a_persons_profile(secretary: Any, professional: Any) -> None:
    # given
    before = (professional.first_name, professional.last_name)
    # when
    with pytest.raises(PermissionDenied):
        update_profile(
            actor=secretary,
            user=professional,
            first_name="Someone",
            last_name="Else",
            job_title="Changed by the secretariat",
        )
    # then
    professional.refresh_from_db()
    assert (professional.first_name, professional.last_name) == before
    assert get_profile(professional).job_title == ""
    assert AuditEvent.objects.exists() is False


def test_unknown_profile_field_is_refused(visitor: Any) -> None:
    # given
    # when / then
    with pytest.raises(TypeError, match=r"unknown profile fields: \['is_staff'\]"):
        update_profile(actor=visitor, user=visitor, first_name="A", last_name="B", is_staff=True)
    visitor.refresh_from_db()
    assert visitor.is_staff is False


def test_naming_a_member_employer_does_not_make_a_member_professional(
    visitor: Any, member_city: Any
) -> None:
    """Anyone can type an employer's name: the organisation confirms before rights follow."""
    # given a visitor whose roles were already read in this request
    assert roles_for(visitor) == {Role.VISITOR}
    # when they name a member city as their employer
    profile = update_profile(
        actor=visitor,
        user=visitor,
        first_name=visitor.first_name,
        last_name=visitor.last_name,
        organisation=member_city,
    )
    # then the affiliation waits for the city, and the person is no member professional yet
    assert profile.affiliation_status == AffiliationStatus.PENDING
    assert roles_for(visitor) == {Role.VISITOR}
    claim = AuditEvent.objects.get(verb="accounts.affiliation.claim")
    assert claim.data == {"organisation": member_city.pk, "status": "pending", "method": ""}


def test_an_address_at_the_organisations_domain_confirms_at_once(
    visitor: Any, member_city: Any
) -> None:
    # given a city that registered its domain, and a person with a verified address there
    member_city.email_domains = "stad.gent\n@gent.be"
    member_city.save()
    EmailAddress.objects.create(user=visitor, email="An.Peeters@Gent.be", verified=True)
    # when they name it as their employer
    profile = update_profile(
        actor=visitor, user=visitor, first_name="An", last_name="Peeters", organisation=member_city
    )
    # then they are confirmed by the address, and members' rights apply
    assert profile.affiliation_status == AffiliationStatus.CONFIRMED
    assert profile.affiliation_method == AffiliationMethod.EMAIL_DOMAIN
    assert roles_for(visitor) == {Role.MEMBER_PROFESSIONAL}


def test_an_unverified_address_at_the_domain_confirms_nothing(
    visitor: Any, member_city: Any
) -> None:
    # given a person who added an address at the city's domain without verifying it
    member_city.email_domains = "stad.gent"
    member_city.save()
    EmailAddress.objects.create(user=visitor, email="someone@stad.gent", verified=False)
    # when they name the city
    profile = update_profile(
        actor=visitor, user=visitor, first_name="A", last_name="B", organisation=member_city
    )
    # then the city must still confirm
    assert profile.affiliation_status == AffiliationStatus.PENDING


def test_verifying_an_address_at_the_domain_later_confirms_a_waiting_affiliation(
    visitor: Any, member_city: Any
) -> None:
    # given a person waiting for the city's confirmation, with an unverified work address
    member_city.email_domains = "stad.gent"
    member_city.save()
    update_profile(
        actor=visitor, user=visitor, first_name="A", last_name="B", organisation=member_city
    )
    address = EmailAddress.objects.create(user=visitor, email="a.b@stad.gent", verified=False)
    # when the address is verified (allauth's confirmation link)
    address.verified = True
    address.save()
    email_confirmed.send(sender=EmailAddress, request=None, email_address=address)
    # then the affiliation is confirmed, and recorded
    assert get_profile(visitor).affiliation_status == AffiliationStatus.CONFIRMED
    assert AuditEvent.objects.filter(verb="accounts.affiliation.confirm_by_email").count() == 1
    assert roles_for(visitor) == {Role.MEMBER_PROFESSIONAL}


def test_naming_another_employer_asks_again(professional: Any, member_city: Any) -> None:
    # given a confirmed professional of Ghent
    assert get_profile(professional).affiliation_status == AffiliationStatus.CONFIRMED
    elsewhere = OrganisationFactory(slug="leuven", nis_code="24062")
    MembershipFactory(organisation=elsewhere)
    # when they name another member city
    update_profile(
        actor=professional, user=professional, first_name="A", last_name="B", organisation=elsewhere
    )
    # then the new city must confirm: the earlier confirmation does not travel
    profile = get_profile(professional)
    assert (profile.affiliation_status, profile.affiliation_method) == ("pending", "")
    assert Role.MEMBER_PROFESSIONAL not in roles_for(professional)


# request_erasure and cancel_erasure


def test_person_asks_for_erasure(visitor: Any) -> None:
    # given
    # when
    erasure = request_erasure(actor=visitor, reason="I changed jobs.")
    # then
    erasure.refresh_from_db()
    assert erasure.user == visitor
    assert erasure.status == ErasureStatus.REQUESTED
    assert erasure.reason == "I changed jobs."
    assert AuditEvent.objects.filter(verb="accounts.erasure.request", actor=visitor).count() == 1


def test_second_erasure_request_while_one_is_open_is_refused(visitor: Any) -> None:
    # given
    request_erasure(actor=visitor)
    # when / then
    with pytest.raises(InvalidTransition, match="already asked for your account to be erased"):
        request_erasure(actor=visitor)
    assert ErasureRequest.objects.filter(user=visitor).count() == 1


def test_person_withdraws_their_erasure_request(visitor: Any) -> None:
    # given
    erasure = request_erasure(actor=visitor)
    # when
    cancel_erasure(actor=visitor, erasure=erasure)
    # then
    erasure.refresh_from_db()
    assert erasure.status == ErasureStatus.CANCELLED
    assert erasure.decided_by == visitor
    assert erasure.decided_at is not None
    assert AuditEvent.objects.filter(verb="accounts.erasure.cancel", actor=visitor).count() == 1


def test_person_may_ask_again_after_withdrawing(visitor: Any) -> None:
    # given
    cancel_erasure(actor=visitor, erasure=request_erasure(actor=visitor))
    # when
    again = request_erasure(actor=visitor)
    # then
    assert again.status == ErasureStatus.REQUESTED
    assert ErasureRequest.objects.filter(user=visitor).count() == 2


def test_nobody_else_may_withdraw_an_erasure_request(visitor: Any, secretary: Any) -> None:
    # given
    erasure = request_erasure(actor=visitor)
    # when
    with pytest.raises(PermissionDenied):
        cancel_erasure(actor=secretary, erasure=erasure)
    # then
    erasure.refresh_from_db()
    assert erasure.status == ErasureStatus.REQUESTED


def test_withdrawn_request_cannot_be_withdrawn_again(visitor: Any) -> None:
    # given
    erasure = cancel_erasure(actor=visitor, erasure=request_erasure(actor=visitor))
    # when / then
    with pytest.raises(InvalidTransition, match="already been handled"):
        cancel_erasure(actor=visitor, erasure=erasure)


# erase_user


@pytest.fixture
def leaving(member_city: Any) -> Any:
    """A mayor on the Board, with a profile, a second factor and an open erasure request."""
    user = UserFactory(
        email="leaving@example.org",
        first_name="Griet",
        last_name="Vanhoutte",
        profile__organisation=member_city,
        profile__phone="+32 9 266 51 11",
    )
    activate_totp(user)
    ContactFactory(organisation=member_city, person=user, role=ContactRole.MAYOR)
    SeatFactory(body=BodyFactory(kind=BodyKind.BOARD), person=user, organisation=member_city)
    return user


@pytest.mark.parametrize("role", ["visitor", "professional", "mayor", "board_member", "chairman"])
def test_only_the_secretariat_erases_an_account(
    request: pytest.FixtureRequest, leaving: Any, role: str
) -> None:
    # given
    erasure = request_erasure(actor=leaving)
    actor = request.getfixturevalue(role)
    # when
    with pytest.raises(PermissionDenied):
        erase_user(actor=actor, erasure=erasure)
    # then
    erasure.refresh_from_db()
    leaving.refresh_from_db()
    assert erasure.status == ErasureStatus.REQUESTED
    assert leaving.email == "leaving@example.org"
    assert leaving.is_active is True


def test_erasure_anonymises_and_deactivates_the_person(secretary: Any, leaving: Any) -> None:
    # given
    erasure = request_erasure(actor=leaving)
    # when
    erase_user(actor=secretary, erasure=erasure)
    # then
    leaving.refresh_from_db()
    assert leaving.email == f"erased-{leaving.pk}@erased.invalid"
    assert (leaving.first_name, leaving.last_name) == ("", "")
    assert leaving.is_active is False
    assert leaving.has_usable_password() is False
    erasure.refresh_from_db()
    assert erasure.status == ErasureStatus.COMPLETED
    assert erasure.decided_by == secretary
    assert erasure.email_hash == hashlib.sha256(b"leaving@example.org").hexdigest()


def test_erasure_removes_addresses_second_factors_and_profile(secretary: Any, leaving: Any) -> None:
    # given
    erasure = request_erasure(actor=leaving)
    # when
    erase_user(actor=secretary, erasure=erasure)
    # then
    assert EmailAddress.objects.filter(user=leaving).exists() is False
    assert EmailAddress.objects.filter(email="leaving@example.org").exists() is False
    assert Authenticator.objects.filter(user=leaving).exists() is False
    assert Profile.objects.filter(user=leaving).exists() is False


def test_erasure_ends_current_seats_and_contacts_today_and_keeps_them(
    secretary: Any, leaving: Any, member_city: Any
) -> None:
    # given a seat that ended long ago, besides the current Board seat and mayor contact
    old_seat = SeatFactory(
        body=BodyFactory(kind=BodyKind.GENERAL_ASSEMBLY),
        person=leaving,
        organisation=member_city,
        start=dt.date(2015, 1, 1),
        end=dt.date(2018, 12, 31),
    )
    erasure = request_erasure(actor=leaving)
    # when
    erase_user(actor=secretary, erasure=erasure)
    # then
    seats = {seat.pk: seat.end for seat in Seat.objects.filter(person=leaving)}
    assert seats.pop(old_seat.pk) == dt.date(2018, 12, 31)
    assert list(seats.values()) == [localdate()]
    assert list(Contact.objects.filter(person=leaving).values_list("end", flat=True)) == [
        localdate()
    ]


def test_erasure_ends_a_current_seat_that_has_a_planned_end(secretary: Any, leaving: Any) -> None:
    # given a Board term that runs until the end of next year
    planned_end = dt.date(localdate().year + 1, 12, 31)
    Seat.objects.filter(person=leaving).update(end=planned_end)
    erasure = request_erasure(actor=leaving)
    # when
    erase_user(actor=secretary, erasure=erasure)
    # then
    assert list(Seat.objects.filter(person=leaving).values_list("end", flat=True)) == [localdate()]


def test_erasure_of_a_person_with_a_future_seat_succeeds(
    secretary: Any, leaving: Any, member_city: Any
) -> None:
    # given a person elected to the General Assembly for a term that starts next month
    start = localdate() + dt.timedelta(days=31)
    SeatFactory(
        body=BodyFactory(kind=BodyKind.GENERAL_ASSEMBLY),
        person=leaving,
        organisation=member_city,
        role=SeatRole.MEMBER,
        start=start,
    )
    erasure = request_erasure(actor=leaving)
    # when
    erase_user(actor=secretary, erasure=erasure)
    # then the erasure is done and the person will never hold that seat
    erasure.refresh_from_db()
    assert erasure.status == ErasureStatus.COMPLETED
    assert Seat.objects.current(on=start).filter(person=leaving).exists() is False


def test_erasure_blanks_the_persons_name_on_their_own_audit_events(
    secretary: Any, leaving: Any
) -> None:
    # given an event by the person, and one by somebody else
    record_event(actor=leaving, verb="members.test.own")
    record_event(actor=secretary, verb="members.test.other")
    erasure = request_erasure(actor=leaving)
    # when
    erase_user(actor=secretary, erasure=erasure)
    # then
    labels = set(AuditEvent.objects.filter(actor=leaving).values_list("actor_label", flat=True))
    assert labels == {""}
    other = AuditEvent.objects.get(verb="members.test.other")
    assert other.actor_label == secretary.get_full_name()


def test_erasure_leaves_the_persons_name_nowhere_in_the_audit_trail(
    secretary: Any, leaving: Any
) -> None:
    # given the person edited their profile, then asked for erasure
    update_profile(actor=leaving, user=leaving, first_name="Griet", last_name="Vanhoutte", phone="")
    erasure = request_erasure(actor=leaving)
    # when
    erase_user(actor=secretary, erasure=erasure)
    # then
    trail = [str(event) for event in AuditEvent.objects.all()]
    assert [line for line in trail if "Vanhoutte" in line] == []


def test_erasure_is_recorded_in_the_audit_trail(secretary: Any, leaving: Any) -> None:
    # given
    erasure = request_erasure(actor=leaving)
    # when
    erase_user(actor=secretary, erasure=erasure)
    # then
    event = AuditEvent.objects.get(verb="accounts.erasure.complete")
    assert event.actor == secretary
    assert event.target_id == str(erasure.pk)


def test_erasure_cannot_be_carried_out_twice(secretary: Any, leaving: Any) -> None:
    # given
    erasure = request_erasure(actor=leaving)
    erase_user(actor=secretary, erasure=erasure)
    # when / then
    with pytest.raises(InvalidTransition, match="already been handled"):
        erase_user(actor=secretary, erasure=erasure)
    assert AuditEvent.objects.filter(verb="accounts.erasure.complete").count() == 1


def test_withdrawn_request_cannot_be_carried_out(secretary: Any, leaving: Any) -> None:
    # given
    erasure = cancel_erasure(actor=leaving, erasure=request_erasure(actor=leaving))
    # when / then
    with pytest.raises(InvalidTransition, match="already been handled"):
        erase_user(actor=secretary, erasure=erasure)
    leaving.refresh_from_db()
    assert leaving.is_active is True


# export_personal_data


def test_export_holds_account_profile_roles_seats_contacts_and_actions(
    leaving: Any, secretary: Any
) -> None:
    # given
    update_profile(
        actor=leaving,
        user=leaving,
        first_name="Griet",
        last_name="Vanhoutte",
        expertise="Drugbeleid\n\nNachtleven\n",
    )
    request_erasure(actor=leaving, reason="Retiring")
    record_event(actor=secretary, verb="members.test.other")
    # when
    data = export_personal_data(User.objects.get(pk=leaving.pk))
    # then
    assert data["format"] == "befus-personal-data/2"
    assert data["account"]["email"] == "leaving@example.org"
    assert (data["account"]["first_name"], data["account"]["last_name"]) == ("Griet", "Vanhoutte")
    assert data["email_addresses"] == [
        {"email": "leaving@example.org", "verified": True, "primary": True}
    ]
    assert data["second_factors"] == ["totp"]
    assert data["profile"]["organisation"] == str(leaving.profile.organisation)
    assert data["profile"]["phone"] == "+32 9 266 51 11"
    assert data["profile"]["expertise"] == ["Drugbeleid", "Nachtleven"]
    assert data["roles"] == [Role.BOARD_MEMBER, Role.MAYOR, Role.MEMBER_PROFESSIONAL]
    assert [(seat["role"], seat["organisation"], seat["end"]) for seat in data["seats"]] == [
        (SeatRole.MEMBER, "Ghent", None)
    ]
    assert [(c["role"], c["organisation"]) for c in data["contacts"]] == [
        (ContactRole.MAYOR, "Ghent")
    ]
    assert [r["status"] for r in data["erasure_requests"]] == [ErasureStatus.REQUESTED]
    assert [action["action"] for action in data["actions"]] == [
        "accounts.profile.update",
        "accounts.erasure.request",
    ]


def test_export_is_json(leaving: Any) -> None:
    # given
    request_erasure(actor=leaving)
    # when
    text = json.dumps(export_personal_data(leaving))
    # then
    assert json.loads(text)["account"]["email"] == "leaving@example.org"
