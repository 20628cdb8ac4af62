from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST

from befus.core.errors import DomainError
from befus.core.pagecache import cached_page
from befus.core.permissions import Perm, check_perm, permission_required
from befus.core.search.engine import FACETS, search
from befus.core.types import AuthenticatedRequest, HtmxRequest
from befus.core.viewtools import NotDone, form_page, submit
from befus.knowledge import selectors, services
from befus.knowledge.forms import (
    AdoptionForm,
    CommentForm,
    EvaluationForm,
    PracticeFilterForm,
    PracticeForm,
    QuestionForm,
    SearchForm,
    TopicMergeForm,
    TranslationForm,
)
from befus.knowledge.models import TopicRedirect

PAGE_SIZE = 20


@permission_required(Perm.SITE_VIEW)
@cached_page
def topic_list(request: HtmxRequest) -> HttpResponse:
    """The five pillars with their phenomena."""
    tree = selectors.pillars_with_phenomena()
    return render(request, "knowledge/topic_list.html", {"tree": tree})


@permission_required(Perm.SITE_VIEW)
@cached_page
def topic_detail(request: HtmxRequest, slug: str) -> HttpResponse:
    """A node of the tree: its practices (filtered), recommendations, publications, networks."""
    try:
        topic = selectors.get_topic(slug)
    except Http404:
        moved = TopicRedirect.objects.select_related("topic").filter(old_slug=slug).first()
        if moved is None:
            raise
        return HttpResponsePermanentRedirect(
            reverse("knowledge:topic-detail", kwargs={"slug": moved.topic.slug})
        )
    form = PracticeFilterForm(request.GET or None)
    page = selectors.node_page(topic, request.user, form.filters(), request.GET.get("page"))
    template = "knowledge/topic_detail.html" + ("#practices" if request.htmx else "")
    context = {
        "page": page,
        "form": form,
        "can_manage": request.user.has_perm(Perm.KNOWLEDGE_MANAGE),
    }
    return render(request, template, context)


@permission_required(Perm.SITE_VIEW)
@cached_page
def practice_list(request: HtmxRequest) -> HttpResponse:
    form = PracticeFilterForm(request.GET or None)
    practices = selectors.filtered_practices(request.user, **form.filters()).prefetch_related(
        "organisations"
    )
    page = Paginator(practices, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "form": form,
        "perms_share": request.user.has_perm(Perm.PRACTICE_SHARE),
        "perms_review": request.user.has_perm(Perm.PRACTICE_REVIEW_QUEUE),
        "spreading": selectors.most_adopted(request.user),
    }
    return render(request, "knowledge/practice_list.html", context)


@permission_required(Perm.SITE_VIEW)
@cached_page
def practice_detail(request: HtmxRequest, slug: str) -> HttpResponse:
    practice = selectors.get_practice_for_user(request.user, slug)
    user = request.user
    context = {
        "page": selectors.practice_page(practice),
        "sections": _sections(),
        "can_edit": user.has_perm(Perm.PRACTICE_EDIT, practice),
        "can_review": user.has_perm(Perm.PRACTICE_REVIEW, practice),
        "can_translate": user.has_perm(Perm.PRACTICE_TRANSLATE, practice),
        "can_evaluate": user.has_perm(Perm.PRACTICE_EVALUATE, practice),
        "can_ask": user.has_perm(Perm.PRACTICE_ASK, practice),
        "can_adopt": user.has_perm(Perm.PRACTICE_ADOPT, practice),
        "can_manage": user.has_perm(Perm.KNOWLEDGE_MANAGE),
    }
    return render(request, "knowledge/practice_detail.html", context)


@permission_required(Perm.SITE_VIEW)
@cached_page
def publication_list(request: HtmxRequest) -> HttpResponse:
    page = Paginator(selectors.publications(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "knowledge/publication_list.html", {"page": page})


@permission_required(Perm.SITE_VIEW)
@cached_page
def search_page(request: HtmxRequest) -> HttpResponse:
    """One box for everything: practices, recommendations, publications, networks, members,
    themes; in any of the three languages."""
    form = SearchForm(request.GET or None)
    query = ""
    order = "relevance"
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
        order = form.cleaned_data["order"] or "relevance"
    filters = {name: request.GET.get(name, "")[:40] for name in FACETS}
    page_number = _page_number(request.GET.get("page", "1"))
    results = (
        search(
            query,
            user=request.user,
            filters=filters,
            order=order,
            offset=(page_number - 1) * PAGE_SIZE,
            limit=PAGE_SIZE,
            display_language=(get_language() or "nl")[:2],
        )
        if query
        else None
    )
    pages = (results.total + PAGE_SIZE - 1) // PAGE_SIZE if results else 0
    context = {
        "facets": _facet_groups(results.facets if results else {}, filters),
        "form": form,
        "query": query,
        "results": results,
        "filters": {k: v for k, v in filters.items() if v},
        "page_number": page_number,
        "first_number": (page_number - 1) * PAGE_SIZE + 1,
        "pages": pages,
        "order": order,
    }
    template = "knowledge/search.html" + ("#results" if request.htmx else "")
    return render(request, template, context)


def _page_number(value: str) -> int:
    return int(value) if value.isdigit() and 0 < int(value) < 1000 else 1


def _facet_groups(
    facets: dict[str, list[tuple[str, int]]], active: dict[str, str]
) -> list[tuple[str, str, list[tuple[str, str, int, bool]]]]:
    """The facets as the page shows them: (name, heading, [(value, label, count, chosen)])."""
    from django.utils.translation import gettext as _

    from befus.core.search.engine import INDEXERS
    from befus.knowledge.choices import EvidenceKind
    from befus.knowledge.models import Topic
    from befus.members.choices import Region

    languages = {"nl": _("Dutch"), "fr": _("French"), "en": _("English")}
    labels: dict[str, dict[str, Any]] = {
        "kind": {kind: indexer.label() for kind, indexer in INDEXERS.items()},
        "language": languages,
        "region": dict(Region.choices),
        "evidence": dict(EvidenceKind.choices),
        "pillars": {t.slug: t.name for t in Topic.objects.filter(depth=1)},
        "year": {},
    }
    headings = {
        "kind": _("Kind"),
        "language": _("Written in"),
        "region": _("Region"),
        "evidence": _("Evidence"),
        "pillars": _("Pillar"),
        "year": _("Year"),
    }
    groups = []
    for name in ("kind", "pillars", "language", "region", "evidence", "year"):
        values = facets.get(name, [])
        if name == "year":
            values = sorted(values, reverse=True)[:12]
        if not values:
            continue
        groups.append(
            (
                name,
                str(headings[name]),
                [
                    (value, str(labels[name].get(value, value)), count, active.get(name) == value)
                    for value, count in values
                ],
            )
        )
    return groups


# --- sharing, reviewing, translating, evaluating -------------------------------------------


def _initial_of(practice: Any) -> dict[str, Any]:
    from befus.knowledge.choices import TEXT_FIELDS

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
        "can_submit": practice.status in ("draft", "changes_requested"),
    }
    return form_page(request, "knowledge/practice_form.html", context)


PRACTICE_ACTIONS = {
    "submit": (services.submit_practice, _lazy("The practice is sent for review.")),
    "start_review": (services.start_review, _lazy("You are reviewing this practice.")),
    "publish": (services.publish_practice, _lazy("The practice is published.")),
    "archive": (services.archive_practice, _lazy("The practice is archived.")),
    "republish": (services.republish_practice, _lazy("The practice is published again.")),
}


@require_POST
@permission_required(Perm.ACCOUNT_USE)
def practice_action(request: AuthenticatedRequest, slug: str, action: str) -> HttpResponse:
    """One step of a practice's review; the service checks the rule and the state."""
    if action not in PRACTICE_ACTIONS:
        raise Http404
    practice = selectors.get_practice_for_user(request.user, slug)
    service, success = PRACTICE_ACTIONS[action]
    try:
        service(actor=request.user, practice=practice)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, str(success))
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
    check_perm(request, Perm.PRACTICE_REVIEW, practice)
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
    practices = selectors.review_queue(request.user)
    return render(request, "knowledge/review_queue.html", {"practices": practices})


@permission_required(Perm.PRACTICE_SHARE)
def my_practices(request: AuthenticatedRequest) -> HttpResponse:
    page = Paginator(selectors.practices_of(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "knowledge/my_practices.html", {"page": page})


@require_http_methods(["GET", "POST"])
@permission_required(Perm.ACCOUNT_USE)
def practice_translate(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    practice = selectors.get_practice_for_user(request.user, slug)
    check_perm(request, Perm.PRACTICE_TRANSLATE, practice)
    others = [code for code in ("nl", "fr", "en") if code != practice.original_language]
    wanted = request.GET.get("language", "")
    language = wanted if wanted in others else others[0]
    from befus.knowledge.choices import TEXT_FIELDS

    initial = {name: getattr(practice, f"{name}_{language}", "") or "" for name in TEXT_FIELDS}
    form = TranslationForm(request.POST or None, initial={"language": language, **initial})
    names = {"nl": _("Dutch"), "fr": _("French"), "en": _("English")}
    form.fields["language"].choices = [(code, names[code]) for code in others]  # type: ignore[attr-defined]
    result = submit(
        request,
        form,
        lambda data: services.translate_practice(
            actor=request.user,
            practice=practice,
            language=data["language"],
            **{name: data[name] for name in TEXT_FIELDS},
        ),
        success=_("The translation is saved and marked as a translation."),
    )
    if not isinstance(result, NotDone):
        return redirect("knowledge:practice-detail", slug=practice.slug)
    original = {
        name: getattr(practice, f"{name}_{practice.original_language}", "") for name in TEXT_FIELDS
    }
    context = {"form": form, "practice": practice, "original": original}
    return form_page(request, "knowledge/practice_translate.html", context)


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


def _sections() -> list[tuple[str, Any]]:
    return [
        ("problem", _("The problem")),
        ("objectives", _("Objectives")),
        ("approach", _("Approach")),
        ("partners_why", _("Why these partners work together")),
        ("results", _("Results")),
    ]


@require_http_methods(["GET", "POST"])
@permission_required(Perm.KNOWLEDGE_MANAGE)
def topic_merge(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    """Merge a theme into another, after a confirmation: classifications, sub-themes and the
    address move to the other theme."""
    source = selectors.get_topic(slug)
    form = TopicMergeForm(request.POST or None, source=source)
    result = submit(
        request,
        form,
        lambda data: services.merge_topics(
            actor=request.user, source=source, target=data["target"]
        ),
        success=_("The themes are merged; the old address leads to the remaining one."),
    )
    if not isinstance(result, NotDone):
        return redirect("knowledge:topic-detail", slug=result.slug)
    return form_page(request, "knowledge/topic_merge.html", {"form": form, "topic": source})


@permission_required(Perm.SITE_VIEW)
def practice_attachment(request: HtmxRequest, pk: int) -> Any:
    """A file of a practice, to whoever may read the practice; never from the web root."""
    from django.http import FileResponse

    from befus.knowledge.models import PracticeAttachment

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
    return response


@require_POST
@permission_required(Perm.ACCOUNT_USE)
def practice_attachment_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    from befus.knowledge.models import PracticeAttachment

    attachment = PracticeAttachment.objects.select_related("practice").filter(pk=pk).first()
    if attachment is None:
        raise Http404
    check_perm(request, Perm.PRACTICE_EDIT, attachment.practice)
    services.remove_attachment(actor=request.user, attachment=attachment)
    messages.success(request, _("The file is removed."))
    return redirect("knowledge:practice-edit", slug=attachment.practice.slug)
