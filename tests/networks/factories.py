"""Factories of the networks tests: networks, memberships of people in them, city mandates."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from django.utils.timezone import now as timezone_now

from befus.networks.choices import (
    DecisionBody,
    MemberRole,
    MembershipStatus,
    NetworkStatus,
    Scope,
)
from befus.networks.models import CityMandate, Network, NetworkMembership
from befus.networks.selectors import current_charter
from tests.accounts.factories import UserFactory
from tests.members.factories import MembershipFactory, OrganisationFactory


class NetworkFactory(factory.django.DjangoModelFactory):
    """A proposal by default; ``recognised=True`` gives a network the secretariat recognised."""

    class Meta:
        model = Network

    class Params:
        recognised = factory.Trait(
            status=NetworkStatus.RECOGNISED,
            decision_body=DecisionBody.SECRETARIAT,
            decided_at=factory.LazyFunction(timezone_now),
            decision_date=dt.date(2025, 3, 1),
            decision_motivation="Meets the charter.",
        )

    name_nl = factory.Sequence(lambda n: f"Netwerk {n}")
    name_fr = factory.Sequence(lambda n: f"Réseau {n}")
    name_en = factory.Sequence(lambda n: f"Network {n}")
    slug = factory.Sequence(lambda n: f"network-{n}")
    purpose_nl = "Samen nadenken over de praktijk."
    purpose_fr = "Réfléchir ensemble à la pratique."
    purpose_en = "Reflect together on the practice."
    scope = Scope.LOCAL
    status = NetworkStatus.PROPOSED
    proposed_by = factory.SubFactory(UserFactory)
    charter = factory.LazyFunction(current_charter)
    charter_accepted_by = factory.SelfAttribute("proposed_by")
    charter_accepted_at = factory.LazyFunction(timezone_now)


def _employer(membership: Any) -> Any:
    """The person's employer from their profile, or a new member municipality."""
    organisation = membership.person.profile.organisation
    if organisation is None:
        organisation = MembershipFactory().organisation
    return organisation


class NetworkMembershipFactory(factory.django.DjangoModelFactory):
    """A request to join a recognised network; ``active=True`` once the mayor consented."""

    class Meta:
        model = NetworkMembership

    class Params:
        active = factory.Trait(
            status=MembershipStatus.ACTIVE, decided_at=factory.LazyFunction(timezone_now)
        )

    network = factory.SubFactory(NetworkFactory, recognised=True)
    person = factory.SubFactory(UserFactory)
    organisation = factory.LazyAttribute(_employer)
    role = MemberRole.MEMBER
    status = MembershipStatus.AWAITING_MAYOR


class CityMandateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CityMandate

    network = factory.SubFactory(NetworkFactory, recognised=True)
    organisation = factory.SubFactory(OrganisationFactory)
    scope = "Work on nightlife nuisance for the city."
    start = dt.date(2025, 1, 1)
    end = None
