"""Reactions to other apps' events."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from befus.accounts.signals import user_erased


@receiver(user_erased, dispatch_uid="interpellations.erase_requester")
def erase_requests_of(sender: Any, user: Any, actor: Any, **kwargs: Any) -> None:
    """A person erased from the platform: the requests they made lose their personal data."""
    from befus.interpellations.services import erase_personal_data

    for interpellation in user.interpellations.filter(erased_at__isnull=True):
        erase_personal_data(actor=None, interpellation=interpellation, reason="account_erased")
