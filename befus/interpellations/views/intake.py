"""Asking the networks: the form (public or inside the platform) and the page that follows."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from befus.accounts.roles import Role, roles_for
from befus.core import ratelimit
from befus.core.errors import DomainError
from befus.core.forms import add_domain_error
from befus.core.permissions import Perm, permission_required
from befus.core.viewtools import form_page, private_page
from befus.interpellations import services
from befus.interpellations.choices import RequesterKind
from befus.interpellations.forms import (
    AccountRequestForm,
    PublicRequestForm,
    RequestForm,
)
from befus.networks.models import Network

SENT_SESSION_KEY = "befus_request_sent"


# --- asking ------------------------------------------------------------------------------------


def _within_limits(request: HttpRequest, email: str) -> bool:
    address_ok = ratelimit.allow(
        "request-address",
        ratelimit.client_address(request),
        limit=settings.BEFUS_REQUEST_RATE_PER_ADDRESS,
        seconds=3600,
    )
    email_ok = not email or ratelimit.allow(
        "request-email", email.lower(), limit=settings.BEFUS_REQUEST_RATE_PER_EMAIL, seconds=3600
    )
    return address_ok and email_ok


@require_http_methods(["GET", "POST"])
@private_page
@permission_required(Perm.REQUEST_SUBMIT)
def request_new(request: HttpRequest) -> HttpResponse:
    """Ask the networks: the public form for outsiders, a shorter one for people logged in."""
    user = request.user if request.user.is_authenticated else None
    member = user is not None and bool(roles_for(user) - {Role.VISITOR})
    form_class: type[RequestForm] = PublicRequestForm
    if user is not None:
        form_class = RequestForm if member else AccountRequestForm
    data = request.POST if request.method == "POST" else None
    form = form_class(data, request.FILES or None, initial=_initial_networks(request))
    if request.method == "POST" and form.is_valid():
        cleaned = form.cleaned_data
        if cleaned.get("website"):
            # A robot filled the hidden field: thank it and keep nothing.
            request.session[SENT_SESSION_KEY] = {"reference": "", "token": ""}
            return redirect("interpellations:sent")
        if not _within_limits(request, cleaned.get("email", "")):
            form.add_error(
                None,
                _(
                    "Too many requests were sent from your connection or address in the last "
                    "hour. Please try again later; what you wrote is still here."
                ),
            )
            context = {"form": form, "target_days": settings.BEFUS_REQUEST_WORKING_DAYS}
            return render(request, "interpellations/request_form.html", context, status=429)
        try:
            interpellation = services.submit_request(
                requester=user,
                subject=cleaned["subject"],
                message=cleaned["message"],
                language=cleaned["language"],
                networks=cleaned["networks"],
                requester_kind=RequesterKind.MEMBER
                if member
                else cleaned.get("requester_kind", RequesterKind.CITIZEN),
                name=cleaned.get("name", ""),
                organisation=cleaned.get("organisation", ""),
                email=cleaned.get("email", ""),
                consent=cleaned.get("consent", False),
                files=cleaned["attachments"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            request.session[SENT_SESSION_KEY] = {
                "reference": interpellation.reference,
                "token": interpellation.tracking_token() if user is None else "",
            }
            return redirect("interpellations:sent")
    return form_page(
        request,
        "interpellations/request_form.html",
        {"form": form, "target_days": settings.BEFUS_REQUEST_WORKING_DAYS},
    )


def _initial_networks(request: HttpRequest) -> dict[str, Any]:
    slug = request.GET.get("network", "")
    network = Network.objects.filter(slug=slug, status="recognised").first() if slug else None
    return {"networks": [network]} if network else {}


@private_page
@permission_required(Perm.REQUEST_SUBMIT)
def request_sent(request: HttpRequest) -> HttpResponse:
    sent = request.session.get(SENT_SESSION_KEY)
    if not sent:
        return redirect("interpellations:new")
    return render(request, "interpellations/request_sent.html", {"sent": sent})


# --- following it through the private link ----------------------------------------------------
