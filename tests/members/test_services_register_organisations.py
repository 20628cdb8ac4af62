"""The organisations in the register: created, updated, and loaded from Statbel's REFNIS
list of municipalities."""

from __future__ import annotations

from typing import Any

import pytest

from befus.core.errors import Conflict, DomainError
from befus.core.models import AuditEvent
from befus.members import services
from befus.members.choices import OrganisationKind
from befus.members.models import Organisation
from befus.members.refnis import MunicipalityRow
from tests.members.factories import OrganisationFactory
from tests.members.helpers import _database_state, _last_event

# Organisations


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
