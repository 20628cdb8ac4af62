"""The menus and the account page are filled by the apps' registrations (``core.navigation``,
``core.home``): a new app adds its pages without touching core's layout."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from befus.core import home, navigation
from befus.core.home import HomeLink, HomeSection
from befus.core.navigation import FOOTER, NavEntry
from befus.core.permissions import Perm

MAIN_MENU = re.compile(r'<nav class="main-nav".*?</nav>', re.S)
FOOTER_MENU = re.compile(r'<footer class="site-footer">.*?</footer>', re.S)
LABEL = re.compile(r"<a [^>]*>([^<]+)</a>")


def _labels(html: str, menu: re.Pattern[str]) -> list[str]:
    found = menu.search(html)
    assert found, "the layout has this menu"
    return LABEL.findall(found.group(0))


@pytest.fixture
def registered() -> Iterator[None]:
    """Registrations a test makes are undone after it."""
    entries, sections = dict(navigation.ENTRIES), dict(home.SECTIONS)
    yield
    navigation.ENTRIES.clear()
    navigation.ENTRIES.update(entries)
    home.SECTIONS.clear()
    home.SECTIONS.update(sections)


def test_a_visitor_sees_the_public_pages_in_the_apps_order(client: Any, db: None) -> None:
    # when
    html = client.get(reverse("portal:home")).content.decode()
    # then
    assert _labels(html, MAIN_MENU) == [
        "Home",
        "Members",
        "Themes",
        "Good practices",
        "Search",
        "Networks",
        "Governance",
        "About the Forum",
    ]
    assert _labels(html, FOOTER_MENU) == [
        "About the Forum",
        "Governance",
        "Ask the networks",
        "Privacy",
    ]


def test_the_current_page_is_marked_in_the_menu(client: Any, db: None) -> None:
    html = client.get(reverse("networks:network-list")).content.decode()
    assert f'<a href="{reverse("networks:network-list")}" aria-current="page">Networks</a>' in html


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        ("professional", {"Directory"}, {"Audit log", "Manage", "Proposals", "Requests"}),
        ("chairman", {"Requests"}, {"Manage"}),
        ("secretary", {"Audit log", "Manage", "Proposals"}, {"My staff in networks"}),
        ("mayor", {"My staff in networks", "Who works for us"}, {"Audit log", "Requests"}),
    ],
)
def test_each_person_sees_the_entries_their_roles_open(
    as_role: Any, request: pytest.FixtureRequest, role: str, shown: set[str], hidden: set[str]
) -> None:
    # given (the Forum's officers reach no page without a second factor)
    if role in {"chairman", "secretary"}:
        person = request.getfixturevalue(role)
        Authenticator.objects.create(user=person, type=Authenticator.Type.TOTP, data={})
    # when
    labels = set(_labels(as_role(role).get(reverse("portal:home")).content.decode(), MAIN_MENU))
    # then
    assert shown <= labels
    assert not hidden & labels


def test_an_app_adds_an_entry_shown_to_whoever_may_open_it(as_role: Any, registered: None) -> None:
    # given an app's entry for those who manage organisations, and one in the footer for all
    navigation.register_nav_entry(
        NavEntry(
            "events",
            "Events",
            "portal:about",
            order=65,
            shown=navigation.allowed_by(Perm.ORGANISATION_MANAGE),
        )
    )
    navigation.register_nav_entry(
        NavEntry("calendar", "Calendar", "portal:about", order=5, place=FOOTER)
    )
    # when
    client = as_role("professional")
    html = client.get(reverse("portal:home")).content.decode()
    # then it takes its place in the footer, and is not offered in the menu to one who may not
    assert _labels(html, FOOTER_MENU)[0] == "Calendar"
    assert "Events" not in _labels(html, MAIN_MENU)


def test_an_entry_that_is_not_registered_links_nowhere(db: None) -> None:
    assert navigation.url_of("no-such-page") == ""
    assert navigation.url_of(navigation.HOME) == reverse("portal:home")


def test_the_account_page_shows_the_sections_the_apps_offer(as_role: Any, registered: None) -> None:
    # given a section with a queue, and one with nothing for this person
    home.register_home_section(
        HomeSection(
            "reviews",
            "Practices to review",
            order=5,
            links=lambda person: [HomeLink("To review", "/review/", count=3, urgent=True)],
        )
    )
    home.register_home_section(
        HomeSection("empty", "Nothing here", order=6, links=lambda person: [])
    )
    # when
    html = as_role("professional").get(reverse("accounts:dashboard")).content.decode()
    # then the queue shows with its count, the empty section not at all
    assert "Practices to review" in html
    assert '<a href="/review/">To review</a> <span class="badge badge-warn">3' in html
    assert "Nothing here" not in html
    # and the requests' own section, registered by its app, is there
    assert "Requests to the networks" in html
    assert reverse("interpellations:mine") in html
