from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from befus.core.permissions import Perm, permission_required
from befus.core.types import HtmxRequest
from befus.knowledge import selectors


@permission_required(Perm.SITE_VIEW)
def topic_list(request: HtmxRequest) -> HttpResponse:
    """The five pillars with their phenomena."""
    tree = selectors.pillars_with_phenomena()
    return render(request, "knowledge/topic_list.html", {"tree": tree})


@permission_required(Perm.SITE_VIEW)
def topic_detail(request: HtmxRequest, slug: str) -> HttpResponse:
    page = selectors.topic_page(selectors.get_topic(slug), request.user)
    return render(request, "knowledge/topic_detail.html", {"page": page})
