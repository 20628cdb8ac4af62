"""A network's life in the browser: proposed by a street worker, recognised by the secretariat,
joined with the mayor's consent; axe checks every page on the way."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import translation
from django.utils.timezone import localdate

from befus.members.choices import BodyKind, SeatRole
from befus.networks.choices import NetworkStatus
from befus.networks.models import Network, NetworkMembership
from tests.accounts.factories import UserFactory
from tests.browser.test_login_mfa import PASSWORD, _current_code
from tests.members.factories import (
    BodyFactory,
    ContactFactory,
    MembershipFactory,
    OrganisationFactory,
    SeatFactory,
)


@pytest.fixture
def forum(transactional_db: None) -> dict[str, Any]:
    charleroi = OrganisationFactory(
        name_nl="Charleroi",
        name_fr="Charleroi",
        name_en="Charleroi",
        slug="charleroi",
        nis_code="52011",
        region="wallonia",
        province="hainaut",
        original_language="fr",
    )
    MembershipFactory(organisation=charleroi)
    karim = UserFactory(
        email="karim@example.org",
        first_name="Karim",
        last_name="Benali",
        profile__organisation=charleroi,
        profile__preferred_language="fr",
    )
    mayor = UserFactory(email="mayor@example.org", first_name="Paul", last_name="Magnette")
    ContactFactory(organisation=charleroi, person=mayor)
    secretary = UserFactory(email="nathalie@example.org", first_name="Nathalie", last_name="Dubois")
    SeatFactory(
        body=BodyFactory(kind=BodyKind.SECRETARIAT), person=secretary, role=SeatRole.OFFICER
    )
    secret = generate_totp_secret()
    TOTP.activate(secretary, secret)
    return {"karim": karim, "mayor": mayor, "secretary": secretary, "secret": secret}


def _log_in(
    new_page: Any, email: str, *, secret: str = "", language: str, width: int = 1280
) -> Any:
    page = new_page(language, width=width, height=844 if width < 800 else 900)
    page.goto(f"/{language}/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")
    if secret:
        page.wait_for_url("**/accounts/2fa/authenticate/")
        page.locator("input[name=code]").fill(_current_code(secret))
        page.locator("input[name=code]").press("Enter")
    page.wait_for_url(f"**/{language}/me/")
    return page


def test_a_network_is_proposed_recognised_and_joined_with_the_mayors_consent(
    new_page: Any, check_page: Any, forum: dict[str, Any]
) -> None:
    # given Karim, a street worker of Charleroi, proposes a network in French
    karim = _log_in(new_page, "karim@example.org", language="fr")
    karim.goto("/fr/networks/propose/")
    check_page(karim, "propose")
    karim.locator("#id_original_language").select_option("fr")
    karim.locator("#id_name_fr").fill("Sécurité de la vie nocturne")
    karim.locator("#id_purpose_fr").fill("Échanger sur la sécurité de la vie nocturne.")
    karim.locator("#id_scope").select_option("national")
    karim.locator("#id_referent_role").select_option("national_referent")
    karim.locator("#id_accept_charter").check()
    karim.locator("main form button[type=submit]").click()
    karim.wait_for_url("**/fr/networks/securite-de-la-vie-nocturne/")
    with translation.override("fr"):
        proposed = str(NetworkStatus.PROPOSED.label)
    assert proposed in karim.locator("main .badge").first.inner_text()
    check_page(karim, "proposed")

    # when the secretariat reviews it and recognises it, with a motivated decision
    secretary = _log_in(new_page, "nathalie@example.org", secret=forum["secret"], language="en")
    secretary.goto("/en/networks/securite-de-la-vie-nocturne/")
    secretary.get_by_role("button", name="Start the review").click()
    secretary.get_by_text("Record the decision").click()
    secretary.locator("#id_body").select_option("secretariat")
    secretary.locator("#id_decision_date").fill(localdate().isoformat())
    secretary.locator("#id_motivation").fill("Fits the charter; asked for by five cities.")
    check_page(secretary, "decide")
    secretary.get_by_role("button", name="Recognise the network").click()
    secretary.wait_for_load_state()
    assert "The network is recognised." in secretary.locator("main").inner_text()
    network = Network.objects.get(slug="securite-de-la-vie-nocturne")
    assert network.status == "recognised"
    assert network.decision_body == "secretariat"

    # then the mayor of Charleroi finds Karim's membership waiting, and consents
    mayor = _log_in(new_page, "mayor@example.org", language="fr")
    mayor.goto("/fr/networks/consents/")
    assert "Karim Benali" in mayor.locator("main").inner_text()
    check_page(mayor, "consents")
    mayor.locator("main form button[type=submit]").first.click()
    mayor.wait_for_load_state()
    membership = NetworkMembership.objects.get(network=network, person=forum["karim"])
    assert membership.status == "active"
    assert membership.decided_by == forum["mayor"]

    # and the network page shows Karim as its referent
    karim.goto("/fr/networks/securite-de-la-vie-nocturne/")
    assert "Karim Benali" in karim.locator("#referents-title + ul").inner_text()
    check_page(karim, "recognised")

    # when Karim files the network's first activity report
    karim.goto("/fr/networks/securite-de-la-vie-nocturne/reports/new/")
    check_page(karim, "report")
    karim.locator("#id_period_start").fill((localdate() - dt.timedelta(days=90)).isoformat())
    karim.locator("#id_period_end").fill(localdate().isoformat())
    karim.locator("#id_summary").fill("Deux réunions et une visite de terrain à Liège.")
    karim.locator("main form button[type=submit]").click()
    karim.wait_for_url("**/fr/networks/securite-de-la-vie-nocturne/")
    assert network.reports.count() == 1

    # and records a meeting whose minutes the network shares with the secretariat
    karim.goto("/fr/networks/securite-de-la-vie-nocturne/meetings/new/")
    karim.locator("#id_date").fill(localdate().isoformat())
    karim.locator("#id_agenda").fill("Tour des villes")
    karim.locator("#id_minutes").fill("Chaque ville a présenté sa situation.")
    karim.locator("#id_share").check()
    check_page(karim, "meeting")
    karim.locator("main form button[type=submit]").click()
    karim.wait_for_url("**/fr/networks/meetings/*/")
    meeting = network.meetings.get()
    assert meeting.shared_with_secretariat is True

    # then the secretariat reads the shared minutes
    secretary.goto(f"/en/networks/meetings/{meeting.pk}/")
    assert "Chaque ville a présenté sa situation." in secretary.locator("main").inner_text()
    check_page(secretary, "minutes")
