"""The requests' sections of a person's home (``befus.core.home``): the Chairman's and the
delegate's inbox by urgency, what was passed on to a person, and their own requests."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from befus.accounts.models import User
from befus.core.home import HomeLink, HomeSection, register_home_section
from befus.core.permissions import Perm
from befus.core.types import Visitor
from befus.interpellations import selectors


def register() -> None:
    register_home_section(
        HomeSection(
            "requests-inbox",
            _("Requests to route"),
            order=10,
            links=_inbox_links,
            text=_("Every request to a network reaches you first: the most urgent come first."),
        )
    )
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


def _inbox_links(person: Visitor) -> list[HomeLink]:
    if not person.has_perm(Perm.REQUEST_ROUTE):
        return []
    counts = selectors.inbox_counts()
    inbox = reverse("interpellations:inbox")
    return [
        HomeLink(_("Overdue"), f"{inbox}?view=overdue", counts["overdue"], urgent=True),
        HomeLink(_("New"), f"{inbox}?view=new", counts["new"], urgent=bool(counts["new"])),
        HomeLink(
            _("Draft answers to validate"),
            f"{inbox}?view={selectors.DRAFTS_VIEW}",
            counts["drafts"],
            urgent=bool(counts["drafts"]),
        ),
        HomeLink(_("Waiting for the networks"), f"{inbox}?view=waiting", counts["waiting"]),
    ]


def _links(person: Visitor) -> list[HomeLink]:
    if not isinstance(person, User):  # an anonymous visitor has no home
        return []
    mine = reverse("interpellations:mine")
    passed_on = selectors.open_passed_on_to(person)
    links = [HomeLink(_("Your requests"), mine)]
    if passed_on:
        links.insert(0, HomeLink(_("Passed on to you, open"), mine, passed_on, urgent=True))
    return [*links, HomeLink(_("Ask the networks"), reverse("interpellations:new"))]
