"""Joining a network: the request, the consent of the employer's mayor, refusal, withdrawal
and leaving."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from befus.core.errors import Conflict, DomainError, InvalidTransition
from befus.core.models import AuditEvent, Notification
from befus.networks import services
from befus.networks.choices import (
    MemberRole,
    MembershipStatus,
    NetworkStatus,
)
from befus.networks.models import (
    Network,
    NetworkMembership,
)
from tests.accounts.factories import UserFactory
from tests.members.factories import ContactFactory, MembershipFactory, OrganisationFactory
from tests.networks.factories import (
    NetworkMembershipFactory,
)
from tests.networks.helpers import _network, _notified, _verbs


@pytest.fixture
def co_referent(network: Network, member_city: Any) -> Any:
    """A second, active referent of ``network`` who reads in Dutch."""
    person = UserFactory(email="co@example.org", profile__organisation=member_city)
    NetworkMembershipFactory(
        network=network, person=person, role=MemberRole.REGIONAL_REFERENT, active=True
    )
    return person


@pytest.fixture
def request_to_join(network: Network, professional: Any) -> NetworkMembership:
    """The professional of Ghent asks to join ``network``; their mayor has to consent."""
    return NetworkMembershipFactory(network=network, person=professional)


# request_membership


def test_a_member_professional_asks_to_join_a_recognised_network(
    network: Network, professional: Any, member_city: Any
) -> None:
    # when
    membership = services.request_membership(
        actor=professional, network=network, motivation="I work nights."
    )
    # then
    assert membership.status == MembershipStatus.AWAITING_MAYOR
    assert membership.organisation == member_city
    assert membership.role == MemberRole.MEMBER
    assert membership.motivation == "I work nights."
    event = AuditEvent.objects.get(verb="networks.membership.request")
    assert (event.actor, event.target_id) == (professional, str(network.pk))


@pytest.mark.parametrize(
    "status", [s for s in NetworkStatus.values if s != NetworkStatus.RECOGNISED]
)
def test_only_a_recognised_network_can_be_joined(
    professional: Any, proposer: Any, status: str
) -> None:
    # given
    network = _network(proposer, status)
    # when / then
    with pytest.raises(PermissionDenied):
        services.request_membership(actor=professional, network=network)
    assert network.memberships.filter(person=professional).exists() is False


@pytest.mark.parametrize("role", ["visitor", "mayor", "secretary", "board_member"])
def test_only_member_professionals_join_networks(
    request: pytest.FixtureRequest, network: Network, role: str
) -> None:
    # given
    actor = request.getfixturevalue(role)
    # when / then
    with pytest.raises(PermissionDenied):
        services.request_membership(actor=actor, network=network)
    assert network.memberships.filter(person=actor).exists() is False


def test_a_professional_of_a_city_that_left_the_forum_cannot_join(network: Network) -> None:
    # given
    former = OrganisationFactory()
    MembershipFactory(organisation=former, start=dt.date(2000, 1, 1), end=dt.date(2020, 12, 31))
    worker = UserFactory(profile__organisation=former)
    # when / then
    with pytest.raises(PermissionDenied):
        services.request_membership(actor=worker, network=network)


@pytest.mark.parametrize("first", [MembershipStatus.AWAITING_MAYOR, MembershipStatus.ACTIVE])
def test_a_second_open_request_to_join_is_a_conflict(
    network: Network, professional: Any, first: str
) -> None:
    # given
    NetworkMembershipFactory(network=network, person=professional, status=first)
    # when / then
    with pytest.raises(Conflict, match="You are already a member of this network"):
        services.request_membership(actor=professional, network=network)
    assert network.memberships.filter(person=professional).count() == 1
    assert AuditEvent.objects.filter(verb="networks.membership.request").exists() is False


@pytest.mark.parametrize("before", [MembershipStatus.LEFT, MembershipStatus.REFUSED])
def test_someone_who_left_or_was_refused_may_ask_again(
    network: Network, professional: Any, before: str
) -> None:
    # given
    NetworkMembershipFactory(network=network, person=professional, status=before)
    # when
    services.request_membership(actor=professional, network=network)
    # then
    assert network.memberships.filter(person=professional).count() == 2


def test_a_request_to_join_goes_to_the_mayor_and_the_mayors_delegate_of_the_employer(
    network: Network, professional: Any, mayor: Any, mayor_delegate: Any, other_mayor: Any
) -> None:
    # when
    services.request_membership(actor=professional, network=network)
    # then
    assert _notified("networks.consent_requested") == {
        "mayor@example.org",
        "delegate@example.org",
    }
    notification = Notification.objects.filter(kind="networks.consent_requested").first()
    assert notification is not None
    assert notification.params == {"person": str(professional), "network": "Nightlife"}
    assert notification.url == "/en/networks/consents/"


def test_a_request_to_join_is_e_mailed_to_each_mayor_in_their_language(
    network: Network,
    professional: Any,
    mayor: Any,
    mayor_delegate: Any,
    django_capture_on_commit_callbacks: Any,
    mailoutbox: list[Any],
) -> None:
    # given the mayor reads in French, the delegate in Dutch
    mayor.profile.preferred_language = "fr"
    mayor.profile.save()
    # when
    with django_capture_on_commit_callbacks(execute=True):
        services.request_membership(actor=professional, network=network)
    # then
    subjects = {mail.to[0]: mail.subject for mail in mailoutbox}
    assert set(subjects) == {"mayor@example.org", "delegate@example.org"}
    assert "demande à rejoindre le réseau «\xa0Nightlife\xa0»" in subjects["mayor@example.org"]
    assert "vraagt om toe te treden tot het netwerk “Nightlife”" in subjects["delegate@example.org"]


# consent, refuse, withdraw, leave


@pytest.mark.parametrize("role", ["mayor", "mayor_delegate"])
def test_the_mayor_or_delegate_of_the_employer_consents(
    request: pytest.FixtureRequest, request_to_join: NetworkMembership, role: str
) -> None:
    # given
    actor = request.getfixturevalue(role)
    # when
    services.consent_membership(actor=actor, membership=request_to_join)
    # then
    request_to_join.refresh_from_db()
    assert request_to_join.status == MembershipStatus.ACTIVE
    assert request_to_join.decided_by == actor
    assert request_to_join.decided_at is not None
    assert request_to_join.ended_at is None
    assert AuditEvent.objects.get(verb="networks.membership.consent").data == {
        "person_id": request_to_join.person_id,
        "status": MembershipStatus.ACTIVE,
        "reason": "",
    }


def test_a_consent_tells_the_member_and_the_networks_other_referents(
    request_to_join: NetworkMembership, mayor: Any, co_referent: Any
) -> None:
    # when
    services.consent_membership(actor=mayor, membership=request_to_join)
    # then
    assert _notified("networks.membership_decided") == {"pro@example.org"}
    assert _notified("networks.member_joined") == {"referent@example.org", "co@example.org"}
    notification = Notification.objects.get(kind="networks.membership_decided")
    assert notification.params["status"] == MembershipStatus.ACTIVE
    assert str(notification) == "Your membership of “Nightlife”: Active."


@pytest.mark.parametrize("role", ["other_mayor", "secretary", "board_member", "professional"])
def test_no_one_but_the_employers_mayor_consents(
    request: pytest.FixtureRequest, request_to_join: NetworkMembership, role: str
) -> None:
    # when / then
    with pytest.raises(PermissionDenied):
        services.consent_membership(actor=request.getfixturevalue(role), membership=request_to_join)
    request_to_join.refresh_from_db()
    assert request_to_join.status == MembershipStatus.AWAITING_MAYOR


def test_a_mayor_who_left_office_no_longer_consents(
    request_to_join: NetworkMembership, member_city: Any
) -> None:
    # given
    former = UserFactory()
    ContactFactory(
        organisation=member_city, person=former, start=dt.date(2018, 1, 1), end=dt.date(2024, 12, 1)
    )
    # when / then
    with pytest.raises(PermissionDenied):
        services.consent_membership(actor=former, membership=request_to_join)


def test_a_second_consent_is_refused_cleanly(
    request_to_join: NetworkMembership, mayor: Any, mayor_delegate: Any
) -> None:
    # given the mayor and the delegate open the request at the same time
    stale = NetworkMembership.objects.get(pk=request_to_join.pk)
    services.consent_membership(actor=mayor, membership=request_to_join)
    # when / then
    with pytest.raises(InvalidTransition, match="This membership is now “Active”"):
        services.consent_membership(actor=mayor_delegate, membership=stale)
    request_to_join.refresh_from_db()
    assert request_to_join.decided_by == mayor
    assert AuditEvent.objects.filter(verb="networks.membership.consent").count() == 1
    assert Notification.objects.filter(kind="networks.membership_decided").count() == 1


def test_a_refusal_after_a_consent_is_refused_cleanly(
    request_to_join: NetworkMembership, mayor: Any, mayor_delegate: Any
) -> None:
    # given
    stale = NetworkMembership.objects.get(pk=request_to_join.pk)
    services.consent_membership(actor=mayor, membership=request_to_join)
    # when / then
    with pytest.raises(InvalidTransition, match="This membership is now “Active”"):
        services.refuse_membership(actor=mayor_delegate, membership=stale, reason="No time.")
    request_to_join.refresh_from_db()
    assert request_to_join.status == MembershipStatus.ACTIVE


@pytest.mark.parametrize("verb", ["refuse", "withdraw", "leave"])
def test_a_second_refusal_withdrawal_or_departure_is_refused_cleanly(
    request_to_join: NetworkMembership, mayor: Any, professional: Any, verb: str
) -> None:
    # given the first refusal, withdrawal or departure went through
    if verb == "withdraw":
        services.consent_membership(actor=mayor, membership=request_to_join)
    actions: dict[str, Callable[[], Any]] = {
        "refuse": lambda: services.refuse_membership(
            actor=mayor, membership=request_to_join, reason="No time."
        ),
        "withdraw": lambda: services.withdraw_consent(
            actor=mayor, membership=request_to_join, reason="No time."
        ),
        "leave": lambda: services.leave_network(actor=professional, membership=request_to_join),
    }
    actions[verb]()
    # when / then
    with pytest.raises(InvalidTransition, match="This membership is now “"):
        actions[verb]()
    assert AuditEvent.objects.filter(verb=f"networks.membership.{verb}").count() == 1


def test_the_mayor_refuses_with_a_reason(request_to_join: NetworkMembership, mayor: Any) -> None:
    # when
    services.refuse_membership(actor=mayor, membership=request_to_join, reason="Not our policy.")
    # then
    request_to_join.refresh_from_db()
    assert request_to_join.status == MembershipStatus.REFUSED
    assert request_to_join.decision_reason == "Not our policy."
    assert request_to_join.decided_by == mayor
    assert _notified("networks.membership_decided") == {"pro@example.org"}


@pytest.mark.parametrize("verb", ["refuse", "withdraw"])
def test_a_refusal_or_withdrawal_needs_a_reason(
    request_to_join: NetworkMembership, mayor: Any, verb: str
) -> None:
    # given
    decide = services.refuse_membership if verb == "refuse" else services.withdraw_consent
    # when / then
    with pytest.raises(DomainError, match="Give the reason for the"):
        decide(actor=mayor, membership=request_to_join, reason="")
    request_to_join.refresh_from_db()
    assert request_to_join.status == MembershipStatus.AWAITING_MAYOR


def test_withdrawing_consent_ends_the_membership_and_keeps_the_row(
    request_to_join: NetworkMembership, mayor: Any
) -> None:
    # given
    services.consent_membership(actor=mayor, membership=request_to_join)
    # when
    services.withdraw_consent(actor=mayor, membership=request_to_join, reason="New priorities.")
    # then
    request_to_join.refresh_from_db()
    assert request_to_join.status == MembershipStatus.WITHDRAWN
    assert request_to_join.ended_at is not None
    assert request_to_join.decision_reason == "New priorities."
    assert request_to_join.decided_by == mayor
    assert NetworkMembership.objects.filter(pk=request_to_join.pk).exists() is True
    assert _verbs()[-1] == "networks.membership.withdraw"


def test_a_consent_not_given_cannot_be_withdrawn(
    request_to_join: NetworkMembership, mayor: Any
) -> None:
    # when / then
    with pytest.raises(InvalidTransition, match="This membership is now “Awaiting the mayor”"):
        services.withdraw_consent(actor=mayor, membership=request_to_join, reason="No.")


@pytest.mark.parametrize("status", [MembershipStatus.AWAITING_MAYOR, MembershipStatus.ACTIVE])
def test_a_member_leaves_a_network_or_withdraws_their_request(
    network: Network, professional: Any, status: str
) -> None:
    # given
    membership = NetworkMembershipFactory(network=network, person=professional, status=status)
    # when
    services.leave_network(actor=professional, membership=membership)
    # then
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.LEFT
    assert membership.ended_at is not None
    assert _notified("networks.member_joined") == {"referent@example.org"}
    assert _notified("networks.membership_decided") == set()


@pytest.mark.parametrize("role", ["referent", "mayor", "secretary"])
def test_no_one_else_makes_a_member_leave(
    request: pytest.FixtureRequest, request_to_join: NetworkMembership, role: str
) -> None:
    # when / then
    with pytest.raises(PermissionDenied):
        services.leave_network(actor=request.getfixturevalue(role), membership=request_to_join)
    request_to_join.refresh_from_db()
    assert request_to_join.status == MembershipStatus.AWAITING_MAYOR
