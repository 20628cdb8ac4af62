"""The thematic tree: its pillars, a node with its practices, merging two nodes."""

from __future__ import annotations

from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from befus.accounts.types import AuthenticatedRequest
from befus.core.pagecache import cached_page
from befus.core.permissions import Perm, permission_required
from befus.core.types import HtmxRequest
from befus.core.viewtools import NotDone, form_page, submit
from befus.knowledge import selectors, services
from befus.knowledge.forms import (
    PracticeFilterForm,
    TopicMergeForm,
)
from befus.knowledge.models import TopicRedirect


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
