"""Activity reports, meetings and their minutes, the networks' year for the General Assembly."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.timezone import localdate
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from befus.accounts.types import AuthenticatedRequest
from befus.core.errors import DomainError
from befus.core.permissions import Perm, check_perm, permission_required
from befus.core.viewtools import NotDone, form_page, private_page, submit
from befus.networks import selectors, services
from befus.networks.forms import (
    MeetingForm,
    ReportForm,
)


@require_http_methods(["GET", "POST"])
@permission_required(Perm.ACCOUNT_USE)
def report_create(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    network = selectors.get_network_for_user(request.user, slug)
    check_perm(request, Perm.NETWORK_REPORT, network)
    schedule = {item.network.pk: item for item in selectors.report_schedule()}
    due = schedule.get(network.pk)
    initial = {"period_start": due.last_period_end, "period_end": due.due} if due else {}
    form = ReportForm(request.POST or None, initial=initial)
    done = submit(
        request,
        form,
        lambda data: services.file_report(actor=request.user, network=network, **data),
        success=_("Your report has been sent to the secretariat."),
    )
    if not isinstance(done, NotDone):
        return redirect("networks:network-detail", slug=network.slug)
    context = {"form": form, "network": network, "due": due}
    return form_page(request, "networks/report_form.html", context)


@permission_required(Perm.NETWORK_REVIEW)
def report_overview(request: AuthenticatedRequest) -> HttpResponse:
    """The secretariat's view of who reported and who is late."""
    return render(
        request, "networks/report_overview.html", {"schedule": selectors.report_schedule()}
    )


@require_http_methods(["GET", "POST"])
@permission_required(Perm.ACCOUNT_USE)
def meeting_create(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    network = selectors.get_network_for_user(request.user, slug)
    check_perm(request, Perm.NETWORK_MEETING_RECORD, network)
    form = MeetingForm(request.POST or None, request.FILES or None)
    meeting = submit(
        request,
        form,
        lambda data: services.record_meeting(actor=request.user, network=network, **data),
        success=_("The meeting has been recorded."),
    )
    if not isinstance(meeting, NotDone):
        return redirect("networks:meeting-detail", pk=meeting.pk)
    return form_page(request, "networks/meeting_form.html", {"form": form, "network": network})


@permission_required(Perm.ACCOUNT_USE)
def meeting_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for_user(request.user, pk)
    can_share = request.user.has_perm(Perm.NETWORK_MEETING_RECORD, meeting.network)
    return render(
        request, "networks/meeting_detail.html", {"meeting": meeting, "can_share": can_share}
    )


@require_POST
@permission_required(Perm.ACCOUNT_USE)
def meeting_share(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for_user(request.user, pk)
    try:
        services.share_minutes(actor=request.user, meeting=meeting)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The minutes are shared with the secretariat."))
    return redirect("networks:meeting-detail", pk=meeting.pk)


@private_page
@permission_required(Perm.ACCOUNT_USE)
def meeting_attachment(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    """Serve a meeting's PDF to those who may see the meeting; files are not under the web root."""
    meeting = selectors.get_meeting_for_user(request.user, pk)
    if not meeting.attachment:
        raise Http404
    return FileResponse(
        meeting.attachment.open("rb"), as_attachment=True, content_type="application/pdf"
    )


def _year(request: AuthenticatedRequest) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = localdate().year
    return year if 1995 <= year <= localdate().year + 1 else localdate().year


@permission_required(Perm.GENERAL_ASSEMBLY_COMPILE)
def general_assembly(request: AuthenticatedRequest) -> HttpResponse:
    """The agenda of the General Assembly: one item per network, with its year in figures."""
    year = _year(request)
    context = {
        "year": year,
        "networks": selectors.general_assembly_agenda(year),
        "years": range(localdate().year, 2019, -1),
    }
    return render(request, "networks/general_assembly.html", context)


@permission_required(Perm.GENERAL_ASSEMBLY_COMPILE)
def general_assembly_network(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """One network's year as one printable document."""
    network = selectors.get_network_for_user(request.user, slug)
    year = _year(request)
    return render(
        request,
        "networks/general_assembly_network.html",
        {"data": selectors.network_year(network, year)},
    )
