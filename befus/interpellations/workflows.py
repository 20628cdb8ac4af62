"""The workflow of a request to the networks: received → forwarded → in progress → answered →
closed (or declined), reopened when needed (``choices.TRANSITIONS`` holds the graph)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.timezone import now as timezone_now
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from befus.core.permissions import Perm
from befus.core.workflow import Workflow
from befus.interpellations.choices import TRANSITIONS, Status
from befus.interpellations.models import Interpellation


def _stamp(request: Interpellation, previous: str, target: str | None) -> Iterable[str]:
    """When it was answered, and when it was finished (closed or declined; open again: not)."""
    if target is None:
        return
    if target == Status.ANSWERED:
        request.answered_at = timezone_now()
        yield "answered_at"
    request.finished_at = timezone_now() if target in (Status.CLOSED, Status.DECLINED) else None
    yield "finished_at"


def _erased(request: Interpellation) -> str | None:
    return _("This request's data has been erased.") if request.erased_at is not None else None


REQUEST_FLOW: Workflow[Interpellation] = Workflow(
    model=Interpellation,
    steps=TRANSITIONS,
    rules={
        "forward": Perm.REQUEST_ROUTE,
        "take_up": Perm.REQUEST_WORK,
        "propose": Perm.REQUEST_WORK,
        "answer": Perm.REQUEST_WORK,  # the Chairman, or an assignee trusted to answer directly
        "decline": Perm.REQUEST_ROUTE,
        "close": Perm.REQUEST_ROUTE,
        "reopen": Perm.REQUEST_ROUTE,
        "update": Perm.REQUEST_ROUTE,
    },
    verb_prefix="interpellations.request",
    moved=gettext_lazy(
        "This request is now “%(status)s”: someone may have acted on it before you."
    ),
    stamp=_stamp,
    record_state=False,
    refuse=_erased,
)
