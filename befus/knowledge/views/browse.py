"""Reading practices and publications, and the one search box."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from befus.core.pagecache import cached_page
from befus.core.permissions import Perm, permission_required
from befus.core.search.engine import FACETS, INDEXERS, search
from befus.core.types import HtmxRequest
from befus.core.workflow import available_actions
from befus.knowledge import selectors
from befus.knowledge.choices import EvidenceKind
from befus.knowledge.forms import (
    PracticeFilterForm,
    SearchForm,
)
from befus.knowledge.models import Topic
from befus.knowledge.permissions import can_review_practice, translates_directly
from befus.knowledge.views._common import PAGE_SIZE, _sections
from befus.members.choices import Region


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
        "can_review": can_review_practice(user, practice),
        "can_translate": user.has_perm(Perm.PRACTICE_TRANSLATE, practice),
        "translates_directly": translates_directly(user, practice),
        "can_evaluate": user.has_perm(Perm.PRACTICE_EVALUATE, practice),
        "can_ask": user.has_perm(Perm.PRACTICE_ASK, practice),
        "can_adopt": user.has_perm(Perm.PRACTICE_ADOPT, practice),
        "can_manage": user.has_perm(Perm.KNOWLEDGE_MANAGE),
        "actions": available_actions(user, practice),
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
