"""Reads on the register of members and the governance bodies, shared by views and reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.timezone import localdate

from befus.accounts.models import Profile, User
from befus.accounts.roles import Role, roles_for
from befus.members.choices import BodyKind, ContactRole, Region, SeatRole
from befus.members.models import Body, Contact, Membership, Organisation, Seat

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise

    from befus.accounts.types import Person


def _current_membership(on: dt.date) -> Exists:
    return Exists(
        Membership.objects.filter(organisation=OuterRef("pk"), start__lte=on).filter(
            Q(end__isnull=True) | Q(end__gte=on)
        )
    )


def organisations_with_status(on: dt.date | None = None) -> QuerySet[Organisation]:
    """All organisations, each annotated ``is_member`` (a membership in force on ``on``)."""
    return Organisation.objects.annotate(is_member=_current_membership(on or localdate()))


def filter_organisations(
    queryset: QuerySet[Organisation], *, region: str = "", kind: str = "", query: str = ""
) -> QuerySet[Organisation]:
    if region:
        queryset = queryset.filter(region=region)
    if kind:
        queryset = queryset.filter(kind=kind)
    if query:
        queryset = queryset.filter(
            Q(name_nl__icontains=query)
            | Q(name_fr__icontains=query)
            | Q(name_en__icontains=query)
            | Q(name_de__icontains=query)
            | Q(nis_code=query)
        )
    return queryset


def member_organisations(
    *, region: str = "", kind: str = "", query: str = ""
) -> QuerySet[Organisation]:
    """The current members of the Forum, for the public list."""
    today = localdate()
    queryset = Organisation.objects.filter(_current_membership(today)).annotate(
        is_member=_current_membership(today)
    )
    return filter_organisations(queryset, region=region, kind=kind, query=query).order_by("name")


def member_counts_by_region() -> dict[str, int]:
    counts = (
        Organisation.objects.filter(_current_membership(localdate()))
        .values("region")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["region"] or "": row["n"] for row in counts}


def get_organisation(slug: str) -> Organisation:
    """An organisation with its membership history and current mayor, or 404."""
    today = localdate()
    mayors = Contact.objects.current(today).filter(role=ContactRole.MAYOR).select_related("person")
    try:
        return (
            organisations_with_status()
            .prefetch_related(
                Prefetch("memberships", queryset=Membership.objects.order_by("-start")),
                Prefetch("contacts", queryset=mayors, to_attr="current_mayors"),
            )
            .get(slug=slug)
        )
    except Organisation.DoesNotExist as error:
        raise Http404 from error


def organisation_contacts(organisation: Organisation) -> QuerySet[Contact]:
    return organisation.contacts.select_related("person").order_by("role", "-start")


@dataclass
class Governance:
    board: Body | None
    board_by_region: dict[str, list[Seat]] = field(default_factory=dict)
    board_without_region: list[Seat] = field(default_factory=list)
    chairman: Seat | None = None
    secretariat: list[Seat] = field(default_factory=list)
    general_assembly: Body | None = None
    missing_regions: list[str] = field(default_factory=list)

    @property
    def board_seat_count(self) -> int:
        return sum(len(seats) for seats in self.board_by_region.values()) + len(
            self.board_without_region
        )


def current_seats(kind: str, on: dt.date | None = None) -> QuerySet[Seat]:
    return (
        Seat.objects.current(on)
        .filter(body__kind=kind)
        .select_related("person", "organisation", "body")
        .order_by("role", "person__last_name")
    )


def missing_board_regions(seats: list[Seat]) -> list[str]:
    """The regions that no current board seat represents (the board must cover all three)."""
    covered = {seat.organisation.region for seat in seats if seat.organisation}
    return [region.value for region in Region if region.value not in covered]


def get_governance(on: dt.date | None = None) -> Governance:
    """The Board by region with its Chairman, the secretariat and the General Assembly."""
    bodies = {body.kind: body for body in Body.objects.all()}
    board_seats = list(current_seats(BodyKind.BOARD, on))
    governance = Governance(
        board=bodies.get(BodyKind.BOARD),
        general_assembly=bodies.get(BodyKind.GENERAL_ASSEMBLY),
        secretariat=list(current_seats(BodyKind.SECRETARIAT, on)),
    )
    for region in Region:
        governance.board_by_region[region.value] = []
    for seat in board_seats:
        if seat.role == SeatRole.CHAIR:
            governance.chairman = seat
        region_key = seat.organisation.region if seat.organisation else ""
        if region_key:
            governance.board_by_region[region_key].append(seat)
        else:
            governance.board_without_region.append(seat)
    governance.missing_regions = missing_board_regions(board_seats)
    return governance


def get_body(pk: int) -> Body:
    try:
        return Body.objects.get(pk=pk)
    except Body.DoesNotExist as error:
        raise Http404 from error


def body_seats(body: Body) -> QuerySet[Seat]:
    """Every seat a body has had, current and past, newest first."""
    return body.seats.select_related("person", "organisation").order_by("-start", "role")


def region_label(value: str) -> _StrOrPromise:
    return Region(value).label if value in Region.values else ""


def bodies() -> QuerySet[Body]:
    return Body.objects.order_by("kind")


# --- affiliations: who works where ---------------------------------------------------------------


def contact_organisation_ids(user: Person) -> list[int]:
    """The organisations ``user`` speaks for today as their mayor or the mayor's delegate."""
    if not user.is_authenticated:
        return []
    return list(
        Contact.objects.current()
        .filter(person=user, role__in=[ContactRole.MAYOR, ContactRole.MAYOR_DELEGATE])
        .values_list("organisation_id", flat=True)
    )


def confirmers_of(organisation: Organisation) -> list[User]:
    """Who confirms that a person works at ``organisation``: its mayor and the mayor's
    delegates, or the secretariat when the organisation has neither today."""
    contacts = Contact.objects.current().filter(
        organisation=organisation, role__in=[ContactRole.MAYOR, ContactRole.MAYOR_DELEGATE]
    )
    people = list(User.objects.filter(pk__in=contacts.values("person"), is_active=True))
    if people:
        return people
    seats = Seat.objects.current().filter(body__kind=BodyKind.SECRETARIAT)
    return list(User.objects.filter(pk__in=seats.values("person"), is_active=True))


def affiliations_to_decide(user: User, *, status: str = "pending") -> QuerySet[Profile]:
    """The profiles naming an organisation ``user`` confirms for, in ``status``: every
    organisation for the secretariat, their own for a mayor or delegate. The person's own
    profile is never among them (nobody confirms themself)."""
    profiles = Profile.objects.filter(organisation__isnull=False, affiliation_status=status)
    if Role.SECRETARIAT not in roles_for(user):
        profiles = profiles.filter(organisation_id__in=contact_organisation_ids(user))
    ordering = "user__date_joined" if status == "pending" else "-affiliation_decided_at"
    return (
        profiles.exclude(user=user)
        .filter(user__is_active=True)
        .select_related("user", "organisation", "affiliation_decided_by")
        .order_by(ordering, "pk")
    )
