"""Browser tests: Playwright driving the system's Chromium against a live server.

Playwright cannot download a browser here, so the tests use Debian's Chromium
(``BEFUS_CHROMIUM``, default /usr/bin/chromium). Without it the tests are skipped locally and
fail under CI (``CI=true``): a skipped browser test must never pass for a green run.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connections

# Playwright's sync API runs an event loop in this thread; Django then refuses ORM calls made
# from the test body (fixtures that create data). They are plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("BEFUS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(os.environ.get("BEFUS_TEST_ARTIFACTS", "test-artifacts")).resolve()
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def _release_database(django_db_setup: None) -> Iterator[None]:
    """Close the database connections the browser tests opened, before the database is dropped.

    While Playwright's sync API runs its event loop in this thread, Django's per-thread
    connection storage resolves to a separate context: ORM calls made by the tests then open
    connections that the teardown of the test database never sees, and PostgreSQL refuses to
    drop a database that is "being accessed by other users".
    """
    yield
    _close_own_connections()


def _close_own_connections() -> None:
    # SQLite's in-memory test database is shared with the live server's threads through the
    # main connection: closing it there would break them, and it holds no server-side session.
    if connections["default"].vendor != "sqlite":
        connections.close_all()


def _watch_policy(page: Any, violations: list[str]) -> None:
    """Record what the Content-Security-Policy refused on the page (Chromium says so in the
    console): a page that needs inline script or style is broken for real visitors."""

    def seen(message: Any) -> None:
        if "Content Security Policy" in message.text:
            violations.append(f"{page.url}: {message.text}")

    page.on("console", seen)


@pytest.fixture
def page(browser: Any, _release_database: None, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    violations: list[str] = []
    _watch_policy(page, violations)
    yield page
    context.close()
    _close_own_connections()
    assert violations == [], "the Content-Security-Policy refused:\n" + "\n".join(violations)


@pytest.fixture
def new_page(browser: Any, _release_database: None, live_server: Any) -> Iterator[Any]:
    """Open more pages, each in its own browser context (another person); all closed after."""
    contexts: list[Any] = []
    violations: list[str] = []

    def open_page(language: str = "en", *, width: int = 1280, height: int = 900) -> Any:
        context = browser.new_context(
            base_url=live_server.url,
            locale=f"{language}-BE",
            viewport={"width": width, "height": height},
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        _watch_policy(page, violations)
        return page

    yield open_page
    for context in contexts:
        context.close()
    _close_own_connections()
    assert violations == [], "the Content-Security-Policy refused:\n" + "\n".join(violations)


@pytest.fixture
def check_page(request: pytest.FixtureRequest) -> Any:
    """Run axe-core on the page, save a screenshot, and fail on any violation."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def check(page: Any, name: str) -> None:
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-{name}.png"), full_page=True)
        results = axe.run(page)
        assert results.violations_count == 0, results.generate_report()

    return check
