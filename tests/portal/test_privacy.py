"""The privacy page: what is kept, why, how long, who sees it, and how to export and erase."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_the_privacy_page_is_public_and_translated(client: Any, db: None, language: str) -> None:
    # when a visitor opens it from the footer of any page
    home = client.get(f"/{language}/").content.decode()
    with translation.override(language):
        url = reverse("portal:privacy")
        heading = gettext("Your personal data on this platform")
    # then it is linked there, open to all, and in the visitor's language
    assert f'href="{url}"' in home
    page = client.get(url).content.decode()
    assert heading in page
    assert language == "en" or heading != "Your personal data on this platform"


def test_the_page_states_the_retention_the_platform_applies(
    client: Any, db: None, settings: Any
) -> None:
    # given an installation that keeps requests one year after they are closed
    settings.BEFUS_REQUEST_RETENTION_DAYS = 365
    # when the page is read
    page = client.get(reverse("portal:privacy")).content.decode()
    # then it says so, with the other periods it applies
    assert "erased 365 days after the request is closed" in page
    assert "30 days after it is sent, 90 days if it could not be delivered" in page
    assert "A login session: 14 days at most." in page


def test_a_person_is_sent_to_their_export_and_erasure(client: Any, professional: Any) -> None:
    client.force_login(professional)
    page = client.get(reverse("portal:privacy")).content.decode()
    assert reverse("accounts:dashboard") in page
