"""The requests' offer on a recognised network's page (``befus.networks.offers``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from befus.networks.choices import NetworkStatus
from befus.networks.models import Network
from befus.networks.offers import NetworkOffer, register_network_offer


def register() -> None:
    register_network_offer(_ask_this_network)


def _ask_this_network(network: Network) -> NetworkOffer | None:
    if network.status != NetworkStatus.RECOGNISED:
        return None
    return NetworkOffer(
        text=_(
            "A question for this network? Every request reaches the Chairman of the Forum first, "
            "who passes it on."
        ),
        label=_("Ask this network"),
        url=f"{reverse('interpellations:new')}?{urlencode({'network': network.slug})}",
    )
