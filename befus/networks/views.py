from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import capfirst
from django.utils.timezone import localdate
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from befus.accounts.models import User
from befus.accounts.types import AuthenticatedRequest
from befus.core.actions import Action, take_action
from befus.core.errors import DomainError
from befus.core.pagecache import cached_page
from befus.core.permissions import Perm, check_perm, permission_required
from befus.core.types import HtmxRequest
from befus.core.viewtools import NotDone, form_page, private_page, submit
from befus.core.workflow import available_actions
from befus.networks import selectors, services
from befus.networks.forms import (
    CommentForm,
    CommissionAnswerForm,
    CommissionForm,
    CommissionResultForm,
    DecisionForm,
    JoinForm,
    MandateForm,
    MeetingForm,
    NetworkFilterForm,
    NewProposalForm,
    ProposalForm,
    ReasonForm,
    ReportForm,
    RepresentationMandateForm,
    StatementForm,
)
from befus.networks.models import Network, NetworkMembership


@permission_required(Perm.SITE_VIEW)
@cached_page
def network_list(request: HtmxRequest) -> HttpResponse:
    form = NetworkFilterForm(request.GET or None)
    filters: dict[str, Any] = {"scope": "", "status": "", "region": "", "query": "", "topic": None}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "scope": data["scope"],
            "status": data["status"],
            "region": data["region"],
            "query": data["q"].strip(),
            "topic": data["topic"] or None,
        }
    networks = selectors.networks_for_directory(request.user, **filters)
    page = Paginator(networks, 30).get_page(request.GET.get("page"))
    template = "networks/network_list.html" + ("#results" if request.htmx else "")
    context = {
        "form": form,
        "page": page,
        "can_propose": request.user.has_perm(Perm.NETWORK_PROPOSE),
        "can_review": request.user.has_perm(Perm.NETWORK_DECIDE),
        "can_see_register": request.user.has_perm(Perm.REPRESENTATION_REGISTER_VIEW),
    }
    return render(request, template, context)


@permission_required(Perm.SITE_VIEW)
@cached_page
def network_detail(request: HtmxRequest, slug: str) -> HttpResponse:
    network = selectors.get_network_for_user(request.user, slug)
    page = selectors.network_page(network, request.user)
    user = request.user
    context = {
        "page": page,
        "network": network,
        "can_edit": user.has_perm(Perm.NETWORK_EDIT_PROPOSAL, network)
        and network.status in ("proposed", "changes_requested"),
        "can_review": user.has_perm(Perm.NETWORK_REVIEW, network),
        "can_decide": user.has_perm(Perm.NETWORK_DECIDE, network),
        "can_join": user.has_perm(Perm.NETWORK_JOIN, network) and page.my_membership is None,
        "can_propose": user.has_perm(Perm.NETWORK_PROPOSE),
        "can_record_mandate": user.has_perm(Perm.NETWORK_MANDATE_RECORD),
        "can_report": user.has_perm(Perm.NETWORK_REPORT, network),
        "can_record_meeting": user.has_perm(Perm.NETWORK_MEETING_RECORD, network),
        "meetings": selectors.meetings_for(network, user),
        "upcoming": (
            selectors.upcoming_meetings(network)
            if user.has_perm(Perm.REPRESENTATION_REGISTER_VIEW)
            else []
        ),
        "statements": selectors.statements_of(network),
        "commissions": (
            selectors.commissions_of(network)
            if user.has_perm(Perm.COMMISSION_REQUEST) or page.my_membership is not None
            else None
        ),
        "can_commission": user.has_perm(Perm.COMMISSION_REQUEST) and network.status == "recognised",
        "can_publish": user.has_perm(Perm.STATEMENT_PUBLISH, network),
        "can_issue_mandate": user.has_perm(Perm.REPRESENTATION_ISSUE)
        or user.has_perm(Perm.STATEMENT_PUBLISH, network),
        "reports": (
            selectors.reports_of(network)
            if user.has_perm(Perm.NETWORK_REPORTS_VIEW, network)
            else None
        ),
        "actions": available_actions(user, network),
        "comment_form": CommentForm(),
        "decision_form": DecisionForm(),
        "reason_form": ReasonForm(),
        "join_form": JoinForm(),
    }
    return render(request, "networks/network_detail.html", context)


@require_http_methods(["GET", "POST"])
@permission_required(Perm.NETWORK_PROPOSE)
def network_propose(request: AuthenticatedRequest) -> HttpResponse:
    charter = selectors.current_charter()
    form = NewProposalForm(
        request.POST or None, initial={"original_language": request.LANGUAGE_CODE}
    )
    network = submit(
        request,
        form,
        lambda data: services.propose_network(actor=request.user, charter=charter, **data),
        success=_("Your proposal has been sent to the secretariat."),
    )
    if not isinstance(network, NotDone):
        return redirect("networks:network-detail", slug=network.slug)
    return form_page(request, "networks/network_form.html", {"form": form, "charter": charter})


@require_http_methods(["GET", "POST"])
@permission_required(Perm.ACCOUNT_USE)
def network_edit(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    network = selectors.get_network_for_user(request.user, slug)
    check_perm(request, Perm.NETWORK_EDIT_PROPOSAL, network)
    if network.status not in ("proposed", "changes_requested"):
        raise PermissionDenied  # out of the proposer's hands: the page says so, not a dead form
    initial = {
        name: getattr(network, name) for name in ProposalForm.base_fields if name != "topics"
    }
    initial["topics"] = list(network.topics.values_list("pk", flat=True))
    form = ProposalForm(request.POST or None, initial=initial)
    done = submit(
        request,
        form,
        lambda data: services.update_proposal(actor=request.user, network=network, **data),
        success=_("The proposal has been saved."),
    )
    if not isinstance(done, NotDone):
        return redirect("networks:network-detail", slug=network.slug)
    return form_page(request, "networks/network_form.html", {"form": form, "network": network})


def _step(service: Callable[..., Any]) -> Callable[[Any, Network, dict[str, Any]], Any]:
    return lambda actor, network, data: service(actor=actor, network=network, **data)


# The steps of a network's page (``befus.core.actions``); the services check the rules and the
# state (``befus.networks.workflows``).
ACTIONS: dict[str, Action] = {
    "resubmit": Action(
        _step(services.resubmit_network),
        gettext_lazy("The proposal has been sent back to the secretariat."),
    ),
    "start_review": Action(_step(services.start_review), gettext_lazy("The review has started.")),
    "request_changes": Action(
        _step(services.request_changes), gettext_lazy("The changes have been asked."), CommentForm
    ),
    "forward_to_board": Action(
        _step(services.forward_to_board), gettext_lazy("The proposal is forwarded to the Board.")
    ),
    "recognise": Action(
        _step(services.recognise_network), gettext_lazy("The network is recognised."), DecisionForm
    ),
    "reject": Action(
        _step(services.reject_network), gettext_lazy("The proposal is rejected."), DecisionForm
    ),
    "suspend": Action(
        _step(services.suspend_network), gettext_lazy("The network is suspended."), ReasonForm
    ),
    "reinstate": Action(
        _step(services.reinstate_network),
        gettext_lazy("The network is recognised again."),
        ReasonForm,
    ),
    "dissolve": Action(
        _step(services.dissolve_network), gettext_lazy("The network is dissolved."), ReasonForm
    ),
    "join": Action(
        _step(services.request_membership),
        gettext_lazy("Your request has been sent to your mayor."),
        JoinForm,
    ),
}


@require_POST
@permission_required(Perm.ACCOUNT_USE)
def network_action(request: AuthenticatedRequest, slug: str, action: str) -> HttpResponse:
    """One step of a network's life; the service checks the rule and the state."""
    if action not in ACTIONS:
        raise Http404
    network = selectors.get_network_for_user(request.user, slug)
    outcome = take_action(request, network, action, ACTIONS, refusal_on_form=False)
    if not outcome.done and outcome.form is not None:
        for name, errors in outcome.form.errors.items():
            label = outcome.form.fields[name].label if name in outcome.form.fields else ""
            for error in errors:
                text = (
                    _("%(field)s: %(error)s") % {"field": capfirst(label), "error": error}
                    if label
                    else str(error)
                )
                messages.error(request, text)
    return redirect("networks:network-detail", slug=network.slug)


@permission_required(Perm.NETWORK_DECIDE)
def review_queue(request: AuthenticatedRequest) -> HttpResponse:
    if request.user.has_perm(Perm.NETWORK_REVIEW):
        return render(
            request,
            "networks/review_queue.html",
            {
                "networks": selectors.review_queue(request.user),
                "flagged": selectors.memberships_to_review(),
            },
        )
    return render(
        request, "networks/review_queue.html", {"networks": selectors.review_queue(request.user)}
    )


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
