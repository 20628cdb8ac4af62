"""The requests' section of a person's home (``befus.core.home``)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from befus.core.home import HomeLink, HomeSection, register_home_section
from befus.core.types import Visitor


def register() -> None:
    register_home_section(
        HomeSection(
            "requests",
            _("Requests to the networks"),
            order=30,
            links=_links,
            text=_(
                "Ask the networks a question through the Chairman, and follow the requests you "
                "made or that were passed on to you."
            ),
        )
    )


def _links(person: Visitor) -> list[HomeLink]:
    if not person.is_authenticated:
        return []
    return [
        HomeLink(_("Your requests"), reverse("interpellations:mine")),
        HomeLink(_("Ask the networks"), reverse("interpellations:new")),
    ]
