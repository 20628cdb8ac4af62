from __future__ import annotations

import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.timezone import localdate
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from befus.accounts import selectors, services
from befus.accounts.choices import AffiliationStatus
from befus.accounts.forms import ErasureForm, ProfileForm
from befus.accounts.models import ErasureRequest, Profile
from befus.accounts.types import AuthenticatedRequest
from befus.core.errors import DomainError
from befus.core.home import home_sections
from befus.core.permissions import Perm, permission_required
from befus.core.viewtools import private_page


@private_page
@permission_required(Perm.ACCOUNT_USE)
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    profile = selectors.get_profile(request.user)
    return render(
        request,
        "accounts/dashboard.html",
        {
            "profile": profile,
            "second_factor": selectors.has_second_factor(request.user),
            "erasure": selectors.open_erasure_request(request.user),
            "sections": home_sections(request.user),
        },
    )


@private_page
@permission_required(Perm.ACCOUNT_USE)
def profile_edit(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    profile = selectors.get_profile(user)
    initial = {"first_name": user.first_name, "last_name": user.last_name}
    form = ProfileForm(request.POST or None, instance=profile, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        profile = services.update_profile(
            actor=user,
            user=user,
            first_name=data.pop("first_name"),
            last_name=data.pop("last_name"),
            **data,
        )
        messages.success(request, _("Your profile has been saved."))
        if "organisation" in form.changed_data:
            _tell_about_the_affiliation(request, profile)
        return redirect("accounts:dashboard")
    return render(request, "accounts/profile_form.html", {"form": form})


def _tell_about_the_affiliation(request: AuthenticatedRequest, profile: Profile) -> None:
    """A newly named employer: say whether it is confirmed, or that it was asked."""
    if profile.organisation is None:
        return
    if profile.affiliation_status == AffiliationStatus.CONFIRMED:
        messages.info(
            request,
            _("Your work at %(organisation)s is confirmed: members' pages are open to you.")
            % {"organisation": profile.organisation},
        )
        return
    messages.info(
        request,
        _(
            "%(organisation)s is asked to confirm that you work there. Members' pages open to "
            "you once it does."
        )
        % {"organisation": profile.organisation},
    )


@private_page
@permission_required(Perm.ACCOUNT_USE)
def data_export(request: AuthenticatedRequest) -> HttpResponse:
    data = selectors.export_personal_data(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="befus-my-data-{localdate()}.json"'
    return response


@permission_required(Perm.ACCOUNT_USE)
def erasure_request(request: AuthenticatedRequest) -> HttpResponse:
    existing = selectors.open_erasure_request(request.user)
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and existing is None and form.is_valid():
        try:
            services.request_erasure(actor=request.user, reason=form.cleaned_data["reason"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Your request has been sent. The secretariat erases the account within 30 days."),
            )
        return redirect("accounts:dashboard")
    return render(request, "accounts/erasure_form.html", {"form": form, "existing": existing})


@require_POST
@permission_required(Perm.ACCOUNT_USE)
def erasure_cancel(request: AuthenticatedRequest) -> HttpResponse:
    existing = selectors.open_erasure_request(request.user)
    if existing is not None:
        services.cancel_erasure(actor=request.user, erasure=existing)
        messages.success(request, _("Your erasure request has been withdrawn."))
    return redirect("accounts:dashboard")


@permission_required(Perm.ORGANISATION_MANAGE)
def erasure_list(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "accounts/erasure_list.html",
        {"requests": selectors.erasure_requests_to_handle()},
    )


@require_POST
@permission_required(Perm.ORGANISATION_MANAGE)
def erasure_complete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    erasure = get_object_or_404(ErasureRequest, pk=pk)
    try:
        services.erase_user(actor=request.user, erasure=erasure)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The account has been erased."))
    return redirect("accounts:erasure-list")


@private_page
@permission_required(Perm.DIRECTORY_VIEW)
def directory(request: AuthenticatedRequest) -> HttpResponse:
    page = Paginator(selectors.directory_profiles(), 50).get_page(request.GET.get("page"))
    return render(request, "accounts/directory.html", {"page": page})
