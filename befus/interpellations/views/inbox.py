"""The Chairman's inbox: new, waiting and overdue requests beside the Forum's own calls."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.timezone import localdate
from django.utils.translation import gettext as _

from befus.accounts.types import AuthenticatedRequest
from befus.core.pagecache import cached_page
from befus.core.permissions import Perm, permission_required
from befus.core.viewtools import private_page
from befus.interpellations import selectors
from befus.interpellations.forms import (
    InboxFilterForm,
)


@private_page
@permission_required(Perm.REQUEST_LIST_OWN)
def my_requests(request: AuthenticatedRequest) -> HttpResponse:
    page = Paginator(selectors.requests_of(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "interpellations/my_requests.html", {"page": page})


@private_page
@permission_required(Perm.REQUEST_ROUTE)
@cached_page
def inbox(request: AuthenticatedRequest) -> HttpResponse:
    """The Chairman's inbox: new, waiting, overdue; the Forum's calls on networks beside them."""
    counts = selectors.inbox_counts()
    # Without a choice, the inbox opens on what is most urgent: the overdue, else the new.
    view = request.GET.get("view") or ("overdue" if counts["overdue"] else "new")
    if view not in (*selectors.INBOX_VIEWS, selectors.DRAFTS_VIEW):
        view = "new"
    form = InboxFilterForm(request.GET or None)
    query, network = "", None
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
        network = form.cleaned_data["network"]
    requests = selectors.inbox(view, query=query, network=network)
    page = Paginator(requests, 25).get_page(request.GET.get("page"))
    labels = {
        "new": _("New"),
        "waiting": _("Waiting"),
        "overdue": _("Overdue"),
        "answered": _("Answered"),
        "finished": _("Closed or declined"),
        "all": _("All"),
    }
    context = {
        "view": view,
        "views": [(key, labels[key], counts[key]) for key in selectors.INBOX_VIEWS],
        "form": form,
        "page": page,
        "counts": counts,
        "commissions": selectors.open_commissions(),
        "today": localdate(),
        "can_delegate": request.user.has_perm(Perm.REQUEST_DELEGATE),
    }
    return render(request, "interpellations/inbox.html", context)
