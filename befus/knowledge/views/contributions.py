"""What readers add to a published practice: evaluations, questions, adoptions."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from befus.accounts.types import AuthenticatedRequest
from befus.core.permissions import Perm, check_perm, permission_required
from befus.core.viewtools import NotDone, form_page, submit
from befus.knowledge import selectors, services
from befus.knowledge.forms import (
    AdoptionForm,
    EvaluationForm,
    QuestionForm,
)


@require_http_methods(["GET", "POST"])
@permission_required(Perm.ACCOUNT_USE)
def practice_evaluate(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    practice = selectors.get_practice_for_user(request.user, slug)
    check_perm(request, Perm.PRACTICE_EVALUATE, practice)
    latest = practice.evaluations.order_by("-version").first()
    initial: dict[str, Any] = {"language": practice.original_language}
    if latest is not None:
        for name in (
            "what_worked",
            "what_did_not",
            "would_change",
            "transfer_conditions",
            "evidence",
            "maryland_level",
        ):
            initial[name] = getattr(latest, name)
    form = EvaluationForm(request.POST or None, initial=initial)
    result = submit(
        request,
        form,
        lambda data: services.add_evaluation(actor=request.user, practice=practice, **data),
        success=_("The new version of the evaluation is saved; earlier ones stay readable."),
    )
    if not isinstance(result, NotDone):
        return redirect("knowledge:practice-detail", slug=practice.slug)
    title = _("Learning evaluation")
    context = {
        "form": form,
        "practice": practice,
        "title": title,
        "button": _("Save a new version"),
    }
    return form_page(request, "knowledge/practice_small_form.html", context)


@require_http_methods(["GET", "POST"])
@permission_required(Perm.ACCOUNT_USE)
def practice_ask(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    practice = selectors.get_practice_for_user(request.user, slug)
    check_perm(request, Perm.PRACTICE_ASK, practice)
    form = QuestionForm(request.POST or None)
    result = submit(
        request,
        form,
        lambda data: services.ask_contact(actor=request.user, practice=practice, text=data["text"]),
        success=_("Your question is sent to the contact person."),
    )
    if not isinstance(result, NotDone):
        return redirect("knowledge:practice-detail", slug=practice.slug)
    context = {
        "form": form,
        "practice": practice,
        "title": _("Ask the contact person"),
        "button": _("Send"),
    }
    return form_page(request, "knowledge/practice_small_form.html", context)


@require_http_methods(["GET", "POST"])
@permission_required(Perm.ACCOUNT_USE)
def practice_adopt(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    practice = selectors.get_practice_for_user(request.user, slug)
    check_perm(request, Perm.PRACTICE_ADOPT, practice)
    form = AdoptionForm(request.POST or None, user=request.user)
    result = submit(
        request,
        form,
        lambda data: services.record_adoption(actor=request.user, practice=practice, **data),
        success=_("The adoption is recorded: the Forum sees which practices spread."),
    )
    if not isinstance(result, NotDone):
        return redirect("knowledge:practice-detail", slug=practice.slug)
    context = {
        "form": form,
        "practice": practice,
        "title": _("We adopted this practice"),
        "button": _("Record"),
    }
    return form_page(request, "knowledge/practice_small_form.html", context)
