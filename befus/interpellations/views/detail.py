"""A request's page and its steps (``befus.core.actions``): the whole file for the Chairman and
the people it is passed on to, the public side for the requester."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.timezone import localdate
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from befus.accounts.models import User
from befus.accounts.types import AuthenticatedRequest
from befus.core.actions import Action, take_action
from befus.core.permissions import Perm, check_perm, permission_required
from befus.core.viewtools import private_page
from befus.core.workflow import available_actions
from befus.interpellations import selectors, services
from befus.interpellations.choices import OPEN_STATES, Status
from befus.interpellations.forms import (
    ForwardForm,
    OptionalTextForm,
    ReturnForm,
    TextForm,
    TextWithFilesForm,
    ValidateForm,
)
from befus.interpellations.models import Entry, Interpellation

# The steps of a request's page (``befus.core.actions``), and the rule each needs: the service
# checks it again, with the state (``befus.interpellations.workflows``).
STEPS: dict[str, Action] = {
    "forward": Action(
        lambda actor, item, data: _forward(actor, item, data),
        gettext_lazy("The request is passed on."),
        ForwardForm,
    ),
    "answer": Action(
        lambda actor, item, data: services.answer_request(
            actor=actor, interpellation=item, body=data["body"], files=data["attachments"]
        ),
        gettext_lazy("The answer is sent to the requester."),
        TextWithFilesForm,
    ),
    "update": Action(
        lambda actor, item, data: services.send_update(
            actor=actor, interpellation=item, body=data["body"]
        ),
        gettext_lazy("The message is sent to the requester."),
        TextForm,
    ),
    "decline": Action(
        lambda actor, item, data: services.decline_request(
            actor=actor, interpellation=item, reason=data["body"]
        ),
        gettext_lazy("The request is declined; the requester is told why."),
        TextForm,
    ),
    "close": Action(
        lambda actor, item, data: services.close_request(actor=actor, interpellation=item),
        gettext_lazy("The request is closed."),
        forms.Form,
    ),
    "reopen": Action(
        lambda actor, item, data: services.reopen_request(
            actor=actor, interpellation=item, reason=data["body"]
        ),
        gettext_lazy("The request is open again."),
        OptionalTextForm,
    ),
    "revoke": Action(
        lambda actor, item, data: services.revoke_tracking_link(actor=actor, interpellation=item),
        gettext_lazy("The private link no longer works."),
        forms.Form,
    ),
    "renew": Action(
        lambda actor, item, data: services.renew_tracking_link(actor=actor, interpellation=item),
        gettext_lazy("A new private link is e-mailed to the requester."),
        forms.Form,
    ),
    "validate": Action(
        lambda actor, item, data: services.validate_draft(
            actor=actor, draft=_draft(item, data), body=data["body"]
        ),
        gettext_lazy("The answer is validated and sent to the requester."),
        ValidateForm,
    ),
    "return": Action(
        lambda actor, item, data: services.return_draft(
            actor=actor, draft=_draft(item, data), comment=data["body"]
        ),
        gettext_lazy("The draft is returned to its author."),
        ReturnForm,
    ),
    "take_up": Action(
        lambda actor, item, data: services.take_up(actor=actor, interpellation=item),
        gettext_lazy("The requester sees that the work has begun."),
        forms.Form,
    ),
    "note": Action(
        lambda actor, item, data: services.add_note(
            actor=actor, interpellation=item, body=data["body"], files=data["attachments"]
        ),
        gettext_lazy("Your note is added; the requester does not see it."),
        TextWithFilesForm,
    ),
    "draft": Action(
        lambda actor, item, data: services.propose_answer(
            actor=actor, interpellation=item, body=data["body"], files=data["attachments"]
        ),
        gettext_lazy("Your answer is recorded."),
        TextWithFilesForm,
    ),
}
STEP_RULES = {
    **dict.fromkeys(STEPS, Perm.REQUEST_ROUTE),
    "take_up": Perm.REQUEST_WORK,
    "note": Perm.REQUEST_WORK,
    "draft": Perm.REQUEST_WORK,
}


def _forward(actor: User, interpellation: Interpellation, data: dict[str, Any]) -> Any:
    return services.forward_request(
        actor=actor,
        interpellation=interpellation,
        people=data["people"],
        networks=data["networks"],
        note=data["note"],
        due_date=data["due_date"],
    )


def _draft(interpellation: Interpellation, data: dict[str, Any]) -> Entry:
    draft = interpellation.entries.filter(pk=data["draft"], kind="draft").first()
    if draft is None:
        raise Http404
    return draft


@require_http_methods(["GET", "POST"])
@private_page
@permission_required(Perm.ACCOUNT_USE)
def request_detail(request: AuthenticatedRequest, reference: str) -> HttpResponse:
    """A request's page: the whole file for the Chairman and the assignees, the public side for
    the requester. Every step is a POST here; a refused step shows the page again with what was
    typed."""
    interpellation = selectors.get_request_for_user(request.user, reference)
    user = request.user
    can_work = user.has_perm(Perm.REQUEST_WORK, interpellation)
    bound: dict[str, forms.Form] = {}
    if request.method == "POST":
        if not can_work:
            raise PermissionDenied
        action = request.POST.get("action", "")
        if action not in STEPS:
            raise Http404
        check_perm(request, STEP_RULES[action], interpellation)
        outcome = take_action(request, interpellation, action, STEPS)
        if outcome.done:
            return redirect(interpellation.get_absolute_url())
        if outcome.form is not None:
            bound[action] = outcome.form
    if not can_work:
        page = selectors.request_page(interpellation, public_only=True)
        return render(
            request,
            "interpellations/track.html",
            {"page": page, "interpellation": interpellation, "inside": True},
        )
    return _detail_page(request, interpellation, bound)


def _detail_page(
    request: AuthenticatedRequest, interpellation: Interpellation, bound: dict[str, forms.Form]
) -> HttpResponse:
    user = request.user
    page = selectors.request_page(interpellation, public_only=False)
    can_route = user.has_perm(Perm.REQUEST_ROUTE)
    forms_by_step: dict[str, forms.Form] = {}
    if can_route:
        forms_by_step["forward"] = bound.get("forward") or ForwardForm(
            initial={
                "due_date": max(interpellation.due_date, localdate()),
                "networks": page.networks,
            }
        )
        forms_by_step["answer"] = bound.get("answer") or TextWithFilesForm(auto_id="answer_%s")
        forms_by_step["update"] = bound.get("update") or TextForm(auto_id="update_%s")
        forms_by_step["decline"] = bound.get("decline") or TextForm(auto_id="decline_%s")
        forms_by_step["reopen"] = bound.get("reopen") or OptionalTextForm(auto_id="reopen_%s")
    forms_by_step["note"] = bound.get("note") or TextWithFilesForm(auto_id="note_%s")
    forms_by_step["draft"] = bound.get("draft") or TextWithFilesForm(auto_id="draft_%s")
    for name in ("answer", "update", "decline", "reopen", "note", "draft"):
        if name in bound:
            bound[name].auto_id = f"{name}_%s"
    drafts = [
        (
            draft,
            ValidateForm(
                initial={"draft": draft.pk, "body": draft.body}, auto_id=f"v{draft.pk}_%s"
            ),
            ReturnForm(initial={"draft": draft.pk}, auto_id=f"r{draft.pk}_%s"),
        )
        for draft in page.pending_drafts
    ]
    context = {
        "page": page,
        "interpellation": interpellation,
        "step_texts": [
            form.data.get("body", "") for form in bound.values() if form.data.get("body", "")
        ],
        "step_errors": [
            str(error)
            for form in bound.values()
            for errors in form.errors.values()
            for error in errors
        ],
        "forms": forms_by_step,
        "drafts": drafts,
        "can_route": can_route,
        "is_open": interpellation.status in OPEN_STATES,
        "forward_open": interpellation.status == Status.RECEIVED,
        "actions": available_actions(user, interpellation),
        "is_assignee": any(a.person_id == user.pk for a in page.assignments),
        "answers_directly": services.may_answer_without_validation(user, interpellation),
        "tracking_token": interpellation.tracking_token() if can_route else "",
        "today": localdate(),
        "Status": Status,
    }
    status = 400 if bound else 200
    return render(request, "interpellations/request_detail.html", context, status=status)
