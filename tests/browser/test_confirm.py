"""The questions asked before a step that cannot be undone come from the static script
(befus/js/befus.js), with no inline handler: the policy refuses those."""

from __future__ import annotations

from typing import Any

import pytest

from befus.networks.choices import MembershipStatus
from befus.networks.models import NetworkMembership
from tests.accounts.factories import UserFactory
from tests.browser.test_login_mfa import PASSWORD
from tests.members.factories import MembershipFactory, OrganisationFactory
from tests.networks.factories import NetworkFactory, NetworkMembershipFactory


@pytest.fixture
def membership(transactional_db: None) -> NetworkMembership:
    city = OrganisationFactory(slug="charleroi", nis_code="52011", region="wallonia")
    MembershipFactory(organisation=city)
    karim = UserFactory(email="karim@example.org", profile__organisation=city)
    network = NetworkFactory(recognised=True, slug="street", name_en="Street workers")
    result: NetworkMembership = NetworkMembershipFactory(
        network=network, person=karim, organisation=city, active=True
    )
    return result


def _network_page(page: Any) -> Any:
    page.goto("/en/accounts/login/")
    page.locator("input[name=login]").fill("karim@example.org")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url("**/en/me/")
    page.goto("/en/networks/street/")
    return page


@pytest.mark.parametrize(("answer", "status"), [(False, "active"), (True, "left")])
def test_leaving_a_network_asks_first(
    page: Any, membership: NetworkMembership, answer: bool, status: str
) -> None:
    # given a member on the network's page
    _network_page(page)
    questions: list[str] = []

    def reply(dialog: Any) -> None:
        questions.append(dialog.message)
        dialog.accept() if answer else dialog.dismiss()

    page.on("dialog", reply)
    # when they leave and answer the question
    page.get_by_role("button", name="Leave the network").click()
    page.wait_for_load_state("networkidle")
    # then the step happened only on OK
    assert questions == ["Leave this network?"]
    membership.refresh_from_db()
    assert membership.status == MembershipStatus(status)
