"""The networks' sections of a person's home (``befus.core.home``): proposals and late reports
for the secretariat and the Board, consents waiting for a mayor."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from befus.accounts.models import User
from befus.core.home import HomeLink, HomeSection, register_home_section
from befus.core.permissions import Perm
from befus.core.types import Visitor
from befus.networks import selectors


def register() -> None:
    register_home_section(
        HomeSection("networks-decide", _("Professional networks"), order=20, links=_to_decide)
    )
    register_home_section(
        HomeSection(
            "networks-consents",
            _("Your staff in networks"),
            order=15,
            links=_consents,
            text=_("Your staff join a network only with your consent."),
        )
    )


def _to_decide(person: Visitor) -> list[HomeLink]:
    if not isinstance(person, User):
        return []
    links = []
    if person.has_perm(Perm.NETWORK_DECIDE):
        waiting = selectors.review_queue(person).count()
        links.append(
            HomeLink(
                _("Proposals to review"),
                reverse("networks:review-queue"),
                waiting,
                urgent=bool(waiting),
            )
        )
    if person.has_perm(Perm.NETWORK_REVIEW):
        late = sum(1 for due in selectors.report_schedule() if due.days_late)
        links.append(HomeLink(_("Late activity reports"), reverse("networks:reports"), late))
    return links


def _consents(person: Visitor) -> list[HomeLink]:
    if not isinstance(person, User) or not person.has_perm(Perm.NETWORK_CONSENTS_VIEW):
        return []
    awaiting = len(selectors.memberships_for_mayor(person)["awaiting"])
    return [
        HomeLink(
            _("Consents waiting for you"),
            reverse("networks:consents"),
            awaiting,
            urgent=bool(awaiting),
        )
    ]
