"""What the professional networks hold about a person. Declared from ``NetworksConfig.ready()``.

Memberships are the person's; what they did for a network (proposing it, filing its reports,
recording its meetings, speaking under a mandate) is the network's history and stays, pointing to
the anonymised account.
"""

from __future__ import annotations

from django.utils.timezone import now as timezone_now

from befus.accounts.models import User
from befus.core.personal_data import holds
from befus.networks.choices import OPEN_MEMBERSHIP_STATES, MembershipStatus
from befus.networks.models import (
    ActivityReport,
    CityMandate,
    Commission,
    Meeting,
    Network,
    NetworkMembership,
    RepresentationMandate,
    Statement,
)


def _leave_every_network(person: User, actor: User | None) -> None:
    """An erased person leaves the networks they are in (or asked to join) today."""
    NetworkMembership.objects.filter(person=person, status__in=OPEN_MEMBERSHIP_STATES).update(
        status=MembershipStatus.LEFT, ended_at=timezone_now()
    )


def register() -> None:
    holds(
        NetworkMembership,
        section="network_memberships",
        own=("person",),
        acted=("decided_by",),
        erase=_leave_every_network,
    )
    holds(
        Network,
        section="networks_proposed",
        own=("proposed_by",),
        acted=("charter_accepted_by", "decided_by"),
    )
    holds(CityMandate, section="city_mandates_recorded", acted=("recorded_by",))
    holds(ActivityReport, section="network_reports", acted=("submitted_by",))
    holds(Meeting, section="network_meetings", acted=("recorded_by",))
    holds(
        RepresentationMandate,
        section="representation_mandates",
        own=("person",),
        acted=("issued_by",),
    )
    holds(Statement, section="network_statements", own=("author",))
    holds(Commission, section="commissions", acted=("requested_by", "responded_by"))
