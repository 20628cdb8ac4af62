"""Every page works on a phone (390 px) and a desktop (1366 px): nothing wider than the screen,
the menus folded behind a button on the phone, the Chairman's inbox as cards; axe on each."""

from __future__ import annotations

from typing import Any

import pytest

from befus.interpellations.models import Interpellation
from tests.browser import test_request_journey
from tests.browser.test_network_journey import _log_in
from tests.interpellations.pages import _ask

# The request journey's people: the Chairman (with an authenticator), a network, a referent.
forum_fixture = test_request_journey.forum

PHONE, DESKTOP = 390, 1366
PUBLIC_PAGES = ["/fr/", "/nl/practices/", "/en/networks/", "/fr/members/", "/en/requests/new/"]


def _fits(page: Any, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "wider than the screen"


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_public_pages_fit_the_screen_and_fold_the_menu_on_a_phone(
    new_page: Any, check_page: Any, forum_fixture: dict[str, Any], width: int
) -> None:
    page = new_page("fr", width=width, height=844)
    menu = page.locator("#site-menu")  # the main menu, named in the page's language
    for number, path in enumerate(PUBLIC_PAGES):
        # when a visitor opens the page
        page.goto(path)
        # then it fits, and axe finds nothing
        _fits(page, width)
        check_page(page, f"{width}-{number}")
        # and on a phone the menu waits behind its button; on a desktop it is open, no button
        if width == PHONE:
            assert not menu.is_visible()
        else:
            assert menu.is_visible()
            assert not page.locator(".menu-toggle").is_visible()
    if width == PHONE:
        # when the visitor opens the menu
        button = page.locator(".menu-toggle")
        button.click()
        # then the menu and the language switcher show, and the button says it is open
        assert menu.is_visible()
        assert button.get_attribute("aria-expanded") == "true"
        assert page.locator("#site-tools").get_by_role("link", name="NL").is_visible()
        check_page(page, f"{width}-menu-open")
        menu.get_by_role("link", name="Good practices").click()
        page.wait_for_url("**/en/practices/")


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_chairman_reads_his_inbox_on_a_phone_as_cards(
    new_page: Any, check_page: Any, forum_fixture: dict[str, Any], width: int
) -> None:
    # given a request with a long e-mail address and a long subject
    request = _ask(
        "Préventiemedewerkers-en-gemeenschapswachten-in-de-stationsomgeving-'s-nachts",
        email="a.very.long.address.of.a.requester@prevention-and-urban-security.example.org",
    )
    # when the Chairman opens his inbox
    chairman = _log_in(
        new_page, "chair@example.org", secret=forum_fixture["secret"], language="en", width=width
    )
    chairman.goto("/en/requests/inbox/")
    # then every request is readable without scrolling sideways, and axe finds nothing
    _fits(chairman, width)
    check_page(chairman, f"inbox-{width}")
    subject = chairman.get_by_role("link", name=request.subject)
    assert subject.is_visible()
    # and the subject opens the request, whose page fits too
    subject.click()
    chairman.wait_for_url(f"**/en/requests/{request.reference}/")
    _fits(chairman, width)
    check_page(chairman, f"request-{width}")
    assert Interpellation.objects.count() == 1
