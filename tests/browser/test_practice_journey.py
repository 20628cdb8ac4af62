"""A practice's way in the browser: a street worker of Charleroi shares it in French, the
secretariat asks for a change, he makes it, it is published, and a Flemish colleague finds it by
searching in Dutch; axe checks every page on the way."""

from __future__ import annotations

from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from befus.knowledge.models import Practice
from befus.knowledge.services import load_topics
from befus.members.choices import BodyKind, SeatRole
from tests.accounts.factories import UserFactory
from tests.browser.test_network_journey import _log_in
from tests.members.factories import (
    BodyFactory,
    MembershipFactory,
    OrganisationFactory,
    SeatFactory,
)


@pytest.fixture
def forum(transactional_db: None) -> dict[str, Any]:
    load_topics()
    charleroi = OrganisationFactory(
        name_nl="Charleroi",
        name_fr="Charleroi",
        name_en="Charleroi",
        slug="charleroi",
        nis_code="52011",
        region="wallonia",
        province="hainaut",
    )
    MembershipFactory(organisation=charleroi)
    gent = OrganisationFactory(
        name_nl="Gent", name_fr="Gand", name_en="Ghent", slug="gent", nis_code="44021"
    )
    MembershipFactory(organisation=gent)
    UserFactory(
        email="karim@example.org",
        first_name="Karim",
        last_name="Benali",
        profile__organisation=charleroi,
        profile__preferred_language="fr",
    )
    UserFactory(email="lies@example.org", profile__organisation=gent)
    secretary = UserFactory(email="nathalie@example.org", first_name="Nathalie")
    SeatFactory(
        body=BodyFactory(kind=BodyKind.SECRETARIAT), person=secretary, role=SeatRole.OFFICER
    )
    secret = generate_totp_secret()
    TOTP.activate(secretary, secret)
    return {"secret": secret}


def test_a_practice_is_shared_reviewed_published_and_found_in_another_language(
    new_page: Any, check_page: Any, forum: dict[str, Any]
) -> None:
    # given Karim shares his team's night work, in French
    karim = _log_in(new_page, "karim@example.org", language="fr")
    karim.goto("/fr/practices/new/")
    check_page(karim, "new")
    karim.locator("#id_title").fill("Travail de rue de nuit à Charleroi")
    karim.locator("#id_summary").fill(
        "Des travailleurs de rue rencontrent les jeunes la nuit dans le centre-ville."
    )
    karim.locator("#id_approach").fill("Deux binômes sortent trois soirs par semaine.")
    karim.locator("#id_topics").select_option(label="\u2003Intégration de la jeunesse")
    karim.locator("main form button[type=submit]").first.click()
    karim.wait_for_url("**/fr/practices/*/edit/")
    check_page(karim, "draft")
    practice = Practice.objects.get()
    assert practice.status == "draft"
    karim.get_by_role("button", name="Envoyer pour relecture").click()
    karim.wait_for_load_state()
    practice.refresh_from_db()
    assert practice.status == "submitted"

    # when the secretariat comments on the results and asks for a change
    secretary = _log_in(new_page, "nathalie@example.org", secret=forum["secret"], language="en")
    secretary.goto("/en/practices/review/")
    check_page(secretary, "queue")
    secretary.get_by_role("link", name="Travail de rue de nuit à Charleroi").click()
    secretary.get_by_role("button", name="Start the review").click()
    secretary.wait_for_load_state()
    check_page(secretary, "review")
    secretary.locator("#id_field").select_option("results")
    secretary.locator("#id_text").fill("How many young people did the teams meet?")
    secretary.get_by_role("button", name="Add the comment").click()
    secretary.wait_for_load_state()
    secretary.get_by_role("button", name="Ask the author for changes").click()
    secretary.wait_for_load_state()
    practice.refresh_from_db()
    assert practice.status == "changes_requested"

    # then Karim sees the comment next to the field, answers it and sends it again
    karim.goto(f"/fr/practices/{practice.slug}/edit/")
    assert "How many young people did the teams meet?" in karim.locator("main").inner_text()
    check_page(karim, "changes")
    karim.locator("#id_results").fill("Environ 300 jeunes rencontrés la première année.")
    karim.locator("main form button[type=submit]").first.click()
    karim.wait_for_load_state()
    karim.get_by_role("button", name="Envoyer pour relecture").click()
    karim.wait_for_load_state()

    # and the secretariat publishes it
    secretary.goto(f"/en/practices/{practice.slug}/review/")
    secretary.get_by_role("button", name="Publish").click()
    secretary.wait_for_load_state()
    practice.refresh_from_db()
    assert practice.status == "published"

    # and a Flemish colleague searching in Dutch finds the French practice
    lies = _log_in(new_page, "lies@example.org", language="nl")
    lies.goto("/nl/search/?q=straathoekwerk")
    check_page(lies, "search")
    lies.get_by_role("link", name="Travail de rue de nuit à Charleroi").click()
    lies.wait_for_url(f"**/nl/practices/{practice.slug}/")
    assert "Environ 300 jeunes" in lies.locator("main").inner_text()
    check_page(lies, "practice")
