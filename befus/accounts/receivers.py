"""Reactions to django-allauth's events (the login library tells, the platform decides)."""

from __future__ import annotations

from typing import Any

from allauth.account.signals import email_confirmed
from django.dispatch import receiver

from befus.accounts.services import confirm_affiliation_by_email


@receiver(email_confirmed, dispatch_uid="accounts.affiliation_by_email")
def confirm_affiliation_by_address(
    sender: Any, request: Any, email_address: Any, **kw: Any
) -> None:
    """A newly verified address at the domain of the organisation a person named confirms that
    they work there, as it would have had the address been verified first."""
    confirm_affiliation_by_email(user=email_address.user)
