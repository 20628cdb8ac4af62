"""Proposing a network (the charter, its referent, the mayor's consent) and changing the
proposal while it is in the proposer's hands."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from befus.core.errors import DomainError, InvalidTransition
from befus.core.models import AuditEvent, Notification
from befus.networks import services
from befus.networks.choices import (
    MemberRole,
    MembershipStatus,
    NetworkStatus,
    Scope,
)
from befus.networks.models import (
    Charter,
    Network,
)
from befus.networks.selectors import current_charter
from tests.accounts.factories import UserFactory
from tests.members.factories import OrganisationFactory
from tests.networks.helpers import _network, _notified

OPEN_FOR_EDIT = (NetworkStatus.PROPOSED, NetworkStatus.CHANGES_REQUESTED)


def _propose(
    actor: Any, *, accept: bool = True, charter: Charter | None = None, **fields: Any
) -> Network:
    values: dict[str, Any] = {
        "original_language": "nl",
        "name_nl": "Nachtleven",
        "purpose_nl": "Samen werken aan het nachtleven.",
        "scope": Scope.LOCAL,
    }
    values.update(fields)
    return services.propose_network(
        actor=actor,
        referent_role=values.pop("referent_role", MemberRole.LOCAL_REFERENT),
        charter=charter or current_charter(),
        accept_charter=accept,
        **values,
    )


# propose_network


def test_a_member_professional_proposes_a_network_and_becomes_its_referent(
    professional: Any, member_city: Any
) -> None:
    # when
    network = _propose(professional, referent_role=MemberRole.REGIONAL_REFERENT)
    # then
    assert network.status == NetworkStatus.PROPOSED
    assert network.proposed_by == professional
    assert network.slug == "nachtleven"
    [membership] = network.memberships.all()
    assert membership.person == professional
    assert membership.organisation == member_city
    assert membership.role == MemberRole.REGIONAL_REFERENT


def test_a_proposal_records_the_accepted_charter_and_its_version(professional: Any) -> None:
    # given a second version of the charter
    current_charter()
    second = Charter.objects.create(version=2, text="Versie 2", published_on=dt.date(2027, 1, 1))
    # when
    network = _propose(professional, charter=second)
    # then
    assert network.charter == second
    assert network.charter_accepted_by == professional
    assert network.charter_accepted_at is not None
    event = AuditEvent.objects.get(verb="networks.network.propose")
    assert event.data == {"charter_version": 2, "scope": Scope.LOCAL}
    assert event.actor == professional
    assert event.target_id == str(network.pk)


def test_the_proposers_own_membership_awaits_the_mayor(professional: Any, mayor: Any) -> None:
    # when
    network = _propose(professional)
    # then
    assert network.memberships.get().status == MembershipStatus.AWAITING_MAYOR
    assert _notified("networks.consent_requested") == {"mayor@example.org"}


def test_a_proposal_is_announced_to_the_secretariat_only(
    professional: Any, secretary: Any, board_member: Any
) -> None:
    # when
    network = _propose(professional)
    # then
    assert _notified("networks.proposal") == {"secretary@example.org"}
    notification = Notification.objects.get(kind="networks.proposal")
    assert notification.params == {"network": "Nachtleven"}
    assert notification.url == f"/en/networks/{network.slug}/"


def test_a_proposal_without_accepting_the_charter_is_refused(professional: Any) -> None:
    # when
    with pytest.raises(DomainError, match="accept it to submit") as refusal:
        _propose(professional, accept=False)
    # then
    assert refusal.value.field == "accept_charter"
    assert Network.objects.exists() is False
    assert AuditEvent.objects.exists() is False


def test_a_proposal_needs_a_kind_of_referent(professional: Any) -> None:
    # when / then
    with pytest.raises(DomainError, match="Choose the kind of referent"):
        _propose(professional, referent_role=MemberRole.MEMBER)
    assert Network.objects.exists() is False


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name_nl": ""}, "Give the network a name."),
        ({"purpose_nl": ""}, "Describe the network's purpose."),
    ],
)
def test_a_proposal_needs_a_name_and_a_purpose(
    professional: Any, fields: dict[str, str], message: str
) -> None:
    # when / then
    with pytest.raises(DomainError, match=message):
        _propose(professional, **fields)
    assert Network.objects.exists() is False


def test_a_proposal_in_french_names_the_network_in_every_language(professional: Any) -> None:
    # when
    network = _propose(
        professional,
        original_language="fr",
        name_nl="",
        name_fr="Vie nocturne",
        purpose_nl="",
        purpose_fr="Travailler ensemble.",
    )
    # then
    assert (network.name_nl, network.name_fr, network.name_en) == ("Vie nocturne",) * 3
    assert network.slug == "vie-nocturne"


def test_two_proposals_with_the_same_name_get_different_addresses(professional: Any) -> None:
    # when
    first, second = _propose(professional), _propose(professional)
    # then
    assert (first.slug, second.slug) == ("nachtleven", "nachtleven-2")


def test_a_proposal_with_a_field_outside_the_project_is_a_programming_error(
    professional: Any,
) -> None:
    # when / then
    with pytest.raises(TypeError, match="unknown network fields: \\['status'\\]"):
        _propose(professional, status=NetworkStatus.RECOGNISED)


def test_a_proposal_whose_city_has_no_mayor_asks_the_secretariat_for_consent(
    professional: Any, secretary: Any
) -> None:
    # when
    _propose(professional)
    # then
    assert _notified("networks.consent_requested") == {"secretary@example.org"}


def test_a_professional_of_a_non_member_is_told_their_employer_is_not_a_member(
    db: None,
) -> None:
    # given
    outsider = UserFactory(profile__organisation=OrganisationFactory(name_en="Bruges"))
    # when / then
    with pytest.raises(DomainError, match="Bruges is not a member of the Forum today"):
        _propose(outsider)
    assert Network.objects.exists() is False


@pytest.mark.parametrize("role", ["visitor", "mayor", "secretary", "board_member"])
def test_a_person_without_an_employer_is_asked_to_name_it(
    request: pytest.FixtureRequest, role: str
) -> None:
    # given
    actor = request.getfixturevalue(role)
    # when / then
    with pytest.raises(DomainError, match="Name your employer in your profile first"):
        _propose(actor)
    assert Network.objects.exists() is False


# update_proposal


@pytest.mark.parametrize("status", OPEN_FOR_EDIT)
def test_the_proposer_changes_an_open_proposal(proposer: Any, status: str) -> None:
    # given
    network = _network(proposer, status)
    # when
    services.update_proposal(
        actor=proposer, network=network, purpose_en="Share what works at night.", themes="Noise"
    )
    # then
    network.refresh_from_db()
    assert network.purpose_en == "Share what works at night."
    assert network.themes == "Noise"
    event = AuditEvent.objects.get(verb="networks.network.update")
    assert event.data == {"fields": ["purpose_en", "themes"]}


@pytest.mark.parametrize("status", [s for s in NetworkStatus.values if s not in OPEN_FOR_EDIT])
def test_a_proposal_cannot_be_changed_once_it_is_out_of_the_proposers_hands(
    proposer: Any, status: str
) -> None:
    # given
    network = _network(proposer, status)
    # when / then
    with pytest.raises(InvalidTransition, match="This network is now “"):
        services.update_proposal(actor=proposer, network=network, themes="Noise")
    network.refresh_from_db()
    assert network.themes == ""


@pytest.mark.parametrize("role", ["professional", "secretary", "board_member"])
def test_only_the_proposer_or_a_referent_changes_a_proposal(
    request: pytest.FixtureRequest, proposer: Any, role: str
) -> None:
    # given
    network = _network(proposer, NetworkStatus.PROPOSED)
    # when / then
    with pytest.raises(PermissionDenied):
        services.update_proposal(
            actor=request.getfixturevalue(role), network=network, themes="Noise"
        )


def test_a_proposal_cannot_lose_its_name(proposer: Any) -> None:
    # given
    network = _network(proposer, NetworkStatus.PROPOSED)
    # when / then
    with pytest.raises(DomainError, match="Give the network a name"):
        services.update_proposal(
            actor=proposer, network=network, name_nl="", name_fr="", name_en=""
        )
    network.refresh_from_db()
    assert network.name_en == "Nightlife"


def test_a_proposal_cannot_change_its_own_status(proposer: Any) -> None:
    # given
    network = _network(proposer, NetworkStatus.PROPOSED)
    # when / then
    with pytest.raises(TypeError, match="unknown network fields"):
        services.update_proposal(actor=proposer, network=network, status="recognised")
    network.refresh_from_db()
    assert network.status == NetworkStatus.PROPOSED
