"""Memberships: the mayor's consent, leaving, flagged memberships; city mandates."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from befus.accounts.types import AuthenticatedRequest
from befus.core.actions import Action, take_action
from befus.core.errors import DomainError
from befus.core.permissions import Perm, check_perm, permission_required
from befus.core.viewtools import NotDone, form_page, submit
from befus.networks import selectors, services
from befus.networks.forms import (
    MandateForm,
    ReasonForm,
)
from befus.networks.models import NetworkMembership


@permission_required(Perm.NETWORK_CONSENTS_VIEW)
def consents(request: AuthenticatedRequest) -> HttpResponse:
    """The mayor's page: the network memberships of the city's staff, to consent or withdraw."""
    context = {
        "memberships": selectors.memberships_for_mayor(request.user),
        "reason_form": ReasonForm(),
    }
    return render(request, "networks/consents.html", context)


CONSENT_ACTIONS: dict[str, Action] = {
    "consent": Action(
        lambda actor, membership, data: services.consent_membership(
            actor=actor, membership=membership
        ),
        gettext_lazy("You consented: the membership is active."),
    ),
    "refuse": Action(
        lambda actor, membership, data: services.refuse_membership(
            actor=actor, membership=membership, **data
        ),
        gettext_lazy("Your decision has been recorded."),
        ReasonForm,
    ),
    "withdraw": Action(
        lambda actor, membership, data: services.withdraw_consent(
            actor=actor, membership=membership, **data
        ),
        gettext_lazy("Your decision has been recorded."),
        ReasonForm,
    ),
}


@require_POST
@permission_required(Perm.NETWORK_CONSENTS_VIEW)
def consent_action(request: AuthenticatedRequest, pk: int, action: str) -> HttpResponse:
    membership = get_object_or_404(NetworkMembership, pk=pk)
    check_perm(request, Perm.NETWORK_MEMBERSHIP_CONSENT, membership)
    outcome = take_action(request, membership, action, CONSENT_ACTIONS, refusal_on_form=False)
    if not outcome.done and outcome.form is not None and outcome.form.errors:
        messages.error(request, _("Give the reason."))
    return redirect("networks:consents")


@require_POST
@permission_required(Perm.ACCOUNT_USE)
def membership_leave(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(NetworkMembership.objects.select_related("network"), pk=pk)
    check_perm(request, Perm.NETWORK_MEMBERSHIP_LEAVE, membership)
    try:
        services.leave_network(actor=request.user, membership=membership)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You have left the network."))
    return redirect("networks:network-detail", slug=membership.network.slug)


@require_http_methods(["GET", "POST"])
@permission_required(Perm.NETWORK_MANDATE_RECORD)
def mandate_create(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    network = selectors.get_network_for_user(request.user, slug)
    form = MandateForm(
        request.POST or None,
        request.FILES or None,
        organisations=selectors.mandate_organisations(request.user),
    )
    done = submit(
        request,
        form,
        lambda data: services.record_city_mandate(actor=request.user, network=network, **data),
        success=_("The mandate has been recorded."),
    )
    if not isinstance(done, NotDone):
        return redirect("networks:network-detail", slug=network.slug)
    return form_page(request, "networks/mandate_form.html", {"form": form, "network": network})


@require_POST
@permission_required(Perm.NETWORK_REVIEW)
def membership_review(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(NetworkMembership, pk=pk)
    keep = request.POST.get("decision") == "keep"
    try:
        services.resolve_flagged_membership(actor=request.user, membership=membership, keep=keep)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your decision has been recorded."))
    return redirect("networks:review-queue")
