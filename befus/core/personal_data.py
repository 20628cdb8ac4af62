"""What the platform holds about a person, declared by each app: the export and the erasure.

Every model with a field pointing to a person is declared here by the app that owns it (in its
``AppConfig.ready()``), field by field:

- ``own`` fields make the row the person's (their profile, their request, the practice they
  wrote): the export carries the row's own values;
- ``acted`` fields record that the person did something to a row about someone or something else
  (decided a membership, validated an answer): the export says what and when, not the row.

The erasure (GDPR art. 17) goes through the same declarations: ``erase`` is what happens to the
rows a person owns — ``DELETE`` them, ``KEEP`` them as the Forum's history (they then point to the
anonymised account, which carries no name or address any more), or a function of the app's.
Acted-on rows are always kept: the account they point to is anonymised.

``undeclared_person_fields()`` lists the fields nobody declared; a test fails on any, so a new
model that stores a person cannot escape the export and the erasure.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.timezone import localdate

from befus.core.models import AuditEvent, Notification, NotificationPreference, OutgoingEmail


class Erase(StrEnum):
    DELETE = "delete"
    KEEP = "keep"


Eraser = Callable[[Any, Any], None]  # (person, actor)
Exporter = Callable[[Any], list[dict[str, Any]]]  # (person) -> rows


@dataclass(frozen=True)
class Holding:
    """One model's personal data: which fields name the person, and what erasure does."""

    model: type[models.Model]
    section: str
    own: tuple[str, ...]
    acted: tuple[str, ...]
    erase: Erase | Eraser
    exclude: tuple[str, ...]
    export: Exporter | None

    def owned_by(self, person: Any) -> models.QuerySet[Any]:
        query = Q()
        for name in self.own:
            query |= Q(**{name: person})
        return (
            self.model._default_manager.filter(query)
            if self.own
            else self.model._default_manager.none()
        )

    def acted_on_by(self, person: Any) -> models.QuerySet[Any]:
        query = Q()
        for name in self.acted:
            query |= Q(**{name: person})
        rows = self.model._default_manager.filter(query)
        if self.own:
            rows = rows.exclude(pk__in=self.owned_by(person).values("pk"))
        return rows if self.acted else self.model._default_manager.none()


HOLDINGS: dict[str, Holding] = {}


def holds(
    model: type[models.Model],
    *,
    section: str,
    own: Iterable[str] = (),
    acted: Iterable[str] = (),
    erase: Erase | Eraser = Erase.KEEP,
    exclude: Iterable[str] = (),
    export: Exporter | None = None,
) -> Holding:
    """Declare that ``model`` holds personal data (call from the owning app's ``ready()``).

    ``exclude`` names columns the export leaves out (secrets such as an authenticator's seed:
    no one's to read in a file). ``export`` replaces the generic rows of the section with the
    app's own reading of them.
    """
    holding = Holding(
        model=model,
        section=section,
        own=tuple(own),
        acted=tuple(acted),
        erase=erase,
        exclude=tuple(exclude),
        export=export,
    )
    HOLDINGS[model._meta.label] = holding
    return holding


def export_personal_data(person: Any) -> dict[str, list[dict[str, Any]]]:
    """Every declared row about ``person``, by section: their own rows in full, the rows they
    acted on as a line each (what, which field, when)."""
    sections: dict[str, list[dict[str, Any]]] = {}
    for holding in sorted(HOLDINGS.values(), key=lambda h: h.section):
        rows = sections.setdefault(holding.section, [])
        if holding.export is not None:
            rows.extend(holding.export(person))
            continue
        for row in holding.owned_by(person).order_by("pk"):
            rows.append(_row(holding, row, person))
        for row in holding.acted_on_by(person).order_by("pk"):
            rows.append(_acted(holding, row, person))
    return sections


def erase_personal_data(person: Any, *, actor: Any) -> dict[str, int]:
    """Apply each declaration's erasure to the rows ``person`` owns; returns what was deleted.

    Call inside the erasure's transaction, before the account itself is anonymised.
    """
    deleted: dict[str, int] = {}
    for label, holding in HOLDINGS.items():
        if holding.erase == Erase.DELETE:
            count, _by_model = holding.owned_by(person).delete()
            if count:
                deleted[label] = count
        elif callable(holding.erase):
            holding.erase(person, actor)
    return deleted


def end_periods(periods: models.QuerySet[Any]) -> None:
    """An erased person's dated terms (``start`` / ``end``): the ones not begun yet are
    commitments, not history, and go; current ones end today and stay, under the anonymised
    account, so that the history of the Forum stays true."""
    today = localdate()
    periods.filter(start__gt=today).delete()
    periods.filter(Q(end__isnull=True) | Q(end__gt=today)).update(end=today)


def person_fields() -> list[tuple[type[models.Model], str]]:
    """Every (model, field) of the installed apps that points to a person."""
    person_model = apps.get_model(settings.AUTH_USER_MODEL)
    found = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.is_relation and not field.auto_created and field.related_model is person_model:
                found.append((model, field.name))
    return found


def undeclared_person_fields() -> list[str]:
    """The person fields no app declared, as ``app.Model.field``."""
    missing = []
    for model, name in person_fields():
        holding = HOLDINGS.get(model._meta.label)
        if holding is None or name not in holding.own + holding.acted:
            missing.append(f"{model._meta.label}.{name}")
    return missing


def _row(holding: Holding, row: models.Model, person: Any) -> dict[str, Any]:
    values: dict[str, Any] = {"record": holding.model._meta.model_name, "id": row.pk}
    for field in row._meta.concrete_fields:
        if field.name in holding.exclude or field.primary_key:
            continue
        value = getattr(row, field.attname)
        if field.is_relation and value is not None:
            value = _related_label(row, field, person)
        values[field.name] = _plain(value)
    values["yours_as"] = [
        name for name in holding.own if getattr(row, f"{name}_id", None) == person.pk
    ]
    return values


def _acted(holding: Holding, row: models.Model, person: Any) -> dict[str, Any]:
    return {
        "record": holding.model._meta.model_name,
        "id": row.pk,
        "what": str(row)[:200],
        "you_are": [
            name for name in holding.acted if getattr(row, f"{name}_id", None) == person.pk
        ],
        "when": _plain(_moment(row)),
    }


def _fields_naming(row: models.Model, names: tuple[str, ...], person: Any) -> list[str]:
    return [name for name in names if getattr(row, f"{name}_id", None) == person.pk]


def _related_label(row: models.Model, field: Any, person: Any) -> Any:
    """A related row as a reader knows it: "you" for the person, a name for others' records."""
    if field.related_model is apps.get_model(settings.AUTH_USER_MODEL):
        return "you" if getattr(row, field.attname) == person.pk else getattr(row, field.attname)
    return str(getattr(row, field.name))[:200]


def _moment(row: models.Model) -> Any:
    for name in ("decided_at", "updated_at", "created_at", "submitted_at", "start"):
        value = getattr(row, name, None)
        if value is not None:
            return value
    return None


def _plain(value: Any) -> Any:
    """A column's value as JSON can hold it."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or None
    if isinstance(value, bytes | memoryview):
        return None
    return value


# --- what core itself holds ----------------------------------------------------------------------


def _actions(person: Any) -> list[dict[str, Any]]:
    return [
        {
            "when": e.created_at.isoformat(),
            "action": e.verb,
            "object": e.target_repr,
            "details": e.data,
        }
        for e in AuditEvent.objects.filter(actor=person).order_by("created_at", "pk")
    ]


def _blank_names_in_the_audit_trail(person: Any, actor: Any) -> None:
    """The audit trail keeps every event, with the person's name blanked where it was written
    (as actor and as target): the one change ever made to audit events, required by GDPR
    art. 17. Audit data refers to people by id, never by name."""
    AuditEvent.objects.filter(actor=person).update(actor_label="")
    AuditEvent.objects.filter(
        target_type=ContentType.objects.get_for_model(type(person)), target_id=str(person.pk)
    ).update(target_repr="")


def _emails_to(person: Any) -> Any:
    return OutgoingEmail.objects.filter(recipients__icontains=person.email)


def _emails(person: Any) -> list[dict[str, Any]]:
    return [
        {"subject": e.subject, "state": e.state, "at": e.created_at.isoformat()}
        for e in _emails_to(person).order_by("created_at", "pk")
    ]


def register_core() -> None:
    holds(
        AuditEvent,
        section="actions",
        own=("actor",),
        erase=_blank_names_in_the_audit_trail,
        export=_actions,
    )
    holds(Notification, section="notifications", own=("recipient",), erase=Erase.DELETE)
    holds(
        NotificationPreference,
        section="notification_choices",
        own=("user",),
        erase=Erase.DELETE,
    )
    # E-mails name their recipients by address, not by account.
    holds(
        OutgoingEmail,
        section="emails_to_you",
        erase=lambda person, actor: _emails_to(person).delete(),
        export=_emails,
    )
