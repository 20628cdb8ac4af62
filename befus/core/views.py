from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext_lazy as _

from befus.core import selectors
from befus.core.permissions import Perm, permission_required

AUDIT_SCOPES = [
    ("", _("Everything")),
    ("members.", _("Members and governance")),
    ("accounts.", _("Accounts")),
]


@permission_required(Perm.AUDIT_VIEW)
def audit_log(request: HttpRequest) -> HttpResponse:
    scope = request.GET.get("scope", "")
    if scope not in dict(AUDIT_SCOPES):
        scope = ""
    page = Paginator(selectors.audit_events(verb_prefix=scope), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request, "core/audit_log.html", {"page": page, "scopes": AUDIT_SCOPES, "scope": scope}
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request context: whatever failed may fail again in a context processor.
    return HttpResponseServerError(loader.render_to_string("500.html"))
