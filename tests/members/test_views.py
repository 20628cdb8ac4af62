"""The pages of the register and of the governance: who may see them, and what they do."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from befus.core.models import AuditEvent
from befus.members.choices import BodyKind, ContactRole, SeatRole
from befus.members.models import Contact, Membership, Organisation, Seat
from befus.members.urls import urlpatterns
from tests.accounts.factories import UserFactory
from tests.conftest import ROLE_FIXTURES
from tests.members.factories import (
    BodyFactory,
    ContactFactory,
    MembershipFactory,
    OrganisationFactory,
    SeatFactory,
)

NON_SECRETARIAT = [role for role in ROLE_FIXTURES if role not in {"anonymous", "secretary"}]


def _url(name: str, language: str = "en", **kwargs: Any) -> str:
    with translation.override(language):
        return reverse(f"members:{name}", kwargs=kwargs or None)


def _url_login(language: str = "en") -> str:
    with translation.override(language):
        return reverse("account_login")


@pytest.fixture
def login(as_role: Callable[[str], Any], request: pytest.FixtureRequest) -> Callable[[str], Any]:
    """``as_role``, with the second factor that board members and the secretariat must have set up.

    Without it they are sent to the set-up page of the authenticator, whatever page they ask for.
    """

    def client_for(role: str) -> Any:
        client = as_role(role)
        if role != "anonymous":
            Authenticator.objects.create(
                user=request.getfixturevalue(role), type=Authenticator.Type.TOTP, data={}
            )
        return client

    return client_for


@pytest.fixture
def register(db: None) -> SimpleNamespace:
    """Mons with a membership and a mayor, and a seat on the board."""
    mons = OrganisationFactory(
        name_nl="Bergen",
        name_fr="Mons",
        name_en="Mons",
        slug="mons",
        nis_code="53053",
        region="wallonia",
        province="hainaut",
    )
    board = BodyFactory(kind=BodyKind.BOARD)
    return SimpleNamespace(
        organisation=mons,
        membership=MembershipFactory(organisation=mons, start=dt.date(2010, 1, 1)),
        contact=ContactFactory(organisation=mons, start=dt.date(2019, 1, 1)),
        board=board,
        seat=SeatFactory(body=board, organisation=mons, start=dt.date(2025, 1, 1)),
    )


PUBLIC_PAGES: dict[str, Callable[[SimpleNamespace], dict[str, Any]]] = {
    "organisation-list": lambda r: {},
    "organisation-detail": lambda r: {"slug": r.organisation.slug},
    "governance": lambda r: {},
}
MANAGE_PAGES: dict[str, Callable[[SimpleNamespace], dict[str, Any]]] = {
    "manage-organisations": lambda r: {},
    "organisation-create": lambda r: {},
    "manage-organisation": lambda r: {"slug": r.organisation.slug},
    "organisation-edit": lambda r: {"slug": r.organisation.slug},
    "manage-body": lambda r: {"pk": r.board.pk},
}
# The forms that end a period only take a POST: (the row it ends, the page it returns to).
END_ACTIONS: dict[str, tuple[str, str]] = {
    "membership-end": ("membership", "manage-organisation"),
    "contact-end": ("contact", "manage-organisation"),
    "seat-end": ("seat", "manage-body"),
}
# Who works where: their pages are tested in test_affiliations.py.
AFFILIATION_PAGES = {"affiliations", "affiliation-decide"}
LAST_DAY = dt.date(2025, 6, 30)


def _end_action(name: str, register: SimpleNamespace) -> tuple[str, Any, str]:
    row_name, back_name = END_ACTIONS[name]
    row = getattr(register, row_name)
    back = (
        _url(back_name, pk=register.board.pk)
        if back_name == "manage-body"
        else _url(back_name, slug=register.organisation.slug)
    )
    return _url(name, pk=row.pk), row, back


def test_the_matrix_covers_every_url_of_the_app() -> None:
    names = {pattern.name for pattern in urlpatterns}
    assert names == set(PUBLIC_PAGES) | set(MANAGE_PAGES) | set(END_ACTIONS) | AFFILIATION_PAGES


@pytest.mark.parametrize("role", ROLE_FIXTURES)
@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_public_pages_are_open_to_everyone(
    login: Callable[[str], Any], register: SimpleNamespace, role: str, page: str
) -> None:
    # given
    client = login(role)
    # when
    response = client.get(_url(page, **PUBLIC_PAGES[page](register)))
    # then
    assert response.status_code == 200


@pytest.mark.parametrize("page", MANAGE_PAGES)
def test_manage_pages_send_an_anonymous_visitor_to_the_login_page(
    login: Callable[[str], Any], register: SimpleNamespace, page: str
) -> None:
    # given
    client = login("anonymous")
    url = _url(page, **MANAGE_PAGES[page](register))
    # when
    response = client.get(url)
    # then they come back to the page once logged in
    assert response.status_code == 302
    assert response["Location"] == f"{_url_login()}?next={url}"


@pytest.mark.parametrize("role", NON_SECRETARIAT)
@pytest.mark.parametrize("page", MANAGE_PAGES)
def test_manage_pages_are_forbidden_outside_the_secretariat(
    login: Callable[[str], Any], register: SimpleNamespace, role: str, page: str
) -> None:
    # given
    client = login(role)
    # when
    response = client.get(_url(page, **MANAGE_PAGES[page](register)))
    # then
    assert response.status_code == 403
    assert "403.html" in [template.name for template in response.templates]


@pytest.mark.parametrize("page", MANAGE_PAGES)
def test_manage_pages_are_open_to_the_secretariat(
    login: Callable[[str], Any], register: SimpleNamespace, page: str
) -> None:
    # given
    client = login("secretary")
    # when
    response = client.get(_url(page, **MANAGE_PAGES[page](register)))
    # then
    assert response.status_code == 200


@pytest.mark.parametrize("action", END_ACTIONS)
def test_end_actions_send_an_anonymous_visitor_to_the_login_page_and_change_nothing(
    login: Callable[[str], Any], register: SimpleNamespace, action: str
) -> None:
    # given
    client = login("anonymous")
    url, row, _back = _end_action(action, register)
    # when
    response = client.post(url, {"end": LAST_DAY.isoformat()})
    # then
    assert response.status_code == 302
    assert response["Location"] == f"{_url_login()}?next={url}"
    row.refresh_from_db()
    assert row.end is None


@pytest.mark.parametrize("role", NON_SECRETARIAT)
@pytest.mark.parametrize("action", END_ACTIONS)
def test_end_actions_are_forbidden_outside_the_secretariat(
    login: Callable[[str], Any], register: SimpleNamespace, role: str, action: str
) -> None:
    # given
    client = login(role)
    url, row, _back = _end_action(action, register)
    # when
    response = client.post(url, {"end": LAST_DAY.isoformat()})
    # then
    assert response.status_code == 403
    assert "403.html" in [template.name for template in response.templates]
    row.refresh_from_db()
    assert row.end is None


@pytest.mark.parametrize("action", END_ACTIONS)
def test_end_actions_end_the_period_for_the_secretariat(
    login: Callable[[str], Any], register: SimpleNamespace, action: str
) -> None:
    # given
    client = login("secretary")
    url, row, back = _end_action(action, register)
    # when
    response = client.post(url, {"end": LAST_DAY.isoformat()}, follow=True)
    # then they are back on the page they came from, which says so
    assert response.status_code == 200
    assert response.redirect_chain == [(back, 302)]
    row.refresh_from_db()
    assert row.end == LAST_DAY


@pytest.mark.parametrize("action", END_ACTIONS)
def test_end_actions_take_no_get(
    login: Callable[[str], Any], register: SimpleNamespace, action: str
) -> None:
    client = login("secretary")
    url, _row, _back = _end_action(action, register)
    assert client.get(url).status_code == 405


# Languages


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_public_pages_are_served_in_each_language(
    client: Any, register: SimpleNamespace, language: str, page: str
) -> None:
    # given
    MembershipFactory(organisation=OrganisationFactory(name_nl="Luik", name_fr="Liège"))
    url = _url(page, language, **PUBLIC_PAGES[page](register))
    # when
    response = client.get(url)
    # then
    assert url.startswith(f"/{language}/")
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


@pytest.mark.parametrize(("language", "name"), [("nl", "Luik"), ("fr", "Liège"), ("en", "Liège")])
def test_member_list_shows_names_in_the_reader_s_language(
    client: Any, db: None, language: str, name: str
) -> None:
    # given
    MembershipFactory(
        organisation=OrganisationFactory(name_nl="Luik", name_fr="Liège", name_en="Liège")
    )
    # when
    response = client.get(_url("organisation-list", language))
    # then
    assert f">{name}</a>" in response.content.decode()


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_forbidden_page_is_the_translated_403_page(
    login: Callable[[str], Any], register: SimpleNamespace, language: str
) -> None:
    # given a professional, who may not manage the register
    client = login("professional")
    # when
    response = client.get(_url("manage-organisations", language))
    # then
    assert response.status_code == 403
    assert response.templates[0].name == "403.html"
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    with translation.override(language):
        assert gettext("Access denied") in html


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_login_page_is_in_the_language_of_the_page_asked_for(
    client: Any, db: None, language: str
) -> None:
    # given
    url = _url("manage-organisations", language)
    # when
    response = client.get(url)
    # then
    assert response["Location"] == f"{_url_login(language)}?next={url}"


# Bad input


def _organisation_form(**changes: str) -> dict[str, str]:
    data = {
        "kind": "municipality",
        "name_nl": "Nergensdorp",
        "name_fr": "",
        "name_en": "",
        "name_de": "",
        "short_name": "",
        "original_language": "nl",
        "nis_code": "44021",
        "region": "",
        "province": "",
        "website": "",
        "email": "",
        "phone": "",
        "address": "",
    }
    data.update(changes)
    return data


def _rows() -> tuple[int, ...]:
    return (
        Organisation.objects.count(),
        Membership.objects.count(),
        Contact.objects.count(),
        Seat.objects.count(),
        AuditEvent.objects.count(),
    )


def test_organisation_form_adds_a_municipality(login: Callable[[str], Any], db: None) -> None:
    # given
    client = login("secretary")
    # when
    response = client.post(_url("organisation-create"), _organisation_form(name_nl="Gent"))
    # then
    gent = Organisation.objects.get(nis_code="44021")
    assert response.status_code == 302
    assert response["Location"] == _url("manage-organisation", slug=gent.slug)
    assert (gent.name_nl, gent.region, gent.province) == ("Gent", "flanders", "east_flanders")


@pytest.mark.parametrize("nis_code", ["99999", "4402", "19001"])
def test_organisation_form_refuses_an_invalid_nis_code(
    login: Callable[[str], Any], db: None, nis_code: str
) -> None:
    # given
    client = login("secretary")
    before = _rows()
    # when
    response = client.post(_url("organisation-create"), _organisation_form(nis_code=nis_code))
    # then the form comes back with the reason, and nothing was saved
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["nis_code"]
    assert f"“{nis_code}” is not a valid NIS code" in errors["nis_code"][0]
    assert "is not a valid NIS code" in response.content.decode()
    assert _rows() == before


def test_organisation_form_asks_for_a_name_and_a_municipality_s_nis_code(
    login: Callable[[str], Any], db: None
) -> None:
    # given
    client = login("secretary")
    before = _rows()
    # when a municipality is sent with its English name only and no NIS code
    response = client.post(
        _url("organisation-create"), _organisation_form(name_nl="", name_en="Ghent", nis_code="")
    )
    # then
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "name_nl": ["Give the name in Dutch or in French."],
        "nis_code": ["A municipality needs its NIS code."],
    }
    assert _rows() == before


def test_organisation_form_refuses_a_nis_code_another_organisation_has(
    login: Callable[[str], Any], member_city: Organisation
) -> None:
    # given
    client = login("secretary")
    before = _rows()
    # when
    response = client.post(_url("organisation-create"), _organisation_form(nis_code="44021"))
    # then
    assert response.context["form"].errors == {
        "nis_code": ["Another organisation already has NIS code 44021."]
    }
    assert "Another organisation already has NIS code 44021." in response.content.decode()
    assert _rows() == before


def test_organisation_edit_form_refuses_an_invalid_nis_code(
    login: Callable[[str], Any], register: SimpleNamespace
) -> None:
    # given
    client = login("secretary")
    mons = register.organisation
    # when
    response = client.post(
        _url("organisation-edit", slug=mons.slug),
        _organisation_form(name_nl="Bergen (Henegouwen)", nis_code="59999"),
    )
    # then
    assert response.status_code == 200
    assert "“59999” is not a valid NIS code" in response.context["form"].errors["nis_code"][0]
    mons.refresh_from_db()
    assert (mons.name_nl, mons.nis_code) == ("Bergen", "53053")
    assert AuditEvent.objects.exists() is False


def test_organisation_edit_form_saves_the_changes(
    login: Callable[[str], Any], register: SimpleNamespace
) -> None:
    # given
    client = login("secretary")
    mons = register.organisation
    # when
    response = client.post(
        _url("organisation-edit", slug=mons.slug),
        _organisation_form(
            name_nl="Bergen", name_fr="Mons", nis_code="53053", original_language="fr"
        ),
    )
    # then
    assert response.status_code == 302
    mons.refresh_from_db()
    assert (mons.name_fr, mons.original_language, mons.region) == ("Mons", "fr", "wallonia")


def test_membership_form_refuses_an_overlapping_membership(
    login: Callable[[str], Any], register: SimpleNamespace
) -> None:
    # given Mons, a member since 2010
    client = login("secretary")
    before = _rows()
    # when a membership from 2020 is recorded
    response = client.post(
        _url("manage-organisation", slug=register.organisation.slug),
        {"add_membership": "1", "start": "2020-01-01", "end": "", "note": ""},
    )
    # then the form comes back with the reason, and nothing was saved
    assert response.status_code == 400
    assert response.context["membership_form"].errors == {
        "start": ["Mons is already a member during part of this period."]
    }
    assert "Mons is already a member during part of this period." in response.content.decode()
    assert _rows() == before


def test_membership_form_records_a_membership(
    login: Callable[[str], Any], register: SimpleNamespace
) -> None:
    # given
    client = login("secretary")
    url = _url("manage-organisation", slug=register.organisation.slug)
    # when
    response = client.post(
        url, {"add_membership": "1", "start": "2000-01-01", "end": "2009-12-31", "note": ""}
    )
    # then
    assert response.status_code == 302
    assert response["Location"] == url
    assert register.organisation.memberships.count() == 2


def test_contact_form_appoints_a_new_mayor(
    login: Callable[[str], Any], register: SimpleNamespace
) -> None:
    # given
    client = login("secretary")
    mayor = UserFactory(email="new.mayor@example.org")
    # when
    response = client.post(
        _url("manage-organisation", slug=register.organisation.slug),
        {
            "add_contact": "1",
            "person": "New.Mayor@example.org",
            "role": "mayor",
            "start": "2025-01-06",
            "end": "",
        },
    )
    # then
    assert response.status_code == 302
    register.contact.refresh_from_db()
    assert register.contact.end == dt.date(2025, 1, 5)
    assert Contact.objects.filter(person=mayor, role=ContactRole.MAYOR).exists() is True


def test_contact_form_refuses_an_unknown_e_mail_address(
    login: Callable[[str], Any], register: SimpleNamespace
) -> None:
    # given
    client = login("secretary")
    before = _rows()
    # when
    response = client.post(
        _url("manage-organisation", slug=register.organisation.slug),
        {
            "add_contact": "1",
            "person": "nobody@example.org",
            "role": "mayor",
            "start": "2025-01-06",
            "end": "",
        },
    )
    # then
    assert response.status_code == 400
    assert response.context["contact_form"].errors == {
        "person": ["No active account uses the e-mail address nobody@example.org."]
    }
    assert _rows() == before


def _seat_form(**changes: str) -> dict[str, str]:
    data = {
        "person": "seat.holder@example.org",
        "role": "member",
        "organisation": "",
        "start": "2025-06-01",
        "end": "",
        "note": "",
    }
    data.update(changes)
    return data


def test_seat_form_refuses_a_term_that_ends_before_it_starts(
    login: Callable[[str], Any], register: SimpleNamespace
) -> None:
    # given
    client = login("secretary")
    UserFactory(email="seat.holder@example.org")
    before = _rows()
    # when
    response = client.post(
        _url("manage-body", pk=register.board.pk), _seat_form(start="2025-06-01", end="2025-05-31")
    )
    # then the form comes back with the reason, and nothing was saved
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "end": ["The end date cannot be before the start date."]
    }
    assert "The end date cannot be before the start date." in response.content.decode()
    assert _rows() == before


def test_seat_form_refuses_a_second_chair(
    login: Callable[[str], Any], register: SimpleNamespace
) -> None:
    # given a chair since 2025
    client = login("secretary")
    SeatFactory(body=register.board, role=SeatRole.CHAIR, start=dt.date(2025, 1, 1))
    UserFactory(email="seat.holder@example.org")
    before = _rows()
    # when
    response = client.post(_url("manage-body", pk=register.board.pk), _seat_form(role="chair"))
    # then
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "role": ["This body already has a chair during this term."]
    }
    assert _rows() == before


def test_seat_form_adds_a_seat(login: Callable[[str], Any], register: SimpleNamespace) -> None:
    # given
    client = login("secretary")
    holder = UserFactory(email="seat.holder@example.org")
    url = _url("manage-body", pk=register.board.pk)
    # when
    response = client.post(url, _seat_form(organisation=str(register.organisation.pk)))
    # then
    assert response.status_code == 302
    assert response["Location"] == url
    assert Seat.objects.get(person=holder).organisation == register.organisation


def test_end_action_refuses_a_last_day_before_the_start(
    login: Callable[[str], Any], register: SimpleNamespace
) -> None:
    # given
    client = login("secretary")
    # when
    response = client.post(
        _url("membership-end", pk=register.membership.pk), {"end": "2009-12-31"}, follow=True
    )
    # then the page says why, and the membership runs on
    assert "The end date cannot be before the start date." in response.content.decode()
    register.membership.refresh_from_db()
    assert register.membership.end is None


def test_end_action_refuses_a_missing_last_day(
    login: Callable[[str], Any], register: SimpleNamespace
) -> None:
    # given
    client = login("secretary")
    # when
    response = client.post(_url("seat-end", pk=register.seat.pk), {"end": ""}, follow=True)
    # then
    assert "Give a valid last day." in response.content.decode()
    register.seat.refresh_from_db()
    assert register.seat.end is None


def test_unknown_organisation_is_a_404(login: Callable[[str], Any], db: None) -> None:
    client = login("secretary")
    assert client.get(_url("organisation-detail", slug="atlantis")).status_code == 404
    assert client.get(_url("manage-organisation", slug="atlantis")).status_code == 404


# What the pages show


def test_members_list_filters_on_the_query(client: Any, db: None) -> None:
    # given
    MembershipFactory(organisation=OrganisationFactory(name_en="Ghent", name_fr="Gand"))
    MembershipFactory(organisation=OrganisationFactory(name_en="Liège", name_fr="Liège"))
    # when
    response = client.get(_url("organisation-list"), {"q": "gand"})
    # then
    assert [o.name_en for o in response.context["page"].object_list] == ["Ghent"]


def test_members_list_answers_htmx_with_the_results_only(client: Any, db: None) -> None:
    # given
    MembershipFactory(organisation=OrganisationFactory(name_en="Ghent", region="flanders"))
    MembershipFactory(organisation=OrganisationFactory(name_en="Namur", region="wallonia"))
    # when the filter form asks for the members in Wallonia
    response = client.get(
        _url("organisation-list"), {"region": "wallonia"}, headers={"HX-Request": "true"}
    )
    # then the answer is the results fragment, without the page around it
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert html.strip().startswith('<div id="results"')
    assert ">Namur</a>" in html
    assert "Ghent" not in html


def test_members_list_without_htmx_is_a_whole_page(client: Any, db: None) -> None:
    # when
    response = client.get(_url("organisation-list"))
    # then
    html = response.content.decode()
    assert "<html" in html
    assert 'id="results"' in html


def test_manage_list_answers_htmx_with_the_results_only(
    login: Callable[[str], Any], register: SimpleNamespace
) -> None:
    # given
    client = login("secretary")
    # when
    response = client.get(
        _url("manage-organisations"), {"q": "53053"}, headers={"HX-Request": "true"}
    )
    # then
    html = response.content.decode()
    assert "<html" not in html
    assert ">Mons</a>" in html


def test_manage_list_shows_organisations_that_are_not_members(
    login: Callable[[str], Any], register: SimpleNamespace
) -> None:
    # given
    client = login("secretary")
    OrganisationFactory(name_en="Outsider")
    # when
    response = client.get(_url("manage-organisations"))
    # then
    names = {o.name_en: o.is_member for o in response.context["page"].object_list}
    assert names["Outsider"] is False
    assert names["Mons"] is True


def test_organisation_page_shows_the_current_mayor(client: Any, register: SimpleNamespace) -> None:
    # given a former mayor and the current one
    register.contact.person.first_name, register.contact.person.last_name = "Nicolas", "Martin"
    register.contact.person.save()
    former = ContactFactory(
        organisation=register.organisation,
        start=dt.date(2013, 1, 1),
        end=dt.date(2018, 12, 31),
        person__first_name="Elio",
        person__last_name="Di Rupo",
    )
    # when
    html = client.get(_url("organisation-detail", slug="mons")).content.decode()
    # then
    assert "Nicolas Martin" in html
    assert str(former.person) not in html


def test_governance_warns_the_secretariat_about_a_region_without_a_board_seat(
    login: Callable[[str], Any], register: SimpleNamespace
) -> None:
    # given a board with a seat for Wallonia only
    client = login("secretary")
    # when
    response = client.get(_url("governance"))
    # then
    assert response.context["governance"].missing_regions == ["flanders", "brussels"]
    assert "The Board does not represent all three regions." in response.content.decode()


def test_governance_does_not_show_the_warning_to_the_public(
    client: Any, register: SimpleNamespace
) -> None:
    # when
    response = client.get(_url("governance"))
    # then
    assert "The Board does not represent all three regions." not in response.content.decode()


# Query counts: a page costs the same with 5 or 50 rows. A logged-in secretary costs 6 queries
# before the view runs: the session, the user, three for the roles and one for the second factor.


def _add_members(count: int) -> None:
    for _ in range(count):
        MembershipFactory(organisation=OrganisationFactory(region="wallonia"))


def _add_board_seats(board: Any, count: int) -> None:
    regions = ["flanders", "wallonia", "brussels"]
    for n in range(count):
        organisation = OrganisationFactory(region=regions[n % 3])
        MembershipFactory(organisation=organisation)
        SeatFactory(body=board, organisation=organisation)


def _add_history(organisation: Organisation, count: int) -> None:
    """Past memberships and past mayors, one year each, before the first membership."""
    first = Membership.objects.filter(organisation=organisation).order_by("start").first()
    year = (first.start.year if first else 2000) - 1
    for _ in range(count):
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        MembershipFactory(organisation=organisation, start=start, end=end)
        ContactFactory(organisation=organisation, start=start, end=end)
        year -= 1


# What any page costs a logged-in secretary: the session, the user, three role queries, the
# second-factor check, the model backend's two permission queries, the unread notifications,
# and whether they are the Chairman's delegate for requests (asked of people with a seat only).
LOGGED_IN = 10


def _queries_with_5_and_50(
    client: Any, url: str, grow: Callable[[int], None], budget: int, assert_max: Any
) -> tuple[int, int]:
    grow(5)
    client.get(url)  # once before counting: the session and the content types are loaded once
    with assert_max(budget) as few:
        response = client.get(url)
    assert response.status_code == 200
    grow(45)
    with assert_max(budget) as many:
        response = client.get(url)
    assert response.status_code == 200
    return len(few), len(many)


def test_members_list_costs_the_same_with_5_or_50_members(
    client: Any, db: None, django_assert_max_num_queries: Any
) -> None:
    # when
    few, many = _queries_with_5_and_50(
        client, _url("organisation-list"), _add_members, 2, django_assert_max_num_queries
    )
    # then
    assert many == few


def test_manage_list_costs_the_same_with_5_or_50_organisations(
    login: Callable[[str], Any], db: None, django_assert_max_num_queries: Any
) -> None:
    # given
    client = login("secretary")
    # when
    few, many = _queries_with_5_and_50(
        client,
        _url("manage-organisations"),
        _add_members,
        LOGGED_IN + 3,
        django_assert_max_num_queries,
    )
    # then
    assert many == few


def test_governance_costs_the_same_with_5_or_50_board_seats(
    client: Any, db: None, django_assert_max_num_queries: Any
) -> None:
    # given
    board = BodyFactory(kind=BodyKind.BOARD)
    # when
    few, many = _queries_with_5_and_50(
        client,
        _url("governance"),
        lambda n: _add_board_seats(board, n),
        3,
        django_assert_max_num_queries,
    )
    # then
    assert many == few


def test_organisation_page_costs_the_same_with_5_or_50_memberships_and_mayors(
    client: Any, register: SimpleNamespace, django_assert_max_num_queries: Any
) -> None:
    # when
    few, many = _queries_with_5_and_50(
        client,
        _url("organisation-detail", slug="mons"),
        lambda n: _add_history(register.organisation, n),
        3,
        django_assert_max_num_queries,
    )
    # then
    assert many == few


def test_manage_organisation_costs_the_same_with_5_or_50_memberships_and_contacts(
    login: Callable[[str], Any], register: SimpleNamespace, django_assert_max_num_queries: Any
) -> None:
    # given
    client = login("secretary")
    # when
    few, many = _queries_with_5_and_50(
        client,
        _url("manage-organisation", slug="mons"),
        lambda n: _add_history(register.organisation, n),
        LOGGED_IN + 4,
        django_assert_max_num_queries,
    )
    # then
    assert many == few


def test_manage_body_costs_the_same_with_5_or_50_seats(
    login: Callable[[str], Any], register: SimpleNamespace, django_assert_max_num_queries: Any
) -> None:
    # given
    client = login("secretary")
    # when
    few, many = _queries_with_5_and_50(
        client,
        _url("manage-body", pk=register.board.pk),
        lambda n: _add_board_seats(register.board, n),
        LOGGED_IN + 3,
        django_assert_max_num_queries,
    )
    # then
    assert many == few
