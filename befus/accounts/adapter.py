from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.utils.translation import get_language

from befus.accounts.models import Profile


class AccountAdapter(DefaultAccountAdapter):
    """Give every new account a profile in the language it signed up in."""

    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            Profile.objects.get_or_create(
                user=user, defaults={"preferred_language": (get_language() or "nl")[:2]}
            )
        return user
