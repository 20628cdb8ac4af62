"""A request's way in the browser: a journalist asks, the Chairman passes it on, a referent
answers, the Chairman validates, the journalist reads the answer through the private link; axe
checks every page on the way."""

from __future__ import annotations

from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from befus.interpellations.models import Interpellation
from befus.members.choices import BodyKind, SeatRole
from befus.networks.choices import MemberRole, MembershipStatus
from tests.accounts.factories import UserFactory
from tests.browser.test_network_journey import _log_in
from tests.members.factories import (
    BodyFactory,
    MembershipFactory,
    OrganisationFactory,
    SeatFactory,
)
from tests.networks.factories import NetworkFactory, NetworkMembershipFactory


@pytest.fixture
def forum(transactional_db: None) -> dict[str, Any]:
    gent = OrganisationFactory(
        name_nl="Gent", name_fr="Gand", name_en="Ghent", slug="gent", nis_code="44021"
    )
    MembershipFactory(organisation=gent)
    liege = OrganisationFactory(
        name_nl="Luik", name_fr="Liège", name_en="Liège", slug="liege", nis_code="62063"
    )
    MembershipFactory(organisation=liege)
    chairman = UserFactory(email="chair@example.org", first_name="Jean-Marc", last_name="Lambert")
    SeatFactory(
        body=BodyFactory(kind=BodyKind.BOARD),
        person=chairman,
        role=SeatRole.CHAIR,
        organisation=liege,
    )
    secret = generate_totp_secret()
    TOTP.activate(chairman, secret)
    network = NetworkFactory(
        recognised=True,
        slug="street-workers",
        name_nl="Straathoekwerkers",
        name_fr="Travailleurs de rue",
        name_en="Street workers",
    )
    referent = UserFactory(
        email="lies@example.org",
        first_name="Lies",
        last_name="Peeters",
        profile__organisation=gent,
        profile__preferred_language="nl",
    )
    NetworkMembershipFactory(
        network=network,
        person=referent,
        organisation=gent,
        role=MemberRole.NATIONAL_REFERENT,
        status=MembershipStatus.ACTIVE,
    )
    return {"chairman": chairman, "secret": secret, "network": network, "referent": referent}


def test_an_outsiders_request_is_routed_answered_validated_and_read_through_the_link(
    new_page: Any, check_page: Any, forum: dict[str, Any]
) -> None:
    # given a journalist who asks the street workers a question, in French, with a PDF
    journalist = new_page("fr")
    journalist.goto("/fr/requests/new/")
    check_page(journalist, "form")
    journalist.locator("#id_name").fill("Claire Dupont")
    journalist.locator("#id_organisation").fill("Le Soir")
    journalist.locator("#id_email").fill("claire@example.org")
    journalist.locator("input[name=requester_kind][value=press]").check()
    journalist.get_by_label("Travailleurs de rue").check()
    journalist.locator("#id_subject").fill("La nuit dans nos villes")
    journalist.locator("#id_message").fill(
        "Comment les villes organisent-elles le travail de rue ?"
    )
    journalist.locator("#id_attachments").set_input_files(
        [{"name": "questions.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 q"}]
    )
    journalist.locator("#id_consent").check()
    journalist.locator("main form button[type=submit]").click()
    journalist.wait_for_url("**/fr/requests/sent/")
    check_page(journalist, "sent")
    request = Interpellation.objects.get()
    assert request.reference in journalist.locator("main").inner_text()
    assert request.attachments.count() == 1

    # when the Chairman finds it in the inbox and passes it on to the network's referents
    chairman = _log_in(new_page, "chair@example.org", secret=forum["secret"], language="en")
    chairman.goto("/en/requests/inbox/")
    check_page(chairman, "inbox")
    chairman.get_by_role("link", name=request.reference).click()
    chairman.wait_for_url(f"**/en/requests/{request.reference}/")
    check_page(chairman, "received")
    assert chairman.get_by_label("Street workers").is_checked()  # the network it was sent to
    chairman.get_by_label("Note for them").fill("Can the network answer by next week?")
    chairman.get_by_role("button", name="Pass on").click()
    chairman.wait_for_load_state()
    assert "The request is passed on." in chairman.locator("main").inner_text()
    request.refresh_from_db()
    assert request.status == "forwarded"

    # and the referent, in Dutch, proposes an answer
    referent = _log_in(new_page, "lies@example.org", language="nl")
    referent.goto("/nl/requests/mine/")
    check_page(referent, "mine")
    referent.get_by_role("link", name=request.reference).click()
    check_page(referent, "assigned")
    referent.locator("#draft_body").fill("Nous travaillons la nuit avec des équipes mobiles.")
    referent.locator("form:has(#draft_body) button[type=submit]").click()
    referent.wait_for_load_state()
    assert request.entries.filter(kind="draft", draft_state="pending").count() == 1

    # then the Chairman validates it and it goes out
    chairman.reload()
    check_page(chairman, "draft")
    chairman.get_by_role("button", name="Validate and send to the requester").click()
    chairman.wait_for_load_state()
    request.refresh_from_db()
    assert request.status == "answered"

    # and the journalist reads the answer through the private link, in French
    journalist.goto(f"/fr/requests/track/{request.tracking_token()}/")
    check_page(journalist, "answered")
    text = journalist.locator("main").inner_text()
    assert "Nous travaillons la nuit avec des équipes mobiles." in text
    assert "Can the network answer by next week?" not in text  # the note stays inside
    assert "Lies Peeters" not in text
