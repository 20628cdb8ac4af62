"""What the tests of the network services share: a network in a given state, who was notified,
and the audit trail in order."""

from __future__ import annotations

from typing import Any

from befus.core.models import AuditEvent, Notification
from befus.networks.choices import MemberRole
from befus.networks.models import Network
from tests.networks.factories import NetworkFactory, NetworkMembershipFactory


def _network(proposer: Any, status: str, **fields: Any) -> Network:
    """A network in ``status`` whose proposer is its local referent, awaiting the mayor."""
    network = NetworkFactory(status=status, proposed_by=proposer, name_en="Nightlife", **fields)
    NetworkMembershipFactory(network=network, person=proposer, role=MemberRole.LOCAL_REFERENT)
    return network


def _notified(kind: str) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient__email", flat=True))


def _verbs() -> list[str]:
    return list(AuditEvent.objects.order_by("id").values_list("verb", flat=True))
