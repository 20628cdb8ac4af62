from __future__ import annotations

from typing import Any

import pytest

from befus.demo import load_demo

HOME_HEADINGS = {
    "nl": "Steden",
    "fr": "Des villes",
    "en": "Cities working together",
}


@pytest.fixture
def demo_data(transactional_db: None) -> None:
    load_demo()


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_home_page_in_each_language_is_accessible(
    page: Any, check_page: Any, demo_data: None, language: str
) -> None:
    # when a visitor opens the home page in the language
    page.goto(f"/{language}/")
    # then the page says which language it is in, reads in it, and axe finds nothing
    assert page.locator("html").get_attribute("lang") == language
    assert HOME_HEADINGS[language] in page.locator("h1").inner_text()
    check_page(page, language)


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(
    page: Any, demo_data: None
) -> None:
    page.goto("/en/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_language_switcher_keeps_the_visitor_on_the_same_page(page: Any, demo_data: None) -> None:
    # given a visitor on the English governance page
    page.goto("/en/governance/")
    # when they choose Français
    page.get_by_role("link", name="FR – Français").click()
    # then they see the French governance page
    page.wait_for_url("**/fr/governance/")
    assert page.locator("html").get_attribute("lang") == "fr"


def test_members_list_filters_by_region_and_is_accessible(
    page: Any, check_page: Any, demo_data: None
) -> None:
    # given the public list of members
    page.goto("/en/members/")
    check_page(page, "all")
    total = page.locator("#results tbody tr").count()
    # when the visitor picks Wallonia (htmx updates the results and the address)
    page.get_by_label("Region").select_option("wallonia")
    page.wait_for_url("**region=wallonia**")
    page.wait_for_function("document.querySelectorAll('#results tbody tr').length > 0")
    # then only Walloon members are listed, and the page is still accessible
    regions = page.locator("#results tbody tr td:nth-child(3)").all_inner_texts()
    assert regions
    assert set(regions) == {"Wallonia"}
    assert len(regions) < total
    # and the list was replaced, not nested in the last one, and its count is said to screen readers
    assert page.locator("#results").count() == 1
    page.wait_for_function("document.getElementById('live-status').textContent.length > 0")
    said = page.locator("#live-status").inner_text()
    assert said == page.locator("#results [data-live-count]").inner_text()
    assert said.endswith(" members")
    check_page(page, "wallonia")


def test_governance_page_shows_the_board_by_region(
    page: Any, check_page: Any, demo_data: None
) -> None:
    page.goto("/fr/governance/")
    for region in ("Flandre", "Wallonie", "Bruxelles"):
        assert region in page.locator("main").inner_text()
    check_page(page, "fr")


@pytest.mark.parametrize(
    ("language", "path"), [("nl", "/nl/topics/"), ("fr", "/fr/topics/inclusion/")]
)
def test_theme_pages_are_accessible(
    page: Any, check_page: Any, demo_data: None, language: str, path: str
) -> None:
    page.goto(path)
    assert page.locator("html").get_attribute("lang") == language
    check_page(page, language)
