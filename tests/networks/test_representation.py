"""Prior written mandates (both directions) and the statements published under them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils.timezone import localdate

from befus.core.errors import DomainError
from befus.networks import selectors, services
from befus.networks.models import Network, RepresentationMandate, Statement

TODAY = localdate()


def _mandate(actor: Any, network: Network, **overrides: Any) -> RepresentationMandate:
    values: dict[str, Any] = {
        "direction": "forum_to_network",
        "subject": "Nightlife safety",
        "valid_from": TODAY - dt.timedelta(days=10),
        "valid_until": TODAY + dt.timedelta(days=10),
    }
    values.update(overrides)
    return services.issue_representation_mandate(actor=actor, network=network, **values)


@pytest.mark.parametrize("role", ["secretary", "board_member", "chairman"])
def test_the_forum_mandates_a_network_through_its_board_chairman_or_secretariat(
    request: pytest.FixtureRequest, network: Network, role: str
) -> None:
    mandate = _mandate(request.getfixturevalue(role), network)
    assert mandate in selectors.representation_register(current_only=True)


@pytest.mark.parametrize("role", ["professional", "mayor", "referent", "visitor"])
def test_others_cannot_give_the_forums_mandate(
    request: pytest.FixtureRequest, network: Network, role: str
) -> None:
    with pytest.raises(PermissionDenied):
        _mandate(request.getfixturevalue(role), network)
    assert RepresentationMandate.objects.count() == 0


def test_a_referent_records_the_networks_mandate_to_the_forum(
    referent: Any, network: Network
) -> None:
    mandate = _mandate(referent, network, direction="network_to_forum")
    assert mandate.issued_by == referent


def test_a_mandate_ending_before_it_starts_is_refused(secretary: Any, network: Network) -> None:
    with pytest.raises(DomainError, match="end date"):
        _mandate(secretary, network, valid_until=TODAY - dt.timedelta(days=30))
    assert RepresentationMandate.objects.count() == 0


def test_only_an_active_member_can_be_mandated_personally(
    secretary: Any, network: Network, professional: Any
) -> None:
    with pytest.raises(DomainError, match="active member"):
        _mandate(secretary, network, person=professional)


def test_a_statement_needs_a_forum_mandate_in_force_today(
    secretary: Any, referent: Any, network: Network
) -> None:
    # given an expired mandate and one of the network to the Forum
    expired = _mandate(
        secretary,
        network,
        valid_from=TODAY - dt.timedelta(days=60),
        valid_until=TODAY - dt.timedelta(days=1),
    )
    reverse = _mandate(referent, network, direction="network_to_forum")
    # then neither lets the network publish in the Forum's name
    for mandate in (expired, reverse):
        with pytest.raises(DomainError, match="prior written mandate"):
            services.publish_statement(
                actor=referent,
                network=network,
                mandate=mandate,
                title="t",
                body="b",
                language="nl",
            )
    assert Statement.objects.count() == 0
    # when a valid mandate exists, the statement is published and names it
    valid = _mandate(secretary, network)
    statement = services.publish_statement(
        actor=referent,
        network=network,
        mandate=valid,
        title="Standpunt",
        body="Tekst",
        language="nl",
    )
    assert statement.mandate == valid
    assert list(selectors.usable_mandates(network, referent)) == [valid]


def test_a_personal_mandate_serves_only_its_holder(
    secretary: Any, referent: Any, network: Network
) -> None:
    from tests.networks.factories import NetworkMembershipFactory

    other = NetworkMembershipFactory(network=network, role="local_referent", active=True).person
    personal = _mandate(secretary, network, person=other)
    with pytest.raises(DomainError):
        services.publish_statement(
            actor=referent, network=network, mandate=personal, title="t", body="b", language="fr"
        )


def test_network_page_shows_the_statement_with_its_mandate(
    secretary: Any, referent: Any, network: Network, client: Any
) -> None:
    mandate = _mandate(secretary, network, subject="Vie nocturne")
    services.publish_statement(
        actor=referent,
        network=network,
        mandate=mandate,
        title="Notre position",
        body="Texte",
        language="fr",
    )
    html = client.get("/en/networks/nightlife/").content.decode()
    assert '<article class="card" lang="fr">' in html
    assert "Notre position" in html
    assert "Vie nocturne" in html


def test_statement_form_without_a_mandate_explains_why(
    referent: Any, network: Network, client: Any
) -> None:
    client.force_login(referent)
    response = client.get("/en/networks/nightlife/statements/new/")
    assert response.status_code == 200
    assert response.context["has_mandate"] is False


@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 302), ("visitor", 403), ("professional", 200)]
)
def test_register_is_for_people_of_the_forum(
    as_role: Any, network: Network, role: str, status: int
) -> None:
    assert as_role(role).get("/en/networks/mandates/").status_code == status
