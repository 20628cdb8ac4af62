"""Commissions: the Forum calls upon a network, which answers and reports."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils.timezone import now as timezone_now
from django.utils.translation import gettext as _

from befus.accounts.models import User
from befus.core.audit import record_event
from befus.core.errors import DomainError
from befus.core.permissions import Perm
from befus.core.services import notify
from befus.networks import selectors
from befus.networks.choices import (
    NetworkStatus,
)
from befus.networks.models import (
    Commission,
    Network,
)
from befus.networks.services._common import (
    _require,
)
from befus.networks.workflows import COMMISSION_FLOW


def request_commission(
    *,
    actor: User,
    network: Network,
    title: str,
    description: str,
    due_date: dt.date | None = None,
) -> Commission:
    """The Forum calls upon a recognised network for a problem, a phenomenon or a reflection."""
    _require(actor, Perm.COMMISSION_REQUEST)
    if network.status != NetworkStatus.RECOGNISED:
        raise DomainError(_("Only a recognised network can be called upon."))
    with transaction.atomic():
        commission = Commission.objects.create(
            network=network,
            title=title,
            description=description,
            due_date=due_date,
            requested_by=actor,
        )
        record_event(
            actor=actor,
            verb="networks.commission.request",
            target=network,
            data={"commission_id": commission.pk, "title": title},
        )
        notify(
            recipients=selectors.referents(network),
            kind="networks.commission",
            params={"network": str(network), "title": title},
            url=reverse("networks:commission-detail", kwargs={"pk": commission.pk}),
        )
    return commission


def _move_commission(
    actor: User, commission: Commission, verb: str, **changes: object
) -> Commission:
    """Take ``verb`` of the call's workflow; the secretariat and the one who asked are told."""
    with transaction.atomic():
        commission = COMMISSION_FLOW.transition(commission, verb, actor=actor, changes=changes)
        target = commission.status
        notify(
            recipients=[*selectors.secretariat_people(), commission.requested_by],
            kind="networks.commission_answer",
            params={
                "network": str(commission.network),
                "title": commission.title,
                "status": target,
            },
            url=reverse("networks:commission-detail", kwargs={"pk": commission.pk}),
        )
    return commission


def accept_commission(*, actor: User, commission: Commission, response: str = "") -> Commission:
    return _move_commission(
        actor,
        commission,
        "accept",
        response=response,
        responded_by=actor,
        responded_at=timezone_now(),
    )


def decline_commission(*, actor: User, commission: Commission, response: str) -> Commission:
    if not response.strip():
        raise DomainError(_("Say why the network declines."), field="response")
    return _move_commission(
        actor,
        commission,
        "decline",
        response=response,
        responded_by=actor,
        responded_at=timezone_now(),
    )


def complete_commission(*, actor: User, commission: Commission, result: str) -> Commission:
    """Report the result of an accepted call; it then counts in the network's year."""
    if not result.strip():
        raise DomainError(_("Describe the result."), field="result")
    return _move_commission(
        actor, commission, "complete", result=result, completed_at=timezone_now()
    )
