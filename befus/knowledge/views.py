from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from befus.core.permissions import Perm, permission_required
from befus.core.types import HtmxRequest
from befus.knowledge import selectors
from befus.knowledge.models import Topic


@permission_required(Perm.SITE_VIEW)
def topic_list(request: HtmxRequest) -> HttpResponse:
    """The five pillars with their phenomena."""
    # Two levels in one query: the pillars and their phenomena.
    nodes = list(Topic.objects.get_tree().filter(depth__lte=2))
    tree = [
        (root, [n for n in nodes if n.depth == 2 and n.path.startswith(root.path)])
        for root in nodes
        if root.depth == 1
    ]
    return render(request, "knowledge/topic_list.html", {"tree": tree})


@permission_required(Perm.SITE_VIEW)
def topic_detail(request: HtmxRequest, slug: str) -> HttpResponse:
    page = selectors.topic_page(selectors.get_topic(slug), request.user)
    return render(request, "knowledge/topic_detail.html", {"page": page})
