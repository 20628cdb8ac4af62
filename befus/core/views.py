from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from befus.core import selectors, services
from befus.core.audit import shown_events
from befus.core.forms import NotificationPreferencesForm
from befus.core.i18n import in_language
from befus.core.models import Notification
from befus.core.permissions import Perm, permission_required
from befus.core.viewtools import error_page

AUDIT_SCOPES = [
    ("", _("Everything")),
    ("members.", _("Members and governance")),
    ("accounts.", _("Accounts")),
    ("networks.", _("Professional networks")),
    ("knowledge.", _("Knowledge base")),
    ("interpellations.", _("Requests to the networks")),
]


@permission_required(Perm.AUDIT_VIEW)
def audit_log(request: HttpRequest) -> HttpResponse:
    """The audit trail, newest first; a target the reader may not open is named generically."""
    scope = request.GET.get("scope", "")
    if scope not in dict(AUDIT_SCOPES):
        scope = ""
    page = Paginator(selectors.audit_events(verb_prefix=scope), 50).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "events": shown_events(request.user, page.object_list),
        "scopes": AUDIT_SCOPES,
        "scope": scope,
    }
    return render(request, "core/audit_log.html", context)


@permission_required(Perm.SITE_VIEW)
def health(request: HttpRequest) -> HttpResponse:
    """Liveness for a load balancer: a small constant answer through the whole middleware stack,
    touching neither the database nor the session (also the benchmark's floor)."""
    return HttpResponse(b"ok\n", content_type="text/plain; charset=utf-8")


health.befus_mfa_exempt = True  # type: ignore[attr-defined]


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # Also the answer to a Host header the site does not serve, raised before the user is known.
    return error_page(request, "400.html", status=400, exception=exception)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, "403.html", status=403, exception=exception)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent with an expired or missing token (a page left open for hours, cookies
    refused): the 403 page says so and how to send it again, in the visitor's language."""
    return error_page(request, "403_csrf.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, "404.html", status=404, exception=exception)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request context: whatever failed may fail again in a context processor.
    return HttpResponseServerError(loader.render_to_string("500.html"))


@permission_required(Perm.ACCOUNT_USE)
def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.notifications_for(request.user), 30).get_page(
        request.GET.get("page")
    )
    return render(request, "core/notification_list.html", {"page": page})


@permission_required(Perm.ACCOUNT_USE)
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one notification read and go where it points."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.mark_read(actor=request.user, notification=notification)
    target = in_language(notification.url, request.LANGUAGE_CODE) if notification.url else None
    return redirect(target or "notification-list")


@require_POST
@permission_required(Perm.ACCOUNT_USE)
def notification_mark_all_read(request: HttpRequest) -> HttpResponse:
    count = services.mark_all_read(actor=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)d notification marked as read.",
            "%(count)d notifications marked as read.",
            count,
        )
        % {"count": count},
    )
    return redirect("notification-list")


@permission_required(Perm.ACCOUNT_USE)
def notification_settings(request: HttpRequest) -> HttpResponse:
    form = NotificationPreferencesForm(
        request.POST or None, initial_deliveries=selectors.preferences_for(request.user)
    )
    if request.method == "POST" and form.is_valid():
        services.set_preferences(actor=request.user, deliveries=form.cleaned_data)
        messages.success(request, gettext("Your choices have been saved."))
        return redirect("notification-settings")
    return render(request, "core/notification_settings.html", {"form": form})
