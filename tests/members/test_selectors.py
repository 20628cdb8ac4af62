"""The reads on the register of members and on the governance bodies."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.http import Http404
from django.utils import translation
from django.utils.timezone import localdate

from befus.members import selectors
from befus.members.choices import BodyKind, ContactRole, OrganisationKind, SeatRole
from befus.members.models import Organisation
from tests.members.factories import (
    BodyFactory,
    ContactFactory,
    MembershipFactory,
    OrganisationFactory,
    SeatFactory,
)

TODAY = localdate()
YESTERDAY = TODAY - dt.timedelta(days=1)
TOMORROW = TODAY + dt.timedelta(days=1)


def _member(name: str, **fields: Any) -> Organisation:
    organisation = OrganisationFactory(name_nl=name, name_fr=name, name_en=name, **fields)
    MembershipFactory(organisation=organisation)
    return organisation


def _names(organisations: Any) -> list[str]:
    return [organisation.name_en for organisation in organisations]


def test_member_organisations_lists_current_members_only(db: None) -> None:
    # given members of today, a member whose last day is today, and organisations that are not
    _member("Member")
    MembershipFactory(organisation=OrganisationFactory(name_en="Leaves today"), end=TODAY)
    MembershipFactory(organisation=OrganisationFactory(name_en="Left yesterday"), end=YESTERDAY)
    MembershipFactory(organisation=OrganisationFactory(name_en="Joins tomorrow"), start=TOMORROW)
    OrganisationFactory(name_en="Never joined")
    # when
    members = selectors.member_organisations()
    # then
    assert _names(members) == ["Leaves today", "Member"]


def test_a_member_that_left_and_rejoined_is_listed_once(db: None) -> None:
    organisation = _member("Rejoined")
    MembershipFactory(organisation=organisation, start=dt.date(1990, 1, 1), end=dt.date(1995, 1, 1))
    assert _names(selectors.member_organisations()) == ["Rejoined"]


def test_member_organisations_filters_on_region_and_kind(db: None) -> None:
    # given
    _member("Gent", region="flanders")
    _member("Namur", region="wallonia")
    _member("Police zone Namur", region="wallonia", kind=OrganisationKind.POLICE_ZONE)
    # when, then
    assert _names(selectors.member_organisations(region="wallonia")) == [
        "Namur",
        "Police zone Namur",
    ]
    assert _names(selectors.member_organisations(kind="police_zone")) == ["Police zone Namur"]
    assert _names(selectors.member_organisations(region="wallonia", kind="municipality")) == [
        "Namur"
    ]
    assert _names(selectors.member_organisations(region="brussels")) == []


@pytest.mark.parametrize("query", ["Gent", "Gand", "Ghent", "gAnD", "and", "44021"])
def test_member_organisations_finds_a_name_in_any_language_or_the_nis_code(
    db: None, query: str
) -> None:
    # given Gent, and Liège which it should not match
    gent = OrganisationFactory(
        name_nl="Gent", name_fr="Gand", name_en="Ghent", name_de="Gent", nis_code="44021"
    )
    MembershipFactory(organisation=gent)
    liege = OrganisationFactory(
        name_nl="Luik", name_fr="Liège", name_en="Liège", name_de="Lüttich", nis_code="62063"
    )
    MembershipFactory(organisation=liege)
    # when, then
    assert list(selectors.member_organisations(query=query)) == [gent]


def test_member_organisations_finds_the_german_name(db: None) -> None:
    liege = OrganisationFactory(name_nl="Luik", name_fr="Liège", name_en="Liège", name_de="Lüttich")
    MembershipFactory(organisation=liege)
    assert list(selectors.member_organisations(query="Lüttich")) == [liege]


def test_query_does_not_find_a_former_member(db: None) -> None:
    MembershipFactory(organisation=OrganisationFactory(name_nl="Gent"), end=YESTERDAY)
    assert list(selectors.member_organisations(query="Gent")) == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nl", ["Aat", "Bergen", "Luik"]), ("fr", ["Ath", "Liège", "Mons"])],
)
def test_members_are_sorted_by_their_name_in_the_reader_s_language(
    db: None, language: str, expected: list[str]
) -> None:
    # given
    for nl, fr in [("Luik", "Liège"), ("Bergen", "Mons"), ("Aat", "Ath")]:
        MembershipFactory(organisation=OrganisationFactory(name_nl=nl, name_fr=fr, name_en=fr))
    # when
    with translation.override(language):
        names = [str(organisation) for organisation in selectors.member_organisations()]
    # then
    assert names == expected


def test_member_counts_by_region_counts_current_members_only(db: None) -> None:
    # given two members in Wallonia, one in Brussels, one without a region, and non-members
    _member("Namur", region="wallonia")
    _member("Liège", region="wallonia")
    _member("Brussel", region="brussels")
    _member("Efus", region="", kind=OrganisationKind.PARTNER)
    MembershipFactory(organisation=OrganisationFactory(region="flanders"), end=YESTERDAY)
    OrganisationFactory(region="flanders")
    # when
    counts = selectors.member_counts_by_region()
    # then
    assert counts == {"wallonia": 2, "brussels": 1, "": 1}


def test_organisations_with_status_marks_who_is_a_member(db: None) -> None:
    # given
    _member("Member")
    OrganisationFactory(name_en="Outsider")
    # when
    status = {o.name_en: o.is_member for o in selectors.organisations_with_status()}
    # then
    assert status == {"Member": True, "Outsider": False}


def test_organisations_with_status_on_a_past_date(db: None) -> None:
    # given a member from 2010 to 2015
    MembershipFactory(
        organisation=OrganisationFactory(name_en="Former"),
        start=dt.date(2010, 1, 1),
        end=dt.date(2015, 12, 31),
    )
    # when
    on_date = {
        on: selectors.organisations_with_status(on).get().is_member
        for on in (
            dt.date(2009, 12, 31),
            dt.date(2010, 1, 1),
            dt.date(2015, 12, 31),
            dt.date(2016, 1, 1),
        )
    }
    # then
    assert list(on_date.values()) == [False, True, True, False]


def test_get_organisation_brings_its_history_and_current_mayor(db: None) -> None:
    # given a city with two memberships, a former mayor, the current mayor and a contact
    city = _member("Gent", slug="gent")
    MembershipFactory(organisation=city, start=dt.date(1990, 1, 1), end=dt.date(1995, 1, 1))
    ContactFactory(organisation=city, start=dt.date(2013, 1, 1), end=dt.date(2018, 12, 31))
    mayor = ContactFactory(organisation=city, start=dt.date(2019, 1, 1))
    ContactFactory(
        organisation=city, role=ContactRole.PREVENTION_CONTACT, start=dt.date(2019, 1, 1)
    )
    # when
    organisation = selectors.get_organisation("gent")
    # then
    assert organisation.is_member is True
    assert [m.start for m in organisation.memberships.all()] == [
        dt.date(2000, 1, 1),
        dt.date(1990, 1, 1),
    ]
    assert organisation.current_mayors == [mayor]


def test_get_organisation_raises_404_for_an_unknown_address(db: None) -> None:
    with pytest.raises(Http404):
        selectors.get_organisation("atlantis")


def test_organisation_contacts_lists_every_contact_by_role_newest_first(db: None) -> None:
    # given
    city = OrganisationFactory()
    old = ContactFactory(organisation=city, start=dt.date(2013, 1, 1), end=dt.date(2018, 12, 31))
    new = ContactFactory(organisation=city, start=dt.date(2019, 1, 1))
    delegate = ContactFactory(
        organisation=city, role=ContactRole.MAYOR_DELEGATE, start=dt.date(2020, 1, 1)
    )
    ContactFactory(start=dt.date(2019, 1, 1))  # elsewhere
    # when, then
    assert list(selectors.organisation_contacts(city)) == [new, old, delegate]


@pytest.fixture
def board(db: None) -> Any:
    return BodyFactory(kind=BodyKind.BOARD)


def test_governance_groups_the_board_by_region_and_finds_the_chairman(board: Any) -> None:
    # given a chairman from Wallonia, two board members from Flanders and one from Brussels
    chair = SeatFactory(
        body=board,
        role=SeatRole.CHAIR,
        organisation=_member("Namur", region="wallonia"),
        person__last_name="Dupont",
    )
    gent = SeatFactory(
        body=board, organisation=_member("Gent", region="flanders"), person__last_name="Claes"
    )
    brugge = SeatFactory(
        body=board, organisation=_member("Brugge", region="flanders"), person__last_name="Aerts"
    )
    brussels = SeatFactory(body=board, organisation=_member("Brussel", region="brussels"))
    # when
    governance = selectors.get_governance()
    # then
    assert governance.board == board
    assert governance.chairman == chair
    assert governance.board_by_region == {
        "flanders": [brugge, gent],
        "wallonia": [chair],
        "brussels": [brussels],
    }
    assert governance.board_without_region == []
    assert governance.board_seat_count == 4
    assert governance.missing_regions == []


def test_governance_lists_the_regions_without_a_current_board_seat(board: Any) -> None:
    # given a seat for Wallonia, and a seat for Flanders that ended yesterday
    SeatFactory(body=board, organisation=_member("Namur", region="wallonia"))
    SeatFactory(
        body=board,
        organisation=_member("Gent", region="flanders"),
        start=dt.date(2020, 1, 1),
        end=YESTERDAY,
    )
    # when
    governance = selectors.get_governance()
    # then
    assert governance.missing_regions == ["flanders", "brussels"]
    assert governance.board_by_region["flanders"] == []
    assert governance.board_seat_count == 1


def test_governance_on_an_earlier_day_counts_the_seats_of_that_day(board: Any) -> None:
    # given
    SeatFactory(
        body=board,
        organisation=_member("Gent", region="flanders"),
        start=dt.date(2020, 1, 1),
        end=YESTERDAY,
    )
    # when
    governance = selectors.get_governance(on=YESTERDAY)
    # then
    assert governance.missing_regions == ["wallonia", "brussels"]


def test_governance_ignores_a_seat_that_starts_tomorrow_and_a_vacant_chair(board: Any) -> None:
    # given
    SeatFactory(
        body=board,
        role=SeatRole.CHAIR,
        organisation=_member("Gent", region="flanders"),
        start=TOMORROW,
    )
    # when
    governance = selectors.get_governance()
    # then
    assert governance.chairman is None
    assert governance.board_seat_count == 0
    assert governance.missing_regions == ["flanders", "wallonia", "brussels"]


def test_governance_keeps_board_members_without_a_region_apart(board: Any) -> None:
    # given a seat representing no organisation, and one for a partner without a region
    independent = SeatFactory(body=board, person__last_name="Aerts")
    partner = SeatFactory(
        body=board, organisation=_member("Efus", region="", kind="partner"), person__last_name="Bos"
    )
    # when
    governance = selectors.get_governance()
    # then they are listed, but cover no region
    assert governance.board_without_region == [independent, partner]
    assert governance.board_seat_count == 2
    assert governance.missing_regions == ["flanders", "wallonia", "brussels"]


def test_governance_lists_the_secretariat_and_not_other_bodies(board: Any) -> None:
    # given
    officer = SeatFactory(body=BodyFactory(kind=BodyKind.SECRETARIAT), role=SeatRole.OFFICER)
    assembly = BodyFactory(kind=BodyKind.GENERAL_ASSEMBLY)
    SeatFactory(body=assembly, organisation=_member("Gent", region="flanders"))
    # when
    governance = selectors.get_governance()
    # then
    assert governance.secretariat == [officer]
    assert governance.general_assembly == assembly
    assert governance.board_seat_count == 0


def test_governance_without_any_body_is_empty(db: None) -> None:
    # when
    governance = selectors.get_governance()
    # then
    assert (governance.board, governance.general_assembly, governance.chairman) == (
        None,
        None,
        None,
    )
    assert governance.board_by_region == {"flanders": [], "wallonia": [], "brussels": []}


def test_missing_board_regions_reads_the_organisations_represented(board: Any) -> None:
    seats = [
        SeatFactory(body=board, organisation=OrganisationFactory(region="brussels")),
        SeatFactory(body=board),
    ]
    assert selectors.missing_board_regions(seats) == ["flanders", "wallonia"]


def test_body_seats_lists_current_and_past_seats_newest_first(board: Any) -> None:
    # given
    old = SeatFactory(body=board, start=dt.date(2015, 1, 1), end=dt.date(2019, 12, 31))
    current = SeatFactory(body=board, start=dt.date(2020, 1, 1))
    SeatFactory(body=BodyFactory(kind=BodyKind.SECRETARIAT))
    # when, then
    assert list(selectors.body_seats(board)) == [current, old]


def test_get_body_raises_404_for_an_unknown_body(board: Any) -> None:
    assert selectors.get_body(board.pk) == board
    with pytest.raises(Http404):
        selectors.get_body(board.pk + 1000)


def test_bodies_are_listed_in_a_stable_order(db: None) -> None:
    for kind in (BodyKind.SECRETARIAT, BodyKind.BOARD, BodyKind.GENERAL_ASSEMBLY):
        BodyFactory(kind=kind)
    assert [body.kind for body in selectors.bodies()] == [
        "board",
        "general_assembly",
        "secretariat",
    ]


@pytest.mark.parametrize(
    ("value", "label"),
    [("flanders", "Flanders"), ("brussels", "Brussels-Capital"), ("", ""), ("x", "")],
)
def test_region_label_names_a_known_region_and_nothing_else(value: str, label: str) -> None:
    assert str(selectors.region_label(value)) == label
