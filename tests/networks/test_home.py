"""The networks' sections of a person's home: a mayor's consents, the secretariat's proposals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse

from befus.networks.models import Network
from tests.accounts.factories import UserFactory
from tests.networks.factories import NetworkFactory, NetworkMembershipFactory


def _home(client: Any) -> str:
    return client.get(reverse("accounts:dashboard")).content.decode()


def test_a_mayor_is_told_of_the_consent_waiting_for_them(
    login: Callable[[str], Any], mayor: Any, member_city: Any, network: Network
) -> None:
    # given a professional of the mayor's city asks to join a network
    NetworkMembershipFactory(
        network=network,
        person=UserFactory(profile__organisation=member_city),
        organisation=member_city,
    )
    # when the mayor opens their home
    html = _home(login("mayor"))
    # then it leads to the consent, counted and marked
    consents = reverse("networks:consents")
    assert (
        f'<a href="{consents}">Consents waiting for you</a> <span class="badge badge-warn">1'
        in (html)
    )


def test_the_secretariat_is_told_of_the_proposals_and_a_professional_is_not(
    login: Callable[[str], Any], secretary: Any, professional: Any
) -> None:
    # given a proposed network
    NetworkFactory()
    # then the secretariat's home leads to it, and a professional's home does not mention it
    queue = reverse("networks:review-queue")
    assert f'<a href="{queue}">Proposals to review</a> <span class="badge badge-warn">1' in (
        _home(login("secretary"))
    )
    assert "Proposals to review" not in _home(login("professional"))
