"""A municipality that leaves the Forum: its mandates end, its staff's memberships are flagged."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils.timezone import localdate

from befus.members import services as members
from befus.members.models import Membership
from befus.networks import services as networks
from befus.networks.choices import MembershipStatus, NetworkStatus
from befus.networks.models import CityMandate, Network, NetworkMembership
from befus.networks.selectors import current_charter, networks_for_directory
from tests.accounts.factories import UserFactory


@pytest.fixture
def network(member_city: Any, professional: Any) -> Network:
    return Network.objects.create(
        slug="street-workers",
        name_en="Street workers",
        name_nl="Straathoekwerkers",
        name_fr="Travailleurs de rue",
        purpose_en="Outreach.",
        scope="national",
        status=NetworkStatus.RECOGNISED,
        proposed_by=professional,
        charter=current_charter(),
        charter_accepted_by=professional,
        charter_accepted_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
    )


def test_leaving_ends_mandates_and_flags_memberships_without_deleting(
    secretary: Any, member_city: Any, professional: Any, network: Network
) -> None:
    # given a mandate from Gent and an active member employed by Gent
    mandate = CityMandate.objects.create(
        network=network, organisation=member_city, scope="All of it", start=dt.date(2025, 1, 1)
    )
    membership = NetworkMembership.objects.create(
        network=network,
        person=professional,
        organisation=member_city,
        status=MembershipStatus.ACTIVE,
    )
    last_day = localdate()
    # when Gent leaves the Forum today
    members.end_membership(
        actor=secretary, membership=Membership.objects.get(organisation=member_city), end=last_day
    )
    # then the mandate ends that day, the membership stays active but is flagged, nothing is gone
    mandate.refresh_from_db()
    membership.refresh_from_db()
    assert mandate.end == last_day
    assert membership.status == MembershipStatus.ACTIVE
    assert membership.needs_review is True
    # and from tomorrow the network no longer counts as mandated
    tomorrow = last_day + dt.timedelta(days=1)
    assert CityMandate.objects.current(tomorrow).filter(network=network).exists() is False


def test_secretariat_ends_or_keeps_a_flagged_membership(
    secretary: Any, member_city: Any, network: Network
) -> None:
    # given two flagged memberships
    kept, ended = (
        NetworkMembership.objects.create(
            network=network,
            person=UserFactory(),
            organisation=member_city,
            status=MembershipStatus.ACTIVE,
            needs_review=True,
        )
        for _ in range(2)
    )
    # when the secretariat keeps one and ends the other
    networks.resolve_flagged_membership(actor=secretary, membership=kept, keep=True)
    networks.resolve_flagged_membership(actor=secretary, membership=ended, keep=False)
    # then
    kept.refresh_from_db()
    ended.refresh_from_db()
    assert (kept.status, kept.needs_review) == (MembershipStatus.ACTIVE, False)
    assert (ended.status, ended.needs_review) == (MembershipStatus.LEFT, False)
    assert ended.ended_at is not None


def test_only_the_secretariat_resolves_flagged_memberships(
    board_member: Any, member_city: Any, network: Network
) -> None:
    from django.core.exceptions import PermissionDenied

    flagged = NetworkMembership.objects.create(
        network=network,
        person=UserFactory(),
        organisation=member_city,
        status=MembershipStatus.ACTIVE,
        needs_review=True,
    )
    with pytest.raises(PermissionDenied):
        networks.resolve_flagged_membership(actor=board_member, membership=flagged, keep=False)


def test_network_directory_marks_mandate_expiry_without_any_job(
    visitor: Any, member_city: Any, network: Network
) -> None:
    # given a mandate that ended yesterday
    CityMandate.objects.create(
        network=network,
        organisation=member_city,
        scope="x",
        start=dt.date(2024, 1, 1),
        end=localdate() - dt.timedelta(days=1),
    )
    # then the directory says the network has no mandate in force
    [listed] = networks_for_directory(visitor)
    assert listed.has_mandate is False
