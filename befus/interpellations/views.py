from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.timezone import localdate
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from befus.accounts.roles import Role, roles_for
from befus.accounts.types import AuthenticatedRequest
from befus.core import ratelimit
from befus.core.actions import Action, take_action
from befus.core.errors import DomainError
from befus.core.forms import add_domain_error
from befus.core.pagecache import cached_page
from befus.core.permissions import Perm, check_perm, permission_required
from befus.core.viewtools import NotDone, form_page, private_page, submit
from befus.core.workflow import available_actions
from befus.interpellations import selectors, services
from befus.interpellations.choices import OPEN_STATES, RequesterKind, Status
from befus.interpellations.forms import (
    AccountRequestForm,
    DelegateForm,
    ForwardForm,
    InboxFilterForm,
    OptionalTextForm,
    PublicRequestForm,
    RequestForm,
    ReturnForm,
    TextForm,
    TextWithFilesForm,
    ValidateForm,
)
from befus.interpellations.models import Attachment, Entry, Interpellation, RoutingDelegate
from befus.networks.models import Network

SENT_SESSION_KEY = "befus_request_sent"


# --- asking ------------------------------------------------------------------------------------


def _within_limits(request: HttpRequest, email: str) -> bool:
    address_ok = ratelimit.allow(
        "request-address",
        ratelimit.client_address(request),
        limit=settings.BEFUS_REQUEST_RATE_PER_ADDRESS,
        seconds=3600,
    )
    email_ok = not email or ratelimit.allow(
        "request-email", email.lower(), limit=settings.BEFUS_REQUEST_RATE_PER_EMAIL, seconds=3600
    )
    return address_ok and email_ok


@require_http_methods(["GET", "POST"])
@private_page
@permission_required(Perm.REQUEST_SUBMIT)
def request_new(request: HttpRequest) -> HttpResponse:
    """Ask the networks: the public form for outsiders, a shorter one for people logged in."""
    user = request.user if request.user.is_authenticated else None
    member = user is not None and bool(roles_for(user) - {Role.VISITOR})
    form_class: type[RequestForm] = PublicRequestForm
    if user is not None:
        form_class = RequestForm if member else AccountRequestForm
    data = request.POST if request.method == "POST" else None
    form = form_class(data, request.FILES or None, initial=_initial_networks(request))
    if request.method == "POST" and form.is_valid():
        cleaned = form.cleaned_data
        if cleaned.get("website"):
            # A robot filled the hidden field: thank it and keep nothing.
            request.session[SENT_SESSION_KEY] = {"reference": "", "token": ""}
            return redirect("interpellations:sent")
        if not _within_limits(request, cleaned.get("email", "")):
            form.add_error(
                None,
                _(
                    "Too many requests were sent from your connection or address in the last "
                    "hour. Please try again later; what you wrote is still here."
                ),
            )
            context = {"form": form, "target_days": settings.BEFUS_REQUEST_WORKING_DAYS}
            return render(request, "interpellations/request_form.html", context, status=429)
        try:
            interpellation = services.submit_request(
                requester=user,
                subject=cleaned["subject"],
                message=cleaned["message"],
                language=cleaned["language"],
                networks=cleaned["networks"],
                requester_kind=RequesterKind.MEMBER
                if member
                else cleaned.get("requester_kind", RequesterKind.CITIZEN),
                name=cleaned.get("name", ""),
                organisation=cleaned.get("organisation", ""),
                email=cleaned.get("email", ""),
                consent=cleaned.get("consent", False),
                files=cleaned["attachments"],
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            request.session[SENT_SESSION_KEY] = {
                "reference": interpellation.reference,
                "token": interpellation.tracking_token() if user is None else "",
            }
            return redirect("interpellations:sent")
    return form_page(
        request,
        "interpellations/request_form.html",
        {"form": form, "target_days": settings.BEFUS_REQUEST_WORKING_DAYS},
    )


def _initial_networks(request: HttpRequest) -> dict[str, Any]:
    slug = request.GET.get("network", "")
    network = Network.objects.filter(slug=slug, status="recognised").first() if slug else None
    return {"networks": [network]} if network else {}


@private_page
@permission_required(Perm.REQUEST_SUBMIT)
def request_sent(request: HttpRequest) -> HttpResponse:
    sent = request.session.get(SENT_SESSION_KEY)
    if not sent:
        return redirect("interpellations:new")
    return render(request, "interpellations/request_sent.html", {"sent": sent})


# --- following it through the private link ----------------------------------------------------


@private_page
@permission_required(Perm.REQUEST_TRACK)
def track(request: HttpRequest, token: str) -> HttpResponse:
    """The requester's page: status and public messages, reached by the private link alone."""
    interpellation = selectors.get_by_token(token)
    if interpellation is None:
        return render(request, "interpellations/track_invalid.html", status=404)
    page = selectors.request_page(interpellation, public_only=True)
    response = render(
        request,
        "interpellations/track.html",
        {"page": page, "interpellation": interpellation, "token": token},
    )
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


@private_page
@permission_required(Perm.REQUEST_TRACK)
def track_attachment(request: HttpRequest, token: str, pk: int) -> HttpResponseBase:
    interpellation = selectors.get_by_token(token)
    attachment = selectors.get_attachment(pk)
    if (
        interpellation is None
        or attachment.interpellation_id != interpellation.pk
        or not attachment.public
    ):
        raise Http404
    return _serve(attachment)


def _serve(attachment: Attachment) -> FileResponse:
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- inside the platform -----------------------------------------------------------------------


@private_page
@permission_required(Perm.REQUEST_LIST_OWN)
def my_requests(request: AuthenticatedRequest) -> HttpResponse:
    page = Paginator(selectors.requests_of(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "interpellations/my_requests.html", {"page": page})


@private_page
@permission_required(Perm.REQUEST_ROUTE)
@cached_page
def inbox(request: AuthenticatedRequest) -> HttpResponse:
    """The Chairman's inbox: new, waiting, overdue; the Forum's calls on networks beside them."""
    view = request.GET.get("view", "new")
    if view not in selectors.INBOX_VIEWS:
        view = "new"
    form = InboxFilterForm(request.GET or None)
    query, network = "", None
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
        network = form.cleaned_data["network"]
    requests = selectors.inbox(view, query=query, network=network)
    page = Paginator(requests, 25).get_page(request.GET.get("page"))
    counts = selectors.inbox_counts()
    labels = {
        "new": _("New"),
        "waiting": _("Waiting"),
        "overdue": _("Overdue"),
        "answered": _("Answered"),
        "finished": _("Closed or declined"),
        "all": _("All"),
    }
    context = {
        "view": view,
        "views": [(key, labels[key], counts[key]) for key in selectors.INBOX_VIEWS],
        "form": form,
        "page": page,
        "counts": counts,
        "commissions": selectors.open_commissions(),
        "today": localdate(),
        "can_delegate": request.user.has_perm(Perm.REQUEST_DELEGATE),
    }
    return render(request, "interpellations/inbox.html", context)


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


def _forward(actor: Any, interpellation: Interpellation, data: dict[str, Any]) -> Any:
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
