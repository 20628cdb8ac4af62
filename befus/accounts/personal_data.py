"""What the accounts app, and the login library it configures, hold about a person.

Declared in ``befus.core.personal_data`` from ``AccountsConfig.ready()``: the export
(``/me/my-data.json``) and the erasure read these declarations.
"""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import LogEntry

from befus.accounts.models import ErasureRequest, Profile
from befus.core.personal_data import Erase, holds


def _email_addresses(person: Any) -> list[dict[str, Any]]:
    return [
        {"email": e.email, "verified": e.verified, "primary": e.primary}
        for e in EmailAddress.objects.filter(user=person).order_by("pk")
    ]


def _second_factors(person: Any) -> list[Any]:
    # The kind only: an authenticator's secret is no one's to read in a file.
    return [a.type for a in Authenticator.objects.filter(user=person).order_by("pk")]


def _erasure_requests(person: Any) -> list[dict[str, Any]]:
    own = [
        {"status": r.status, "requested_at": r.requested_at.isoformat()}
        for r in ErasureRequest.objects.filter(user=person).order_by("requested_at")
    ]
    handled = [
        {"handled_for_someone_else": True, "status": r.status, "at": r.decided_at.isoformat()}
        for r in ErasureRequest.objects.filter(decided_by=person)
        .exclude(user=person)
        .order_by("decided_at")
        if r.decided_at
    ]
    return own + handled


def _affiliations_decided(person: Any) -> list[dict[str, Any]]:
    """The affiliations the person confirmed or declined (their own profile is in "profile")."""
    decided = (
        Profile.objects.filter(affiliation_decided_by=person)
        .exclude(user=person)
        .select_related("organisation")
    )
    return [
        {
            "organisation": str(p.organisation) if p.organisation else None,
            "decision": p.affiliation_status,
            "at": p.affiliation_decided_at.isoformat() if p.affiliation_decided_at else None,
        }
        for p in decided.order_by("affiliation_decided_at", "pk")
    ]


def register() -> None:
    holds(
        Profile,
        section="affiliations_you_decided",
        own=("user",),
        acted=("affiliation_decided_by",),
        erase=Erase.DELETE,
        export=_affiliations_decided,
    )
    holds(
        ErasureRequest,
        section="erasure_requests",
        own=("user",),
        acted=("decided_by",),
        export=_erasure_requests,
    )
    holds(
        EmailAddress,
        section="email_addresses",
        own=("user",),
        erase=Erase.DELETE,
        export=_email_addresses,
    )
    holds(
        Authenticator,
        section="second_factors",
        own=("user",),
        erase=Erase.DELETE,
        export=_second_factors,
    )
    # Changes made in the Django admin: the platform's audit trail records them too.
    holds(LogEntry, section="admin_changes", acted=("user",), exclude=("change_message",))
