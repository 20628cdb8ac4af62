"""Translating a practice, and the review of translations proposed by others."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from befus.accounts.types import AuthenticatedRequest
from befus.core.permissions import Perm, check_perm, permission_required
from befus.core.viewtools import NotDone, form_page, submit
from befus.knowledge import selectors, services
from befus.knowledge.choices import TEXT_FIELDS, Language, ProposalStatus
from befus.knowledge.forms import TranslationDecisionForm, TranslationForm
from befus.knowledge.permissions import can_review_practice, translates_directly


@require_http_methods(["GET", "POST"])
@permission_required(Perm.ACCOUNT_USE)
def practice_translate(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """The translation form: saved at once for the author and the reviewers, proposed for
    review for anyone else, who finds their pending proposal here when they come back."""
    practice = selectors.get_practice_for_user(request.user, slug)
    check_perm(request, Perm.PRACTICE_TRANSLATE, practice)
    direct = translates_directly(request.user, practice)
    others = [code for code in Language.values if code != practice.original_language]
    language, pending, initial = _starting_point(
        request.user, practice, others, request.GET.get("language", ""), direct=direct
    )
    form = TranslationForm(request.POST or None, initial={"language": language, **initial})
    form.fields["language"].choices = [  # type: ignore[attr-defined]
        (code, Language(code).label) for code in others
    ]
    service: Any = services.translate_practice if direct else services.propose_translation
    result = submit(
        request,
        form,
        lambda data: service(
            actor=request.user,
            practice=practice,
            language=data["language"],
            **{name: data[name] for name in TEXT_FIELDS},
        ),
        success=_("The translation is saved and marked as a translation.")
        if direct
        else _("Thank you: your translation is sent for review. Readers see it once accepted."),
    )
    if not isinstance(result, NotDone):
        return redirect("knowledge:practice-detail", slug=practice.slug)
    original = {
        name: getattr(practice, f"{name}_{practice.original_language}", "") for name in TEXT_FIELDS
    }
    context = {
        "form": form,
        "practice": practice,
        "original": original,
        "direct": direct,
        "pending": pending,
    }
    return form_page(request, "knowledge/practice_translate.html", context)


def _starting_point(
    user: Any, practice: Any, others: list[str], wanted: str, *, direct: bool
) -> tuple[str, Any, dict[str, str]]:
    """The language the form opens in (the one asked for, else that of the person's pending
    proposal, else the first other one), their pending proposal in it, and the texts shown:
    the proposal's, else the practice's."""
    waiting = [] if direct else selectors.pending_translation_languages(user, practice)
    language = wanted if wanted in others else (waiting or others)[0]
    pending = selectors.pending_translation(user, practice, language) if waiting else None
    shown = pending.texts if pending else {}
    initial = {
        name: shown.get(name, getattr(practice, f"{name}_{language}", "") or "")
        for name in TEXT_FIELDS
    }
    return language, pending, initial


@require_http_methods(["GET", "POST"])
@permission_required(Perm.ACCOUNT_USE)
def translation_review(request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
    """A reviewer compares a proposed translation with the current text, then accepts it or
    declines it with a reason. Not the proposer, not the practice's author (four eyes)."""
    practice = selectors.get_practice_for_user(request.user, slug)
    if not can_review_practice(request.user, practice):
        raise PermissionDenied
    proposal = selectors.get_translation_proposal(practice, pk)
    if proposal.proposed_by_id == request.user.pk:
        raise PermissionDenied
    form = TranslationDecisionForm(request.POST or None)
    accepting = request.POST.get("decision") == "accept"
    result = submit(
        request,
        form,
        lambda data: _decide(request.user, proposal, data),
        success=_("The translation is accepted and published.")
        if accepting
        else _("The translator is told why it is not accepted."),
    )
    if not isinstance(result, NotDone):
        return redirect("knowledge:review-queue")
    original = practice.original_language
    rows = [
        (
            TranslationForm.base_fields[name].label,
            getattr(practice, f"{name}_{original}", "") or "",
            getattr(practice, f"{name}_{proposal.language}", "") or "",
            proposal.texts.get(name, ""),
        )
        for name in TEXT_FIELDS
    ]
    context = {
        "form": form,
        "practice": practice,
        "proposal": proposal,
        "rows": [row for row in rows if any(row[1:])],
        "pending": proposal.status == ProposalStatus.PROPOSED,
    }
    return form_page(request, "knowledge/translation_review.html", context)


def _decide(user: Any, proposal: Any, data: dict[str, Any]) -> Any:
    if data["decision"] == "accept":
        return services.accept_translation(actor=user, proposal=proposal)
    return services.reject_translation(actor=user, proposal=proposal, reason=data["reason"])
