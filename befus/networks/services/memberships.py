"""Memberships with the mayor's consent, and a member organisation leaving the Forum."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.timezone import now as timezone_now
from django.utils.translation import gettext as _

from befus.accounts.models import User
from befus.accounts.roles import forget_roles
from befus.core.audit import record_event
from befus.core.errors import Conflict, DomainError, InvalidTransition
from befus.core.permissions import Perm
from befus.core.services import notify
from befus.members.models import Organisation
from befus.networks import selectors
from befus.networks.choices import (
    OPEN_MEMBERSHIP_STATES,
    MemberRole,
    MembershipStatus,
)
from befus.networks.models import (
    CityMandate,
    Network,
    NetworkMembership,
)
from befus.networks.services._common import (
    _member_organisation,
    _require,
    _url,
)
from befus.networks.workflows import MEMBERSHIP_FLOW


def _ask_consent(membership: NetworkMembership) -> None:
    mayors = selectors.mayors_of(membership.organisation)
    notify(
        recipients=mayors or selectors.secretariat_people(),
        kind="networks.consent_requested",
        params={"person": str(membership.person), "network": str(membership.network)},
        url=reverse("networks:consents"),
    )


def request_membership(
    *, actor: User, network: Network, motivation: str = "", role: str = MemberRole.MEMBER
) -> NetworkMembership:
    """Ask to join a recognised network; the mayor of the actor's employer decides.

    People join as members; a referent is named with the network's project, not self-declared."""
    _require(actor, Perm.NETWORK_JOIN, network)
    organisation = _member_organisation(actor)
    try:
        with transaction.atomic():
            membership = NetworkMembership.objects.create(
                network=network,
                person=actor,
                organisation=organisation,
                role=role,
                motivation=motivation,
            )
            record_event(actor=actor, verb="networks.membership.request", target=network)
            _ask_consent(membership)
    except IntegrityError as error:
        raise Conflict(
            _("You are already a member of this network, or have asked to be.")
        ) from error
    return membership


def _decide_membership(
    actor: User, membership: NetworkMembership, step: str, *, reason: str = ""
) -> NetworkMembership:
    """Take ``step`` of the membership's workflow, then tell the person and the referents."""
    decides = step in ("consent", "refuse")
    with transaction.atomic():
        membership = MEMBERSHIP_FLOW.transition(
            membership,
            step,
            actor=actor,
            changes={"decision_reason": reason, **({"decided_by": actor} if decides else {})},
            data={"reason": reason},
        )
        to = membership.status
        params = {
            "person": str(membership.person),
            "network": str(membership.network),
            "status": to,
        }
        url = _url(membership.network)
        if actor.pk != membership.person_id:
            notify(
                recipients=[membership.person],
                kind="networks.membership_decided",
                params=params,
                url=url,
            )
        notify(
            recipients=selectors.referents(membership.network, exclude=membership.person),
            kind="networks.member_joined",
            params=params,
            url=url,
        )
    forget_roles(membership.person)
    return membership


def consent_membership(*, actor: User, membership: NetworkMembership) -> NetworkMembership:
    """The mayor (or delegate) of the employer consents: the membership becomes active."""
    return _decide_membership(actor, membership, "consent")


def refuse_membership(
    *, actor: User, membership: NetworkMembership, reason: str
) -> NetworkMembership:
    if not reason.strip():
        raise DomainError(_("Give the reason for the refusal."), field="reason")
    return _decide_membership(actor, membership, "refuse", reason=reason)


def withdraw_consent(
    *, actor: User, membership: NetworkMembership, reason: str
) -> NetworkMembership:
    """The mayor withdraws consent: the membership ends today and its history stays."""
    if not reason.strip():
        raise DomainError(_("Give the reason for the withdrawal."), field="reason")
    return _decide_membership(actor, membership, "withdraw", reason=reason)


def leave_network(*, actor: User, membership: NetworkMembership) -> NetworkMembership:
    return _decide_membership(actor, membership, "leave")


def organisation_leaves(*, actor: User, organisation: Organisation, last_day: dt.date) -> int:
    """Apply an organisation's departure from the Forum to the networks; called by members.

    Its mandates still running after ``last_day`` end that day (a mandate from a non-member no
    longer carries the Forum's support), and its staff's open network memberships are flagged for
    the secretariat to review: the charter ties membership to the mayor, not to the Forum, so
    ending them is a decision for people, not for this function. Returns how many were flagged.
    """
    mandates = CityMandate.objects.filter(organisation=organisation).filter(
        Q(end__isnull=True) | Q(end__gt=last_day)
    )
    for mandate in mandates.filter(start__gt=last_day):
        mandate.delete()  # never began while the city was a member
    ended = mandates.update(end=last_day)
    flagged = NetworkMembership.objects.filter(
        organisation=organisation, status__in=OPEN_MEMBERSHIP_STATES, needs_review=False
    ).update(needs_review=True)
    if ended or flagged:
        record_event(
            actor=actor,
            verb="networks.organisation.leave",
            target=organisation,
            data={
                "mandates_ended": ended,
                "memberships_flagged": flagged,
                "last_day": last_day.isoformat(),
            },
        )
    return flagged


def resolve_flagged_membership(
    *, actor: User, membership: NetworkMembership, keep: bool
) -> NetworkMembership:
    """Decide on a membership flagged when the employer left the Forum: keep it, or end it."""
    _require(actor, Perm.NETWORK_REVIEW)
    with transaction.atomic():
        membership = NetworkMembership.objects.select_for_update().get(pk=membership.pk)
        if not membership.needs_review:
            raise InvalidTransition(_("This membership has already been reviewed."))
        membership.needs_review = False
        fields = ["needs_review"]
        if not keep and membership.status in OPEN_MEMBERSHIP_STATES:
            membership.status = MembershipStatus.LEFT
            membership.ended_at = timezone_now()
            membership.decision_reason = _("The employer left the Forum.")
            fields += ["status", "ended_at", "decision_reason"]
        membership.save(update_fields=fields)
        record_event(
            actor=actor,
            verb="networks.membership.review",
            target=membership.network,
            data={"person_id": membership.person_id, "kept": keep},
        )
    return membership
