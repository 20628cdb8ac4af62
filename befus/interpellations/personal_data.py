"""What the requests to the networks hold about a person. Declared from
``InterpellationsConfig.ready()``.

A request the person made loses its personal data when they are erased (as after the retention
period); the answers and notes they wrote for the Forum stay with the request, under the
anonymised account. A delegation of the Chairman ends.
"""

from __future__ import annotations

from befus.accounts.models import User
from befus.core.personal_data import end_periods, holds
from befus.interpellations.models import (
    Assignment,
    Attachment,
    Entry,
    Interpellation,
    RoutingDelegate,
    ValidationDelegation,
)
from befus.interpellations.services import erase_personal_data


def _erase_requests(person: User, actor: User | None) -> None:
    for interpellation in person.interpellations.filter(erased_at__isnull=True):
        erase_personal_data(actor=None, interpellation=interpellation, reason="account_erased")


def register() -> None:
    holds(
        Interpellation,
        section="requests_made",
        own=("requester",),
        erase=_erase_requests,
        # The private tracking link's key opens the request: no one's to read in a file.
        exclude=("tracking_key",),
    )
    holds(Assignment, section="requests_passed_to_you", own=("person",), acted=("assigned_by",))
    holds(Entry, section="request_entries", own=("author",), acted=("validated_by",))
    holds(Attachment, section="request_files", acted=("uploaded_by",))
    holds(
        RoutingDelegate,
        section="chairman_delegations",
        own=("person",),
        acted=("named_by",),
        erase=lambda person, actor: end_periods(RoutingDelegate.objects.filter(person=person)),
    )
    holds(ValidationDelegation, section="validation_delegations", acted=("granted_by",))
