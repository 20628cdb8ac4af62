"""Fixtures of the networks tests: a second city with its mayor, two networks with referents."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.utils import translation

from befus.members.choices import ContactRole
from befus.networks.choices import MemberRole
from befus.networks.models import Network
from tests.accounts.factories import UserFactory
from tests.members.factories import ContactFactory, MembershipFactory, OrganisationFactory
from tests.networks.factories import NetworkFactory, NetworkMembershipFactory

# The role fixtures whose holders must have a second factor to reach any page.
SECOND_FACTOR_FIXTURES = frozenset({"secretary", "board_member", "chairman"})

# Every role of the permission matrix: the shared ones and those of the networks.
NETWORK_ROLES = [
    "anonymous",
    "visitor",
    "professional",
    "mayor",
    "other_mayor",
    "board_member",
    "chairman",
    "secretary",
    "referent",
    "other_referent",
]


@pytest.fixture(autouse=True)
def _start_in_english() -> Iterator[None]:
    """Start each test in English: a request in an earlier test may leave another language on."""
    with translation.override("en"):
        yield


@pytest.fixture
def login(as_role: Callable[[str], Any], request: pytest.FixtureRequest) -> Callable[[str], Any]:
    """``as_role``, with the authenticator that board members and the secretariat must have.

    Without it they are sent to the set-up page of the authenticator, whatever page they ask for.
    """

    def client_for(role: str) -> Any:
        if role in SECOND_FACTOR_FIXTURES:
            Authenticator.objects.create(
                user=request.getfixturevalue(role), type=Authenticator.Type.TOTP, data={}
            )
        return as_role(role)

    return client_for


@pytest.fixture
def other_city(db: None) -> Any:
    """Antwerp, a member municipality other than Ghent."""
    city = OrganisationFactory(
        name_nl="Antwerpen",
        name_fr="Anvers",
        name_en="Antwerp",
        slug="antwerpen",
        nis_code="11002",
        province="antwerp",
    )
    MembershipFactory(organisation=city)
    return city


@pytest.fixture
def other_mayor(other_city: Any) -> Any:
    user = UserFactory(email="other-mayor@example.org")
    ContactFactory(organisation=other_city, person=user)
    return user


@pytest.fixture
def mayor_delegate(member_city: Any) -> Any:
    user = UserFactory(email="delegate@example.org")
    ContactFactory(organisation=member_city, person=user, role=ContactRole.MAYOR_DELEGATE)
    return user


@pytest.fixture
def referent(member_city: Any) -> Any:
    """A prevention worker of Ghent, the active local referent of ``network``."""
    return UserFactory(
        email="referent@example.org",
        first_name="Lotte",
        last_name="Aerts",
        profile__organisation=member_city,
    )


@pytest.fixture
def network(referent: Any) -> Network:
    """A recognised network of Ghent, led by ``referent``."""
    network = NetworkFactory(
        recognised=True,
        name_nl="Nachtleven",
        name_fr="Vie nocturne",
        name_en="Nightlife",
        slug="nightlife",
        proposed_by=referent,
    )
    NetworkMembershipFactory(
        network=network, person=referent, role=MemberRole.LOCAL_REFERENT, active=True
    )
    return network


@pytest.fixture
def other_referent(other_city: Any) -> Any:
    return UserFactory(email="other-referent@example.org", profile__organisation=other_city)


@pytest.fixture
def other_network(other_referent: Any) -> Network:
    """A recognised network of Antwerp, led by ``other_referent``."""
    network = NetworkFactory(
        recognised=True,
        name_nl="Schoolverzuim",
        name_fr="Décrochage scolaire",
        name_en="School drop-out",
        slug="school-drop-out",
        proposed_by=other_referent,
    )
    NetworkMembershipFactory(
        network=network, person=other_referent, role=MemberRole.LOCAL_REFERENT, active=True
    )
    return network


@pytest.fixture
def proposer(member_city: Any) -> Any:
    """Karim, a street worker of Ghent who proposes networks; he reads in French."""
    return UserFactory(
        email="karim@example.org",
        first_name="Karim",
        last_name="Benali",
        profile__organisation=member_city,
        profile__preferred_language="fr",
    )
