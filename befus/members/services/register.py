"""Writes on the register of members and on the governance bodies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, Q, QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext as _

from befus.accounts.models import User
from befus.accounts.roles import forget_roles
from befus.core.audit import record_event
from befus.core.errors import Conflict, DomainError
from befus.core.permissions import Perm
from befus.core.permissions import require_perm as _require
from befus.members.choices import ContactRole, OrganisationKind, SeatRole
from befus.members.models import Body, Contact, Membership, Organisation, Seat
from befus.members.refnis import MunicipalityRow
from befus.members.validators import (
    region_and_province,
    validate_email_domains,
    validate_nis_code,
)

_M = TypeVar("_M", bound=Model)

ORGANISATION_FIELDS = {
    "email_domains",
    "kind",
    "name_nl",
    "name_fr",
    "name_en",
    "name_de",
    "short_name",
    "nis_code",
    "region",
    "province",
    "languages",
    "original_language",
    "website",
    "email",
    "phone",
    "address",
}


def _not_oneself(actor: User, person: User) -> None:
    """Four eyes on roles: a seat or a mayor's role carries rights (the Chairman's, a mayor's
    consent), so another member of the secretariat records the ones of its own members."""
    if actor.pk == person.pk:
        raise DomainError(
            _("Another member of the secretariat records a role of yours."), field="person"
        )


def _check_period(start: dt.date, end: dt.date | None) -> None:
    if end is not None and end < start:
        raise DomainError(_("The end date cannot be before the start date."), field="end")


def _overlapping(queryset: QuerySet[_M], start: dt.date, end: dt.date | None) -> QuerySet[_M]:
    """Rows of ``queryset`` whose period shares at least one day with ``start``–``end``."""
    queryset = queryset.filter(Q(end__isnull=True) | Q(end__gte=start))
    if end is not None:
        queryset = queryset.filter(start__lte=end)
    return queryset


def _unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "organisation"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _official_name(organisation: Organisation) -> str:
    """The name in the organisation's own language (Liège, not Luik; Mechelen, not Malines)."""
    by_language = {
        "fr": organisation.name_fr,
        "de": organisation.name_de,
        "en": organisation.name_en,
    }
    official = by_language.get(organisation.original_language) or organisation.name_nl
    return official or organisation.name_fr


def _apply_email_domains(organisation: Organisation) -> None:
    """Keep the staff's e-mail domains one per line, lower case, once each; refuse a domain
    anyone can have an address at (it would confirm anyone)."""
    try:
        validate_email_domains(organisation.email_domains or "")
    except ValidationError as error:
        raise DomainError(error.messages[0], field="email_domains") from error
    organisation.email_domains = "\n".join(dict.fromkeys(organisation.email_domain_list))


def _apply_organisation_fields(organisation: Organisation, fields: Mapping[str, object]) -> None:
    unknown = set(fields) - ORGANISATION_FIELDS
    if unknown:
        raise TypeError(f"unknown organisation fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(organisation, name, value)
    if not organisation.name_nl and not organisation.name_fr:
        raise DomainError(_("Give the name in Dutch or in French."), field="name_nl")
    # Every interface language gets a name, so lists sort and read alike in nl, fr and en:
    # a name missing in one language takes the official one.
    official = _official_name(organisation)
    organisation.name_nl = organisation.name_nl or official
    organisation.name_fr = organisation.name_fr or official
    organisation.name_en = organisation.name_en or official
    _apply_email_domains(organisation)
    if organisation.nis_code:
        try:
            validate_nis_code(organisation.nis_code)
        except ValidationError as error:
            raise DomainError(error.messages[0], field="nis_code") from error
        taken = Organisation.objects.filter(nis_code=organisation.nis_code).exclude(
            pk=organisation.pk
        )
        if taken.exists():
            raise Conflict(
                _("Another organisation already has NIS code %(code)s.")
                % {"code": organisation.nis_code},
                field="nis_code",
            )
        if organisation.kind == OrganisationKind.MUNICIPALITY:
            region, province = region_and_province(organisation.nis_code)
            organisation.region = region
            organisation.province = province or ""


def create_organisation(*, actor: User, **fields: object) -> Organisation:
    """Add an organisation to the register (it is not a member until a membership starts)."""
    _require(actor, Perm.ORGANISATION_MANAGE)
    with transaction.atomic():
        organisation = Organisation()
        _apply_organisation_fields(organisation, fields)
        organisation.slug = _unique_slug(_official_name(organisation))
        organisation.save()
        record_event(actor=actor, verb="members.organisation.create", target=organisation)
    return organisation


def update_organisation(
    *, actor: User, organisation: Organisation, **fields: object
) -> Organisation:
    """Change an organisation's details; the audit event lists the changed fields."""
    _require(actor, Perm.ORGANISATION_MANAGE)
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        changed = sorted(
            name for name, value in fields.items() if getattr(organisation, name) != value
        )
        _apply_organisation_fields(organisation, fields)
        organisation.save()
        record_event(
            actor=actor,
            verb="members.organisation.update",
            target=organisation,
            data={"fields": changed},
        )
    return organisation


def start_membership(
    *,
    actor: User,
    organisation: Organisation,
    start: dt.date,
    end: dt.date | None = None,
    note: str = "",
) -> Membership:
    """Record that ``organisation`` is a member from ``start`` (until ``end``, if known).

    Refuses a period that overlaps an existing membership: a member cannot join twice.
    """
    _require(actor, Perm.ORGANISATION_MANAGE)
    _check_period(start, end)
    with transaction.atomic():
        Organisation.objects.select_for_update().get(pk=organisation.pk)
        if _overlapping(organisation.memberships.all(), start, end).exists():
            raise Conflict(
                _("%(name)s is already a member during part of this period.")
                % {"name": organisation},
                field="start",
            )
        membership = Membership.objects.create(
            organisation=organisation, start=start, end=end, note=note
        )
        record_event(
            actor=actor,
            verb="members.membership.start",
            target=organisation,
            data={"start": start.isoformat(), "end": end.isoformat() if end else None},
        )
    return membership


def end_membership(*, actor: User, membership: Membership, end: dt.date) -> Membership:
    """Record the day an organisation leaves the Forum (its last day as a member).

    What hangs on the membership in other apps follows, inside the same transaction (the
    networks: its city mandates end that day, its staff's memberships are flagged for the
    secretariat to review); nothing is deleted.
    """
    _require(actor, Perm.ORGANISATION_MANAGE)
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        _check_period(membership.start, end)
        if membership.end is not None and membership.end < end:
            raise Conflict(_("This membership has already ended."), field="end")
        membership.end = end
        membership.save(update_fields=["end"])
        record_event(
            actor=actor,
            verb="members.membership.end",
            target=membership.organisation,
            data={"end": end.isoformat()},
        )
        for listener in LEAVING_LISTENERS:
            listener(actor, membership.organisation, end)
    return membership


# What follows when an organisation leaves the Forum is decided by the apps that hold its ties
# (``befus.networks.apps``: mandates and memberships); each registers here.
LEAVING_LISTENERS: list[Callable[[User, Organisation, dt.date], object]] = []


def register_leaving_listener(listener: Callable[[User, Organisation, dt.date], object]) -> None:
    LEAVING_LISTENERS.append(listener)


def appoint_contact(
    *,
    actor: User,
    organisation: Organisation,
    person: User,
    role: str,
    start: dt.date,
    end: dt.date | None = None,
) -> Contact:
    """Record a mayor, mayor's delegate or contact of an organisation.

    A municipality has one mayor at a time: a new mayor with an open-ended term ends the
    previous one the day before. A closed term (an interim recorded afterwards) ends nobody's; it
    is refused if it overlaps another mayor's.
    """
    _require(actor, Perm.ORGANISATION_MANAGE)
    _not_oneself(actor, person)
    _check_period(start, end)
    with transaction.atomic():
        Organisation.objects.select_for_update().get(pk=organisation.pk)
        if role == ContactRole.MAYOR and end is None:
            previous = organisation.contacts.filter(role=ContactRole.MAYOR, start__lt=start).filter(
                Q(end__isnull=True) | Q(end__gte=start)
            )
            for contact in previous:
                contact.end = start - dt.timedelta(days=1)
                contact.save(update_fields=["end"])
        mayors = organisation.contacts.filter(role=ContactRole.MAYOR)
        if role == ContactRole.MAYOR and _overlapping(mayors, start, end).exists():
            raise Conflict(
                _("%(name)s already has a mayor during this period.") % {"name": organisation},
                field="start",
            )
        if _overlapping(
            organisation.contacts.filter(role=role, person=person), start, end
        ).exists():
            raise Conflict(_("This person already holds this role then."), field="start")
        contact = Contact.objects.create(
            organisation=organisation, person=person, role=role, start=start, end=end
        )
        record_event(
            actor=actor,
            verb="members.contact.appoint",
            target=organisation,
            data={"person_id": person.pk, "role": role, "start": start.isoformat()},
        )
    forget_roles(person)
    return contact


def end_contact(*, actor: User, contact: Contact, end: dt.date) -> Contact:
    """End a contact's role at an organisation on ``end`` (the last day in the role)."""
    _require(actor, Perm.ORGANISATION_MANAGE)
    with transaction.atomic():
        contact = Contact.objects.select_for_update().get(pk=contact.pk)
        _check_period(contact.start, end)
        if contact.role == ContactRole.MAYOR:
            other_mayors = contact.organisation.contacts.filter(role=ContactRole.MAYOR).exclude(
                pk=contact.pk
            )
            if _overlapping(other_mayors, contact.start, end).exists():
                raise Conflict(
                    _("%(name)s already has a mayor during this period.")
                    % {"name": contact.organisation},
                    field="end",
                )
        contact.end = end
        contact.save(update_fields=["end"])
        record_event(
            actor=actor,
            verb="members.contact.end",
            target=contact.organisation,
            data={"person_id": contact.person_id, "role": contact.role, "end": end.isoformat()},
        )
    return contact


def add_seat(
    *,
    actor: User,
    body: Body,
    person: User,
    role: str,
    start: dt.date,
    end: dt.date | None = None,
    organisation: Organisation | None = None,
    note: str = "",
) -> Seat:
    """Give a person a seat on a body for a term.

    A body has one chair at a time, and a person holds one seat per body at a time.
    """
    _require(actor, Perm.BODY_MANAGE)
    _not_oneself(actor, person)
    _check_period(start, end)
    with transaction.atomic():
        Body.objects.select_for_update().get(pk=body.pk)
        seats = body.seats.all()
        if (
            role == SeatRole.CHAIR
            and _overlapping(seats.filter(role=SeatRole.CHAIR), start, end).exists()
        ):
            raise Conflict(_("This body already has a chair during this term."), field="role")
        if _overlapping(seats.filter(person=person), start, end).exists():
            raise Conflict(_("This person already has a seat on this body then."), field="person")
        seat = Seat.objects.create(
            body=body,
            person=person,
            role=role,
            start=start,
            end=end,
            organisation=organisation,
            note=note,
        )
        record_event(
            actor=actor,
            verb="members.seat.add",
            target=body,
            data={
                "person_id": person.pk,
                "role": role,
                "start": start.isoformat(),
                "end": end.isoformat() if end else None,
            },
        )
    forget_roles(person)
    return seat


def end_seat(*, actor: User, seat: Seat, end: dt.date) -> Seat:
    """End a term on ``end`` (the last day on the body)."""
    _require(actor, Perm.BODY_MANAGE)
    with transaction.atomic():
        seat = Seat.objects.select_for_update().get(pk=seat.pk)
        _check_period(seat.start, end)
        if seat.role == SeatRole.CHAIR:
            other_chairs = Seat.objects.filter(body=seat.body_id, role=SeatRole.CHAIR).exclude(
                pk=seat.pk
            )
            if _overlapping(other_chairs, seat.start, end).exists():
                raise Conflict(_("This body already has a chair during this term."), field="end")
        seat.end = end
        seat.save(update_fields=["end"])
        record_event(
            actor=actor,
            verb="members.seat.end",
            target=seat.body,
            data={"person_id": seat.person_id, "role": seat.role, "end": end.isoformat()},
        )
    return seat


def _official_languages(nis_code: str, region: str) -> tuple[str, list[str]]:
    """The language of a municipality's name and its working languages, from where it lies."""
    if region == "brussels":
        return "fr", ["fr", "nl"]
    if nis_code.startswith("63") and nis_code in GERMAN_SPEAKING:
        return "de", ["de", "fr"]
    return ("nl", ["nl"]) if region == "flanders" else ("fr", ["fr"])


# The nine municipalities of the German-speaking Community (arrondissement Verviers).
GERMAN_SPEAKING = frozenset(
    {"63001", "63012", "63013", "63023", "63040", "63048", "63061", "63067", "63087"}
)


def load_municipalities(*, actor: User | None, rows: list[MunicipalityRow]) -> dict[str, int]:
    """Create or update municipalities from REFNIS rows, matched on their NIS code.

    Idempotent: loading the same file twice changes nothing the second time. Names typed by the
    secretariat in English are kept. A code held by an organisation of another kind is left alone
    and counted as a conflict. ``actor`` is None when an operator runs the command.
    """
    if actor is not None:
        _require(actor, Perm.ORGANISATION_MANAGE)
    counts = {"created": 0, "updated": 0, "unchanged": 0, "conflicts": 0}
    with transaction.atomic():
        existing = {
            o.nis_code: o
            for o in Organisation.objects.filter(nis_code__in=[r.nis_code for r in rows])
        }
        for row in rows:
            region, province = region_and_province(row.nis_code)
            original, languages = _official_languages(row.nis_code, region)
            values = {
                "kind": OrganisationKind.MUNICIPALITY,
                "name_nl": row.name_nl or row.name_fr,
                "name_fr": row.name_fr or row.name_nl,
                "name_de": row.name_de,
                "region": region.value,
                "province": province.value if province else "",
                "original_language": original,
                "languages": languages,
            }
            organisation = existing.get(row.nis_code)
            if organisation is not None and organisation.kind != OrganisationKind.MUNICIPALITY:
                # Another kind of organisation holds the code: the secretariat decides, not a file.
                counts["conflicts"] += 1
                continue
            if organisation is None:
                organisation = Organisation(nis_code=row.nis_code, **values)
                organisation.name_en = _official_name(organisation)
                organisation.slug = _unique_slug(organisation.name_en)
                organisation.save()
                counts["created"] += 1
            elif any(getattr(organisation, k) != v for k, v in values.items()):
                for key, value in values.items():
                    setattr(organisation, key, value)
                organisation.save()
                counts["updated"] += 1
            else:
                counts["unchanged"] += 1
        record_event(actor=actor, verb="members.municipalities.load", data=counts)
    return counts
