from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from befus.accounts.selectors import must_set_up_second_factor


class RequireSecondFactorMiddleware:
    """Send secretariat staff, board members and the Chairman to TOTP set-up until they have it.

    Account, MFA and language views stay reachable, so that the person can set the factor up or
    log out. The demo accounts are exempt in the demo only (``BEFUS_DEMO``).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        module = getattr(view_func, "__module__", "") or ""
        if module.startswith(("allauth.", "django.views.i18n", "django.views.static")):
            return None
        if getattr(view_func, "befus_mfa_exempt", False):
            return None
        if not must_set_up_second_factor(request.user):
            return None
        messages.warning(
            request,
            _("Your role requires a second factor. Set up an authenticator app to continue."),
        )
        return redirect("mfa_activate_totp")
