from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from befus.core.mail import FAILED_EMAIL_DAYS, SENT_EMAIL_DAYS
from befus.core.pagecache import cached_page
from befus.core.permissions import Perm, permission_required
from befus.knowledge.selectors import pillars_with_phenomena
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
        {
            "regions": regions,
            "member_total": sum(counts.values()),
            "pillars": pillars_with_phenomena(),
        },
    )


@permission_required(Perm.SITE_VIEW)
@cached_page
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/about.html")


@permission_required(Perm.SITE_VIEW)
@cached_page
def privacy(request: HttpRequest) -> HttpResponse:
    """What the platform keeps about people, why, for how long, who sees it, and their rights."""
    return render(
        request,
        "portal/privacy.html",
        {
            "request_retention_days": settings.BEFUS_REQUEST_RETENTION_DAYS,
            "session_days": settings.SESSION_COOKIE_AGE // 86400,
            "sent_email_days": SENT_EMAIL_DAYS,
            "failed_email_days": FAILED_EMAIL_DAYS,
        },
    )
