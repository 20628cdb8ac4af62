"""Sharing a practice: the draft, its changes, its files; the author's list."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from befus.accounts.types import AuthenticatedRequest
from befus.core.permissions import Perm, check_perm, permission_required
from befus.core.types import HtmxRequest
from befus.core.viewtools import NotDone, form_page, submit
from befus.knowledge import selectors, services
from befus.knowledge.choices import TEXT_FIELDS
from befus.knowledge.forms import (
    PracticeForm,
)
from befus.knowledge.models import PracticeAttachment
from befus.knowledge.permissions import is_public_practice
from befus.knowledge.views._common import PAGE_SIZE


def _initial_of(practice: Any) -> dict[str, Any]:
    language = practice.original_language
    initial = {name: getattr(practice, f"{name}_{language}", "") or "" for name in TEXT_FIELDS}
    for name in (
        "partners",
        "target_groups",
        "keywords",
        "places",
        "year_start",
        "year_end",
        "cost",
        "funding",
        "staff",
        "links",
        "visibility",
        "network",
        "contact",
    ):
        initial[name] = getattr(practice, name)
    initial["topics"] = list(practice.topics.values_list("pk", flat=True))
    initial["organisations"] = list(practice.organisations.values_list("pk", flat=True))
    return initial


@require_http_methods(["GET", "POST"])
@permission_required(Perm.PRACTICE_SHARE)
def practice_new(request: AuthenticatedRequest) -> HttpResponse:
    """Share a practice: a draft first, sent for review when ready."""
    language = (get_language() or "nl")[:2]
    form = PracticeForm(
        request.POST or None,
        request.FILES or None,
        initial={"language": language, "visibility": "public"},
        author=request.user,
    )
    result = submit(
        request,
        form,
        lambda data: services.create_practice(
            actor=request.user, language=data["language"], **form.practice_fields()
        ),
        success=_("Your practice is saved as a draft. Send it for review when it is ready."),
    )
    if not isinstance(result, NotDone):
        return redirect("knowledge:practice-edit", slug=result.slug)
    return form_page(request, "knowledge/practice_form.html", {"form": form, "creating": True})


@require_http_methods(["GET", "POST"])
@permission_required(Perm.ACCOUNT_USE)
def practice_edit(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    practice = selectors.get_practice_for_user(request.user, slug)
    check_perm(request, Perm.PRACTICE_EDIT, practice)
    form = PracticeForm(
        request.POST or None,
        request.FILES or None,
        initial=_initial_of(practice),
        editing=True,
        author=practice.author,
    )
    result = submit(
        request,
        form,
        lambda data: services.update_practice(
            actor=request.user, practice=practice, **form.practice_fields()
        ),
        success=_("Your changes are saved."),
    )
    if not isinstance(result, NotDone):
        return redirect("knowledge:practice-edit", slug=practice.slug)
    comments = list(practice.comments.filter(resolved_at__isnull=True).select_related("author"))
    by_field: dict[str, list[Any]] = {}
    for comment in comments:
        by_field.setdefault(comment.field, []).append(comment)
    context = {
        "form": form,
        "practice": practice,
        "attachments": list(practice.attachments.all()),
        "comments": by_field,
        "general_comments": by_field.get("", []),
        "can_submit": practice.status in ("draft", "changes_requested")
        and request.user.has_perm(Perm.PRACTICE_SUBMIT, practice),
    }
    return form_page(request, "knowledge/practice_form.html", context)


@permission_required(Perm.PRACTICE_SHARE)
def my_practices(request: AuthenticatedRequest) -> HttpResponse:
    page = Paginator(selectors.practices_of(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "knowledge/my_practices.html", {"page": page})


@permission_required(Perm.SITE_VIEW)
def practice_attachment(request: HtmxRequest, pk: int) -> Any:
    """A file of a practice, to whoever may read the practice; never from the web root. The
    file of a practice not open to everyone is kept by no cache, shared or the browser's."""
    from django.http import FileResponse
    from django.utils.cache import patch_cache_control

    attachment = PracticeAttachment.objects.select_related("practice").filter(pk=pk).first()
    if attachment is None or not request.user.has_perm(Perm.PRACTICE_VIEW, attachment.practice):
        raise Http404
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=not attachment.content_type.startswith("image/"),
        filename=attachment.name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    if not is_public_practice(attachment.practice):
        patch_cache_control(response, no_store=True, private=True)
    return response


@require_POST
@permission_required(Perm.ACCOUNT_USE)
def practice_attachment_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    attachment = PracticeAttachment.objects.select_related("practice").filter(pk=pk).first()
    if attachment is None:
        raise Http404
    check_perm(request, Perm.PRACTICE_EDIT, attachment.practice)
    services.remove_attachment(actor=request.user, attachment=attachment)
    messages.success(request, _("The file is removed."))
    return redirect("knowledge:practice-edit", slug=attachment.practice.slug)
