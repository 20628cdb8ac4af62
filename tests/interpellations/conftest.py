"""Fixtures of the requests tests: a recognised network with a referent, an outsider's request."""

from __future__ import annotations

from typing import Any

import pytest

from befus.interpellations import services
from befus.interpellations.models import Interpellation
from befus.networks.choices import MemberRole
from befus.networks.models import Network
from tests.accounts.factories import UserFactory
from tests.networks.conftest import (  # noqa: F401  (fixtures shared with the networks tests)
    _start_in_english,
    login,
)
from tests.networks.factories import NetworkFactory, NetworkMembershipFactory


@pytest.fixture
def network(member_city: Any) -> Network:
    return NetworkFactory(
        recognised=True, name_en="Street workers", name_nl="Straathoekwerkers", slug="street"
    )


@pytest.fixture
def referent(network: Network, member_city: Any) -> Any:
    person = UserFactory(email="referent@example.org", profile__organisation=member_city)
    NetworkMembershipFactory(
        network=network,
        person=person,
        organisation=member_city,
        role=MemberRole.NATIONAL_REFERENT,
        active=True,
    )
    return person


@pytest.fixture
def outsider_request(network: Network, chairman: Any) -> Interpellation:
    return services.submit_request(
        requester=None,
        subject="Nightlife safety",
        message="How do your cities organise street work at night?",
        language="fr",
        networks=[network],
        requester_kind="press",
        name="Claire Journaliste",
        organisation="Le Soir",
        email="claire@example.org",
        consent=True,
    )
