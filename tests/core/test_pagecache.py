"""Whole pages from the cache (befus.core.pagecache): what visitors and people are served, when
a kept page is out of date, and what is never kept.

Every test turns the page cache on (it is off in the test settings) and starts from an empty
cache. Changes of content reach the cache only when their transaction commits, so they are made
inside ``django_capture_on_commit_callbacks(execute=True)``. Pages are kept in each server
process and, with Redis, in a cache the processes share: the tests that name "another process"
give the pages a shared cache and forget what this process kept, as a process that has just
started would.
"""

from __future__ import annotations

import datetime as dt
import itertools
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.core.cache import cache, caches
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.test import Client
from django.urls import path, reverse
from django.utils.timezone import localdate

from befus.core.pagecache import cached_page, forget_local
from befus.knowledge import services as knowledge
from befus.knowledge.models import Practice, Topic, TopicRedirect
from befus.knowledge.services import load_topics
from befus.members import services as members
from befus.members.choices import BodyKind, ContactRole, SeatRole
from befus.members.models import Organisation
from befus.urls import urlpatterns as platform_urlpatterns
from tests.accounts.factories import UserFactory
from tests.knowledge.conftest import fresh_concepts, publish, share, submit
from tests.members.factories import BodyFactory, MembershipFactory, OrganisationFactory
from tests.networks.factories import NetworkFactory

# --- probe pages: one decorated view per thing a page may leave behind ---------------------------
# Each answer names its build, so a test sees whether a visitor got a kept page or a new one.

_builds = itertools.count(1)


def _built(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"build {next(_builds)}", content_type="text/plain")


@cached_page
def _plain(request: HttpRequest) -> HttpResponse:
    return _built(request)


@cached_page
def _sets_cookie(request: HttpRequest) -> HttpResponse:
    response = _built(request)
    response.set_cookie("flavour", "dark")
    return response


@cached_page
def _uses_csrf_token(request: HttpRequest) -> HttpResponse:
    get_token(request)
    return _built(request)


@cached_page
def _adds_message(request: HttpRequest) -> HttpResponse:
    messages.info(request, "Welcome back.")
    return _built(request)


@cached_page
def _touches_session(request: HttpRequest) -> HttpResponse:
    request.session["seen"] = True
    return _built(request)


@cached_page
def _not_found(request: HttpRequest) -> HttpResponse:
    response = _built(request)
    response.status_code = 404
    return response


def _thanks(request: HttpRequest) -> HttpResponse:
    messages.success(request, "Thank you, your question has been sent.")
    return redirect("portal:home")


urlpatterns = [
    path("probe/plain/", _plain),
    path("probe/cookie/", _sets_cookie),
    path("probe/csrf/", _uses_csrf_token),
    path("probe/message/", _adds_message),
    path("probe/session/", _touches_session),
    path("probe/gone/", _not_found),
    path("probe/thanks/", _thanks),
    *platform_urlpatterns,
]
with_probes = pytest.mark.urls(__name__)


# --- helpers and fixtures ------------------------------------------------------------------------

PASSWORD = "correct horse battery"  # the password of every UserFactory account
# What Redis gives the server processes in production: one cache for pages they all read.
SHARED_PAGES = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "befus-tests-shared-pages",
}


@contextmanager
def queries() -> Iterator[list[str]]:
    """The SQL run inside the block, except on the cache's own table (without Redis the cache,
    which holds the content generation, lives in the database: reading it builds no page)."""
    seen: list[str] = []

    def record(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if "befus_cache" not in sql:
            seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield seen


@pytest.fixture(autouse=True)
def _page_cache_on(settings: Any) -> None:
    settings.BEFUS_PAGE_CACHE_SECONDS = 300
    cache.clear()
    caches["pages"].clear()
    forget_local()


@pytest.fixture
def shared_pages(settings: Any) -> None:
    """A cache for pages shared by the server processes, as Redis gives them in production."""
    settings.CACHES = {**settings.CACHES, "pages": SHARED_PAGES}
    caches["pages"].clear()


def served_by(request: pytest.FixtureRequest, process: str) -> None:
    """Set the test up to serve the next pages from ``process``: "this process" (the only one
    without Redis) or "another process" (which shares the pages cache, not its own store)."""
    if process == "another process":
        request.getfixturevalue("shared_pages")


def switch_to(process: str) -> None:
    if process == "another process":
        forget_local()  # a process that has read nothing yet: only the shared cache knows


@pytest.fixture
def member_person(member_city: Any) -> Any:
    """A prevention worker of Ghent, with a name the tests look for in the header."""
    return UserFactory(
        email="griet@gent.example",
        first_name="Griet",
        last_name="Verhaegen",
        profile__organisation=member_city,
    )


@pytest.fixture
def tree(db: None) -> dict[str, int]:
    fresh_concepts()
    return load_topics()


@pytest.fixture
def author(member_city: Any) -> Any:
    return UserFactory(email="author@gent.example", profile__organisation=member_city)


@pytest.fixture
def practice(tree: dict[str, int], author: Any, secretary: Any) -> Practice:
    return publish(
        share(
            author,
            title="Night mediators in the station district",
            summary="Mediators walk the station district at night and calm conflicts.",
        ),
        by=secretary,
    )


def text(response: Any) -> str:
    return response.content.decode()


# --- a visitor is served the kept page -----------------------------------------------------------


def test_visitor_is_served_the_kept_page_without_building_it_again(member_city: Any) -> None:
    # given a visitor has read the list of members
    url = reverse("members:organisation-list")
    with queries() as first_time:
        first = Client().get(url)
    # when another visitor reads it
    with queries() as second_time:
        second = Client().get(url)
    # then they get the same page, and nothing was read from the database to build it
    assert first.status_code == second.status_code == 200
    assert "Ghent" in text(first)
    assert second.content == first.content
    assert first_time != []
    assert second_time == []


PUBLIC_PAGES = {
    "home": ("portal:home", {}, ""),
    "about": ("portal:about", {}, ""),
    "members": ("members:organisation-list", {}, ""),
    "member": ("members:organisation-detail", {"slug": "gent"}, ""),
    "governance": ("members:governance", {}, ""),
    "networks": ("networks:network-list", {}, ""),
    "network": ("networks:network-detail", {"slug": "nightlife-network"}, ""),
    "themes": ("knowledge:topic-list", {}, ""),
    "theme": ("knowledge:topic-detail", {"slug": "nightlife"}, ""),
    "practices": ("knowledge:practice-list", {}, ""),
    "practice": (
        "knowledge:practice-detail",
        {"slug": "night-mediators-in-the-station-district"},
        "",
    ),
    "publications": ("knowledge:publication-list", {}, ""),
    "search": ("knowledge:search", {}, "?q=mediators"),
}


@pytest.mark.parametrize("page", PUBLIC_PAGES)
def test_every_public_page_is_kept_for_visitors(page: str, practice: Practice) -> None:
    # given a recognised network, a published practice, and a visitor who read the page
    NetworkFactory(recognised=True, slug="nightlife-network")
    name, kwargs, query = PUBLIC_PAGES[page]
    url = reverse(name, kwargs=kwargs) + query
    first = Client().get(url)
    # when another visitor reads it
    with queries() as ran:
        second = Client().get(url)
    # then it was kept: served as it was, without the database
    assert first.status_code == 200
    assert second.content == first.content
    assert ran == []


def test_page_kept_by_one_server_process_is_served_by_another(
    member_city: Any, shared_pages: None
) -> None:
    # given a cache shared by the server processes for pages, and a visitor's page kept by one
    url = reverse("members:organisation-list")
    first = Client().get(url)
    # when a process that has kept nothing itself serves the next visitor
    forget_local()
    with queries() as second_time:
        second = Client().get(url)
    # then the page comes from the shared cache, not from the database
    assert second.content == first.content
    assert second_time == []


@pytest.mark.parametrize("process", ["this process", "another process"])
def test_visitor_sees_a_renamed_organisation_at_once(
    member_city: Any,
    process: str,
    request: pytest.FixtureRequest,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given the list of members is kept for visitors
    served_by(request, process)
    url = reverse("members:organisation-list")
    assert "Ghent" in text(Client().get(url))
    # when the organisation is renamed and the change committed
    with django_capture_on_commit_callbacks(execute=True):
        city = Organisation.objects.filter(pk=member_city.pk).first()
        assert city is not None
        city.name_en = "Ghent-on-Scheldt"
        city.save()
    # then the next visitor reads the new name, whichever process serves them
    switch_to(process)
    page = text(Client().get(url))
    assert "Ghent-on-Scheldt" in page


@pytest.mark.parametrize("page", ["practice list", "search"])
def test_visitor_sees_a_newly_published_practice_at_once(
    page: str, tree: dict[str, int], author: Any, secretary: Any
) -> None:
    # given the page is kept for visitors while the practice is unpublished
    url = {
        "practice list": reverse("knowledge:practice-list"),
        "search": reverse("knowledge:search") + "?q=lantern",
    }[page]
    title = "Lantern walks with the neighbourhood"
    draft = share(author, title=title, summary="Residents walk their streets with lanterns.")
    assert title not in text(Client().get(url))
    # when the practice is published through the services, and the change committed
    publish(draft, by=secretary)
    # then the next visitor finds it
    assert title in text(Client().get(url))


def test_search_made_while_the_commit_is_indexing_leaves_no_stale_page(
    tree: dict[str, int],
    author: Any,
    secretary: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given a practice waiting for publication
    title = "Lantern walks with the neighbourhood"
    draft = submit(share(author, title=title, summary="Residents walk with lanterns."))
    url = reverse("knowledge:search") + "?q=lantern"
    # when it is published, and visitors search between the chores that follow the commit
    # (making kept pages obsolete, indexing the practice, mailing its author: each runs after
    # the commit, so what it leaves for a commit of its own runs at once)
    with django_capture_on_commit_callbacks(execute=False) as chores:
        knowledge.publish_practice(actor=secretary, practice=draft)
    assert len(chores) > 1
    for chore in chores:
        with django_capture_on_commit_callbacks(execute=True):
            chore()
        Client().get(url)
    # then, the commit done, the next visitor finds it
    assert title in text(Client().get(url))


# --- people and visitors never share a page ------------------------------------------------------


def test_person_never_gets_the_page_kept_for_visitors(client: Any, member_person: Any) -> None:
    # given the home page is kept for visitors
    url = reverse("portal:home")
    assert "Log out" not in text(Client().get(url))
    # when a logged-in person asks for it
    client.force_login(member_person)
    page = text(client.get(url))
    # then their page has their name and the logout button
    assert "Griet Verhaegen" in page
    assert "Log out" in page


def test_page_of_a_person_is_never_kept_for_visitors(client: Any, member_person: Any) -> None:
    # given a logged-in person reads the home page twice (their own page may be kept for them)
    url = reverse("portal:home")
    client.force_login(member_person)
    for _ in range(2):
        assert "Griet Verhaegen" in text(client.get(url))
    # when a visitor asks for the same page
    page = text(Client().get(url))
    # then nothing of the person is on it
    assert "Griet Verhaegen" not in page
    assert "Log out" not in page
    assert "Log in" in page


def test_person_never_gets_another_persons_page(member_person: Any, member_city: Any) -> None:
    # given a person's page of the members list is kept for them
    url = reverse("members:organisation-list")
    griet = Client()
    griet.force_login(member_person)
    for _ in range(2):
        griet.get(url)
    # when a colleague reads the same page
    colleague = UserFactory(
        first_name="Pieter", last_name="Claes", profile__organisation=member_city
    )
    other = Client()
    other.force_login(colleague)
    page = text(other.get(url))
    # then it is theirs
    assert "Pieter Claes" in page
    assert "Griet Verhaegen" not in page


# --- what is never kept, and who is never served from the cache ----------------------------------


@with_probes
def test_page_that_leaves_nothing_behind_is_kept(db: None) -> None:
    """The probes' control: without it, the tests below could pass with no cache at all."""
    # given a visitor's page that set no cookie, used no token and touched no session
    first = Client().get("/probe/plain/")
    # when another visitor asks for it
    second = Client().get("/probe/plain/")
    # then they get the kept page
    assert second.content == first.content


@with_probes
@pytest.mark.parametrize(
    "probe",
    ["/probe/cookie/", "/probe/csrf/", "/probe/message/", "/probe/session/"],
    ids=["set a cookie", "used a CSRF token", "added a message", "modified the session"],
)
def test_page_is_not_kept_when_building_it_left_something_of_the_visitor(
    db: None, probe: str
) -> None:
    # given a visitor's page whose building left something of theirs
    first = Client().get(probe)
    # when another visitor asks for it
    second = Client().get(probe)
    # then it is built again for them
    assert first.status_code == second.status_code == 200
    assert second.content != first.content


@with_probes
@pytest.mark.parametrize(
    "cookie",
    ["sessionid", "messages"],
    ids=["session cookie", "messages cookie"],
)
def test_request_with_a_session_or_message_is_not_served_from_the_cache(
    db: None, cookie: str
) -> None:
    # given a page kept for visitors
    kept = Client().get("/probe/plain/")
    assert Client().get("/probe/plain/").content == kept.content
    # when a visitor who carries a session or a message asks for it
    visitor = Client()
    visitor.cookies[cookie] = "something-of-theirs"
    page = visitor.get("/probe/plain/")
    # then it is built for them
    assert page.content != kept.content


@with_probes
def test_visitor_sent_home_with_a_message_reads_it(db: None) -> None:
    # given the home page is kept for visitors
    assert "Thank you" not in text(Client().get(reverse("portal:home")))
    # when a visitor is sent there with a message
    page = Client().get("/probe/thanks/", follow=True)
    # then the message is on their page
    assert "Thank you, your question has been sent." in text(page)


@with_probes
def test_post_is_never_kept_nor_answered_from_the_cache(db: None) -> None:
    # given a visitor posted to an address
    visitor = Client()
    posted = visitor.post("/probe/plain/")
    # when a visitor reads it, then posts to it again
    read = Client().get("/probe/plain/")
    posted_again = Client().post("/probe/plain/")
    # then each was answered for itself: the posts were not kept, the page read was not replayed
    assert len({posted.content, read.content, posted_again.content}) == 3


# --- the key: language, query string, htmx -------------------------------------------------------


def test_each_language_has_its_own_kept_page(member_city: Any) -> None:
    # given the Dutch list of members is kept for visitors
    dutch = text(Client().get("/nl/members/"))
    # when a visitor reads the French one
    french = text(Client().get("/fr/members/"))
    # then it is in French
    assert '<html lang="nl">' in dutch
    assert "Gent" in dutch
    assert '<html lang="fr">' in french
    assert "Gand" in french


def test_each_query_string_has_its_own_kept_page(member_city: Any) -> None:
    # given a member in Wallonia besides Ghent, and the list of Flemish members kept
    MembershipFactory(organisation=OrganisationFactory(name_en="Namur", region="wallonia"))
    url = reverse("members:organisation-list")
    flemish = text(Client().get(url + "?region=flanders"))
    # when a visitor asks for the Walloon members
    walloon = text(Client().get(url + "?region=wallonia"))
    # then each list holds its own region
    assert "Ghent" in flemish
    assert "Namur" not in flemish
    assert "Namur" in walloon
    assert "Ghent" not in walloon


@pytest.mark.parametrize("first", ["page", "partial"])
def test_htmx_request_gets_the_partial_and_a_browser_the_whole_page(
    member_city: Any, first: str
) -> None:
    # given one of the two forms of the members list was kept first
    url = reverse("members:organisation-list")

    def whole() -> str:
        return text(Client().get(url))

    def partial() -> str:
        return text(Client().get(url, headers={"HX-Request": "true"}))

    if first == "page":
        whole()
    else:
        partial()
    # when visitors ask for both
    page, results = whole(), partial()
    # then the browser got the whole page and htmx the results alone
    assert "<html" in page
    assert 'id="results"' in page
    assert "<html" not in results
    assert 'id="results"' in results
    assert "Ghent" in results


# --- answers that are never kept -----------------------------------------------------------------


@with_probes
def test_not_found_is_never_kept(db: None) -> None:
    # given a visitor was told a page does not exist
    first = Client().get("/probe/gone/")
    # when another visitor asks for it
    second = Client().get("/probe/gone/")
    # then the answer is made again, still "not found"
    assert first.status_code == second.status_code == 404
    assert second.content != first.content


def test_old_address_of_a_theme_keeps_redirecting(tree: dict[str, int]) -> None:
    # given a theme's old address, which a visitor followed once
    topic = Topic.objects.get(slug="nightlife")
    TopicRedirect.objects.create(old_slug="night-time-economy", topic=topic)
    old = reverse("knowledge:topic-detail", kwargs={"slug": "night-time-economy"})
    new = reverse("knowledge:topic-detail", kwargs={"slug": "nightlife"})
    assert Client().get(old).status_code == 301
    # when another visitor follows it
    response = Client().get(old)
    # then they are sent on to the theme as well
    assert response.status_code == 301
    assert response["Location"] == new


# --- a visitor's page holds no token -------------------------------------------------------------


@pytest.mark.parametrize("page", ["home", "members", "practice", "search"])
def test_visitor_page_carries_no_csrf_token(practice: Practice, page: str) -> None:
    # given a public page
    url = {
        "home": reverse("portal:home"),
        "members": reverse("members:organisation-list"),
        "practice": reverse("knowledge:practice-detail", kwargs={"slug": practice.slug}),
        "search": reverse("knowledge:search") + "?q=mediators",
    }[page]
    # when a visitor reads it
    response = Client().get(url)
    # then it holds no token and sets no cookie: the language switcher is made of links
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" not in text(response)
    assert 'lang="fr" hreflang="fr"' in text(response)
    assert not response.cookies
    if page == "practice":
        assert practice.title in text(response)


# --- roles and menu of a person ------------------------------------------------------------------


@pytest.mark.parametrize("process", ["this process", "another process"])
@pytest.mark.parametrize("change", ["board seat", "mayor"])
def test_new_role_shows_in_the_menu_at_the_next_request(
    client: Any,
    member_person: Any,
    member_city: Any,
    secretary: Any,
    change: str,
    process: str,
    request: pytest.FixtureRequest,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given a person has read the home page twice (their page, roles and menu are kept)
    served_by(request, process)
    Authenticator.objects.create(user=member_person, type=Authenticator.Type.TOTP, data={})
    client.force_login(member_person)
    link = {"board seat": "networks:review-queue", "mayor": "networks:consents"}[change]
    for _ in range(2):
        assert reverse(link) not in text(client.get(reverse("portal:home")))
    # when they get a seat on the Board, or become the mayor, and the change is committed
    with django_capture_on_commit_callbacks(execute=True):
        if change == "board seat":
            members.add_seat(
                actor=secretary,
                body=BodyFactory(kind=BodyKind.BOARD),
                person=member_person,
                role=SeatRole.MEMBER,
                start=localdate() - dt.timedelta(days=1),
                organisation=member_city,
            )
        else:
            members.appoint_contact(
                actor=secretary,
                organisation=member_city,
                person=member_person,
                role=ContactRole.MAYOR,
                start=localdate() - dt.timedelta(days=1),
            )
    # then their next page has the menu of the new role, whichever process serves it
    switch_to(process)
    assert reverse(link) in text(client.get(reverse("portal:home")))


# --- kept pages never push the login's protections out of the cache ------------------------------


def test_login_throttling_survives_visitors_reading_many_pages(
    client: Any, member_person: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from befus.accounts import throttle

    # given a clock that stands still (the waits must not run out while the pages load), and a
    # stranger who failed to log in as Griet as often as allowed, and is now refused
    frozen = time.time()
    monkeypatch.setattr(throttle, "current_time", lambda: frozen)
    login = reverse("account_login")
    for _ in range(throttle.FREE_FAILURES + 1):
        client.post(login, {"login": "griet@gent.example", "password": "guess"})
    refused = client.post(login, {"login": "griet@gent.example", "password": "guess"})
    assert "Too many failed login attempts" in text(refused)
    # when visitors arrive on the site through a few hundred links of a newsletter
    for n in range(320):
        Client().get(reverse("portal:about") + f"?utm_content=link-{n}")
    # then the stranger is still refused, even with the right password
    response = client.post(login, {"login": "griet@gent.example", "password": PASSWORD})
    assert "Too many failed login attempts" in text(response)
    assert "_auth_user_id" not in client.session


# --- the load balancer's check -------------------------------------------------------------------


def test_health_answers_a_visitor_without_database_or_cookie(
    db: None, django_assert_num_queries: Any
) -> None:
    # given a load balancer without a session
    balancer = Client()
    # when it checks the platform
    with django_assert_num_queries(0):
        response = balancer.get("/health/")
    # then it gets a short plain answer, read from nothing and leaving nothing
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
    assert not response.cookies


def test_health_answers_a_logged_in_person_without_database_or_cookie(
    client: Any, member_person: Any, django_assert_num_queries: Any
) -> None:
    # given a logged-in person
    client.force_login(member_person)
    # when they open the check
    with django_assert_num_queries(0):
        response = client.get("/health/")
    # then the answer is the same as a visitor's, read from nothing and leaving nothing
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
    assert not response.cookies
