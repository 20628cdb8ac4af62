"""The figures on the requests: the statistics of a period, and the requests a network
handled in a year."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.timezone import localdate

from befus.interpellations import selectors, services
from befus.interpellations.choices import RequesterKind
from befus.interpellations.models import Interpellation
from befus.networks.choices import MemberRole
from befus.networks.models import Network
from tests.accounts.factories import UserFactory
from tests.interpellations.helpers import _submit
from tests.networks.factories import NetworkFactory, NetworkMembershipFactory

# statistics_since, handled_by_network


def _at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T09:00:00+00:00")


def test_statistics_count_the_requests_per_network_kind_status_and_month(
    chairman: Any, network: Network, referent: Any
) -> None:
    # given three requests of 2025 and one of 2024
    other = NetworkFactory(recognised=True, name_en="Nightlife")
    on_time = _submit([network], requester_kind=RequesterKind.PRESS)
    services.forward_request(actor=chairman, interpellation=on_time, networks=[network])
    services.answer_request(actor=chairman, interpellation=on_time, body="Answer.")
    late = _submit([network, other], requester_kind=RequesterKind.CITIZEN)
    services.answer_request(actor=chairman, interpellation=late, body="Answer.")
    waiting = _submit(requester_kind=RequesterKind.CITIZEN)
    older = _submit([other], requester_kind=RequesterKind.RESEARCH)
    dates = {
        on_time: ("2025-03-03", "2025-03-05", "2025-03-24"),
        late: ("2025-03-20", "2025-03-30", "2025-03-25"),
        waiting: ("2025-04-02", None, "2025-04-23"),
        older: ("2024-12-15", None, "2025-01-08"),
    }
    for request, (received, answered, due) in dates.items():
        Interpellation.objects.filter(pk=request.pk).update(
            received_at=_at(received),
            answered_at=_at(answered) if answered else None,
            due_date=dt.date.fromisoformat(due),
        )
    # when
    figures = selectors.statistics_since(dt.date(2025, 1, 1))
    # then
    assert (figures.total, figures.open, figures.overdue) == (3, 1, 1)
    assert (figures.answered, figures.answered_in_time) == (2, 1)
    assert figures.median_days_to_answer == 6.0
    assert figures.by_kind == [("Citizen", 2), ("Journalist", 1)]
    assert figures.by_status == [("Answered", 2), ("Received", 1)]
    assert figures.by_month == [(dt.date(2025, 3, 1), 2), (dt.date(2025, 4, 1), 1)]
    assert [(row["pk"], row["addressed"], row["handled"]) for row in figures.by_network] == [
        (network.pk, 2, 1),
        (other.pk, 1, 0),
    ]


def test_statistics_of_a_quiet_period_are_empty(chairman: Any) -> None:
    # given a request of 2024
    Interpellation.objects.filter(pk=_submit().pk).update(received_at=_at("2024-06-03"))
    # when
    figures = selectors.statistics_since(dt.date(2025, 1, 1))
    # then
    assert (figures.total, figures.answered, figures.median_days_to_answer) == (0, 0, None)
    assert (figures.by_network, figures.by_kind, figures.by_month) == ([], [], [])


def test_the_general_assembly_lists_the_requests_a_network_handled_in_a_year(
    forwarded: Interpellation, chairman: Any, network: Network, referent: Any
) -> None:
    # given a second referent, so that the request is passed on to two people of the network,
    # and a request passed on to another network
    co = UserFactory()
    NetworkMembershipFactory(
        network=network, person=co, role=MemberRole.REGIONAL_REFERENT, active=True
    )
    services.forward_request(actor=chairman, interpellation=forwarded, people=[co])
    other_network = NetworkFactory(recognised=True)
    stranger = UserFactory()
    NetworkMembershipFactory(network=other_network, person=stranger, active=True)
    elsewhere = _submit([other_network])
    services.forward_request(actor=chairman, interpellation=elsewhere, people=[stranger])
    year = localdate().year
    # when / then
    assert selectors.handled_by_network(network, year) == [forwarded]
    assert selectors.handled_by_network(network, year - 1) == []
    assert selectors.handled_by_network(other_network, year) == [elsewhere]


def test_a_request_counts_in_the_year_it_was_passed_on(
    forwarded: Interpellation, network: Network
) -> None:
    # given a request passed on in June 2025
    forwarded.assignments.update(assigned_at=_at("2025-06-02"))
    # when / then
    assert selectors.handled_by_network(network, 2025) == [forwarded]
    assert selectors.handled_by_network(network, localdate().year) == []
