"""The mandates a member city gives a network, and the support they lend it."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils.timezone import localdate

from befus.core.errors import DomainError
from befus.core.models import AuditEvent
from befus.networks import services
from befus.networks.models import (
    CityMandate,
    Network,
)
from befus.networks.selectors import get_network_for_user, networks_for_directory
from tests.members.factories import MembershipFactory, OrganisationFactory

# record_city_mandate


def _mandate(actor: Any, network: Network, organisation: Any, **dates: Any) -> CityMandate:
    return services.record_city_mandate(
        actor=actor,
        network=network,
        organisation=organisation,
        scope="Work on nightlife nuisance.",
        start=dates.get("start", dt.date(2025, 1, 1)),
        end=dates.get("end"),
    )


@pytest.mark.parametrize("role", ["mayor", "mayor_delegate"])
def test_the_mayor_records_a_mandate_of_their_own_city(
    request: pytest.FixtureRequest, network: Network, member_city: Any, role: str
) -> None:
    # given
    actor = request.getfixturevalue(role)
    # when
    mandate = _mandate(actor, network, member_city, end=dt.date(2026, 12, 31))
    # then
    assert (mandate.network, mandate.organisation, mandate.recorded_by) == (
        network,
        member_city,
        actor,
    )
    assert AuditEvent.objects.get(verb="networks.mandate.record").data == {
        "organisation_id": member_city.pk,
        "start": "2025-01-01",
        "end": "2026-12-31",
    }


def test_a_mayor_cannot_record_a_mandate_of_another_city(
    network: Network, mayor: Any, other_city: Any
) -> None:
    # when / then
    with pytest.raises(PermissionDenied):
        _mandate(mayor, network, other_city)
    assert CityMandate.objects.exists() is False


@pytest.mark.parametrize("city", ["member_city", "other_city"])
def test_the_secretariat_records_a_mandate_of_any_member_city(
    request: pytest.FixtureRequest, network: Network, secretary: Any, city: str
) -> None:
    # when
    mandate = _mandate(secretary, network, request.getfixturevalue(city))
    # then
    assert mandate.end is None
    assert mandate.recorded_by == secretary


@pytest.mark.parametrize("role", ["professional", "referent", "board_member", "chairman"])
def test_no_one_else_records_a_mandate(
    request: pytest.FixtureRequest, network: Network, member_city: Any, role: str
) -> None:
    # when / then
    with pytest.raises(PermissionDenied):
        _mandate(request.getfixturevalue(role), network, member_city)
    assert CityMandate.objects.exists() is False


def test_a_mandate_of_a_city_that_is_not_a_member_is_refused(
    network: Network, secretary: Any
) -> None:
    # given
    bruges = OrganisationFactory(name_nl="Brugge", name_en="Bruges")
    # when / then
    with pytest.raises(DomainError, match="Bruges is not a member of the Forum on that date"):
        _mandate(secretary, network, bruges)
    assert CityMandate.objects.exists() is False


def test_a_mandate_that_ends_before_it_starts_is_refused(
    network: Network, secretary: Any, member_city: Any
) -> None:
    # when / then
    with pytest.raises(
        DomainError, match="The end date cannot be before the start date"
    ) as refusal:
        _mandate(
            secretary, network, member_city, start=dt.date(2025, 6, 1), end=dt.date(2025, 5, 31)
        )
    assert refusal.value.field == "end"
    assert CityMandate.objects.exists() is False


def test_a_mandate_recorded_after_the_city_left_does_not_support_the_network(
    network: Network, visitor: Any, secretary: Any
) -> None:
    # given Bruges was a member until the end of 2024
    bruges = OrganisationFactory(name_en="Bruges")
    MembershipFactory(organisation=bruges, start=dt.date(2010, 1, 1), end=dt.date(2024, 12, 31))
    # when the secretariat records the mandate Bruges signed in 2024, open-ended
    with contextlib.suppress(DomainError):
        _mandate(secretary, network, bruges, start=dt.date(2024, 6, 1))
    # then
    assert networks_for_directory(visitor).get(pk=network.pk).has_mandate is False


@pytest.mark.parametrize(("days", "supported"), [(-1, False), (0, True), (1, True)])
def test_a_mandate_supports_the_network_up_to_its_last_day(
    network: Network, visitor: Any, secretary: Any, member_city: Any, days: int, supported: bool
) -> None:
    # given a mandate ending yesterday, today or tomorrow
    _mandate(secretary, network, member_city, end=localdate() + dt.timedelta(days=days))
    # when
    listed = networks_for_directory(visitor).get(pk=network.pk)
    shown = get_network_for_user(visitor, network.slug)
    # then
    assert listed.has_mandate is supported
    assert shown.has_mandate is supported
