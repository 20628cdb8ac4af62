"""Proposing a network, and the steps of its life: review, decisions, joining."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from befus.accounts.types import AuthenticatedRequest
from befus.core.actions import Action, take_action
from befus.core.permissions import Perm, check_perm, permission_required
from befus.core.viewtools import NotDone, form_page, submit
from befus.networks import selectors, services
from befus.networks.forms import (
    CommentForm,
    DecisionForm,
    JoinForm,
    NewProposalForm,
    ProposalForm,
    ReasonForm,
)
from befus.networks.models import Network


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
