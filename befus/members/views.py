from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from befus.accounts.models import Profile
from befus.accounts.types import AuthenticatedRequest
from befus.core.errors import DomainError
from befus.core.forms import add_domain_error
from befus.core.pagecache import cached_page
from befus.core.permissions import Perm, check_perm, permission_required
from befus.core.types import HtmxRequest
from befus.members import selectors, services
from befus.members.forms import (
    ContactForm,
    EndForm,
    MembershipForm,
    OrganisationFilterForm,
    OrganisationForm,
    SeatForm,
)
from befus.members.models import Contact, Membership, Organisation, Seat

PAGE_SIZE = 30


def _filtered(request: HtmxRequest) -> tuple[OrganisationFilterForm, dict[str, str]]:
    form = OrganisationFilterForm(request.GET or None)
    filters = {"region": "", "kind": "", "query": ""}
    if form.is_valid():
        filters = {
            "region": form.cleaned_data["region"],
            "kind": form.cleaned_data["kind"],
            "query": form.cleaned_data["q"].strip(),
        }
    return form, filters


@permission_required(Perm.SITE_VIEW)
@cached_page
def organisation_list(request: HtmxRequest) -> HttpResponse:
    form, filters = _filtered(request)
    page = Paginator(selectors.member_organisations(**filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    template = "members/organisation_list.html"
    if request.htmx:
        template += "#results"
    return render(request, template, {"form": form, "page": page, "filters": filters})


@permission_required(Perm.SITE_VIEW)
@cached_page
def organisation_detail(request: HtmxRequest, slug: str) -> HttpResponse:
    organisation = selectors.get_organisation(slug)
    return render(request, "members/organisation_detail.html", {"organisation": organisation})


@permission_required(Perm.SITE_VIEW)
@cached_page
def governance(request: HtmxRequest) -> HttpResponse:
    return render(
        request,
        "members/governance.html",
        {
            "governance": selectors.get_governance(),
            "can_manage": request.user.has_perm(Perm.BODY_MANAGE),
        },
    )


@permission_required(Perm.ORGANISATION_MANAGE)
def manage_organisations(request: AuthenticatedRequest) -> HttpResponse:
    form, filters = _filtered(request)
    queryset = selectors.filter_organisations(
        selectors.organisations_with_status(), **filters
    ).order_by("name")
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "members/manage_organisations.html"
    if request.htmx:
        template += "#results"
    context = {"form": form, "page": page, "filters": filters, "bodies": selectors.bodies()}
    return render(request, template, context)


def _organisation_form(
    request: AuthenticatedRequest, organisation: Organisation | None
) -> HttpResponse:
    initial = (
        OrganisationForm.initial_for(organisation) if organisation else {"original_language": "nl"}
    )
    form = OrganisationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if organisation is None:
                organisation = services.create_organisation(actor=request.user, **form.cleaned_data)
                messages.success(request, _("The organisation has been added."))
            else:
                services.update_organisation(
                    actor=request.user,
                    organisation=organisation,
                    **form.cleaned_data,
                )
                messages.success(request, _("The organisation has been saved."))
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("members:manage-organisation", slug=organisation.slug)
    return render(
        request, "members/organisation_form.html", {"form": form, "organisation": organisation}
    )


@require_http_methods(["GET", "POST"])
@permission_required(Perm.ORGANISATION_MANAGE)
def organisation_create(request: AuthenticatedRequest) -> HttpResponse:
    return _organisation_form(request, None)


@require_http_methods(["GET", "POST"])
@permission_required(Perm.ORGANISATION_MANAGE)
def organisation_edit(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    return _organisation_form(request, selectors.get_organisation(slug))


@require_http_methods(["GET", "POST"])
@permission_required(Perm.ORGANISATION_MANAGE)
def manage_organisation(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """The secretariat's page of one organisation: memberships and contacts, with their forms."""
    organisation = selectors.get_organisation(slug)
    membership_form = MembershipForm(request.POST if "add_membership" in request.POST else None)
    contact_form = ContactForm(request.POST if "add_contact" in request.POST else None)
    try:
        if membership_form.is_bound and membership_form.is_valid():
            services.start_membership(
                actor=request.user, organisation=organisation, **membership_form.cleaned_data
            )
            messages.success(request, _("The membership has been recorded."))
            return redirect("members:manage-organisation", slug=slug)
        if contact_form.is_bound and contact_form.is_valid():
            services.appoint_contact(
                actor=request.user, organisation=organisation, **contact_form.cleaned_data
            )
            messages.success(request, _("The contact has been recorded."))
            return redirect("members:manage-organisation", slug=slug)
    except DomainError as error:
        add_domain_error(membership_form if membership_form.is_bound else contact_form, error)
    context: dict[str, Any] = {
        "organisation": organisation,
        "contacts": selectors.organisation_contacts(organisation),
        "membership_form": membership_form,
        "contact_form": contact_form,
        "end_form": EndForm(),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "members/manage_organisation.html", context, status=status)


def _end(
    request: AuthenticatedRequest, obj: Any, service: Any, kwarg: str, success: str, back: Any
) -> HttpResponse:
    form = EndForm(request.POST)
    if form.is_valid():
        try:
            service(actor=request.user, end=form.cleaned_data["end"], **{kwarg: obj})
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, success)
    else:
        messages.error(request, _("Give a valid last day."))
    return back


@require_http_methods(["POST"])
@permission_required(Perm.ORGANISATION_MANAGE)
def membership_end(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership.objects.select_related("organisation"), pk=pk)
    back = redirect("members:manage-organisation", slug=membership.organisation.slug)
    return _end(
        request,
        membership,
        services.end_membership,
        "membership",
        _("The membership has been ended."),
        back,
    )


@require_http_methods(["POST"])
@permission_required(Perm.ORGANISATION_MANAGE)
def contact_end(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    contact = get_object_or_404(Contact.objects.select_related("organisation"), pk=pk)
    back = redirect("members:manage-organisation", slug=contact.organisation.slug)
    return _end(
        request, contact, services.end_contact, "contact", _("The role has been ended."), back
    )


@require_http_methods(["GET", "POST"])
@permission_required(Perm.BODY_MANAGE)
def manage_body(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    body = selectors.get_body(pk)
    form = SeatForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_seat(actor=request.user, body=body, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The seat has been added."))
            return redirect("members:manage-body", pk=pk)
    seats = list(selectors.body_seats(body))
    context = {
        "body": body,
        "seats": seats,
        "form": form,
        "end_form": EndForm(),
        "missing_regions": selectors.missing_board_regions(
            [seat for seat in seats if seat.is_current()]
        )
        if body.kind == "board"
        else [],
    }
    return render(request, "members/manage_body.html", context, status=400 if form.errors else 200)


@require_http_methods(["POST"])
@permission_required(Perm.BODY_MANAGE)
def seat_end(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    seat = get_object_or_404(Seat, pk=pk)
    back = redirect("members:manage-body", pk=seat.body_id)
    return _end(request, seat, services.end_seat, "seat", _("The term has been ended."), back)


# --- affiliations: who works where ---------------------------------------------------------------


@permission_required(Perm.AFFILIATIONS_VIEW)
def affiliations(request: AuthenticatedRequest) -> HttpResponse:
    """People who say they work for the organisations the reader speaks for: confirm or not."""
    pending = Paginator(selectors.affiliations_to_decide(request.user), 50)
    context = {
        "page": pending.get_page(request.GET.get("page")),
        "confirmed": selectors.affiliations_to_decide(request.user, status="confirmed")[:30],
        "refused": selectors.affiliations_to_decide(request.user, status="refused")[:30],
    }
    return render(request, "members/affiliations.html", context)


@require_POST
@permission_required(Perm.AFFILIATIONS_VIEW)
def affiliation_decide(request: AuthenticatedRequest, pk: int, action: str) -> HttpResponse:
    profile = get_object_or_404(Profile.objects.select_related("user", "organisation"), pk=pk)
    check_perm(request, Perm.AFFILIATION_DECIDE, profile)
    name = profile.user.get_full_name() or profile.user.email
    try:
        if action == "confirm":
            services.confirm_affiliation(actor=request.user, profile=profile)
            messages.success(
                request,
                _("%(name)s is confirmed as working at %(organisation)s.")
                % {"name": name, "organisation": profile.organisation},
            )
        elif action == "refuse":
            reason = request.POST.get("reason", "")[:500]
            services.refuse_affiliation(actor=request.user, profile=profile, reason=reason)
            messages.success(
                request,
                _("%(name)s is not confirmed at %(organisation)s; they have been told.")
                % {"name": name, "organisation": profile.organisation},
            )
        else:
            raise Http404
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("members:affiliations")
