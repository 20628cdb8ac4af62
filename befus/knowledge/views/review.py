"""The review of practices: the steps, the reviewer's page, the queue."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from befus.accounts.types import AuthenticatedRequest
from befus.core.actions import Action, take_action
from befus.core.errors import DomainError
from befus.core.permissions import Perm, permission_required
from befus.core.viewtools import NotDone, form_page, submit
from befus.knowledge import selectors, services
from befus.knowledge.forms import CommentForm
from befus.knowledge.permissions import can_review_practice
from befus.knowledge.views._common import _sections


def _step(service: Callable[..., Any]) -> Callable[[Any, Any, dict[str, Any]], Any]:
    return lambda actor, practice, data: service(actor=actor, practice=practice)


# The steps of a practice's review (``befus.core.actions``); the services check the rules and the
# state (``befus.knowledge.workflows``).
PRACTICE_ACTIONS: dict[str, Action] = {
    "submit": Action(
        _step(services.submit_practice), gettext_lazy("The practice is sent for review.")
    ),
    "start_review": Action(
        _step(services.start_review), gettext_lazy("You are reviewing this practice.")
    ),
    "publish": Action(_step(services.publish_practice), gettext_lazy("The practice is published.")),
    "archive": Action(_step(services.archive_practice), gettext_lazy("The practice is archived.")),
    "republish": Action(
        _step(services.republish_practice), gettext_lazy("The practice is published again.")
    ),
}


@require_POST
@permission_required(Perm.ACCOUNT_USE)
def practice_action(request: AuthenticatedRequest, slug: str, action: str) -> HttpResponse:
    """One step of a practice's review; the service checks the rule and the state."""
    if action not in PRACTICE_ACTIONS:
        raise Http404
    practice = selectors.get_practice_for_user(request.user, slug)
    take_action(request, practice, action, PRACTICE_ACTIONS)
    if action == "submit" or action == "start_review":
        target = (
            "knowledge:practice-review" if action == "start_review" else "knowledge:practice-edit"
        )
        return redirect(target, slug=practice.slug)
    return redirect("knowledge:practice-detail", slug=practice.slug)


@require_http_methods(["GET", "POST"])
@permission_required(Perm.ACCOUNT_USE)
def practice_review(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """The reviewer's page: the practice field by field, comments on each, then publish or ask
    for changes."""
    practice = selectors.get_practice_for_user(request.user, slug)
    if not can_review_practice(request.user, practice):
        raise PermissionDenied  # the rule, and four eyes: never the author, whoever they are
    form = CommentForm(request.POST if "comment" in request.POST else None)
    if "comment" in request.POST:
        result = submit(
            request,
            form,
            lambda data: services.comment_on_field(
                actor=request.user, practice=practice, field=data["field"], text=data["text"]
            ),
            success=_("Your comment is added."),
        )
        if not isinstance(result, NotDone):
            return redirect("knowledge:practice-review", slug=practice.slug)
    elif request.method == "POST" and "request_changes" in request.POST:
        try:
            services.request_practice_changes(
                actor=request.user, practice=practice, comment=request.POST.get("text", "")
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The author is asked to make the changes."))
            return redirect("knowledge:review-queue")
    context = {
        "page": selectors.practice_page(practice),
        "practice": practice,
        "form": form,
        "comments": list(practice.comments.select_related("author")),
        "sections": _sections(),
    }
    return form_page(request, "knowledge/practice_review.html", context)


@permission_required(Perm.PRACTICE_REVIEW_QUEUE)
def review_queue(request: AuthenticatedRequest) -> HttpResponse:
    """What waits for the reviewer: practices, proposed translations, and their own practices
    waiting for another reviewer."""
    queue = selectors.review_queue(request.user)
    return render(request, "knowledge/review_queue.html", {"queue": queue})
