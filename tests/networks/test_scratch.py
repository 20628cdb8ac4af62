from __future__ import annotations
import datetime as dt
from typing import Any
import pytest
from befus.core.models import Notification
from befus.networks import services
from befus.networks.choices import MemberRole, NetworkStatus
from befus.networks.models import Network
from tests.accounts.factories import UserFactory
from tests.networks.factories import NetworkMembershipFactory, NetworkFactory, CityMandateFactory


def test_a(network: Any, secretary: Any, member_city: Any) -> None:
    other = UserFactory(profile__organisation=member_city)
    NetworkMembershipFactory(network=network, person=other, role=MemberRole.REGIONAL_REFERENT, active=True)
    print(network.name, network.name_en, network.slug, network.charter)
    services.dissolve_network(actor=secretary, network=network, reason="done")
    print(list(Notification.objects.values_list("recipient__email", "kind")))
    print(other.email)
    CityMandateFactory()
    NetworkMembershipFactory()


def test_b(visitor: Any) -> None:
    try:
        services.propose_network(actor=visitor, referent_role="local_referent", charter=None, accept_charter=True, name_nl="x", purpose_nl="y", scope="local")
    except Exception as e:
        print(repr(e))
