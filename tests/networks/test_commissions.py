"""The Forum calls upon a network; the network accepts or declines, then reports."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from befus.core.errors import DomainError, InvalidTransition
from befus.core.models import Notification
from befus.networks import selectors, services
from befus.networks.models import Commission, Network


def _call(actor: Any, network: Network) -> Commission:
    return services.request_commission(
        actor=actor,
        network=network,
        title="Minors and administrative sanctions",
        description="Prepare a position for the Board.",
    )


def test_the_forum_calls_upon_a_network_and_its_referents_are_told(
    secretary: Any, referent: Any, network: Network
) -> None:
    commission = _call(secretary, network)
    assert commission.status == "requested"
    assert Notification.objects.filter(recipient=referent, kind="networks.commission").exists()


@pytest.mark.parametrize("role", ["professional", "mayor", "referent", "visitor"])
def test_only_the_board_or_secretariat_calls_upon_a_network(
    request: pytest.FixtureRequest, network: Network, role: str
) -> None:
    with pytest.raises(PermissionDenied):
        _call(request.getfixturevalue(role), network)


def test_a_network_that_is_not_recognised_cannot_be_called_upon(
    secretary: Any, network: Network
) -> None:
    network.status = "suspended"
    network.save(update_fields=["status"])
    with pytest.raises(DomainError, match="recognised"):
        _call(secretary, network)


def test_referent_accepts_then_reports_and_the_year_shows_it(
    secretary: Any, referent: Any, network: Network
) -> None:
    commission = _call(secretary, network)
    services.accept_commission(actor=referent, commission=commission, response="We take it up.")
    done = services.complete_commission(actor=referent, commission=commission, result="A paper.")
    assert done.status == "completed"
    answers = Notification.objects.filter(kind="networks.commission_answer", recipient=secretary)
    assert answers.count() == 2
    year = selectors.network_year(network, done.requested_at.year)
    assert [c.result for c in year.commissions] == ["A paper."]


def test_declining_needs_a_reason_and_a_second_answer_is_refused(
    secretary: Any, referent: Any, network: Network
) -> None:
    commission = _call(secretary, network)
    with pytest.raises(DomainError, match="declines"):
        services.decline_commission(actor=referent, commission=commission, response=" ")
    services.decline_commission(actor=referent, commission=commission, response="No capacity.")
    with pytest.raises(InvalidTransition):
        services.accept_commission(actor=referent, commission=commission)


def test_a_referent_of_another_network_cannot_answer(
    secretary: Any, other_referent: Any, network: Network
) -> None:
    commission = _call(secretary, network)
    with pytest.raises(PermissionDenied):
        services.accept_commission(actor=other_referent, commission=commission)


def test_commission_page_lets_the_referent_answer(
    secretary: Any, referent: Any, network: Network, client: Any
) -> None:
    commission = _call(secretary, network)
    client.force_login(referent)
    page = client.get(f"/fr/networks/commissions/{commission.pk}/")
    assert page.status_code == 200
    assert page.context["can_respond"] is True
    client.post(f"/fr/networks/commissions/{commission.pk}/", {"answer": "accept", "response": ""})
    commission.refresh_from_db()
    assert commission.status == "accepted"


@pytest.mark.parametrize(("role", "status"), [("professional", 404), ("secretary", 200)])
def test_commission_page_is_for_the_network_and_the_forum(
    login: Any, secretary: Any, network: Network, role: str, status: int
) -> None:
    commission = _call(secretary, network)
    assert login(role).get(f"/en/networks/commissions/{commission.pk}/").status_code == status
