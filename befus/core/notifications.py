"""The kinds of notification the platform sends, registered by each app.

A notification stores its kind and parameters, never rendered text: the list and the e-mail
render it in the reader's language when they are shown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import TextChoices
from django.utils.formats import date_format

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


@dataclass(frozen=True)
class NotificationKind:
    key: str
    label: _StrPromise  # what the preferences page calls this kind
    title: _StrPromise  # the message, with %(name)s parameters
    # Parameters stored as a choice value and shown with the choice's label in the reader's
    # language (``{"status": NetworkStatus}``).
    labels: dict[str, type[TextChoices]] = field(default_factory=dict)
    # Parameters stored as ISO dates and shown in the reader's date format.
    dates: tuple[str, ...] = ()

    def render(self, params: dict[str, Any]) -> str:
        shown = dict(params)
        for key, choices in self.labels.items():
            if shown.get(key) in choices.values:
                shown[key] = str(choices(shown[key]).label)
        for key in self.dates:
            try:
                shown[key] = date_format(dt.date.fromisoformat(shown[key]), "DATE_FORMAT")
            except (KeyError, TypeError, ValueError):
                continue
        try:
            return str(self.title) % shown
        except (KeyError, TypeError, ValueError):
            return str(self.title)


KINDS: dict[str, NotificationKind] = {}


def register_kind(
    key: str,
    *,
    label: _StrPromise,
    title: _StrPromise,
    labels: dict[str, type[TextChoices]] | None = None,
    dates: tuple[str, ...] = (),
) -> NotificationKind:
    kind = NotificationKind(key, label, title, labels or {}, dates)
    KINDS[key] = kind
    return kind


def render_title(kind: str, params: dict[str, Any]) -> str:
    registered = KINDS.get(kind)
    return registered.render(params) if registered else kind
