from __future__ import annotations

import time
from typing import Any

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from typing_extensions import override

from befus.accounts import known_devices, throttle
from befus.accounts.models import Profile
from befus.core.ratelimit import client_address


class AccountAdapter(DefaultAccountAdapter):
    """Give every new account a profile in the language it signed up in; throttle logins."""

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

    @override
    def get_client_ip(self, request: HttpRequest) -> str:
        """The address allauth's limits (signup, reset, login) count: the platform's own.

        allauth would trust ``X-Forwarded-For`` by a proxy count of its own; one setting,
        ``BEFUS_FORWARDED_ALLOW_IPS``, decides for every limit instead.
        """
        return client_address(request)

    @override
    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        """Nothing: ``authenticate`` throttles password attempts (``befus.accounts.throttle``).

        allauth's ``login_failed`` limit still guards the second-factor step, which calls it
        with a key of its own.
        """

    @override
    def authenticate(self, request: HttpRequest, **credentials: Any) -> Any:
        attempt = throttle.begin_attempt(request, throttle.login_of(credentials))
        user = super().authenticate(request, **credentials)
        return throttle.conclude_attempt(attempt, user)

    @override
    def post_login(self, request: HttpRequest, user: Any, **kwargs: Any) -> HttpResponse:
        """After any complete login (password and second factor), this device becomes known."""
        response: HttpResponse = super().post_login(request, user, **kwargs)
        known_devices.remember_device(request, response, user)
        return response

    @override
    def _delete_login_attempts_cached_email(self, request: HttpRequest, **credentials: Any) -> None:
        """A password reset by e-mail proves the account: this browser may log in during an attack.

        allauth calls this (for each address of the account) when a reset link was used, the
        only place that has the browser's request; its ``password_reset`` signal would need a
        receiver outside this adapter for the same effect.
        """
        super()._delete_login_attempts_cached_email(request, **credentials)
        known_devices.remember_proof(request, str(credentials.get("email") or ""))
