"""The register's section of a person's home (``befus.core.home``): people who say they work
for the organisation a mayor or delegate speaks for, waiting for confirmation."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from befus.accounts.models import User
from befus.core.home import HomeLink, HomeSection, register_home_section
from befus.core.permissions import Perm
from befus.core.types import Visitor
from befus.members import selectors


def register() -> None:
    register_home_section(
        HomeSection("affiliations", _("Who works for us"), order=16, links=_affiliations)
    )


def _affiliations(person: Visitor) -> list[HomeLink]:
    if not isinstance(person, User) or not person.has_perm(Perm.AFFILIATIONS_VIEW):
        return []
    waiting = selectors.affiliations_to_decide(person).count()
    return [
        HomeLink(
            _("People waiting for confirmation"),
            reverse("members:affiliations"),
            waiting,
            urgent=bool(waiting),
        )
    ]
