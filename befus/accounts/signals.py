"""Signals of the accounts app, for other apps to react without the accounts app knowing them."""

from django.dispatch import Signal

# Sent inside the erasure's transaction, before the person's names are blanked: each app erases
# the personal data it holds about ``user`` (keyword arguments ``user`` and ``actor``).
user_erased = Signal()
