"""The writes on the register of members and on the governance bodies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils.timezone import localdate

from befus.accounts.roles import Role, roles_for
from befus.core.errors import Conflict, DomainError
from befus.core.models import AuditEvent
from befus.members import services
from befus.members.choices import BodyKind, ContactRole, OrganisationKind, SeatRole
from befus.members.models import Contact, Membership, Organisation, Seat
from befus.members.refnis import MunicipalityRow
from tests.accounts.factories import UserFactory
from tests.members.factories import (
    BodyFactory,
    ContactFactory,
    MembershipFactory,
    OrganisationFactory,
    SeatFactory,
)

NON_SECRETARIAT = ["professional", "mayor", "board_member", "chairman", "visitor"]


def _last_event() -> AuditEvent:
    event = AuditEvent.objects.order_by("-id").first()
    assert event is not None, "no audit event was written"
    return event


def _database_state() -> tuple[Any, ...]:
    """Everything the services can change, to show that a refused call changed nothing."""
    return (
        sorted(
            Organisation.objects.values_list(
                "pk", "kind", "name_nl", "name_fr", "name_en", "nis_code", "region", "languages"
            )
        ),
        sorted(Membership.objects.values_list("pk", "start", "end")),
        sorted(Contact.objects.values_list("pk", "role", "start", "end")),
        sorted(Seat.objects.values_list("pk", "role", "start", "end")),
        AuditEvent.objects.count(),
    )


@pytest.fixture
def register(db: None) -> SimpleNamespace:
    """One organisation with a membership, a mayor and a board seat, and one non-member."""
    organisation = OrganisationFactory(
        name_nl="Bergen",
        name_fr="Mons",
        name_en="Mons",
        slug="mons",
        nis_code="53053",
        region="wallonia",
        province="hainaut",
        original_language="fr",
    )
    board = BodyFactory(kind=BodyKind.BOARD)
    return SimpleNamespace(
        organisation=organisation,
        outsider=OrganisationFactory(name_nl="Aat", name_fr="Ath", name_en="Ath", slug="ath"),
        membership=MembershipFactory(organisation=organisation, start=dt.date(2010, 1, 1)),
        contact=ContactFactory(organisation=organisation, start=dt.date(2019, 1, 1)),
        board=board,
        seat=SeatFactory(body=board, organisation=organisation, start=dt.date(2025, 1, 1)),
        person=UserFactory(email="new.person@example.org"),
    )


# Each service, called with valid arguments, the verb it records and the target of its event.
SERVICE_CALLS: dict[str, tuple[Callable[[Any, SimpleNamespace], Any], str, str]] = {
    "create_organisation": (
        lambda actor, r: services.create_organisation(
            actor=actor, kind=OrganisationKind.MUNICIPALITY, name_nl="Aalst", nis_code="41002"
        ),
        "members.organisation.create",
        "created",
    ),
    "update_organisation": (
        lambda actor, r: services.update_organisation(
            actor=actor, organisation=r.organisation, name_en="Mons (Hainaut)"
        ),
        "members.organisation.update",
        "organisation",
    ),
    "start_membership": (
        lambda actor, r: services.start_membership(
            actor=actor, organisation=r.outsider, start=dt.date(2025, 1, 1)
        ),
        "members.membership.start",
        "outsider",
    ),
    "end_membership": (
        lambda actor, r: services.end_membership(
            actor=actor, membership=r.membership, end=dt.date(2025, 6, 30)
        ),
        "members.membership.end",
        "organisation",
    ),
    "appoint_contact": (
        lambda actor, r: services.appoint_contact(
            actor=actor,
            organisation=r.organisation,
            person=r.person,
            role=ContactRole.PREVENTION_CONTACT,
            start=dt.date(2025, 1, 1),
        ),
        "members.contact.appoint",
        "organisation",
    ),
    "end_contact": (
        lambda actor, r: services.end_contact(
            actor=actor, contact=r.contact, end=dt.date(2024, 12, 1)
        ),
        "members.contact.end",
        "organisation",
    ),
    "add_seat": (
        lambda actor, r: services.add_seat(
            actor=actor,
            body=r.board,
            person=r.person,
            role=SeatRole.MEMBER,
            start=dt.date(2025, 1, 1),
        ),
        "members.seat.add",
        "board",
    ),
    "end_seat": (
        lambda actor, r: services.end_seat(actor=actor, seat=r.seat, end=dt.date(2025, 6, 30)),
        "members.seat.end",
        "board",
    ),
    "load_municipalities": (
        lambda actor, r: services.load_municipalities(
            actor=actor, rows=[MunicipalityRow(1, "35013", "Oostende", "Ostende", "Ostende")]
        ),
        "members.municipalities.load",
        "none",
    ),
}


@pytest.mark.parametrize("role", NON_SECRETARIAT)
@pytest.mark.parametrize("service", SERVICE_CALLS)
def test_services_refuse_anyone_outside_the_secretariat(
    request: pytest.FixtureRequest, register: SimpleNamespace, role: str, service: str
) -> None:
    # given a person who is not on the secretariat
    actor = request.getfixturevalue(role)
    call, _verb, _target = SERVICE_CALLS[service]
    before = _database_state()
    # when they call the service, then it refuses
    with pytest.raises(PermissionDenied):
        call(actor, register)
    # and nothing has changed, not even the audit trail
    assert _database_state() == before


@pytest.mark.parametrize("service", SERVICE_CALLS)
def test_services_record_who_did_what_in_the_audit_trail(
    register: SimpleNamespace, secretary: Any, service: str
) -> None:
    # given
    call, verb, target_name = SERVICE_CALLS[service]
    # when the secretariat calls the service
    result = call(secretary, register)
    # then one event names the secretary, the verb and what was changed
    event = _last_event()
    assert AuditEvent.objects.count() == 1
    assert event.actor == secretary
    assert event.actor_label == secretary.get_full_name()
    assert event.verb == verb
    if target_name == "none":
        assert (event.target_type, event.target_id) == (None, "")
    else:
        target = result if target_name == "created" else getattr(register, target_name)
        assert event.target_id == str(target.pk)
        target.refresh_from_db()
        assert event.target_repr == str(target)


def test_create_organisation_adds_it_to_the_register_without_making_it_a_member(
    secretary: Any,
) -> None:
    # when
    organisation = services.create_organisation(
        actor=secretary,
        kind=OrganisationKind.MUNICIPALITY,
        name_nl="Gent",
        name_fr="Gand",
        nis_code="44021",
    )
    # then
    organisation.refresh_from_db()
    assert organisation.slug == "gent"
    assert organisation.memberships.exists() is False
    assert _last_event().target_repr == "Gent"


@pytest.mark.parametrize(
    ("nis_code", "region", "province"),
    [
        ("44021", "flanders", "east_flanders"),
        ("12025", "flanders", "antwerp"),
        ("23088", "flanders", "flemish_brabant"),
        ("24062", "flanders", "flemish_brabant"),
        ("31005", "flanders", "west_flanders"),
        ("71016", "flanders", "limburg"),
        ("21004", "brussels", ""),
        ("25072", "wallonia", "walloon_brabant"),
        ("52011", "wallonia", "hainaut"),
        ("62063", "wallonia", "liege"),
        ("81001", "wallonia", "luxembourg"),
        ("92094", "wallonia", "namur"),
    ],
)
def test_municipality_region_and_province_follow_from_its_nis_code(
    secretary: Any, nis_code: str, region: str, province: str
) -> None:
    # given a region and province typed wrongly by hand
    # when
    organisation = services.create_organisation(
        actor=secretary,
        kind=OrganisationKind.MUNICIPALITY,
        name_nl="Stad",
        nis_code=nis_code,
        region="wallonia",
        province="namur",
    )
    # then the NIS code wins
    organisation.refresh_from_db()
    assert (organisation.region, organisation.province) == (region, province)


def test_an_institution_keeps_the_region_it_was_given(secretary: Any) -> None:
    # when an organisation that is not a municipality is given a NIS code and a region
    organisation = services.create_organisation(
        actor=secretary,
        kind=OrganisationKind.POLICE_ZONE,
        name_nl="Politiezone Gent",
        nis_code="44021",
        region="brussels",
    )
    # then its region is not derived from the code
    assert organisation.region == "brussels"


@pytest.mark.parametrize("nis_code", ["4402", "440211", "04021", "4402A", "19001", "99999"])
def test_create_organisation_refuses_an_invalid_nis_code(secretary: Any, nis_code: str) -> None:
    # when, then
    with pytest.raises(DomainError, match=f"“{nis_code}” is not a valid NIS code") as refusal:
        services.create_organisation(
            actor=secretary,
            kind=OrganisationKind.MUNICIPALITY,
            name_nl="Nergens",
            nis_code=nis_code,
        )
    assert refusal.value.field == "nis_code"
    assert Organisation.objects.exists() is False
    assert AuditEvent.objects.exists() is False


def test_create_organisation_refuses_a_nis_code_another_organisation_has(
    secretary: Any, member_city: Organisation
) -> None:
    # given Gent holds 44021
    # when, then
    with pytest.raises(
        Conflict, match="Another organisation already has NIS code 44021"
    ) as refusal:
        services.create_organisation(
            actor=secretary,
            kind=OrganisationKind.MUNICIPALITY,
            name_nl="Gent bis",
            nis_code="44021",
        )
    assert refusal.value.field == "nis_code"
    assert list(Organisation.objects.values_list("name_nl", flat=True)) == ["Gent"]


def test_create_organisation_needs_a_dutch_or_french_name(secretary: Any) -> None:
    # when, then
    with pytest.raises(DomainError, match="Give the name in Dutch or in French"):
        services.create_organisation(
            actor=secretary, kind=OrganisationKind.PARTNER, name_en="Efus", name_de="Efus"
        )
    assert Organisation.objects.exists() is False


@pytest.mark.parametrize(
    ("given", "original_language", "expected"),
    [
        ({"name_fr": "Liège"}, "fr", ("Liège", "Liège", "Liège")),
        ({"name_nl": "Luik", "name_fr": "Liège"}, "fr", ("Luik", "Liège", "Liège")),
        ({"name_nl": "Gent", "name_fr": "Gand"}, "nl", ("Gent", "Gand", "Gent")),
        ({"name_nl": "Gent"}, "nl", ("Gent", "Gent", "Gent")),
        # the official language has no name: the other one stands in
        ({"name_nl": "Brussel"}, "fr", ("Brussel", "Brussel", "Brussel")),
        (
            {"name_fr": "Saint-Vith", "name_de": "Sankt Vith"},
            "de",
            ("Sankt Vith", "Saint-Vith", "Sankt Vith"),
        ),
    ],
)
def test_a_name_missing_in_a_language_takes_the_official_name(
    secretary: Any, given: dict[str, str], original_language: str, expected: tuple[str, ...]
) -> None:
    # when
    organisation = services.create_organisation(
        actor=secretary,
        kind=OrganisationKind.INSTITUTION,
        original_language=original_language,
        **given,
    )
    # then
    organisation.refresh_from_db()
    assert (organisation.name_nl, organisation.name_fr, organisation.name_en) == expected


def test_a_name_typed_in_english_is_kept(secretary: Any) -> None:
    # when
    organisation = services.create_organisation(
        actor=secretary,
        kind=OrganisationKind.MUNICIPALITY,
        name_nl="Gent",
        name_en="Ghent",
        nis_code="44021",
    )
    # then
    organisation.refresh_from_db()
    assert organisation.name_en == "Ghent"


def test_two_organisations_with_the_same_name_get_different_addresses(secretary: Any) -> None:
    # when
    first = services.create_organisation(actor=secretary, kind="partner", name_nl="Stad")
    second = services.create_organisation(actor=secretary, kind="partner", name_nl="Stad")
    # then
    assert (first.slug, second.slug) == ("stad", "stad-2")


@pytest.mark.parametrize(
    ("names", "original_language", "slug"),
    [
        ({"name_nl": "Luik", "name_fr": "Liège"}, "fr", "liege"),
        ({"name_nl": "Mechelen", "name_fr": "Malines"}, "nl", "mechelen"),
        ({"name_fr": "Saint-Vith", "name_de": "Sankt Vith"}, "de", "sankt-vith"),
    ],
)
def test_address_on_the_site_follows_the_official_name(
    secretary: Any, names: dict[str, str], original_language: str, slug: str
) -> None:
    # when
    organisation = services.create_organisation(
        actor=secretary, kind="municipality", original_language=original_language, **names
    )
    # then
    assert organisation.slug == slug


def test_create_organisation_refuses_an_unknown_field(secretary: Any) -> None:
    with pytest.raises(TypeError, match=r"unknown organisation fields: \['mayor'\]"):
        services.create_organisation(actor=secretary, kind="partner", name_nl="Stad", mayor="X")


def test_update_organisation_follows_a_new_nis_code_and_lists_the_changed_fields(
    secretary: Any, member_city: Organisation
) -> None:
    # given Gent, in East Flanders
    # when its NIS code is corrected to Charleroi's
    services.update_organisation(
        actor=secretary, organisation=member_city, nis_code="52011", name_en="Ghent"
    )
    # then region and province follow, and the audit event lists what the secretary changed
    member_city.refresh_from_db()
    assert (member_city.nis_code, member_city.region, member_city.province) == (
        "52011",
        "wallonia",
        "hainaut",
    )
    event = _last_event()
    assert (event.actor, event.verb) == (secretary, "members.organisation.update")
    assert event.data == {"fields": ["nis_code"]}


def test_update_organisation_keeps_its_own_nis_code_without_conflict(
    secretary: Any, member_city: Organisation
) -> None:
    # when
    services.update_organisation(
        actor=secretary, organisation=member_city, nis_code="44021", name_en="City of Ghent"
    )
    # then
    member_city.refresh_from_db()
    assert member_city.name_en == "City of Ghent"


def test_update_organisation_refuses_a_nis_code_another_organisation_has(
    secretary: Any, member_city: Organisation
) -> None:
    # given
    other = OrganisationFactory(name_nl="Aalst", nis_code="41002")
    # when, then
    with pytest.raises(Conflict, match="Another organisation already has NIS code 44021"):
        services.update_organisation(
            actor=secretary, organisation=other, nis_code="44021", name_nl="Aalst-Gent"
        )
    other.refresh_from_db()
    assert (other.nis_code, other.name_nl) == ("41002", "Aalst")
    assert AuditEvent.objects.exists() is False


def test_update_organisation_refuses_an_invalid_nis_code(
    secretary: Any, member_city: Organisation
) -> None:
    # when, then
    with pytest.raises(DomainError, match="“44” is not a valid NIS code"):
        services.update_organisation(actor=secretary, organisation=member_city, nis_code="44")
    member_city.refresh_from_db()
    assert member_city.nis_code == "44021"


# Memberships


def test_start_membership_makes_the_organisation_a_member(
    secretary: Any, register: SimpleNamespace
) -> None:
    # given Ath, not a member
    start = localdate() - dt.timedelta(days=3)
    # when
    membership = services.start_membership(
        actor=secretary, organisation=register.outsider, start=start, note="decision of the council"
    )
    # then
    assert membership.is_current() is True
    assert membership.note == "decision of the council"
    event = _last_event()
    assert event.verb == "members.membership.start"
    assert event.data == {"start": start.isoformat(), "end": None}


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (dt.date(2015, 1, 1), None),  # inside
        (dt.date(2000, 1, 1), dt.date(2010, 1, 1)),  # ends on the first day of the existing one
        (dt.date(2000, 1, 1), None),  # before, open-ended
        (dt.date(2022, 12, 31), dt.date(2023, 12, 31)),  # starts on its last day
    ],
)
def test_overlapping_membership_is_refused(
    secretary: Any, register: SimpleNamespace, start: dt.date, end: dt.date | None
) -> None:
    # given Mons, a member from 2010 until 2022
    register.membership.end = dt.date(2022, 12, 31)
    register.membership.save()
    before = _database_state()
    # when, then
    with pytest.raises(
        Conflict, match="Mons is already a member during part of this period"
    ) as refusal:
        services.start_membership(
            actor=secretary, organisation=register.organisation, start=start, end=end
        )
    assert refusal.value.field == "start"
    assert _database_state() == before


@pytest.mark.parametrize(
    ("start", "end"),
    [(dt.date(2023, 1, 1), None), (dt.date(2000, 1, 1), dt.date(2009, 12, 31))],
)
def test_membership_next_to_an_earlier_one_is_accepted(
    secretary: Any, register: SimpleNamespace, start: dt.date, end: dt.date | None
) -> None:
    # given Mons, a member from 2010 until 2022
    register.membership.end = dt.date(2022, 12, 31)
    register.membership.save()
    # when it re-joins the day after it left, or had joined before
    services.start_membership(
        actor=secretary, organisation=register.organisation, start=start, end=end
    )
    # then both periods are kept
    assert register.organisation.memberships.count() == 2


def test_membership_ending_before_it_starts_is_refused(
    secretary: Any, register: SimpleNamespace
) -> None:
    # when, then
    with pytest.raises(
        DomainError, match="The end date cannot be before the start date"
    ) as refusal:
        services.start_membership(
            actor=secretary,
            organisation=register.outsider,
            start=dt.date(2025, 2, 1),
            end=dt.date(2025, 1, 31),
        )
    assert refusal.value.field == "end"
    assert register.outsider.memberships.exists() is False
    assert AuditEvent.objects.exists() is False


def test_end_membership_records_the_last_day_as_a_member(
    secretary: Any, register: SimpleNamespace
) -> None:
    # given Mons, a member since 2010
    today = localdate()
    # when it leaves today
    services.end_membership(actor=secretary, membership=register.membership, end=today)
    # then today is its last day as a member
    register.membership.refresh_from_db()
    assert register.membership.end == today
    assert register.membership.is_current(today) is True
    assert register.membership.is_current(today + dt.timedelta(days=1)) is False
    assert _last_event().data == {"end": today.isoformat()}


def test_end_membership_before_it_started_is_refused(
    secretary: Any, register: SimpleNamespace
) -> None:
    # when, then
    with pytest.raises(DomainError, match="The end date cannot be before the start date"):
        services.end_membership(
            actor=secretary, membership=register.membership, end=dt.date(2009, 12, 31)
        )
    register.membership.refresh_from_db()
    assert register.membership.end is None


def test_an_ended_membership_cannot_be_extended(secretary: Any, register: SimpleNamespace) -> None:
    # given a membership that ended in 2020
    register.membership.end = dt.date(2020, 12, 31)
    register.membership.save()
    # when, then
    with pytest.raises(Conflict, match="This membership has already ended"):
        services.end_membership(
            actor=secretary, membership=register.membership, end=dt.date(2021, 12, 31)
        )
    register.membership.refresh_from_db()
    assert register.membership.end == dt.date(2020, 12, 31)


def test_an_ended_membership_can_be_ended_earlier(
    secretary: Any, register: SimpleNamespace
) -> None:
    # given
    register.membership.end = dt.date(2020, 12, 31)
    register.membership.save()
    # when
    services.end_membership(
        actor=secretary, membership=register.membership, end=dt.date(2020, 6, 30)
    )
    # then
    register.membership.refresh_from_db()
    assert register.membership.end == dt.date(2020, 6, 30)


# Contacts


def test_new_mayor_ends_the_previous_mayors_term(secretary: Any, register: SimpleNamespace) -> None:
    # given Mons's mayor since 2019
    previous = register.contact
    # when a new mayor takes office on 6 January 2025
    mayor = services.appoint_contact(
        actor=secretary,
        organisation=register.organisation,
        person=register.person,
        role=ContactRole.MAYOR,
        start=dt.date(2025, 1, 6),
    )
    # then the previous mayor's last day was the day before, and there is one mayor at a time
    previous.refresh_from_db()
    assert previous.end == dt.date(2025, 1, 5)
    on = dt.date(2025, 1, 6)
    mayors = Contact.objects.current(on).filter(organisation=register.organisation, role="mayor")
    assert list(mayors) == [mayor]
    event = _last_event()
    assert (event.actor, event.verb) == (secretary, "members.contact.appoint")
    assert event.data == {"person_id": register.person.pk, "role": "mayor", "start": "2025-01-06"}


@pytest.mark.parametrize(
    ("start", "end"),
    [(dt.date(2019, 1, 1), None), (dt.date(2018, 6, 1), dt.date(2019, 6, 1))],
)
def test_mayor_overlapping_a_mayor_who_started_later_is_refused(
    secretary: Any, register: SimpleNamespace, start: dt.date, end: dt.date | None
) -> None:
    # given Mons's mayor since 1 January 2019
    before = _database_state()
    # when a mayor is recorded whose term reaches into that one, then it is refused
    with pytest.raises(Conflict, match="Mons already has a mayor during this period") as refusal:
        services.appoint_contact(
            actor=secretary,
            organisation=register.organisation,
            person=register.person,
            role=ContactRole.MAYOR,
            start=start,
            end=end,
        )
    assert refusal.value.field == "start"
    assert _database_state() == before


def test_refused_mayor_leaves_the_previous_mayors_term_untouched(
    secretary: Any, register: SimpleNamespace
) -> None:
    # given a mayor from 2013 to 2018 and the current one since 2019
    earlier = ContactFactory(
        organisation=register.organisation, start=dt.date(2013, 1, 1), end=dt.date(2018, 12, 31)
    )
    # when a mayor from mid-2018 is recorded (it would overlap the current mayor)
    with pytest.raises(Conflict):
        services.appoint_contact(
            actor=secretary,
            organisation=register.organisation,
            person=register.person,
            role=ContactRole.MAYOR,
            start=dt.date(2018, 7, 1),
        )
    # then the earlier mayor was not shortened either
    earlier.refresh_from_db()
    assert earlier.end == dt.date(2018, 12, 31)


def test_an_organisation_can_have_several_prevention_contacts(
    secretary: Any, register: SimpleNamespace
) -> None:
    # given a prevention contact since 2024
    first = ContactFactory(
        organisation=register.organisation,
        role=ContactRole.PREVENTION_CONTACT,
        start=dt.date(2024, 1, 1),
    )
    # when another one is recorded
    services.appoint_contact(
        actor=secretary,
        organisation=register.organisation,
        person=register.person,
        role=ContactRole.PREVENTION_CONTACT,
        start=dt.date(2025, 1, 1),
    )
    # then the first one stays in the role
    first.refresh_from_db()
    assert first.end is None


def test_a_person_cannot_hold_the_same_role_twice_at_once(
    secretary: Any, register: SimpleNamespace
) -> None:
    # given
    ContactFactory(
        organisation=register.organisation,
        person=register.person,
        role=ContactRole.GENERAL_CONTACT,
        start=dt.date(2024, 1, 1),
    )
    # when, then
    with pytest.raises(Conflict, match="This person already holds this role then"):
        services.appoint_contact(
            actor=secretary,
            organisation=register.organisation,
            person=register.person,
            role=ContactRole.GENERAL_CONTACT,
            start=dt.date(2025, 1, 1),
        )
    assert register.person.contacts.count() == 1


def test_past_interim_mayor_overlapping_the_current_mayor_is_refused(
    secretary: Any, register: SimpleNamespace
) -> None:
    # given Mons's mayor since 2019, still in office
    current = register.contact
    before = _database_state()
    # when an interim mayor of spring 2020 is recorded afterwards, then it is refused
    with pytest.raises(Conflict, match="Mons already has a mayor during this period"):
        services.appoint_contact(
            actor=secretary,
            organisation=register.organisation,
            person=register.person,
            role=ContactRole.MAYOR,
            start=dt.date(2020, 3, 1),
            end=dt.date(2020, 6, 30),
        )
    # and the mayor of today is still in office
    assert _database_state() == before
    current.refresh_from_db()
    assert current.is_current() is True


def test_past_interim_mayor_before_the_current_mayor_ends_nobody_s_term(
    secretary: Any, register: SimpleNamespace
) -> None:
    # given Mons's mayor since 2019
    current = register.contact
    # when an interim mayor of the second half of 2018 is recorded
    services.appoint_contact(
        actor=secretary,
        organisation=register.organisation,
        person=register.person,
        role=ContactRole.MAYOR,
        start=dt.date(2018, 7, 1),
        end=dt.date(2018, 12, 31),
    )
    # then both terms stand
    current.refresh_from_db()
    assert current.end is None
    assert register.organisation.contacts.filter(role=ContactRole.MAYOR).count() == 2


def test_contact_ending_before_it_starts_is_refused(
    secretary: Any, register: SimpleNamespace
) -> None:
    # given
    before = _database_state()
    # when, then
    with pytest.raises(DomainError, match="The end date cannot be before the start date"):
        services.appoint_contact(
            actor=secretary,
            organisation=register.organisation,
            person=register.person,
            role=ContactRole.MAYOR,
            start=dt.date(2025, 1, 6),
            end=dt.date(2025, 1, 5),
        )
    assert _database_state() == before


def test_appointed_mayor_holds_the_mayor_role_at_once(
    secretary: Any, register: SimpleNamespace
) -> None:
    # given a person whose roles were read (and cached) before the appointment
    person = register.person
    assert roles_for(person) == {Role.VISITOR}
    # when
    services.appoint_contact(
        actor=secretary,
        organisation=register.organisation,
        person=person,
        role=ContactRole.MAYOR,
        start=localdate(),
    )
    # then
    assert Role.MAYOR in roles_for(person)


def test_end_contact_records_the_last_day_in_the_role(
    secretary: Any, register: SimpleNamespace
) -> None:
    # when
    services.end_contact(actor=secretary, contact=register.contact, end=dt.date(2024, 12, 1))
    # then
    register.contact.refresh_from_db()
    assert register.contact.end == dt.date(2024, 12, 1)
    event = _last_event()
    assert event.data == {
        "person_id": register.contact.person.pk,
        "role": "mayor",
        "end": "2024-12-01",
    }


def test_end_contact_before_it_started_is_refused(
    secretary: Any, register: SimpleNamespace
) -> None:
    # when, then
    with pytest.raises(DomainError, match="The end date cannot be before the start date"):
        services.end_contact(actor=secretary, contact=register.contact, end=dt.date(2018, 12, 31))
    register.contact.refresh_from_db()
    assert register.contact.end is None


def test_extending_a_former_mayors_term_over_the_next_mayor_is_refused(
    secretary: Any, register: SimpleNamespace
) -> None:
    # given the mayor of 2019, whose term ended when a new mayor took office in 2025
    services.appoint_contact(
        actor=secretary,
        organisation=register.organisation,
        person=register.person,
        role=ContactRole.MAYOR,
        start=dt.date(2025, 1, 6),
    )
    former = Contact.objects.get(pk=register.contact.pk)
    # when the former mayor's last day is moved into the new mayor's term, then it is refused
    with pytest.raises(Conflict, match="Mons already has a mayor during this period") as refusal:
        services.end_contact(actor=secretary, contact=former, end=dt.date(2025, 12, 31))
    assert refusal.value.field == "end"
    former.refresh_from_db()
    assert former.end == dt.date(2025, 1, 5)


def test_ending_a_mayor_earlier_is_accepted(secretary: Any, register: SimpleNamespace) -> None:
    # given the mayor of 2019, whose term ended when a new mayor took office in 2025
    services.appoint_contact(
        actor=secretary,
        organisation=register.organisation,
        person=register.person,
        role=ContactRole.MAYOR,
        start=dt.date(2025, 1, 6),
    )
    # when the former mayor's last day is corrected to an earlier day
    services.end_contact(actor=secretary, contact=register.contact, end=dt.date(2024, 12, 1))
    # then
    register.contact.refresh_from_db()
    assert register.contact.end == dt.date(2024, 12, 1)


# Seats


def test_add_seat_gives_the_person_a_term_on_the_body(
    secretary: Any, register: SimpleNamespace
) -> None:
    # when
    seat = services.add_seat(
        actor=secretary,
        body=register.board,
        person=register.person,
        role=SeatRole.TREASURER,
        start=dt.date(2025, 1, 1),
        end=dt.date(2030, 12, 31),
        organisation=register.organisation,
        note="elected by the general assembly",
    )
    # then
    seat.refresh_from_db()
    assert (seat.role, seat.organisation, seat.note) == (
        "treasurer",
        register.organisation,
        "elected by the general assembly",
    )
    event = _last_event()
    assert (event.actor, event.verb, event.target_id) == (
        secretary,
        "members.seat.add",
        str(register.board.pk),
    )
    assert event.data == {
        "person_id": register.person.pk,
        "role": "treasurer",
        "start": "2025-01-01",
        "end": "2030-12-31",
    }


@pytest.mark.parametrize(
    ("start", "end"),
    [(dt.date(2026, 1, 1), None), (dt.date(2020, 1, 1), dt.date(2025, 1, 1))],
)
def test_a_body_has_one_chair_at_a_time(
    secretary: Any, register: SimpleNamespace, start: dt.date, end: dt.date | None
) -> None:
    # given a chair since 2025
    SeatFactory(body=register.board, role=SeatRole.CHAIR, start=dt.date(2025, 1, 1))
    before = _database_state()
    # when, then
    with pytest.raises(Conflict, match="This body already has a chair during this term") as refusal:
        services.add_seat(
            actor=secretary,
            body=register.board,
            person=register.person,
            role=SeatRole.CHAIR,
            start=start,
            end=end,
        )
    assert refusal.value.field == "role"
    assert _database_state() == before


def test_a_new_chair_can_start_the_day_after_the_previous_chair_left(
    secretary: Any, register: SimpleNamespace
) -> None:
    # given a chair from 2020 until the end of 2024
    SeatFactory(
        body=register.board,
        role=SeatRole.CHAIR,
        start=dt.date(2020, 1, 1),
        end=dt.date(2024, 12, 31),
    )
    # when
    services.add_seat(
        actor=secretary,
        body=register.board,
        person=register.person,
        role=SeatRole.CHAIR,
        start=dt.date(2025, 1, 1),
    )
    # then
    chairs = Seat.objects.current(dt.date(2025, 1, 1)).filter(body=register.board, role="chair")
    assert [seat.person for seat in chairs] == [register.person]


def test_each_body_has_its_own_chair(secretary: Any, register: SimpleNamespace) -> None:
    # given
    SeatFactory(body=register.board, role=SeatRole.CHAIR, start=dt.date(2025, 1, 1))
    assembly = BodyFactory(kind=BodyKind.GENERAL_ASSEMBLY)
    # when
    seat = services.add_seat(
        actor=secretary,
        body=assembly,
        person=register.person,
        role=SeatRole.CHAIR,
        start=dt.date(2025, 1, 1),
    )
    # then
    assert seat.is_current(dt.date(2025, 1, 1)) is True


def test_a_person_holds_one_seat_per_body_at_a_time(
    secretary: Any, register: SimpleNamespace
) -> None:
    # given the person's seat on the board since 2025
    register.seat.person = register.person
    register.seat.save()
    before = _database_state()
    # when a second seat is added for a term that overlaps, then it is refused
    with pytest.raises(
        Conflict, match="This person already has a seat on this body then"
    ) as refusal:
        services.add_seat(
            actor=secretary,
            body=register.board,
            person=register.person,
            role=SeatRole.VICE_CHAIR,
            start=dt.date(2025, 6, 1),
        )
    assert refusal.value.field == "person"
    assert _database_state() == before


def test_a_person_can_sit_on_two_bodies_at_once(secretary: Any, register: SimpleNamespace) -> None:
    # given
    register.seat.person = register.person
    register.seat.save()
    # when
    services.add_seat(
        actor=secretary,
        body=BodyFactory(kind=BodyKind.GENERAL_ASSEMBLY),
        person=register.person,
        role=SeatRole.MEMBER,
        start=dt.date(2025, 6, 1),
    )
    # then
    assert register.person.seats.count() == 2


def test_seat_term_ending_before_it_starts_is_refused(
    secretary: Any, register: SimpleNamespace
) -> None:
    # given
    before = _database_state()
    # when, then
    with pytest.raises(
        DomainError, match="The end date cannot be before the start date"
    ) as refusal:
        services.add_seat(
            actor=secretary,
            body=register.board,
            person=register.person,
            role=SeatRole.MEMBER,
            start=dt.date(2025, 6, 1),
            end=dt.date(2025, 5, 31),
        )
    assert refusal.value.field == "end"
    assert _database_state() == before


def test_new_board_seat_makes_the_person_a_board_member_at_once(
    secretary: Any, register: SimpleNamespace
) -> None:
    # given
    person = register.person
    assert roles_for(person) == {Role.VISITOR}
    # when
    services.add_seat(
        actor=secretary, body=register.board, person=person, role=SeatRole.CHAIR, start=localdate()
    )
    # then
    assert {Role.BOARD_MEMBER, Role.CHAIRMAN} <= roles_for(person)


def test_end_seat_records_the_last_day_on_the_body(
    secretary: Any, register: SimpleNamespace
) -> None:
    # when
    services.end_seat(actor=secretary, seat=register.seat, end=dt.date(2025, 6, 30))
    # then
    register.seat.refresh_from_db()
    assert register.seat.is_current(dt.date(2025, 6, 30)) is True
    assert register.seat.is_current(dt.date(2025, 7, 1)) is False
    assert _last_event().data == {
        "person_id": register.seat.person.pk,
        "role": "member",
        "end": "2025-06-30",
    }


def test_end_seat_before_it_started_is_refused(secretary: Any, register: SimpleNamespace) -> None:
    # when, then
    with pytest.raises(DomainError, match="The end date cannot be before the start date"):
        services.end_seat(actor=secretary, seat=register.seat, end=dt.date(2024, 12, 31))
    register.seat.refresh_from_db()
    assert register.seat.end is None


def test_extending_a_former_chairs_term_over_the_next_chair_is_refused(
    secretary: Any, register: SimpleNamespace
) -> None:
    # given a chair until the end of 2024 and the next chair from 2025
    former = SeatFactory(
        body=register.board,
        role=SeatRole.CHAIR,
        start=dt.date(2020, 1, 1),
        end=dt.date(2024, 12, 31),
    )
    SeatFactory(body=register.board, role=SeatRole.CHAIR, start=dt.date(2025, 1, 1))
    # when the former chair's last day is moved into 2025, then it is refused
    with pytest.raises(Conflict, match="This body already has a chair during this term") as refusal:
        services.end_seat(actor=secretary, seat=former, end=dt.date(2025, 12, 31))
    assert refusal.value.field == "end"
    chairs = Seat.objects.current(dt.date(2025, 6, 1)).filter(body=register.board, role="chair")
    assert chairs.count() == 1


def test_a_member_s_term_may_overlap_the_chair_s(secretary: Any, register: SimpleNamespace) -> None:
    # given a chair from 2025, and a board member (not a chair) whose term ended in 2024
    SeatFactory(body=register.board, role=SeatRole.CHAIR, start=dt.date(2025, 1, 1))
    member = SeatFactory(body=register.board, start=dt.date(2020, 1, 1), end=dt.date(2024, 12, 31))
    # when the member's term is extended
    services.end_seat(actor=secretary, seat=member, end=dt.date(2025, 12, 31))
    # then
    member.refresh_from_db()
    assert member.end == dt.date(2025, 12, 31)


# Loading the REFNIS list

ROWS = [
    MunicipalityRow(2, "44021", "Gent", "Gand", "Gent"),
    MunicipalityRow(3, "21004", "Brussel", "Bruxelles", "Brüssel"),
    MunicipalityRow(4, "62063", "Luik", "Liège", "Lüttich"),
    MunicipalityRow(5, "63023", "Eupen", "Eupen", "Eupen"),
]


def test_load_municipalities_creates_each_municipality_where_it_lies(db: None) -> None:
    # when
    counts = services.load_municipalities(actor=None, rows=ROWS)
    # then
    assert counts == {"created": 4, "updated": 0, "unchanged": 0, "conflicts": 0}
    loaded = {
        o.nis_code: (o.kind, o.region, o.province, o.original_language, o.languages, o.name_en)
        for o in Organisation.objects.all()
    }
    assert loaded == {
        "44021": ("municipality", "flanders", "east_flanders", "nl", ["nl"], "Gent"),
        "21004": ("municipality", "brussels", "", "fr", ["fr", "nl"], "Bruxelles"),
        "62063": ("municipality", "wallonia", "liege", "fr", ["fr"], "Liège"),
        "63023": ("municipality", "wallonia", "liege", "de", ["de", "fr"], "Eupen"),
    }
    assert Organisation.objects.get(nis_code="62063").name_de == "Lüttich"
    slugs = dict(Organisation.objects.values_list("nis_code", "slug"))
    assert slugs == {"44021": "gent", "21004": "bruxelles", "62063": "liege", "63023": "eupen"}


def test_load_municipalities_twice_changes_nothing_the_second_time(db: None) -> None:
    # given
    services.load_municipalities(actor=None, rows=ROWS)
    before = _database_state()
    # when
    counts = services.load_municipalities(actor=None, rows=ROWS)
    # then
    assert counts == {"created": 0, "updated": 0, "unchanged": len(ROWS), "conflicts": 0}
    assert _database_state()[:4] == before[:4]


def test_load_municipalities_updates_a_changed_name_and_keeps_the_english_one(
    secretary: Any,
) -> None:
    # given Gent, whose English name the secretariat typed
    services.load_municipalities(actor=None, rows=ROWS)
    Organisation.objects.filter(nis_code="44021").update(name_en="Ghent")
    # when a new list spells its French name differently
    renamed = [MunicipalityRow(2, "44021", "Gent", "Gand (ville)", "Gent"), *ROWS[1:]]
    counts = services.load_municipalities(actor=secretary, rows=renamed)
    # then only Gent is updated, and its English name stays
    assert counts == {"created": 0, "updated": 1, "unchanged": 3, "conflicts": 0}
    gent = Organisation.objects.get(nis_code="44021")
    assert (gent.name_fr, gent.name_en) == ("Gand (ville)", "Ghent")
    event = _last_event()
    assert (event.actor, event.verb, event.data) == (
        secretary,
        "members.municipalities.load",
        counts,
    )


def test_load_municipalities_completes_an_organisation_with_the_same_nis_code(
    member_city: Organisation,
) -> None:
    # given Gent, typed by hand with its NIS code
    # when the list is loaded
    counts = services.load_municipalities(actor=None, rows=ROWS[:1])
    # then it is the same organisation, completed, not a second Gent
    assert counts == {"created": 0, "updated": 1, "unchanged": 0, "conflicts": 0}
    member_city.refresh_from_db()
    assert member_city.languages == ["nl"]
    assert Organisation.objects.filter(nis_code="44021").count() == 1


def test_load_municipalities_by_an_operator_is_recorded_without_an_actor(db: None) -> None:
    # when
    services.load_municipalities(actor=None, rows=ROWS)
    # then
    event = _last_event()
    assert (event.actor, event.actor_label, event.verb) == (None, "", "members.municipalities.load")
    assert event.data == {"created": 4, "updated": 0, "unchanged": 0, "conflicts": 0}


def test_load_municipalities_takes_the_other_name_when_one_is_missing(db: None) -> None:
    # when
    services.load_municipalities(
        actor=None, rows=[MunicipalityRow(2, "52011", "", "Charleroi", "")]
    )
    # then
    charleroi = Organisation.objects.get()
    assert (charleroi.name_nl, charleroi.name_fr, charleroi.name_en) == (
        "Charleroi",
        "Charleroi",
        "Charleroi",
    )


def test_load_municipalities_leaves_a_police_zone_with_the_same_nis_code_alone(
    secretary: Any,
) -> None:
    # given a police zone recorded with the NIS code of its municipality
    zone = services.create_organisation(
        actor=secretary,
        kind=OrganisationKind.POLICE_ZONE,
        name_nl="Politiezone Gent",
        nis_code="44021",
    )
    # when the list of municipalities is loaded
    counts = services.load_municipalities(actor=None, rows=ROWS[:2])
    # then the police zone is still the police zone, and the clash is counted for the operator
    zone.refresh_from_db()
    assert (zone.kind, zone.name_nl) == ("police_zone", "Politiezone Gent")
    assert counts == {"created": 1, "updated": 0, "unchanged": 0, "conflicts": 1}
