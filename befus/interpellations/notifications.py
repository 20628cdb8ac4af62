from django.utils.translation import gettext_lazy as _

from befus.core.notifications import register_kind
from befus.interpellations.choices import Status

register_kind(
    "interpellations.received",
    label=_("A request reaches the Forum (Chairman and delegate)"),
    title=_("New request %(reference)s, “%(subject)s”, awaits routing."),
)
register_kind(
    "interpellations.assigned",
    label=_("The Chairman passes a request on to you"),
    title=_("The Chairman passes request %(reference)s, “%(subject)s”, on to you; due on %(due)s."),
    dates=("due",),
)
register_kind(
    "interpellations.note",
    label=_("Someone writes on a request you follow"),
    title=_("%(person)s wrote on request %(reference)s, “%(subject)s”."),
)
register_kind(
    "interpellations.draft",
    label=_("A draft answer awaits validation (Chairman and delegate)"),
    title=_("A draft answer to request %(reference)s, “%(subject)s”, awaits your validation."),
)
register_kind(
    "interpellations.draft_returned",
    label=_("Your draft answer is returned"),
    title=_("Your draft answer to request %(reference)s was returned: %(comment)s"),
)
register_kind(
    "interpellations.due",
    label=_("A request passed on to you is due soon"),
    title=_("Request %(reference)s, “%(subject)s”, is due on %(due)s."),
    dates=("due",),
)
register_kind(
    "interpellations.overdue",
    label=_("A request is overdue (Chairman and delegate)"),
    title=_("Request %(reference)s, “%(subject)s”, was due on %(due)s and is not answered."),
    dates=("due",),
)
register_kind(
    "interpellations.status",
    label=_("News on a request you made or follow"),
    title=_("Request %(reference)s, “%(subject)s”: %(status)s."),
    labels={"status": Status},
)
