"""What other apps offer on a network's page (e.g. the requests app: "Ask this network").

The networks app names no app above it; those register an offer in their ``ready()``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

from befus.networks.models import Network


@dataclass(frozen=True)
class NetworkOffer:
    text: str | Promise
    label: str | Promise
    url: str


OFFERS: list[Callable[[Network], NetworkOffer | None]] = []


def register_network_offer(offer: Callable[[Network], NetworkOffer | None]) -> None:
    OFFERS.append(offer)


def offers_for(network: Network) -> list[NetworkOffer]:
    return [found for offer in OFFERS if (found := offer(network)) is not None]
