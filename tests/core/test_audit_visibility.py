"""The audit trail names a target only to a reader who may open it: the others read "a practice",
"a request", with no link. The page's queries do not grow with its rows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from allauth.mfa.models import Authenticator

from befus.core.audit import record_event, shown_events
from befus.interpellations import services as requests
from befus.knowledge.models import Evaluation, Practice
from befus.networks.models import Commission, Network
from tests.accounts.factories import UserFactory
from tests.knowledge.conftest import fresh_concepts, publish, share, submit
from tests.networks.conftest import _start_in_english  # noqa: F401  (autouse fixture)
from tests.networks.factories import NetworkFactory

AUDIT = "/en/audit/"


@pytest.fixture
def login(request: pytest.FixtureRequest, client: Any) -> Callable[[str], Any]:
    """A client of the reader of ``role``, with the second factor the readers of the trail have."""

    def client_for(role: str) -> Any:
        person = request.getfixturevalue(role)
        Authenticator.objects.get_or_create(user=person, type=Authenticator.Type.TOTP, data={})
        client.force_login(person)
        return client

    return client_for


@pytest.fixture
def tree(db: None) -> None:
    from befus.knowledge.services import load_topics

    fresh_concepts()
    load_topics()


@pytest.fixture
def author(member_city: Any, tree: None) -> Any:
    return UserFactory(
        email="author@example.org", first_name="Anna", profile__organisation=member_city
    )


@pytest.fixture
def closed_network(db: None) -> Network:
    """A recognised network the Chairman is no member of."""
    return NetworkFactory(recognised=True, slug="closed", name_en="Closed circle")


@pytest.fixture
def practices(author: Any, secretary: Any, closed_network: Network) -> dict[str, Practice]:
    """A public practice, a draft, one waiting for review and one for a network's members only;
    each has left events in the audit trail."""
    return {
        "public": publish(share(author, title="Lantern walks in the park"), by=secretary),
        "draft": share(author, title="Secret draft on dealers"),
        "submitted": submit(share(author, title="Pending plan for the station")),
        "network": publish(
            share(
                author,
                title="Closed circle methods",
                visibility="network",
                network=closed_network,
            ),
            by=secretary,
        ),
    }


@pytest.fixture
def press_request(chairman: Any, closed_network: Network) -> Any:
    return requests.submit_request(
        requester=None,
        subject="Nightlife safety of Mrs Janssens",
        message="How do your cities organise street work at night?",
        language="fr",
        networks=[closed_network],
        requester_kind="press",
        name="Claire Journaliste",
        organisation="Le Soir",
        email="claire@example.org",
        consent=True,
    )


def _rows(response: Any) -> list[tuple[str, str]]:
    """The target of each row as the reader sees it: (text, link)."""
    return [(shown.target, shown.url) for shown in response.context["events"]]


def test_the_chairman_reads_the_titles_of_the_practices_they_may_open_only(
    login: Callable[[str], Any], practices: dict[str, Practice]
) -> None:
    # when
    response = login("chairman").get(AUDIT)
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "Lantern walks in the park" in html
    for hidden in ("Secret draft on dealers", "Pending plan for the station", "Closed circle"):
        assert hidden not in html
    assert ("a practice", "") in _rows(response)
    public = practices["public"]
    assert (public.title, public.get_absolute_url()) in _rows(response)
    assert f'<a href="{public.get_absolute_url()}">' in html
    for hidden in ("draft", "submitted", "network"):
        assert practices[hidden].get_absolute_url() not in html


def test_the_secretariat_reads_the_titles_of_every_practice(
    login: Callable[[str], Any], practices: dict[str, Practice]
) -> None:
    # when
    response = login("secretary").get(AUDIT)
    # then
    html = response.content.decode()
    for practice in practices.values():
        assert practice.title in html
    assert ("a practice", "") not in _rows(response)


def test_the_subject_of_a_request_is_for_those_who_may_open_it(
    login: Callable[[str], Any], press_request: Any, secretary: Any
) -> None:
    # when
    seen_by_secretariat = login("secretary").get(AUDIT)
    seen_by_chairman = login("chairman").get(AUDIT)
    # then
    assert "Mrs Janssens" not in seen_by_secretariat.content.decode()
    assert ("a request", "") in _rows(seen_by_secretariat)
    assert "Mrs Janssens" in seen_by_chairman.content.decode()
    assert (str(press_request), press_request.get_absolute_url()) in _rows(seen_by_chairman)


def test_a_target_no_app_restricts_is_shown_by_name(
    login: Callable[[str], Any], member_city: Any, secretary: Any
) -> None:
    # given
    record_event(actor=secretary, verb="members.organisation.update", target=member_city)
    # when
    response = login("chairman").get(AUDIT)
    # then
    assert (str(member_city), "") in _rows(response)


def _add_events(
    author: Any, secretary: Any, network: Network, request: Any
) -> Callable[[int], None]:
    """Events on practices of every kind (readable or not by the Chairman) and on a request."""

    def grow(count: int) -> None:
        for n in range(count):
            if n % 5 == 0:
                record_event(actor=secretary, verb="interpellations.note.add", target=request)
                continue
            practice = Practice.objects.create(
                slug=f"practice-{Practice.objects.count()}",
                original_language="en",
                title_en=f"Practice {n}",
                summary_en="A summary.",
                status=("published", "draft", "submitted")[n % 3],
                visibility=("public", "network")[n % 2],
                network=network,
                author=author,
            )
            record_event(actor=secretary, verb="knowledge.practice.update", target=practice)

    return grow


def test_the_audit_page_costs_the_same_with_5_or_50_rows(
    login: Callable[[str], Any],
    author: Any,
    secretary: Any,
    closed_network: Network,
    press_request: Any,
    django_assert_max_num_queries: Any,
) -> None:
    # given
    client = login("chairman")
    grow = _add_events(author, secretary, closed_network, press_request)
    grow(5)
    client.get(AUDIT)  # once before counting: the session and the content types are loaded once
    # when
    with django_assert_max_num_queries(30) as few:
        first = client.get(AUDIT)
    grow(45)
    with django_assert_max_num_queries(30) as many:
        second = client.get(AUDIT)
    # then
    assert (first.status_code, second.status_code) == (200, 200)
    assert len(many) == len(few)
    assert ("a practice", "") in _rows(second)


# The rules each app registered, read for people other than the trail's readers


def test_each_app_names_its_targets_to_those_who_may_open_them(
    author: Any, secretary: Any, chairman: Any, professional: Any, closed_network: Network
) -> None:
    # given a draft with an evaluation, a network proposal, a call of the Forum to a network,
    # and a request: each the target of an event
    draft = share(author, title="Secret draft on dealers")
    proposal = NetworkFactory(slug="proposed", name_en="Proposed circle", proposed_by=author)
    commission = Commission.objects.create(
        network=closed_network, title="Dealers near schools", description="?", requested_by=chairman
    )
    request = requests.submit_request(
        requester=author,
        subject="Mrs Janssens' street",
        message="?",
        language="en",
        networks=[closed_network],
        requester_kind="member",
        consent=True,
    )
    targets = [
        Evaluation.objects.create(practice=draft, language="en", what_worked="Much."),
        proposal,
        commission,
        request,
    ]
    events = [record_event(actor=None, verb="admin.change", target=t) for t in targets]
    # when
    seen = {
        reader.email: [shown.target for shown in shown_events(reader, events)]
        for reader in (author, professional, secretary)
    }
    # then the author opens their draft, their proposal and their request, not the call
    assert seen[author.email] == [
        str(targets[0]),
        "Proposed circle",
        "a call of the Forum",
        str(request),
    ]
    assert seen[professional.email] == [
        "a learning evaluation",
        "a network",
        "a call of the Forum",
        "a request",
    ]
    assert seen[secretary.email] == [
        str(targets[0]),
        "Proposed circle",
        "Dealers near schools",
        "a request",
    ]
