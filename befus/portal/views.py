from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from befus.core.pagecache import cached_page
from befus.core.permissions import Perm, permission_required
from befus.members import selectors as members
from befus.members.choices import Region


@permission_required(Perm.SITE_VIEW)
@cached_page
def home(request: HttpRequest) -> HttpResponse:
    counts = members.member_counts_by_region()
    regions = [(region, counts.get(region.value, 0)) for region in Region]
    return render(
        request,
        "portal/home.html",
        {"regions": regions, "member_total": sum(counts.values())},
    )


@permission_required(Perm.SITE_VIEW)
@cached_page
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/about.html")
