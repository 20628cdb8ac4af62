"""Helpers shared by the network services."""

from __future__ import annotations

from typing import TypedDict

from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from befus.accounts.models import User
from befus.core.errors import DomainError
from befus.core.permissions import require_perm
from befus.members.models import Membership, Organisation
from befus.networks.models import (
    Network,
)


class ProposalFields(TypedDict, total=False):
    """What a proposer fills in; ``topics`` are ids of nodes of the thematic tree."""

    name_nl: str
    name_fr: str
    name_en: str
    purpose_nl: str
    purpose_fr: str
    purpose_en: str
    original_language: str
    scope: str
    region: str
    themes: str
    expected_members: str
    expected_cities: str
    working_method: str
    topics: list[int]


PROPOSAL_FIELDS = ProposalFields.__optional_keys__


_require = require_perm  # the name the network services use


def _url(network: Network) -> str:
    return reverse("networks:network-detail", kwargs={"slug": network.slug})


def _unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "network"
    slug, n = base, 2
    while Network.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _member_organisation(person: User) -> Organisation:
    """The member municipality or institution that employs ``person``, or a clear refusal."""
    profile = getattr(person, "profile", None)
    organisation = getattr(profile, "organisation", None)
    if profile is None or organisation is None:
        raise DomainError(_("Name your employer in your profile first."))
    if not profile.is_confirmed_member:
        raise DomainError(
            _("%(name)s has not confirmed yet that you work there.") % {"name": organisation}
        )
    if not Membership.objects.current().filter(organisation=organisation).exists():
        raise DomainError(
            _("%(name)s is not a member of the Forum today.") % {"name": organisation}
        )
    return organisation


def _apply_proposal(network: Network, fields: ProposalFields) -> list[int] | None:
    """Set a proposal's fields; returns the topic ids to set once the network is saved."""
    unknown = set(fields) - PROPOSAL_FIELDS
    if unknown:
        raise TypeError(f"unknown network fields: {sorted(unknown)}")
    topics = fields.get("topics")
    for name, value in fields.items():
        if name != "topics":
            setattr(network, name, value)
    official = getattr(network, f"name_{network.original_language}", "") or network.name_nl
    official = official or network.name_fr or network.name_en
    if not official:
        raise DomainError(_("Give the network a name."), field="name_nl")
    for language in ("nl", "fr", "en"):
        if not getattr(network, f"name_{language}"):
            setattr(network, f"name_{language}", official)
    if not (network.purpose_nl or network.purpose_fr or network.purpose_en):
        raise DomainError(_("Describe the network's purpose."), field="purpose_nl")
    return list(topics) if topics is not None else None
