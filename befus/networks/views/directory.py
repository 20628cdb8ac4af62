"""The directory of the networks and a network's page."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from befus.core.pagecache import cached_page
from befus.core.permissions import Perm, permission_required
from befus.core.types import HtmxRequest
from befus.core.workflow import available_actions
from befus.networks import selectors
from befus.networks.forms import (
    CommentForm,
    DecisionForm,
    JoinForm,
    NetworkFilterForm,
    ReasonForm,
)
from befus.networks.offers import offers_for


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
        "offers": offers_for(network),
        "comment_form": CommentForm(),
        "decision_form": DecisionForm(),
        "reason_form": ReasonForm(),
        "join_form": JoinForm(),
    }
    return render(request, "networks/network_detail.html", context)
