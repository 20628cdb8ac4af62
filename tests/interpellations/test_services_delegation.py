"""Delegations: the networks that answer without the Chairman's validation, and the
delegate who routes requests in the Chairman's stead."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils.timezone import localdate

from befus.core.errors import DomainError
from befus.core.models import AuditEvent
from befus.interpellations import selectors, services
from befus.interpellations.choices import EntryKind, Status
from befus.interpellations.models import Interpellation, RoutingDelegate, ValidationDelegation
from befus.networks.models import Network
from tests.interpellations.helpers import ROUTE, VIEW, _fresh, _reload
from tests.networks.factories import NetworkFactory

# set_validation_delegation


def test_with_delegated_validation_an_assignee_answers_directly(
    forwarded: Interpellation, chairman: Any, referent: Any, network: Network
) -> None:
    # given
    services.set_validation_delegation(actor=chairman, network=network, delegated=True)
    # when
    answer = services.propose_answer(
        actor=referent, interpellation=forwarded, body="Straight from the network."
    )
    # then
    request = _reload(forwarded)
    assert request.status == Status.ANSWERED
    assert (answer.kind, answer.validated_by, answer.network) == (
        EntryKind.ANSWER,
        referent,
        network,
    )
    assert [e.body for e in selectors.request_page(request, public_only=True).entries] == [
        "Straight from the network."
    ]


def test_withdrawn_delegation_brings_back_the_validation(
    forwarded: Interpellation, chairman: Any, referent: Any, network: Network
) -> None:
    # given
    services.set_validation_delegation(actor=chairman, network=network, delegated=True)
    services.set_validation_delegation(actor=chairman, network=network, delegated=False)
    # when
    entry = services.propose_answer(actor=referent, interpellation=forwarded, body="Draft.")
    # then
    assert entry.kind == EntryKind.DRAFT
    assert _reload(forwarded).status == Status.IN_PROGRESS
    verbs = list(
        AuditEvent.objects.filter(verb__startswith="interpellations.validation")
        .order_by("id")
        .values_list("verb", flat=True)
    )
    assert verbs == ["interpellations.validation.delegate", "interpellations.validation.withdraw"]


def test_delegated_validation_of_another_network_does_not_count(
    forwarded: Interpellation, chairman: Any, referent: Any
) -> None:
    # given
    services.set_validation_delegation(
        actor=chairman, network=NetworkFactory(recognised=True), delegated=True
    )
    # when
    entry = services.propose_answer(actor=referent, interpellation=forwarded, body="Draft.")
    # then
    assert entry.kind == EntryKind.DRAFT


@pytest.mark.parametrize("role", ["delegate", "secretary", "referent"])
def test_only_the_chairman_delegates_validation(
    request: pytest.FixtureRequest, network: Network, referent: Any, role: str
) -> None:
    # when / then
    with pytest.raises(PermissionDenied):
        services.set_validation_delegation(
            actor=request.getfixturevalue(role), network=network, delegated=True
        )
    assert ValidationDelegation.objects.exists() is False


# name_delegate, end_delegate


@pytest.mark.parametrize("role", ["secretary", "board_member", "referent"])
def test_only_the_chairman_names_a_delegate(
    request: pytest.FixtureRequest, professional: Any, role: str
) -> None:
    # when / then
    with pytest.raises(PermissionDenied):
        services.name_delegate(actor=request.getfixturevalue(role), person=professional)
    assert RoutingDelegate.objects.exists() is False
    assert _fresh(professional).has_perm(ROUTE) is False


def test_a_delegate_routes_requests_while_the_delegation_lasts(
    chairman: Any, professional: Any, outsider_request: Interpellation
) -> None:
    # when
    delegation = services.name_delegate(actor=chairman, person=professional)
    # then
    assert delegation.start == localdate()
    person = _fresh(professional)
    assert person.has_perm(ROUTE) is True
    assert person.has_perm(VIEW, outsider_request) is True
    assert person.has_perm("interpellations:delegation:manage") is False
    assert professional in selectors.routers()


def test_a_delegation_that_starts_later_does_not_route_yet(
    chairman: Any, professional: Any
) -> None:
    # when
    services.name_delegate(
        actor=chairman, person=professional, start=localdate() + dt.timedelta(days=7)
    )
    # then
    assert _fresh(professional).has_perm(ROUTE) is False
    assert professional not in selectors.routers()


def test_a_delegation_that_ended_routes_no_more(chairman: Any, professional: Any) -> None:
    # when
    services.name_delegate(
        actor=chairman,
        person=professional,
        start=localdate() - dt.timedelta(days=30),
        end=localdate() - dt.timedelta(days=1),
    )
    # then
    assert _fresh(professional).has_perm(ROUTE) is False


def test_ending_a_delegation_not_begun_removes_it(chairman: Any, professional: Any) -> None:
    # given
    delegation = services.name_delegate(
        actor=chairman, person=professional, start=localdate() + dt.timedelta(days=7)
    )
    # when
    services.end_delegate(actor=chairman, delegate=delegation)
    # then
    assert RoutingDelegate.objects.exists() is False


def test_ending_a_current_delegation_keeps_it_in_the_record(
    chairman: Any, professional: Any
) -> None:
    # given
    delegation = services.name_delegate(
        actor=chairman, person=professional, start=localdate() - dt.timedelta(days=10)
    )
    # when
    ended = services.end_delegate(actor=chairman, delegate=delegation)
    # then it ends yesterday (the end day still counts), and stays in the record
    assert ended.end == localdate() - dt.timedelta(days=1)
    assert RoutingDelegate.objects.get().person == professional
    assert AuditEvent.objects.filter(verb="interpellations.delegate.end").count() == 1


def test_an_ended_delegate_routes_no_more_at_once(chairman: Any, professional: Any) -> None:
    # given
    delegation = services.name_delegate(
        actor=chairman, person=professional, start=localdate() - dt.timedelta(days=10)
    )
    # when
    services.end_delegate(actor=chairman, delegate=delegation)
    # then
    assert _fresh(professional).has_perm(ROUTE) is False
    assert professional not in selectors.routers()


def test_ending_a_finished_delegation_does_not_revive_it(chairman: Any, professional: Any) -> None:
    # given a delegation that ended last month
    delegation = services.name_delegate(
        actor=chairman,
        person=professional,
        start=localdate() - dt.timedelta(days=90),
        end=localdate() - dt.timedelta(days=30),
    )
    # when
    services.end_delegate(actor=chairman, delegate=delegation)
    # then
    assert _fresh(professional).has_perm(ROUTE) is False


@pytest.mark.parametrize("role", ["delegate", "secretary"])
def test_only_the_chairman_ends_a_delegation(
    request: pytest.FixtureRequest, chairman: Any, professional: Any, role: str
) -> None:
    # given
    delegation = services.name_delegate(actor=chairman, person=professional)
    # when / then
    with pytest.raises(PermissionDenied):
        services.end_delegate(actor=request.getfixturevalue(role), delegate=delegation)
    delegation.refresh_from_db()
    assert delegation.end is None


@pytest.mark.parametrize(
    ("person", "start", "end", "message"),
    [
        ("chairman", None, None, "You route requests already."),
        ("professional", dt.date(2026, 6, 1), dt.date(2026, 5, 1), "The end comes before"),
    ],
)
def test_a_delegation_that_makes_no_sense_is_refused(
    request: pytest.FixtureRequest,
    chairman: Any,
    person: str,
    start: dt.date | None,
    end: dt.date | None,
    message: str,
) -> None:
    # when / then
    with pytest.raises(DomainError, match=message):
        services.name_delegate(
            actor=chairman, person=request.getfixturevalue(person), start=start, end=end
        )
    assert RoutingDelegate.objects.exists() is False


def test_the_same_person_cannot_be_named_twice_at_once(chairman: Any, professional: Any) -> None:
    # given
    services.name_delegate(actor=chairman, person=professional)
    # when / then
    with pytest.raises(DomainError, match="already your delegate"):
        services.name_delegate(actor=chairman, person=professional)
    assert RoutingDelegate.objects.count() == 1
