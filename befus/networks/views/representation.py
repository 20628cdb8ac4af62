"""Representation mandates, public statements, and the Forum's calls upon a network."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from befus.accounts.models import User
from befus.accounts.types import AuthenticatedRequest
from befus.core.errors import DomainError
from befus.core.permissions import Perm, check_perm, permission_required
from befus.core.viewtools import NotDone, form_page, submit
from befus.networks import selectors, services
from befus.networks.forms import (
    CommissionAnswerForm,
    CommissionForm,
    CommissionResultForm,
    RepresentationMandateForm,
    StatementForm,
)


@permission_required(Perm.REPRESENTATION_REGISTER_VIEW)
def representation_register(request: AuthenticatedRequest) -> HttpResponse:
    """The register of prior written mandates (seed 000: no one speaks for another without one)."""
    current_only = request.GET.get("current") == "1"
    mandates = selectors.representation_register(current_only=current_only)
    page = Paginator(mandates, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "networks/representation_register.html",
        {"page": page, "current_only": current_only},
    )


@require_http_methods(["GET", "POST"])
@permission_required(Perm.ACCOUNT_USE)
def representation_create(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    network = selectors.get_network_for_user(request.user, slug)
    directions = []
    if request.user.has_perm(Perm.REPRESENTATION_ISSUE):
        directions.append("forum_to_network")
    if request.user.has_perm(Perm.STATEMENT_PUBLISH, network):
        directions.append("network_to_forum")
    if not directions:
        raise PermissionDenied
    members = User.objects.filter(
        network_memberships__network=network, network_memberships__status="active"
    ).order_by("last_name")
    form = RepresentationMandateForm(
        request.POST or None, request.FILES or None, members=members, directions=directions
    )
    done = submit(
        request,
        form,
        lambda data: services.issue_representation_mandate(
            actor=request.user, network=network, **data
        ),
        success=_("The mandate is in the register."),
    )
    if not isinstance(done, NotDone):
        return redirect("networks:network-detail", slug=network.slug)
    return form_page(
        request, "networks/representation_form.html", {"form": form, "network": network}
    )


@require_http_methods(["GET", "POST"])
@permission_required(Perm.ACCOUNT_USE)
def statement_create(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    network = selectors.get_network_for_user(request.user, slug)
    check_perm(request, Perm.STATEMENT_PUBLISH, network)
    mandates = selectors.usable_mandates(network, request.user)
    form = StatementForm(
        request.POST or None, mandates=mandates, initial={"language": request.LANGUAGE_CODE}
    )
    done = submit(
        request,
        form,
        lambda data: services.publish_statement(actor=request.user, network=network, **data),
        success=_("The statement is published."),
    )
    if not isinstance(done, NotDone):
        return redirect("networks:network-detail", slug=network.slug)
    context = {"form": form, "network": network, "has_mandate": mandates.exists()}
    return form_page(request, "networks/statement_form.html", context)


@require_http_methods(["GET", "POST"])
@permission_required(Perm.COMMISSION_REQUEST)
def commission_create(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    network = selectors.get_network_for_user(request.user, slug)
    form = CommissionForm(request.POST or None)
    commission = submit(
        request,
        form,
        lambda data: services.request_commission(actor=request.user, network=network, **data),
        success=_("The network's referents have been told."),
    )
    if not isinstance(commission, NotDone):
        return redirect("networks:commission-detail", pk=commission.pk)
    return form_page(request, "networks/commission_form.html", {"form": form, "network": network})


@require_http_methods(["GET", "POST"])
@permission_required(Perm.ACCOUNT_USE)
def commission_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    commission = selectors.get_commission_for_user(request.user, pk)
    answer_form = CommissionAnswerForm(request.POST if "answer" in request.POST else None)
    result_form = CommissionResultForm(request.POST if "complete" in request.POST else None)
    if request.method == "POST":
        try:
            if "complete" in request.POST and result_form.is_valid():
                services.complete_commission(
                    actor=request.user, commission=commission, **result_form.cleaned_data
                )
            elif "answer" in request.POST and answer_form.is_valid():
                service = (
                    services.accept_commission
                    if request.POST["answer"] == "accept"
                    else services.decline_commission
                )
                service(actor=request.user, commission=commission, **answer_form.cleaned_data)
            else:
                raise DomainError(_("Please correct the errors below."))
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your decision has been recorded."))
            return redirect("networks:commission-detail", pk=commission.pk)
    context = {
        "commission": commission,
        "can_respond": request.user.has_perm(Perm.COMMISSION_RESPOND, commission),
        "answer_form": answer_form,
        "result_form": result_form,
    }
    return render(request, "networks/commission_detail.html", context)
