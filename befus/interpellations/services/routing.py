"""The Chairman's side: pass a request on, answer, send news, decline, close, reopen, and the
private tracking link."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Sequence

from django.core.files import File
from django.db import transaction
from django.utils.timezone import localdate
from django.utils.translation import gettext as _

from befus.accounts.models import User
from befus.core.audit import record_event
from befus.core.errors import DomainError, InvalidTransition
from befus.core.permissions import Perm
from befus.core.permissions import require_perm as _require
from befus.core.services import notify
from befus.interpellations import selectors
from befus.interpellations.choices import (
    TRANSITIONS,
    EntryKind,
    Status,
)
from befus.interpellations.models import (
    Assignment,
    Entry,
    Interpellation,
)
from befus.interpellations.services._common import (
    _attach,
    _followers,
    _params,
    default_due_date,
)
from befus.interpellations.services.intake import _tell_requester
from befus.interpellations.workflows import REQUEST_FLOW
from befus.networks import selectors as network_selectors
from befus.networks.models import Network

# --- the Chairman's side -----------------------------------------------------------------------


def forward_request(
    *,
    actor: User,
    interpellation: Interpellation,
    people: Iterable[User] = (),
    networks: Iterable[Network] = (),
    note: str = "",
    due_date: dt.date | None = None,
) -> list[Assignment]:
    """Pass a request on to named people and to the referents of networks, with a due date."""
    _require(actor, Perm.REQUEST_ROUTE)
    due = due_date or interpellation.due_date
    if due < localdate():
        raise DomainError(_("The due date cannot be in the past."), field="due_date")
    chosen: dict[int, tuple[User, Network | None]] = {}
    for network in networks:
        referents = network_selectors.referents(network)
        if not referents:
            raise DomainError(
                _("“%(network)s” has no active referent: name a person instead.")
                % {"network": network},
                field="networks",
            )
        for person in referents:
            chosen.setdefault(person.pk, (person, network))
    for person in people:
        chosen.setdefault(person.pk, (person, selectors.network_of(person, interpellation)))
    if not chosen:
        raise DomainError(_("Choose at least one person or network."), field="people")
    with REQUEST_FLOW.moving(interpellation, "forward", actor=actor) as move:
        locked = move.row
        already = set(locked.assignments.values_list("person_id", flat=True))
        created = [
            Assignment.objects.create(
                interpellation=locked,
                person=person,
                network=network,
                note=note,
                due_date=due,
                assigned_by=actor,
            )
            for pk, (person, network) in chosen.items()
            if pk not in already
        ]
        if not created:
            raise DomainError(_("These people already follow this request."), field="people")
        was_received = locked.status == Status.RECEIVED
        if was_received:
            move.to(Status.FORWARDED)
        Entry.objects.create(
            interpellation=locked,
            kind=EntryKind.FORWARD,
            author=actor,
            body=note,
            status=locked.status,
            network=created[0].network,
        )
        move.data.update(people=[a.person_id for a in created], due=due.isoformat())
        notify(
            recipients=[a.person for a in created],
            kind="interpellations.assigned",
            params=_params(locked, due=due.isoformat()),
            url=locked.get_absolute_url(),
        )
        if was_received:
            _tell_requester(locked, template="update")
    return created


def answer_request(
    *, actor: User, interpellation: Interpellation, body: str, files: Sequence[File[bytes]] = ()
) -> Entry:
    """The Chairman (or delegate) answers the requester directly."""
    _require(actor, Perm.REQUEST_ROUTE)
    return _publish_answer(actor, interpellation, body, files, network=None, validated_by=actor)


def _publish_answer(
    actor: User,
    interpellation: Interpellation,
    body: str,
    files: Sequence[File[bytes]],
    *,
    network: Network | None,
    validated_by: User | None,
    draft: Entry | None = None,
) -> Entry:
    if not body.strip():
        raise DomainError(_("Write the answer."), field="body")
    with REQUEST_FLOW.moving(interpellation, "answer", actor=actor) as move:
        locked = move.row
        entry = Entry.objects.create(
            interpellation=locked,
            kind=EntryKind.ANSWER,
            author=draft.author if draft is not None else actor,
            body=body.strip(),
            status=Status.ANSWERED,
            network=network,
            validated_by=validated_by,
        )
        _attach(locked, files, actor=actor, entry=entry, public=True)
        if draft is not None:
            draft.attachments.update(entry=entry, public=True)
        move.data.update(entry_id=entry.pk, draft_id=draft.pk if draft else None)
        notify(
            recipients=_followers(locked, exclude=actor),
            kind="interpellations.status",
            params=_params(locked, status=locked.status),
            url=locked.get_absolute_url(),
        )
        _tell_requester(locked, template="update", entry=entry)
    return entry


def send_update(*, actor: User, interpellation: Interpellation, body: str) -> Entry:
    """A message to the requester that changes nothing else (“in hand, expect it next week”)."""
    _require(actor, Perm.REQUEST_ROUTE)
    if not body.strip():
        raise DomainError(_("Write the message."), field="body")
    with REQUEST_FLOW.moving(interpellation, "update", actor=actor) as move:
        locked = move.row
        entry = Entry.objects.create(
            interpellation=locked,
            kind=EntryKind.UPDATE,
            author=actor,
            body=body.strip(),
            status=locked.status,
        )
        move.data.update(entry_id=entry.pk)
        _tell_requester(locked, template="update", entry=entry)
    return entry


def decline_request(*, actor: User, interpellation: Interpellation, reason: str) -> Entry:
    """Decline a request with a reason the requester reads."""
    _require(actor, Perm.REQUEST_ROUTE)
    if not reason.strip():
        raise DomainError(
            _("Say why the request is declined: the requester reads it."), field="body"
        )
    with REQUEST_FLOW.moving(interpellation, "decline", actor=actor) as move:
        locked = move.row
        entry = Entry.objects.create(
            interpellation=locked,
            kind=EntryKind.DECLINE,
            author=actor,
            body=reason.strip(),
            status=Status.DECLINED,
        )
        move.data.update(entry_id=entry.pk)
        notify(
            recipients=_followers(locked, exclude=actor),
            kind="interpellations.status",
            params=_params(locked, status=locked.status),
            url=locked.get_absolute_url(),
        )
        _tell_requester(locked, template="update", entry=entry)
    return entry


def _status_step(actor: User, interpellation: Interpellation, verb: str) -> Interpellation:
    """A step that only changes the status: lock, move, record, tell the requester."""
    target = TRANSITIONS[verb][1]
    if target is None:
        raise ValueError(f"{verb} does not change the status")
    with REQUEST_FLOW.moving(interpellation, verb, actor=actor) as move:
        locked = move.row
        Entry.objects.create(
            interpellation=locked, kind=EntryKind.STATUS, author=actor, status=target
        )
        _tell_requester(locked, template="update")
    return locked


def close_request(*, actor: User, interpellation: Interpellation) -> Interpellation:
    _require(actor, Perm.REQUEST_ROUTE)
    return _status_step(actor, interpellation, "close")


def reopen_request(
    *, actor: User, interpellation: Interpellation, reason: str = ""
) -> Interpellation:
    """Open again an answered, closed or declined request; its people follow it again."""
    _require(actor, Perm.REQUEST_ROUTE)
    with REQUEST_FLOW.moving(interpellation, "reopen", actor=actor) as move:
        locked = move.row
        target = Status.FORWARDED if locked.assignments.exists() else Status.RECEIVED
        move.to(target)
        if locked.due_date < localdate():
            locked.due_date = default_due_date()
            locked.reminded_on = locked.overdue_notified_on = None
            locked.save()
        Entry.objects.create(
            interpellation=locked, kind=EntryKind.STATUS, author=actor, body=reason, status=target
        )
        move.data.update(status=target, due=locked.due_date.isoformat())
        notify(
            recipients=_followers(locked, exclude=actor),
            kind="interpellations.status",
            params=_params(locked, status=target),
            url=locked.get_absolute_url(),
        )
        _tell_requester(locked, template="update")
    return locked


def revoke_tracking_link(*, actor: User, interpellation: Interpellation) -> Interpellation:
    """The private link stops working at once (a forwarded e-mail, a leaked link)."""
    _require(actor, Perm.REQUEST_ROUTE)
    with transaction.atomic():
        locked = Interpellation.objects.select_for_update().get(pk=interpellation.pk)
        locked.tracking_key = None
        locked.save(update_fields=["tracking_key"])
        record_event(actor=actor, verb="interpellations.link.revoke", target=locked)
    return locked


def renew_tracking_link(*, actor: User, interpellation: Interpellation) -> Interpellation:
    """A new private link replaces the old one and is e-mailed to the requester."""
    _require(actor, Perm.REQUEST_ROUTE)
    with transaction.atomic():
        locked = Interpellation.objects.select_for_update().get(pk=interpellation.pk)
        if locked.erased_at is not None:
            raise InvalidTransition(_("This request's data has been erased."))
        locked.tracking_key = secrets.token_urlsafe(18)
        locked.save(update_fields=["tracking_key"])
        record_event(actor=actor, verb="interpellations.link.renew", target=locked)
        _tell_requester(locked, template="confirmation")
    return locked
