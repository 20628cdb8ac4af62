"""What the register tells the accounts app: the roles it gives (seats of the secretariat and the
Board, the chair, mayors and their delegates, confirmed staff of a current member organisation),
who belongs in the members' directory, and that a mayor evidently works for their city.
Registered from ``MembersConfig.ready()``."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.utils.timezone import localdate

from befus.accounts.choices import AffiliationMethod, AffiliationStatus
from befus.accounts.roles import Role
from befus.members.choices import BodyKind, ContactRole, SeatRole
from befus.members.models import Contact, Membership, Seat


def roles_in_the_register(user: Any) -> set[Role]:
    """Three small queries, whatever the size of the register."""
    roles: set[Role] = set()
    for body_kind, seat_role in (
        Seat.objects.current().filter(person=user).values_list("body__kind", "role")
    ):
        if body_kind == BodyKind.SECRETARIAT:
            roles.add(Role.SECRETARIAT)
        elif body_kind == BodyKind.BOARD:
            roles.add(Role.BOARD_MEMBER)
            if seat_role == SeatRole.CHAIR:
                roles.add(Role.CHAIRMAN)
    for contact_role in (
        Contact.objects.current()
        .filter(person=user, role__in=[ContactRole.MAYOR, ContactRole.MAYOR_DELEGATE])
        .values_list("role", flat=True)
    ):
        roles.add(Role.MAYOR if contact_role == ContactRole.MAYOR else Role.MAYOR_DELEGATE)
    # One filter(): the person and the confirmation are read on the same profile row.
    if (
        Membership.objects.current()
        .filter(
            organisation__staff_profiles__user=user,
            organisation__staff_profiles__affiliation_status=AffiliationStatus.CONFIRMED,
        )
        .exists()
    ):
        roles.add(Role.MEMBER_PROFESSIONAL)
    return roles


def in_the_directory() -> Q:
    """Profiles the members' directory may list: confirmed staff of a current member
    organisation, or anyone holding a current seat (the secretariat, the Board)."""
    today = localdate()
    at_member = Q(affiliation_status=AffiliationStatus.CONFIRMED) & Exists(
        Membership.objects.current(today).filter(organisation=OuterRef("organisation"))
    )
    return at_member | Exists(Seat.objects.current(today).filter(person=OuterRef("user")))


def speaks_for_the_organisation(profile: Any) -> str:
    """The organisation's mayor or the mayor's delegate works there, evidently."""
    mayors = [ContactRole.MAYOR, ContactRole.MAYOR_DELEGATE]
    contacts = Contact.objects.current().filter(
        organisation_id=profile.organisation_id, person_id=profile.user_id, role__in=mayors
    )
    return AffiliationMethod.CONTACT if contacts.exists() else ""
