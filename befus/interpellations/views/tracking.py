"""The requester's side: the private tracking link, its files, and one's own requests."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from befus.core.permissions import Perm, permission_required
from befus.core.viewtools import private_page
from befus.interpellations import selectors
from befus.interpellations.models import Attachment


@private_page
@permission_required(Perm.REQUEST_TRACK)
def track(request: HttpRequest, token: str) -> HttpResponse:
    """The requester's page: status and public messages, reached by the private link alone."""
    interpellation = selectors.get_by_token(token)
    if interpellation is None:
        return render(request, "interpellations/track_invalid.html", status=404)
    page = selectors.request_page(interpellation, public_only=True)
    response = render(
        request,
        "interpellations/track.html",
        {"page": page, "interpellation": interpellation, "token": token},
    )
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


@private_page
@permission_required(Perm.REQUEST_TRACK)
def track_attachment(request: HttpRequest, token: str, pk: int) -> HttpResponseBase:
    interpellation = selectors.get_by_token(token)
    attachment = selectors.get_attachment(pk)
    if (
        interpellation is None
        or attachment.interpellation_id != interpellation.pk
        or not attachment.public
    ):
        raise Http404
    return _serve(attachment)


def _serve(attachment: Attachment) -> FileResponse:
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- inside the platform -----------------------------------------------------------------------
