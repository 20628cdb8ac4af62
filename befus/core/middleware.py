from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from befus.core.viewtools import error_page


class ContentSecurityPolicyMiddleware:
    """Send ``BEFUS_CONTENT_SECURITY_POLICY`` with every answer, error pages included.

    The platform's pages load scripts and styles from its own static files only: no inline
    script, no inline style, no other origin. The Django admin's pages are allowed inline style
    (its change list writes a ``<style>`` block), never inline script. A view that sets its own
    policy keeps it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        directives: dict[str, str] = dict(settings.BEFUS_CONTENT_SECURITY_POLICY)
        self.policy = _header(directives)
        style = directives.get("style-src", "'self'")
        self.admin_policy = _header({**directives, "style-src": f"{style} 'unsafe-inline'"})

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            match = getattr(request, "resolver_match", None)
            in_admin = match is not None and match.app_name == "admin"
            response["Content-Security-Policy"] = self.admin_policy if in_admin else self.policy
        return response


def _header(directives: dict[str, str]) -> str:
    return "; ".join(f"{name} {value}" for name, value in directives.items())


class UploadLimitMiddleware:
    """Answer 413 to a request whose body is larger than any form accepts, without reading it.

    Django would otherwise stream the whole body to memory and temporary files before a form
    could refuse it. The limit is ``BEFUS_MAX_UPLOAD_BYTES``; the reverse proxy should refuse
    the same (nginx's ``client_max_body_size``, docs/deployment.md).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.BEFUS_MAX_UPLOAD_BYTES:
            megabytes = settings.BEFUS_MAX_UPLOAD_BYTES // (1024 * 1024)
            return error_page(
                request, "413.html", status=413, context={"max_upload_megabytes": megabytes}
            )
        return self.get_response(request)


class RefuseNullBytesMiddleware:
    """Answer 400 to a parameter or form field holding a NUL character.

    No text a person types holds one, PostgreSQL cannot store one in a text column, and a view
    reading ``request.GET`` itself (a filter, a pre-selected network) would otherwise pass it to
    a query and fail with a server error. Forms refuse it already; this covers every reader.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _holds_null(request.GET) or (request.method == "POST" and _holds_null(request.POST)):
            return error_page(request, "400.html", status=400)
        return self.get_response(request)


def _holds_null(data: Any) -> bool:
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in data.lists())
