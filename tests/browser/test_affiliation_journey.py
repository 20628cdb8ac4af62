"""Who works where, in the browser: a newcomer names their city and waits; the mayor confirms
from a phone; the newcomer's members' pages open. The privacy page on a phone. axe checks every
page on the way."""

from __future__ import annotations

from typing import Any

import pytest

from befus.accounts.selectors import get_profile
from tests.accounts.factories import UserFactory
from tests.browser.test_network_journey import _log_in
from tests.members.factories import ContactFactory, MembershipFactory, OrganisationFactory

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def city(transactional_db: None) -> dict[str, Any]:
    gent = OrganisationFactory(
        name_nl="Gent", name_fr="Gand", name_en="Ghent", slug="gent", nis_code="44021"
    )
    MembershipFactory(organisation=gent)
    mayor = UserFactory(email="mayor@example.org", first_name="Mathias", last_name="De Clercq")
    ContactFactory(organisation=gent, person=mayor)
    newcomer = UserFactory(
        email="nora@example.org",
        first_name="Nora",
        last_name="Nieuw",
        profile__organisation=gent,
        profile__affiliation_status="pending",
    )
    return {"mayor": mayor, "newcomer": newcomer}


def _fits_the_screen(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_the_mayor_confirms_a_newcomer_from_a_phone(
    new_page: Any, check_page: Any, city: dict[str, Any]
) -> None:
    # given the newcomer sees on their account page that Ghent has not confirmed them yet
    nora = _log_in(new_page, "nora@example.org", language="nl")
    assert "Gent heeft nog niet bevestigd dat u er werkt." in nora.locator("main").inner_text()
    check_page(nora, "waiting")
    # when the mayor opens "Who works for us" on a phone and confirms her
    mayor = _log_in(new_page, "mayor@example.org", language="nl")
    mayor.set_viewport_size(PHONE)
    mayor.goto("/nl/staff/")
    assert _fits_the_screen(mayor)
    check_page(mayor, "staff-phone")
    mayor.get_by_role("button", name="Bevestigen: werkt hier").click()
    # then the mayor is told, and the newcomer is a member professional
    assert "Nora Nieuw is bevestigd" in mayor.locator(".messages").inner_text()
    assert get_profile(city["newcomer"]).affiliation_status == "confirmed"
    nora.goto("/nl/me/")
    account = nora.locator("main").inner_text()
    assert "Professional van een lid" in account
    assert "nog niet bevestigd" not in account


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_the_privacy_page_reads_on_a_phone(new_page: Any, check_page: Any, language: str) -> None:
    page = new_page(language)
    page.set_viewport_size(PHONE)
    page.goto(f"/{language}/privacy/")
    assert page.locator("html").get_attribute("lang") == language
    assert _fits_the_screen(page)
    check_page(page, f"privacy-{language}")
