"""The reads on professional networks: who sees which network, the queues, the mayor's page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils.timezone import localdate
from django.utils.timezone import now as timezone_now

from befus.members.choices import BodyKind, ContactRole
from befus.networks import selectors
from befus.networks.charter_text import CHARTER_V1
from befus.networks.choices import MemberRole, MembershipStatus, NetworkStatus, Scope
from befus.networks.models import ActivityReport, Charter, Meeting, Network
from tests.accounts.factories import UserFactory
from tests.members.factories import BodyFactory, ContactFactory, SeatFactory
from tests.networks.factories import (
    CityMandateFactory,
    NetworkFactory,
    NetworkMembershipFactory,
)

PUBLIC = {NetworkStatus.RECOGNISED, NetworkStatus.SUSPENDED, NetworkStatus.DISSOLVED}


@pytest.fixture
def proposer(member_city: Any) -> Any:
    return UserFactory(email="proposer@example.org", profile__organisation=member_city)


@pytest.fixture
def one_per_state(proposer: Any) -> dict[str, Network]:
    """One network of ``proposer`` in each state, its slug the state's name."""
    return {
        state: NetworkFactory(status=state, slug=state, proposed_by=proposer)
        for state in NetworkStatus.values
    }


def _slugs(networks: Any) -> set[str]:
    return {network.slug for network in networks}


# networks_for_directory: who sees what


@pytest.mark.parametrize("role", ["anonymous", "visitor", "professional", "mayor"])
def test_the_public_sees_only_recognised_suspended_and_dissolved_networks(
    request: pytest.FixtureRequest, one_per_state: dict[str, Network], role: str
) -> None:
    # given
    user = AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)
    # when
    shown = selectors.networks_for_directory(user)
    # then
    assert _slugs(shown) == PUBLIC


def test_the_proposer_also_sees_their_own_proposals(
    one_per_state: dict[str, Network], proposer: Any
) -> None:
    # when
    shown = selectors.networks_for_directory(proposer)
    # then
    assert _slugs(shown) == set(NetworkStatus.values)


def test_a_referent_sees_the_proposal_they_take_part_in(
    one_per_state: dict[str, Network], professional: Any
) -> None:
    # given
    NetworkMembershipFactory(
        network=one_per_state[NetworkStatus.UNDER_REVIEW],
        person=professional,
        role=MemberRole.LOCAL_REFERENT,
    )
    # when
    shown = selectors.networks_for_directory(professional)
    # then
    assert _slugs(shown) == PUBLIC | {NetworkStatus.UNDER_REVIEW}


@pytest.mark.parametrize("role", ["secretary", "board_member", "chairman"])
def test_the_secretariat_and_the_board_see_every_network(
    request: pytest.FixtureRequest, one_per_state: dict[str, Network], role: str
) -> None:
    # when
    shown = selectors.networks_for_directory(request.getfixturevalue(role))
    # then
    assert _slugs(shown) == set(NetworkStatus.values)


def test_the_directory_is_in_alphabetical_order(visitor: Any) -> None:
    # given
    for name in ("Zwerfvuil", "Alcohol", "Mobiliteit"):
        NetworkFactory(recognised=True, name_en=name)
    # when
    shown = selectors.networks_for_directory(visitor)
    # then
    assert [network.name for network in shown] == ["Alcohol", "Mobiliteit", "Zwerfvuil"]


# networks_for_directory: filters


@pytest.fixture
def directory(db: None) -> None:
    NetworkFactory(
        recognised=True,
        slug="nightlife",
        name_en="Nightlife",
        name_fr="Vie nocturne",
        scope=Scope.LOCAL,
        region="flanders",
        themes="Noise\nAlcohol",
    )
    NetworkFactory(
        recognised=True,
        slug="drop-out",
        name_en="School drop-out",
        purpose_fr="Lutter contre le décrochage scolaire.",
        scope=Scope.REGIONAL,
        region="wallonia",
    )
    NetworkFactory(
        status=NetworkStatus.SUSPENDED, slug="mediation", name_en="Mediation", scope=Scope.NATIONAL
    )


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, {"nightlife", "drop-out", "mediation"}),
        ({"scope": Scope.REGIONAL}, {"drop-out"}),
        ({"status": NetworkStatus.SUSPENDED}, {"mediation"}),
        ({"region": "flanders"}, {"nightlife"}),
        ({"query": "nocturne"}, {"nightlife"}),
        ({"query": "ALCOHOL"}, {"nightlife"}),
        ({"query": "décrochage"}, {"drop-out"}),
        ({"scope": Scope.LOCAL, "region": "wallonia"}, set()),
    ],
)
def test_the_directory_filters_by_scope_status_region_and_words(
    directory: None, visitor: Any, filters: dict[str, str], expected: set[str]
) -> None:
    # when
    shown = selectors.networks_for_directory(visitor, **filters)
    # then
    assert _slugs(shown) == expected


def test_a_filter_on_a_hidden_state_shows_nothing_to_the_public(
    one_per_state: dict[str, Network], visitor: Any
) -> None:
    # when
    shown = selectors.networks_for_directory(visitor, status=NetworkStatus.PROPOSED)
    # then
    assert list(shown) == []


# networks_for_directory: counts and mandates


def test_the_directory_counts_only_active_members(network: Network, visitor: Any) -> None:
    # given the referent, two active members, one awaiting the mayor, one who left, and two
    # mandates (which must not multiply the count)
    NetworkMembershipFactory.create_batch(2, network=network, active=True)
    NetworkMembershipFactory(network=network)
    NetworkMembershipFactory(network=network, status=MembershipStatus.LEFT)
    CityMandateFactory.create_batch(2, network=network)
    # when
    listed = selectors.networks_for_directory(visitor).get(pk=network.pk)
    # then
    assert listed.active_members == 3
    assert listed.has_mandate is True


@pytest.mark.parametrize(
    ("start", "end", "supported"),
    [
        (-30, None, True),
        (0, 0, True),
        (-30, -1, False),
        (1, None, False),
    ],
)
def test_a_network_is_supported_while_a_mandate_is_in_force(
    network: Network,
    visitor: Any,
    start: int,
    end: int | None,
    supported: bool,
) -> None:
    # given
    today = localdate()
    CityMandateFactory(
        network=network,
        start=today + dt.timedelta(days=start),
        end=None if end is None else today + dt.timedelta(days=end),
    )
    # when
    listed = selectors.networks_for_directory(visitor).get(pk=network.pk)
    # then
    assert listed.has_mandate is supported


def test_a_network_without_mandate_is_not_supported(network: Network, visitor: Any) -> None:
    # when
    listed = selectors.networks_for_directory(visitor).get(pk=network.pk)
    # then
    assert listed.has_mandate is False
    assert listed.active_members == 1


# get_network_for_user and network_page


def test_a_proposal_is_not_found_by_those_who_may_not_see_it(
    one_per_state: dict[str, Network], visitor: Any
) -> None:
    # when / then
    with pytest.raises(Http404):
        selectors.get_network_for_user(visitor, NetworkStatus.PROPOSED)


def test_an_unknown_network_is_not_found(secretary: Any) -> None:
    # when / then
    with pytest.raises(Http404):
        selectors.get_network_for_user(secretary, "nowhere")


def test_the_network_page_shows_referents_visible_members_and_current_mandates(
    network: Network, referent: Any, member_city: Any, other_city: Any, professional: Any
) -> None:
    # given a referent awaiting the mayor, a member in the directory, one who is not, one
    # awaiting the mayor, and a mandate that ended
    waiting = UserFactory(last_name="Zeger", profile__organisation=member_city)
    NetworkMembershipFactory(network=network, person=waiting, role=MemberRole.NATIONAL_REFERENT)
    shown = UserFactory(profile__organisation=member_city, profile__in_directory=True)
    NetworkMembershipFactory(network=network, person=shown, active=True)
    NetworkMembershipFactory(network=network, active=True)
    NetworkMembershipFactory(network=network, person=professional)
    current = CityMandateFactory(network=network, organisation=member_city)
    CityMandateFactory(
        network=network,
        organisation=other_city,
        start=dt.date(2020, 1, 1),
        end=dt.date(2021, 1, 1),
    )
    # when
    page = selectors.network_page(network, professional)
    # then
    assert [m.person for m in page.referents] == [referent, waiting]
    assert [m.person for m in page.members] == [shown]
    assert page.hidden_members == 1
    assert page.mandates == [current]
    assert page.my_membership is not None
    assert page.my_membership.status == MembershipStatus.AWAITING_MAYOR


def test_the_network_page_has_no_membership_of_a_visitor(network: Network) -> None:
    # when
    page = selectors.network_page(network, AnonymousUser())
    # then
    assert page.my_membership is None


# memberships_for_mayor


def test_the_mayor_sees_the_pending_and_active_memberships_of_their_staff_only(
    network: Network,
    other_network: Network,
    referent: Any,
    professional: Any,
    mayor: Any,
    member_city: Any,
) -> None:
    # given Ghent staff awaiting, active, refused and gone; Antwerp staff awaiting
    awaiting = NetworkMembershipFactory(network=other_network, person=professional)
    refused = UserFactory(profile__organisation=member_city)
    NetworkMembershipFactory(network=network, person=refused, status=MembershipStatus.REFUSED)
    gone = UserFactory(profile__organisation=member_city)
    NetworkMembershipFactory(network=network, person=gone, status=MembershipStatus.WITHDRAWN)
    NetworkMembershipFactory(network=network)  # someone of another city
    # when
    memberships = selectors.memberships_for_mayor(mayor)
    # then
    assert memberships["awaiting"] == [awaiting]
    assert [m.person for m in memberships["active"]] == [referent]


def test_the_mayors_delegate_sees_the_same_as_the_mayor(
    network: Network, referent: Any, mayor_delegate: Any
) -> None:
    # when
    memberships = selectors.memberships_for_mayor(mayor_delegate)
    # then
    assert [m.person for m in memberships["active"]] == [referent]


def test_the_mayor_of_another_city_sees_none_of_ghents_staff(
    network: Network, other_mayor: Any
) -> None:
    # when
    memberships = selectors.memberships_for_mayor(other_mayor)
    # then
    assert memberships == {"awaiting": [], "active": []}


def test_a_former_mayor_sees_no_staff(network: Network, member_city: Any) -> None:
    # given
    former = UserFactory()
    ContactFactory(
        organisation=member_city, person=former, start=dt.date(2012, 1, 1), end=dt.date(2018, 12, 3)
    )
    # when
    memberships = selectors.memberships_for_mayor(former)
    # then
    assert memberships == {"awaiting": [], "active": []}


# review_queue


@pytest.fixture
def proposals(proposer: Any) -> dict[str, Network]:
    forwarded_at = timezone_now()
    return {
        "proposed": NetworkFactory(slug="proposed", proposed_by=proposer),
        "reviewed": NetworkFactory(
            slug="reviewed", status=NetworkStatus.UNDER_REVIEW, proposed_by=proposer
        ),
        "forwarded": NetworkFactory(
            slug="forwarded",
            status=NetworkStatus.UNDER_REVIEW,
            forwarded_to_board_at=forwarded_at,
            proposed_by=proposer,
        ),
        "sent-back": NetworkFactory(
            slug="sent-back",
            status=NetworkStatus.CHANGES_REQUESTED,
            forwarded_to_board_at=forwarded_at,
            proposed_by=proposer,
        ),
        "recognised": NetworkFactory(slug="recognised", recognised=True, proposed_by=proposer),
        "rejected": NetworkFactory(
            slug="rejected", status=NetworkStatus.REJECTED, proposed_by=proposer
        ),
    }


def test_the_secretariat_reviews_every_open_proposal_oldest_first(
    proposals: dict[str, Network], secretary: Any
) -> None:
    # when
    queue = selectors.review_queue(secretary)
    # then
    assert [network.slug for network in queue] == ["proposed", "reviewed", "forwarded", "sent-back"]


@pytest.mark.parametrize("role", ["board_member", "chairman"])
def test_the_board_sees_only_the_proposals_forwarded_to_it(
    request: pytest.FixtureRequest, proposals: dict[str, Network], role: str
) -> None:
    # when
    queue = selectors.review_queue(request.getfixturevalue(role))
    # then
    assert [network.slug for network in queue] == ["forwarded"]


# People to tell


def test_the_secretariat_is_the_people_holding_a_current_seat_in_it(secretary: Any) -> None:
    # given a former officer and an officer whose account is closed
    body = BodyFactory(kind=BodyKind.SECRETARIAT)
    SeatFactory(body=body, start=dt.date(2020, 1, 1), end=dt.date(2024, 12, 31))
    SeatFactory(body=body, person=UserFactory(is_active=False))
    # when
    people = selectors.secretariat_people()
    # then
    assert people == [secretary]


def test_the_mayors_of_a_city_are_its_mayor_and_delegates_in_office(
    mayor: Any, mayor_delegate: Any, member_city: Any
) -> None:
    # given a prevention contact and a former mayor
    ContactFactory(organisation=member_city, role=ContactRole.PREVENTION_CONTACT)
    ContactFactory(organisation=member_city, start=dt.date(2012, 1, 1), end=dt.date(2018, 12, 3))
    # when
    people = selectors.mayors_of(member_city)
    # then
    assert set(people) == {mayor, mayor_delegate}


def test_the_people_of_a_proposal_are_its_proposer_and_open_referents(
    network: Network, referent: Any, member_city: Any
) -> None:
    # given a member, a referent who left and a referent awaiting the mayor
    NetworkMembershipFactory(network=network, active=True)
    NetworkMembershipFactory(
        network=network, role=MemberRole.LOCAL_REFERENT, status=MembershipStatus.LEFT
    )
    waiting = UserFactory(profile__organisation=member_city)
    NetworkMembershipFactory(network=network, person=waiting, role=MemberRole.LOCAL_REFERENT)
    # when
    people = selectors.proposal_people(network)
    # then
    assert set(people) == {referent, waiting}


# Charter, mandates, meetings, reports


def test_the_shipped_charter_comes_back_when_the_table_was_emptied(db: None) -> None:
    # given
    Charter.objects.all().delete()
    # when
    charter = selectors.current_charter()
    # then
    assert charter.version == 1
    assert (charter.text_nl, charter.text_fr, charter.text_en) == (
        CHARTER_V1["nl"],
        CHARTER_V1["fr"],
        CHARTER_V1["en"],
    )


def test_the_current_charter_is_the_latest_version(db: None) -> None:
    # given
    selectors.current_charter()
    Charter.objects.create(version=2, text="v2", published_on=dt.date(2027, 1, 1))
    # when / then
    assert selectors.current_charter().version == 2


def test_the_secretariat_records_mandates_for_every_member_city(
    secretary: Any, member_city: Any, other_city: Any
) -> None:
    # when
    cities = selectors.mandate_organisations(secretary)
    # then
    assert set(cities) == {member_city, other_city}


def test_a_mayor_records_mandates_for_their_own_city_only(
    mayor: Any, member_city: Any, other_city: Any
) -> None:
    # when
    cities = selectors.mandate_organisations(mayor)
    # then
    assert list(cities) == [member_city]


@pytest.fixture
def meetings(network: Network, referent: Any) -> dict[str, Meeting]:
    return {
        "inside": Meeting.objects.create(
            network=network, date=dt.date(2025, 5, 6), agenda="Noise", recorded_by=referent
        ),
        "shared": Meeting.objects.create(
            network=network,
            date=dt.date(2025, 4, 1),
            agenda="Alcohol",
            recorded_by=referent,
            shared_with_secretariat=True,
        ),
    }


@pytest.mark.parametrize(
    ("role", "seen"),
    [
        ("referent", ["inside", "shared"]),
        ("secretary", ["shared"]),
        ("board_member", []),
        ("professional", []),
        ("other_referent", []),
    ],
)
def test_members_see_every_meeting_and_the_secretariat_the_shared_ones(
    request: pytest.FixtureRequest,
    network: Network,
    meetings: dict[str, Meeting],
    role: str,
    seen: list[str],
) -> None:
    # when
    shown = selectors.meetings_for(network, request.getfixturevalue(role))
    # then
    assert shown == [meetings[name] for name in seen]


def test_an_active_member_sees_the_meetings_of_the_network(
    network: Network, meetings: dict[str, Meeting], professional: Any
) -> None:
    # given
    NetworkMembershipFactory(network=network, person=professional, active=True)
    # when
    shown = selectors.meetings_for(network, professional)
    # then
    assert shown == [meetings["inside"], meetings["shared"]]


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2025, 1, 31), 1, dt.date(2025, 2, 28)),
        (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),
        (dt.date(2025, 11, 15), 3, dt.date(2026, 2, 15)),
        (dt.date(2025, 3, 31), -1, dt.date(2025, 2, 28)),
    ],
)
def test_months_are_added_within_the_target_month(
    day: dt.date, months: int, expected: dt.date
) -> None:
    # when / then
    assert selectors.add_months(day, months) == expected


def test_a_report_is_due_one_period_after_the_last_one(network: Network, referent: Any) -> None:
    # given the network was recognised on 1 March 2025 and reported until 30 April
    ActivityReport.objects.create(
        network=network,
        period_start=dt.date(2025, 3, 1),
        period_end=dt.date(2025, 4, 30),
        summary="Two meetings.",
        submitted_by=referent,
    )
    never = NetworkFactory(recognised=True, decision_date=dt.date(2025, 6, 15))
    NetworkFactory(status=NetworkStatus.SUSPENDED)
    # when
    schedule = selectors.report_schedule()
    # then
    assert [(item.network, item.due) for item in schedule] == [
        (network, dt.date(2025, 7, 30)),
        (never, dt.date(2025, 9, 15)),
    ]
    assert schedule[0].last_period_end == dt.date(2025, 4, 30)
    assert schedule[1].last_period_end is None
    assert schedule[0].days_late == max(0, (localdate() - dt.date(2025, 7, 30)).days)
