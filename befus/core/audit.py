"""Writing to the audit trail, and what each reader of it may see of its targets.

An event keeps a readable name of its target (``target_repr``: a practice's title, a request's
subject). The audit page is read by people who may not open every target, so each app registers,
for its models whose names are not for every reader, who may open which: the page shows those
targets by name with a link, and the others as a generic label ("a practice"), with no link.
Targets of models nobody registered (organisations, people, bodies) are shown by name.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from befus.core.models import AuditEvent

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


def record_event(
    *, actor: Any, verb: str, target: models.Model | None = None, data: dict[str, Any] | None = None
) -> AuditEvent:
    """Append one event to the audit trail, inside the caller's transaction.

    ``verb`` is a dotted, stable name (``members.membership.start``): the audit page translates
    it, reports filter on it.
    """
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=user,
        actor_label=(user.get_full_name() or user.email) if user else "",
        verb=verb,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:300] if target is not None else "",
        data=data or {},
    )


# (reader, the targets' ids as the events hold them) -> {id: address of its page, or ""} of the
# targets the reader may open. One query or so per call, whatever the number of ids.
Openable = Callable[[Any, list[str]], Mapping[str, str]]


@dataclass(frozen=True)
class AuditTarget:
    label: _StrPromise  # what a reader who may not open the target sees: "a practice"
    openable: Openable


AUDIT_TARGETS: dict[str, AuditTarget] = {}


def register_audit_target(
    model: type[models.Model], *, label: _StrPromise, openable: Openable
) -> None:
    """Declare who may see the name of ``model``'s targets in the audit trail (from an app's
    ``AppConfig.ready()``)."""
    AUDIT_TARGETS[model._meta.label_lower] = AuditTarget(label, openable)


def int_ids(ids: Iterable[str]) -> list[int]:
    """The ids that can be primary keys (a target id is stored as text)."""
    return [int(value) for value in ids if value.isascii() and value.isdigit() and len(value) < 19]


@dataclass(frozen=True)
class ShownEvent:
    """An audit event as a reader sees it: its target's name and link, or the generic label."""

    event: AuditEvent
    target: str
    url: str = ""


def shown_events(reader: Any, events: Iterable[AuditEvent]) -> list[ShownEvent]:
    """The events with each target named only for a reader who may open it: one call of each
    registered model's rule for the whole page, so the cost does not grow with the rows."""
    events = list(events)
    wanted: dict[str, set[str]] = defaultdict(set)
    for event in events:
        key = _key(event)
        if key in AUDIT_TARGETS:
            wanted[key].add(event.target_id)
    openable = {
        key: AUDIT_TARGETS[key].openable(reader, sorted(ids)) for key, ids in wanted.items()
    }
    shown = []
    for event in events:
        key = _key(event)
        if key not in AUDIT_TARGETS:
            shown.append(ShownEvent(event, event.target_repr))
        elif event.target_id in openable[key]:
            shown.append(ShownEvent(event, event.target_repr, openable[key][event.target_id]))
        else:
            shown.append(ShownEvent(event, str(AUDIT_TARGETS[key].label)))
    return shown


def _key(event: AuditEvent) -> str:
    kind = event.target_type
    return f"{kind.app_label}.{kind.model}" if kind is not None and event.target_id else ""
