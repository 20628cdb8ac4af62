from __future__ import annotations

import time
from typing import Any

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
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

    def is_reauthentication_required(self, *, app: str, **kwargs: Any) -> bool:
        """A login of the last few minutes counts as a fresh authentication.

        Secretariat staff and board members are sent to set up TOTP right after logging in;
        asking them for the password they typed seconds ago would only teach them to distrust
        the screen. Past ``ACCOUNT_REAUTHENTICATION_TIMEOUT`` allauth's rule applies again.
        """
        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        request = context.request
        user = getattr(request, "user", None)
        records = get_authentication_records(request, user) if user is not None else []
        if records:
            elapsed = time.time() - records[-1].get("at", 0)
            return elapsed >= account_settings.REAUTHENTICATION_TIMEOUT
        return True
