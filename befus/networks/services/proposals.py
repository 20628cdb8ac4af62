"""Proposals of networks and the decisions on them (recognise, reject, suspend, ...)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Unpack

from django.db import transaction
from django.utils.timezone import localdate
from django.utils.timezone import now as timezone_now
from django.utils.translation import gettext as _

from befus.accounts.models import User
from befus.accounts.roles import Role, roles_for
from befus.core.audit import record_event
from befus.core.errors import DomainError, InvalidTransition
from befus.core.permissions import Perm
from befus.core.services import notify
from befus.networks import selectors
from befus.networks.choices import (
    OPEN_MEMBERSHIP_STATES,
    REFERENT_ROLES,
    DecisionBody,
    MembershipStatus,
    NetworkStatus,
)
from befus.networks.models import (
    Charter,
    Network,
    NetworkMembership,
)
from befus.networks.services._common import (
    ProposalFields,
    _apply_proposal,
    _member_organisation,
    _require,
    _unique_slug,
    _url,
)
from befus.networks.services.memberships import _ask_consent
from befus.networks.workflows import NETWORK_FLOW


def propose_network(
    *,
    actor: User,
    referent_role: str,
    charter: Charter,
    accept_charter: bool,
    **fields: Unpack[ProposalFields],
) -> Network:
    """Submit the project of a new network; the proposer becomes its first referent.

    The charter must be accepted explicitly; the acceptance records its version. The proposer's
    own membership awaits the consent of their mayor like anyone's.
    """
    # The employer is checked first: its refusal says what to do, a bare 403 would not.
    organisation = _member_organisation(actor)
    _require(actor, Perm.NETWORK_PROPOSE)
    if not accept_charter:
        raise DomainError(
            _("A network commits to the charter: accept it to submit."), field="accept_charter"
        )
    if referent_role not in REFERENT_ROLES:
        raise DomainError(_("Choose the kind of referent you will be."), field="referent_role")
    with transaction.atomic():
        network = Network(
            proposed_by=actor,
            charter=charter,
            charter_accepted_by=actor,
            charter_accepted_at=timezone_now(),
        )
        topics = _apply_proposal(network, fields)
        network.slug = _unique_slug(
            getattr(network, f"name_{network.original_language}", "") or network.name_nl
        )
        network.save()
        if topics is not None:
            network.topics.set(topics)
        membership = NetworkMembership.objects.create(
            network=network, person=actor, organisation=organisation, role=referent_role
        )
        record_event(
            actor=actor,
            verb="networks.network.propose",
            target=network,
            data={"charter_version": charter.version, "scope": network.scope},
        )
        notify(
            recipients=selectors.secretariat_people(),
            kind="networks.proposal",
            params={"network": str(network)},
            url=_url(network),
        )
        _ask_consent(membership)
    return network


def update_proposal(*, actor: User, network: Network, **fields: Unpack[ProposalFields]) -> Network:
    """Change a proposal while it is proposed or sent back for changes."""
    with transaction.atomic():
        network = Network.objects.select_for_update().get(pk=network.pk)
        _require(actor, Perm.NETWORK_EDIT_PROPOSAL, network)
        if network.status not in (NetworkStatus.PROPOSED, NetworkStatus.CHANGES_REQUESTED):
            raise InvalidTransition(
                _("This network is now “%(status)s”: someone may have decided before you.")
                % {"status": network.get_status_display()}
            )
        changed = _changed_fields(network, fields)
        topics = _apply_proposal(network, fields)
        network.save()
        if topics is not None:
            network.topics.set(topics)
        record_event(
            actor=actor, verb="networks.network.update", target=network, data={"fields": changed}
        )
    return network


def _changed_fields(network: Network, fields: ProposalFields) -> list[str]:
    """The names of the fields ``fields`` changes, for the audit trail (topics by their ids)."""
    current_topics = sorted(network.topics.values_list("pk", flat=True))
    changed = {
        name
        for name, value in fields.items()
        if name != "topics" and getattr(network, name) != value
    }
    if "topics" in fields and sorted(fields["topics"]) != current_topics:
        changed.add("topics")
    return sorted(changed)


def _transition(
    actor: User,
    network: Network,
    verb: str,
    *,
    data: Mapping[str, object] | None = None,
    **changes: object,
) -> Network:
    """Take ``verb`` of the network's workflow (``befus.networks.workflows``)."""
    return NETWORK_FLOW.transition(network, verb, actor=actor, changes=changes, data=data)


def resubmit_network(*, actor: User, network: Network) -> Network:
    """Send a proposal back to the secretariat after making the changes asked."""
    with transaction.atomic():
        network = _transition(actor, network, "resubmit")
        notify(
            recipients=selectors.secretariat_people(),
            kind="networks.proposal",
            params={"network": str(network)},
            url=_url(network),
        )
    return network


def start_review(*, actor: User, network: Network) -> Network:
    with transaction.atomic():
        return _transition(actor, network, "start_review")


def request_changes(*, actor: User, network: Network, comment: str) -> Network:
    """Send a proposal back to its referents with what to change (the comment is required)."""
    if not comment.strip():
        raise DomainError(_("Say what should change."), field="comment")
    with transaction.atomic():
        network = _transition(actor, network, "request_changes", data={"comment": comment})
        notify(
            recipients=selectors.proposal_people(network),
            kind="networks.changes_requested",
            params={"network": str(network), "comment": comment},
            url=_url(network),
        )
    return network


def forward_to_board(*, actor: User, network: Network) -> Network:
    """Put a proposal under review on the Board's table; board members are told."""
    with transaction.atomic():
        locked = Network.objects.select_for_update().get(pk=network.pk)
        if locked.forwarded_to_board_at is not None:
            raise InvalidTransition(_("This proposal is already on the Board's table."))
        network = _transition(
            actor,
            network,
            "forward_to_board",
            forwarded_to_board_at=timezone_now(),
        )
        notify(
            recipients=selectors.board_people(),
            kind="networks.forwarded",
            params={"network": str(network)},
            url=_url(network),
        )
    return network


def _decide(
    actor: User,
    network: Network,
    verb: str,
    *,
    body: str,
    decision_date: dt.date,
    motivation: str,
    reference: str = "",
) -> Network:
    if not motivation.strip():
        raise DomainError(_("A decision is motivated: give the reason."), field="motivation")
    if body not in DecisionBody.values:
        raise DomainError(_("Say which body decided."), field="body")
    if body == DecisionBody.SECRETARIAT and Role.SECRETARIAT not in roles_for(actor):
        raise DomainError(_("Only the secretariat records its own decisions."), field="body")
    if decision_date > localdate():
        raise DomainError(_("A decision cannot be dated in the future."), field="decision_date")
    with transaction.atomic():
        concerned = selectors.proposal_people(network)
        network = _transition(
            actor,
            network,
            verb,
            data={
                "body": body,
                "date": decision_date.isoformat(),
                "reference": reference,
                "motivation": motivation,
            },
            decision_body=body,
            decided_by=actor,
            decided_at=timezone_now(),
            decision_date=decision_date,
            decision_reference=reference,
            decision_motivation=motivation,
        )
        if network.status == NetworkStatus.REJECTED:
            # A rejected proposal asks no mayor for consent any more.
            _end_open_memberships(network, motivation)
        notify(
            recipients=concerned,
            kind="networks.decision",
            params={"network": str(network), "status": network.status},
            url=_url(network),
        )
    return network


def recognise_network(
    *,
    actor: User,
    network: Network,
    body: str,
    decision_date: dt.date,
    motivation: str,
    reference: str = "",
) -> Network:
    """Recognise a network, by decision of the Board or of the secretariat (seed 000)."""
    return _decide(
        actor,
        network,
        "recognise",
        body=body,
        decision_date=decision_date,
        motivation=motivation,
        reference=reference,
    )


def reject_network(
    *,
    actor: User,
    network: Network,
    body: str,
    decision_date: dt.date,
    motivation: str,
    reference: str = "",
) -> Network:
    return _decide(
        actor,
        network,
        "reject",
        body=body,
        decision_date=decision_date,
        motivation=motivation,
        reference=reference,
    )


def _status_change(actor: User, network: Network, verb: str, reason: str) -> Network:
    if not reason.strip():
        raise DomainError(_("Give the reason."), field="reason")
    with transaction.atomic():
        # Whom to tell is read before a dissolution ends the referents' memberships.
        concerned = selectors.proposal_people(network)
        network = _transition(actor, network, verb, data={"reason": reason})
        if network.status == NetworkStatus.DISSOLVED:
            _end_open_memberships(network, reason)
        notify(
            recipients=concerned,
            kind="networks.decision",
            params={"network": str(network), "status": network.status},
            url=_url(network),
        )
    return network


def _end_open_memberships(network: Network, reason: str) -> None:
    """End the awaiting and active memberships of a network that ends; their rows stay."""
    now = timezone_now()
    for membership in network.memberships.select_for_update().filter(
        status__in=OPEN_MEMBERSHIP_STATES
    ):
        membership.status = MembershipStatus.LEFT
        membership.ended_at = now
        membership.decision_reason = reason
        membership.save(update_fields=["status", "ended_at", "decision_reason"])


def suspend_network(*, actor: User, network: Network, reason: str) -> Network:
    return _status_change(actor, network, "suspend", reason)


def reinstate_network(*, actor: User, network: Network, reason: str) -> Network:
    return _status_change(actor, network, "reinstate", reason)


def dissolve_network(*, actor: User, network: Network, reason: str) -> Network:
    """Dissolve a network; its open memberships end, its history stays."""
    return _status_change(actor, network, "dissolve", reason)
