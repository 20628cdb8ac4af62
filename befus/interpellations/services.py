"""Every write of the requests: submit, route, follow up, answer, keep time, erase.

The one rule of seed 000 holds here: a request is created only by :func:`submit_request`, in the
"received" state, known to the Chairman and the delegate alone; nobody else sees it until the
Chairman passes it on. There is no other way in.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.timezone import localdate
from django.utils.timezone import now as timezone_now
from django.utils.translation import gettext as _

from befus.accounts.models import User
from befus.core.audit import record_event
from befus.core.errors import DomainError, InvalidTransition
from befus.core.i18n import in_language
from befus.core.models import AuditEvent, Notification
from befus.core.permissions import Perm
from befus.core.permissions import require_perm as _require
from befus.core.services import notify
from befus.core.uploads import MAX_ATTACHMENTS, attachment_type
from befus.core.workdays import add_working_days
from befus.interpellations import selectors
from befus.interpellations.choices import (
    OPEN_STATES,
    TRANSITIONS,
    DraftState,
    EntryKind,
    RequesterKind,
    Status,
)
from befus.interpellations.models import (
    Assignment,
    Attachment,
    Entry,
    Interpellation,
    RoutingDelegate,
    ValidationDelegation,
)
from befus.networks import selectors as network_selectors
from befus.networks.choices import NetworkStatus
from befus.networks.models import Network


def _params(interpellation: Interpellation, **extra: Any) -> dict[str, Any]:
    return {"reference": interpellation.reference, "subject": interpellation.subject, **extra}


def _locked(interpellation: Interpellation, verb: str) -> Interpellation:
    """The request, locked for the step ``verb``, or a refusal naming its present state."""
    locked = Interpellation.objects.select_for_update().get(pk=interpellation.pk)
    allowed_from, _target = TRANSITIONS[verb]
    if locked.status not in allowed_from:
        raise InvalidTransition(
            _("This request is now “%(status)s”: someone may have acted on it before you.")
            % {"status": locked.get_status_display()}
        )
    if locked.erased_at is not None:
        raise InvalidTransition(_("This request's data has been erased."))
    return locked


def _move(interpellation: Interpellation, status: str) -> None:
    interpellation.status = status
    now = timezone_now()
    if status == Status.ANSWERED:
        interpellation.answered_at = now
        interpellation.finished_at = None
    elif status in (Status.CLOSED, Status.DECLINED):
        interpellation.finished_at = now
    else:
        interpellation.finished_at = None
    interpellation.save()


def _attach(
    interpellation: Interpellation,
    files: Sequence[Any],
    *,
    actor: Any,
    entry: Entry | None = None,
    public: bool,
) -> list[Attachment]:
    if len(files) > MAX_ATTACHMENTS:
        raise DomainError(
            _("Attach at most %(count)s files.") % {"count": MAX_ATTACHMENTS}, field="attachments"
        )
    stored = []
    for upload in files:
        try:
            content_type = attachment_type(upload)
        except ValidationError as error:
            raise DomainError(" ".join(error.messages), field="attachments") from error
        stored.append(
            Attachment.objects.create(
                interpellation=interpellation,
                entry=entry,
                file=upload,
                name=str(upload.name)[:200],
                content_type=content_type,
                size=upload.size,
                public=public,
                uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
        )
    return stored


def _next_reference(year: int) -> str:
    last = (
        Interpellation.objects.filter(reference__startswith=f"{year}-")
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = int(last.split("-")[1]) + 1 if last else 1
    return f"{year}-{number:04d}"


def _create_with_reference(today: dt.date, **fields: Any) -> Interpellation:
    """Create the request with the year's next reference; two at once: the second retries."""
    for attempt in range(5):
        try:
            with transaction.atomic():  # a savepoint: a taken reference is tried again
                return Interpellation.objects.create(
                    reference=_next_reference(today.year), **fields
                )
        except IntegrityError:
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


def default_due_date(received: dt.date | None = None) -> dt.date:
    return add_working_days(received or localdate(), settings.BEFUS_REQUEST_WORKING_DAYS)


# --- the requester's side ----------------------------------------------------------------------


def submit_request(
    *,
    requester: User | None,
    subject: str,
    message: str,
    language: str,
    networks: Iterable[Network] = (),
    requester_kind: str = RequesterKind.OTHER,
    name: str = "",
    organisation: str = "",
    email: str = "",
    consent: bool = False,
    files: Sequence[Any] = (),
) -> Interpellation:
    """Receive a request: it lands with the Chairman, whoever it is addressed to.

    ``requester`` is the person logged in, or None for the public form (then name, e-mail and
    consent are required). The requester is told by e-mail, with the private tracking link.
    """
    if requester is not None and getattr(requester, "is_authenticated", False):
        name = name or requester.get_full_name() or requester.email
        email = requester.email
        organisation = organisation or str(getattr(requester.profile, "organisation", "") or "")
        consent = True
    else:
        requester = None
    if not consent:
        raise DomainError(
            _("Agree to the handling of your data, or we cannot answer you."), field="consent"
        )
    if not (name.strip() and email.strip()):
        raise DomainError(_("Give your name and e-mail address."), field="email")
    if not (subject.strip() and message.strip()):
        raise DomainError(_("Give a subject and your question."), field="message")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    if requester_kind not in RequesterKind.values:
        requester_kind = RequesterKind.OTHER
    chosen = list(networks)
    if any(network.status != NetworkStatus.RECOGNISED for network in chosen):
        raise DomainError(_("Requests go to recognised networks only."), field="networks")
    today = localdate()
    with transaction.atomic():
        interpellation = _create_with_reference(
            today,
            subject=subject.strip()[:200],
            message=message.strip(),
            language=language,
            requester_kind=requester_kind,
            requester=requester,
            requester_name=name.strip()[:200],
            requester_organisation=organisation.strip()[:200],
            requester_email=email.strip(),
            consent_at=timezone_now(),
            due_date=default_due_date(today),
            tracking_key=secrets.token_urlsafe(18),
        )
        interpellation.networks.set(chosen)
        _attach(interpellation, files, actor=requester, public=True)
        record_event(
            actor=requester,
            verb="interpellations.request.submit",
            target=interpellation,
            data={
                "reference": interpellation.reference,
                "networks": [n.pk for n in chosen],
                "kind": requester_kind,
            },
        )
        notify(
            recipients=selectors.routers(),
            kind="interpellations.received",
            params=_params(interpellation),
            url=interpellation.get_absolute_url(),
        )
        _tell_requester(interpellation, template="confirmation")
    return interpellation


def _tell_requester(
    interpellation: Interpellation, *, template: str, entry: Entry | None = None
) -> None:
    """E-mail the requester in their language, with the private tracking link (after commit).

    A member of the platform hears through a notification (e-mailed as they prefer), with a link
    to the request in the platform; an outsider gets the message itself and the tracking link.
    """
    if interpellation.erased_at is not None:
        return
    requester = interpellation.requester
    if requester is not None and requester.is_active:
        notify(
            recipients=[requester],
            kind="interpellations.status",
            params=_params(interpellation, status=interpellation.status),
            url=interpellation.get_absolute_url(),
        )
        return
    if not interpellation.requester_email:
        return
    language = interpellation.language
    token = interpellation.tracking_token()
    with translation.override(language):
        path = reverse("interpellations:track", kwargs={"token": token}) if token else ""
        context = {
            "interpellation": interpellation,
            "entry": entry,
            "status": interpellation.get_status_display(),
            "track_url": settings.BEFUS_SITE_URL.rstrip("/") + in_language(path, language)
            if path
            else "",
            "LANGUAGE_CODE": language,
        }
        subject = render_to_string(f"interpellations/email/{template}_subject.txt", context)
        text = render_to_string(f"interpellations/email/{template}.txt", context)
        html = render_to_string(f"interpellations/email/{template}.html", context)
    message = EmailMultiAlternatives(
        " ".join(subject.split()), text, to=[interpellation.requester_email]
    )
    message.attach_alternative(html, "text/html")
    transaction.on_commit(message.send)


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
    with transaction.atomic():
        locked = _locked(interpellation, "forward")
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
        if locked.status == Status.RECEIVED:
            _move(locked, Status.FORWARDED)
        Entry.objects.create(
            interpellation=locked,
            kind=EntryKind.FORWARD,
            author=actor,
            body=note,
            status=locked.status,
            network=created[0].network,
        )
        record_event(
            actor=actor,
            verb="interpellations.request.forward",
            target=locked,
            data={"people": [a.person_id for a in created], "due": due.isoformat()},
        )
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
    *, actor: User, interpellation: Interpellation, body: str, files: Sequence[Any] = ()
) -> Entry:
    """The Chairman (or delegate) answers the requester directly."""
    _require(actor, Perm.REQUEST_ROUTE)
    return _publish_answer(actor, interpellation, body, files, network=None, validated_by=actor)


def _publish_answer(
    actor: User,
    interpellation: Interpellation,
    body: str,
    files: Sequence[Any],
    *,
    network: Network | None,
    validated_by: User | None,
    draft: Entry | None = None,
) -> Entry:
    if not body.strip():
        raise DomainError(_("Write the answer."), field="body")
    with transaction.atomic():
        locked = _locked(interpellation, "answer")
        _move(locked, Status.ANSWERED)
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
        record_event(
            actor=actor,
            verb="interpellations.request.answer",
            target=locked,
            data={"entry_id": entry.pk, "draft_id": draft.pk if draft else None},
        )
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
    with transaction.atomic():
        locked = _locked(interpellation, "update")
        entry = Entry.objects.create(
            interpellation=locked,
            kind=EntryKind.UPDATE,
            author=actor,
            body=body.strip(),
            status=locked.status,
        )
        record_event(
            actor=actor,
            verb="interpellations.request.update",
            target=locked,
            data={"entry_id": entry.pk},
        )
        _tell_requester(locked, template="update", entry=entry)
    return entry


def decline_request(*, actor: User, interpellation: Interpellation, reason: str) -> Entry:
    """Decline a request with a reason the requester reads."""
    _require(actor, Perm.REQUEST_ROUTE)
    if not reason.strip():
        raise DomainError(
            _("Say why the request is declined: the requester reads it."), field="body"
        )
    with transaction.atomic():
        locked = _locked(interpellation, "decline")
        _move(locked, Status.DECLINED)
        entry = Entry.objects.create(
            interpellation=locked,
            kind=EntryKind.DECLINE,
            author=actor,
            body=reason.strip(),
            status=Status.DECLINED,
        )
        record_event(
            actor=actor,
            verb="interpellations.request.decline",
            target=locked,
            data={"entry_id": entry.pk},
        )
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
    with transaction.atomic():
        locked = _locked(interpellation, verb)
        _move(locked, target)
        Entry.objects.create(
            interpellation=locked, kind=EntryKind.STATUS, author=actor, status=target
        )
        record_event(actor=actor, verb=f"interpellations.request.{verb}", target=locked)
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
    with transaction.atomic():
        locked = _locked(interpellation, "reopen")
        target = Status.FORWARDED if locked.assignments.exists() else Status.RECEIVED
        _move(locked, target)
        if locked.due_date < localdate():
            locked.due_date = default_due_date()
            locked.reminded_on = locked.overdue_notified_on = None
            locked.save()
        Entry.objects.create(
            interpellation=locked, kind=EntryKind.STATUS, author=actor, body=reason, status=target
        )
        record_event(
            actor=actor,
            verb="interpellations.request.reopen",
            target=locked,
            data={"status": target, "due": locked.due_date.isoformat()},
        )
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


# --- the people the request is passed on to ---------------------------------------------------


def _followers(interpellation: Interpellation, *, exclude: Any = None) -> list[User]:
    people = {p.pk: p for p in selectors.routers()}
    for assignment in interpellation.assignments.select_related("person"):
        people.setdefault(assignment.person_id, assignment.person)
    if exclude is not None:
        people.pop(exclude.pk, None)
    return list(people.values())


def take_up(*, actor: User, interpellation: Interpellation) -> Interpellation:
    """An assignee says the work has begun: the requester sees “in progress”."""
    _require(actor, Perm.REQUEST_WORK, interpellation)
    return _status_step(actor, interpellation, "take_up")


def add_note(
    *, actor: User, interpellation: Interpellation, body: str, files: Sequence[Any] = ()
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
    *, actor: User, interpellation: Interpellation, body: str, files: Sequence[Any] = ()
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
    with transaction.atomic():
        locked = _locked(interpellation, "answer")
        if locked.status == Status.FORWARDED:
            _move(locked, Status.IN_PROGRESS)
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
        record_event(
            actor=actor,
            verb="interpellations.draft.propose",
            target=locked,
            data={"entry_id": draft.pk},
        )
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


# --- delegation --------------------------------------------------------------------------------


def name_delegate(
    *, actor: User, person: User, start: dt.date | None = None, end: dt.date | None = None
) -> RoutingDelegate:
    """The Chairman names a person who routes requests in the Chairman's stead."""
    _require(actor, Perm.REQUEST_DELEGATE)
    start = start or localdate()
    if end is not None and end < start:
        raise DomainError(_("The end comes before the start."), field="end")
    if person.pk == actor.pk:
        raise DomainError(_("You route requests already."), field="person")
    with transaction.atomic():
        if RoutingDelegate.objects.current(start).filter(person=person).exists():
            raise DomainError(_("This person is already your delegate."), field="person")
        delegate = RoutingDelegate.objects.create(
            person=person, start=start, end=end, named_by=actor
        )
        record_event(
            actor=actor,
            verb="interpellations.delegate.name",
            target=person,
            data={"start": start.isoformat(), "end": end.isoformat() if end else None},
        )
    return delegate


def end_delegate(*, actor: User, delegate: RoutingDelegate) -> RoutingDelegate:
    _require(actor, Perm.REQUEST_DELEGATE)
    with transaction.atomic():
        delegate = RoutingDelegate.objects.select_for_update().get(pk=delegate.pk)
        today = localdate()
        if delegate.end is not None and delegate.end < today:
            return delegate  # already over: nothing to end
        if delegate.start >= today:
            delegate.delete()
        else:
            # A period's end day still counts: ending yesterday takes effect at once.
            delegate.end = today - dt.timedelta(days=1)
            delegate.save(update_fields=["end"])
        record_event(actor=actor, verb="interpellations.delegate.end", target=delegate.person)
    return delegate


def set_validation_delegation(*, actor: User, network: Network, delegated: bool) -> None:
    """Let (or stop letting) a network's assignees send their answers without validation."""
    _require(actor, Perm.REQUEST_DELEGATE)
    with transaction.atomic():
        if delegated:
            _grant, created = ValidationDelegation.objects.get_or_create(
                network=network, defaults={"granted_by": actor}
            )
        else:
            created = ValidationDelegation.objects.filter(network=network).delete()[0] > 0
        if created:
            record_event(
                actor=actor,
                verb="interpellations.validation.delegate"
                if delegated
                else "interpellations.validation.withdraw",
                target=network,
            )


# --- time and retention ------------------------------------------------------------------------


def send_reminders(today: dt.date | None = None) -> int:
    """Remind each person a request was passed on to, three working days before the date the
    Chairman gave them; tell the Chairman and the delegate once a week about each request past
    its target date. Returns how many reminders and warnings went out."""
    today = today or localdate()
    soon = add_working_days(today, 3)
    sent = 0
    routers = selectors.routers()
    for assignment in Assignment.objects.filter(
        interpellation__status__in=OPEN_STATES,
        interpellation__erased_at__isnull=True,
        due_date__range=(today, soon),
        reminded_on__isnull=True,
    ).select_related("interpellation", "person"):
        with transaction.atomic():
            notify(
                recipients=[assignment.person],
                kind="interpellations.due",
                params=_params(assignment.interpellation, due=assignment.due_date.isoformat()),
                url=assignment.interpellation.get_absolute_url(),
            )
            Assignment.objects.filter(pk=assignment.pk).update(reminded_on=today)
            sent += 1
    for interpellation in Interpellation.objects.filter(
        status__in=OPEN_STATES,
        erased_at__isnull=True,
        due_date__range=(today, soon),
        reminded_on__isnull=True,
        assignments__isnull=True,
    ):
        with transaction.atomic():  # nobody has it yet: the routers are reminded
            notify(
                recipients=routers,
                kind="interpellations.due",
                params=_params(interpellation, due=interpellation.due_date.isoformat()),
                url=interpellation.get_absolute_url(),
            )
            Interpellation.objects.filter(pk=interpellation.pk).update(reminded_on=today)
            sent += 1
    week_ago = today - dt.timedelta(days=7)
    for interpellation in Interpellation.objects.filter(
        status__in=OPEN_STATES, erased_at__isnull=True, due_date__lt=today
    ).exclude(overdue_notified_on__gt=week_ago):
        with transaction.atomic():
            notify(
                recipients=routers,
                kind="interpellations.overdue",
                params=_params(interpellation, due=interpellation.due_date.isoformat()),
                url=interpellation.get_absolute_url(),
            )
            Interpellation.objects.filter(pk=interpellation.pk).update(overdue_notified_on=today)
            sent += 1
    return sent


ERASED_TEXT = "—"


def erase_personal_data(
    *, actor: User | None, interpellation: Interpellation, reason: str = "request"
) -> Interpellation:
    """Erase the requester's data and every text of the request; the statistics stay.

    What remains: the reference, the requester's kind, the language, the dates, the networks,
    the people it was passed on to and the statuses. Called by the Chairman on request, by the
    daily job after the retention period, and when a person's account is erased.
    """
    if actor is not None:
        _require(actor, Perm.REQUEST_ROUTE)
    with transaction.atomic():
        locked = Interpellation.objects.select_for_update().get(pk=interpellation.pk)
        if locked.erased_at is not None:
            return locked
        files = [attachment.file for attachment in locked.attachments.all()]
        locked.attachments.all().delete()
        transaction.on_commit(lambda: [file.delete(save=False) for file in files])
        locked.entries.update(body="")
        locked.assignments.update(note="")
        # Notifications of the request, whatever their language: the words people wrote go.
        for notification in Notification.objects.filter(
            url__endswith=f"/requests/{locked.reference}/"
        ):
            params = dict(notification.params)
            for key in ("subject", "comment"):
                if key in params:
                    params[key] = ERASED_TEXT
            notification.params = params
            notification.save(update_fields=["params"])
        AuditEvent.objects.filter(
            target_type=ContentType.objects.get_for_model(Interpellation),
            target_id=str(locked.pk),
        ).update(target_repr=locked.reference)
        if locked.requester_email:
            from befus.core.models import OutgoingEmail

            OutgoingEmail.objects.filter(recipients=locked.requester_email).delete()
        locked.subject = ERASED_TEXT
        locked.message = ""
        locked.requester = None
        locked.requester_name = ""
        locked.requester_organisation = ""
        locked.requester_email = ""
        locked.tracking_key = None
        locked.erased_at = timezone_now()
        locked.save()
        record_event(
            actor=actor,
            verb="interpellations.request.erase",
            target=locked,
            data={"reason": reason},
        )
    return locked


def close_answered(now: dt.datetime | None = None, *, days: int = 30) -> int:
    """Close the requests answered ``days`` ago or more that nobody reopened."""
    limit = (now or timezone_now()) - dt.timedelta(days=days)
    count = 0
    for interpellation in Interpellation.objects.filter(
        status=Status.ANSWERED, answered_at__lt=limit, erased_at__isnull=True
    ):
        with transaction.atomic():
            locked = _locked(interpellation, "close")
            _move(locked, Status.CLOSED)
            Entry.objects.create(interpellation=locked, kind=EntryKind.STATUS, status=Status.CLOSED)
            record_event(
                actor=None,
                verb="interpellations.request.close",
                target=locked,
                data={"automatic": True},
            )
        count += 1
    return count


def erase_expired(now: dt.datetime | None = None) -> int:
    """Erase the personal data of requests closed or declined longer ago than the retention."""
    limit = (now or timezone_now()) - dt.timedelta(days=settings.BEFUS_REQUEST_RETENTION_DAYS)
    expired = Interpellation.objects.filter(
        status__in=(Status.CLOSED, Status.DECLINED),
        finished_at__lt=limit,
        erased_at__isnull=True,
    )
    count = 0
    for interpellation in expired:
        erase_personal_data(actor=None, interpellation=interpellation, reason="retention")
        count += 1
    return count
