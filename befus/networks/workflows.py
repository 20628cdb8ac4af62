"""The workflows of the networks (seed 000): a network from its proposal to its dissolution, a
person's membership with the mayor's consent, a call of the Forum upon a network. The graphs are
in ``choices.py``; here, the rule each step needs and what a move records."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.timezone import now as timezone_now
from django.utils.translation import gettext_lazy as _

from befus.core.permissions import Perm
from befus.core.workflow import Workflow
from befus.networks.choices import (
    COMMISSION_TRANSITIONS,
    MEMBERSHIP_TRANSITIONS,
    TRANSITIONS,
    MembershipStatus,
)
from befus.networks.models import Commission, Network, NetworkMembership

NETWORK_FLOW: Workflow[Network] = Workflow(
    model=Network,
    steps=TRANSITIONS,
    rules={
        "resubmit": Perm.NETWORK_EDIT_PROPOSAL,
        "start_review": Perm.NETWORK_REVIEW,
        "request_changes": Perm.NETWORK_REVIEW,
        "forward_to_board": Perm.NETWORK_REVIEW,
        "recognise": Perm.NETWORK_DECIDE,
        "reject": Perm.NETWORK_DECIDE,
        "suspend": Perm.NETWORK_DECIDE,
        "reinstate": Perm.NETWORK_DECIDE,
        "dissolve": Perm.NETWORK_DECIDE,
    },
    verb_prefix="networks.network",
    moved=_("This network is now “%(status)s”: someone may have decided before you."),
    conditions={"forward_to_board": lambda network: network.forwarded_to_board_at is None},
)


def _stamp_membership(
    membership: NetworkMembership, previous: str, target: str | None
) -> Iterable[str]:
    """The mayor's decision is dated and signed; an end is dated."""
    if target in (MembershipStatus.ACTIVE, MembershipStatus.REFUSED):
        membership.decided_at = timezone_now()
        yield "decided_at"
    if target in (MembershipStatus.WITHDRAWN, MembershipStatus.LEFT):
        membership.ended_at = timezone_now()
        yield "ended_at"


def _membership_event(membership: NetworkMembership) -> dict[str, Any]:
    return {"person_id": membership.person_id}


MEMBERSHIP_FLOW: Workflow[NetworkMembership] = Workflow(
    model=NetworkMembership,
    steps=MEMBERSHIP_TRANSITIONS,
    rules={
        "consent": Perm.NETWORK_MEMBERSHIP_CONSENT,
        "refuse": Perm.NETWORK_MEMBERSHIP_CONSENT,
        "withdraw": Perm.NETWORK_MEMBERSHIP_CONSENT,
        "leave": Perm.NETWORK_MEMBERSHIP_LEAVE,
    },
    verb_prefix="networks.membership",
    moved=_("This membership is now “%(status)s”: someone may have decided before you."),
    related=("network", "person"),
    stamp=_stamp_membership,
    audit_target=lambda membership: membership.network,
    audit_data=_membership_event,
)

COMMISSION_FLOW: Workflow[Commission] = Workflow(
    model=Commission,
    steps=COMMISSION_TRANSITIONS,
    rules=dict.fromkeys(COMMISSION_TRANSITIONS, Perm.COMMISSION_RESPOND),
    verb_prefix="networks.commission",
    moved=_("This call is now “%(status)s”: someone may have answered before you."),
    related=("network",),
    audit_target=lambda commission: commission.network,
    audit_data=lambda commission: {"commission_id": commission.pk},
)
