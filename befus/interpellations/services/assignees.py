"""The people a request is passed on to: take it up, write notes, propose an answer that the
Chairman validates or returns (or send it directly, for networks the Chairman trusts to)."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from befus.accounts.models import User
from befus.core.audit import record_event
from befus.core.errors import DomainError, InvalidTransition
from befus.core.permissions import Perm
from befus.core.permissions import require_perm as _require
from befus.core.services import notify
from befus.interpellations import selectors
from befus.interpellations.choices import (
    DraftState,
    EntryKind,
    Status,
)
from befus.interpellations.models import (
    Entry,
    Interpellation,
    ValidationDelegation,
)
from befus.interpellations.services._common import (
    _attach,
    _followers,
    _params,
)
from befus.interpellations.services.routing import _publish_answer, _status_step
from befus.interpellations.workflows import REQUEST_FLOW

# --- the people the request is passed on to ---------------------------------------------------


def take_up(*, actor: User, interpellation: Interpellation) -> Interpellation:
    """An assignee says the work has begun: the requester sees “in progress”."""
    _require(actor, Perm.REQUEST_WORK, interpellation)
    return _status_step(actor, interpellation, "take_up")


def add_note(
    *, actor: User, interpellation: Interpellation, body: str, files: Sequence[File[bytes]] = ()
) -> Entry:
    """An internal note: the Chairman and the assignees read it, the requester never does."""
    _require(actor, Perm.REQUEST_WORK, interpellation)
    if interpellation.erased_at is not None:
        raise InvalidTransition(_("This request's data has been erased."))
    if not body.strip():
        raise DomainError(_("Write the note."), field="body")
    with transaction.atomic():
        entry = Entry.objects.create(
            interpellation=interpellation,
            kind=EntryKind.NOTE,
            author=actor,
            body=body.strip(),
            status=interpellation.status,
        )
        _attach(interpellation, files, actor=actor, entry=entry, public=False)
        record_event(
            actor=actor,
            verb="interpellations.note.add",
            target=interpellation,
            data={"entry_id": entry.pk},
        )
        notify(
            recipients=_followers(interpellation, exclude=actor),
            kind="interpellations.note",
            params=_params(interpellation, person=actor.get_full_name() or actor.email),
            url=interpellation.get_absolute_url(),
        )
    return entry


def may_answer_without_validation(actor: User, interpellation: Interpellation) -> bool:
    """The Chairman and the delegate always; an assignee when their network's validation is
    delegated by the Chairman."""
    if actor.has_perm(Perm.REQUEST_ROUTE):
        return True
    networks = interpellation.assignments.filter(person=actor, network__isnull=False).values(
        "network"
    )
    return ValidationDelegation.objects.filter(network__in=networks).exists()


def propose_answer(
    *, actor: User, interpellation: Interpellation, body: str, files: Sequence[File[bytes]] = ()
) -> Entry:
    """An assignee's answer: sent at once where validation is delegated, otherwise a draft that
    waits for the Chairman."""
    _require(actor, Perm.REQUEST_WORK, interpellation)
    assignment = interpellation.assignments.filter(person=actor).first()
    network = assignment.network if assignment else None
    if may_answer_without_validation(actor, interpellation):
        return _publish_answer(
            actor, interpellation, body, files, network=network, validated_by=actor
        )
    if not body.strip():
        raise DomainError(_("Write the answer."), field="body")
    with REQUEST_FLOW.moving(interpellation, "propose", actor=actor) as move:
        locked = move.row
        if locked.status == Status.FORWARDED:
            move.to(Status.IN_PROGRESS)
        draft = Entry.objects.create(
            interpellation=locked,
            kind=EntryKind.DRAFT,
            author=actor,
            body=body.strip(),
            status=locked.status,
            draft_state=DraftState.PENDING,
            network=network,
        )
        _attach(locked, files, actor=actor, entry=draft, public=False)
        move.event = "interpellations.draft.propose"
        move.data.update(entry_id=draft.pk)
        notify(
            recipients=selectors.routers(),
            kind="interpellations.draft",
            params=_params(locked),
            url=locked.get_absolute_url(),
        )
    return draft


def _locked_draft(draft: Entry) -> Entry:
    locked = Entry.objects.select_for_update(of=("self",)).select_related("author").get(pk=draft.pk)
    if locked.kind != EntryKind.DRAFT or locked.draft_state != DraftState.PENDING:
        raise InvalidTransition(_("This draft has already been validated or returned."))
    return locked


def validate_draft(*, actor: User, draft: Entry, body: str = "") -> Entry:
    """The Chairman sends a draft answer out, as written or edited."""
    _require(actor, Perm.REQUEST_ROUTE)
    with transaction.atomic():
        locked = _locked_draft(draft)
        locked.draft_state = DraftState.VALIDATED
        locked.validated_by = actor
        locked.save(update_fields=["draft_state", "validated_by"])
        entry = _publish_answer(
            actor,
            locked.interpellation,
            body.strip() or locked.body,
            (),
            network=locked.network,
            validated_by=actor,
            draft=locked,
        )
        record_event(
            actor=actor,
            verb="interpellations.draft.validate",
            target=locked.interpellation,
            data={
                "entry_id": locked.pk,
                "edited": bool(body.strip() and body.strip() != locked.body),
            },
        )
    return entry


def return_draft(*, actor: User, draft: Entry, comment: str) -> Entry:
    """The Chairman sends a draft back to its author with what to change."""
    _require(actor, Perm.REQUEST_ROUTE)
    if not comment.strip():
        raise DomainError(_("Say what to change."), field="body")
    with transaction.atomic():
        locked = _locked_draft(draft)
        locked.draft_state = DraftState.RETURNED
        locked.save(update_fields=["draft_state"])
        note = Entry.objects.create(
            interpellation=locked.interpellation,
            kind=EntryKind.NOTE,
            author=actor,
            body=comment.strip(),
            status=locked.interpellation.status,
        )
        record_event(
            actor=actor,
            verb="interpellations.draft.return",
            target=locked.interpellation,
            data={"entry_id": locked.pk, "note_id": note.pk},
        )
        notify(
            recipients=[locked.author] if locked.author else [],
            kind="interpellations.draft_returned",
            params=_params(locked.interpellation, comment=comment.strip()[:200]),
            url=locked.interpellation.get_absolute_url(),
        )
    return note
