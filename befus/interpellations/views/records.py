"""Erasing a request's personal data, its files, the statistics and the Chairman's delegation."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.timezone import localdate
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from befus.accounts.types import AuthenticatedRequest
from befus.core.permissions import Perm, permission_required
from befus.core.viewtools import NotDone, form_page, private_page, submit
from befus.interpellations import selectors, services
from befus.interpellations.forms import (
    DelegateForm,
)
from befus.interpellations.models import RoutingDelegate
from befus.interpellations.views.tracking import _serve


@require_http_methods(["GET", "POST"])
@private_page
@permission_required(Perm.REQUEST_ROUTE)
def request_erase(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    """Erase a requester's data, after a confirmation: it cannot be undone."""
    interpellation = selectors.get_request_for_user(request.user, reference)
    if request.method == "POST":
        services.erase_personal_data(actor=request.user, interpellation=interpellation)
        messages.success(request, _("The personal data of this request is erased."))
        return redirect(interpellation.get_absolute_url())
    return render(request, "interpellations/erase_confirm.html", {"interpellation": interpellation})


@private_page
@permission_required(Perm.ACCOUNT_USE)
def attachment(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    """A file of a request, to the Chairman and the assignees, or to the requester if public."""
    found = selectors.get_attachment(pk)
    interpellation = found.interpellation
    if request.user.has_perm(Perm.REQUEST_WORK, interpellation):
        return _serve(found)
    if found.public and request.user.has_perm(Perm.REQUEST_VIEW, interpellation):
        return _serve(found)
    raise Http404


# --- the whole ---------------------------------------------------------------------------------


@permission_required(Perm.REQUEST_STATISTICS)
def statistics(request: AuthenticatedRequest) -> HttpResponse:
    today = localdate()
    try:
        months = int(request.GET.get("months", "12"))
    except ValueError:
        months = 12
    months = months if months in (3, 6, 12, 24, 60) else 12
    # The first day of the month ``months - 1`` months back: this month counts as one.
    back = today.year * 12 + today.month - 1 - (months - 1)
    first = dt.date(back // 12, back % 12 + 1, 1)
    context = {
        "stats": selectors.statistics_since(first),
        "first": first,
        "months": months,
        "periods": (3, 6, 12, 24, 60),
    }
    return render(request, "interpellations/statistics.html", context)


@require_http_methods(["GET", "POST"])
@private_page
@permission_required(Perm.REQUEST_DELEGATE)
def delegation(request: AuthenticatedRequest) -> HttpResponse:
    """The Chairman names delegates and lets networks answer without validation."""
    form = DelegateForm(
        request.POST if "name_delegate" in request.POST else None,
        initial={"start": localdate()},
    )
    if "name_delegate" in request.POST:
        result = submit(
            request,
            form,
            lambda data: services.name_delegate(
                actor=request.user, person=data["person"], start=data["start"], end=data["end"]
            ),
            success=_("The delegate is named."),
        )
        if not isinstance(result, NotDone):
            return redirect("interpellations:delegation")
    elif request.method == "POST" and "end_delegate" in request.POST:
        chosen = request.POST.get("end_delegate", "")
        delegate = (
            RoutingDelegate.objects.filter(pk=int(chosen)).first() if chosen.isdigit() else None
        )
        if delegate is None:
            raise Http404
        services.end_delegate(actor=request.user, delegate=delegate)
        messages.success(request, _("The delegation has ended."))
        return redirect("interpellations:delegation")
    elif request.method == "POST" and "validation" in request.POST:
        ticked = set(request.POST.getlist("networks"))
        with transaction.atomic():
            for network in selectors.recognised_networks():
                services.set_validation_delegation(
                    actor=request.user, network=network, delegated=str(network.pk) in ticked
                )
        messages.success(request, _("The validation of answers is saved."))
        return redirect("interpellations:delegation")
    context = {
        "form": form,
        "delegates": RoutingDelegate.objects.current().select_related("person").order_by("start"),
        "networks": selectors.recognised_networks().select_related("answer_delegation"),
    }
    return form_page(request, "interpellations/delegation.html", context)
