"""The Chairman's delegates, and the networks that answer without the Chairman's validation."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.timezone import localdate
from django.utils.translation import gettext as _

from befus.accounts.models import User
from befus.core.audit import record_event
from befus.core.errors import DomainError
from befus.core.permissions import Perm
from befus.core.permissions import require_perm as _require
from befus.interpellations.models import (
    RoutingDelegate,
    ValidationDelegation,
)
from befus.networks.models import Network

# --- delegation --------------------------------------------------------------------------------


def name_delegate(
    *, actor: User, person: User, start: dt.date | None = None, end: dt.date | None = None
) -> RoutingDelegate:
    """The Chairman names a person who routes requests in the Chairman's stead."""
    _require(actor, Perm.REQUEST_DELEGATE)
    start = start or localdate()
    if end is not None and end < start:
        raise DomainError(_("The end comes before the start."), field="end")
    if person.pk == actor.pk:
        raise DomainError(_("You route requests already."), field="person")
    with transaction.atomic():
        if RoutingDelegate.objects.current(start).filter(person=person).exists():
            raise DomainError(_("This person is already your delegate."), field="person")
        delegate = RoutingDelegate.objects.create(
            person=person, start=start, end=end, named_by=actor
        )
        record_event(
            actor=actor,
            verb="interpellations.delegate.name",
            target=person,
            data={"start": start.isoformat(), "end": end.isoformat() if end else None},
        )
    return delegate


def end_delegate(*, actor: User, delegate: RoutingDelegate) -> RoutingDelegate:
    _require(actor, Perm.REQUEST_DELEGATE)
    with transaction.atomic():
        delegate = RoutingDelegate.objects.select_for_update().get(pk=delegate.pk)
        today = localdate()
        if delegate.end is not None and delegate.end < today:
            return delegate  # already over: nothing to end
        if delegate.start >= today:
            delegate.delete()
        else:
            # A period's end day still counts: ending yesterday takes effect at once.
            delegate.end = today - dt.timedelta(days=1)
            delegate.save(update_fields=["end"])
        record_event(actor=actor, verb="interpellations.delegate.end", target=delegate.person)
    return delegate


def set_validation_delegation(*, actor: User, network: Network, delegated: bool) -> None:
    """Let (or stop letting) a network's assignees send their answers without validation."""
    _require(actor, Perm.REQUEST_DELEGATE)
    with transaction.atomic():
        if delegated:
            _grant, created = ValidationDelegation.objects.get_or_create(
                network=network, defaults={"granted_by": actor}
            )
        else:
            created = ValidationDelegation.objects.filter(network=network).delete()[0] > 0
        if created:
            record_event(
                actor=actor,
                verb="interpellations.validation.delegate"
                if delegated
                else "interpellations.validation.withdraw",
                target=network,
            )
