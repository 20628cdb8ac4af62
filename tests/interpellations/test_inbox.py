"""The Chairman's inbox, the figures, the delegation, and what the pages cost."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from django.urls import reverse
from django.utils.timezone import localdate
from django.utils.timezone import now as timezone_now

from befus.interpellations import services
from befus.interpellations.models import (
    Interpellation,
    RoutingDelegate,
    ValidationDelegation,
)
from befus.members.choices import BodyKind
from befus.networks.choices import MemberRole
from befus.networks.models import Commission, Network
from befus.networks.services.commissions import request_commission
from tests.accounts.factories import UserFactory
from tests.interpellations.pages import _ask, _drafted, _forwarded, _messages, _pdf, _url

# The inbox
from tests.members.factories import BodyFactory, SeatFactory
from tests.networks.factories import NetworkFactory, NetworkMembershipFactory


@pytest.fixture
def inbox_world(chairman: Any, referent: Any, network: Network) -> SimpleNamespace:
    """One request in each state, and one overdue."""
    new = _ask("New")
    late = _ask("Late")
    Interpellation.objects.filter(pk=late.pk).update(due_date=localdate() - dt.timedelta(days=1))
    forwarded = _ask("Forwarded")
    services.forward_request(actor=chairman, interpellation=forwarded, networks=[network])
    in_progress = _ask("In progress")
    services.forward_request(actor=chairman, interpellation=in_progress, networks=[network])
    services.take_up(actor=referent, interpellation=in_progress)
    answered = _ask("Answered")
    services.answer_request(actor=chairman, interpellation=answered, body="Yes.")
    closed = _ask("Closed")
    services.answer_request(actor=chairman, interpellation=closed, body="Yes.")
    services.close_request(actor=chairman, interpellation=closed)
    declined = _ask("Declined")
    services.decline_request(actor=chairman, interpellation=declined, reason="No.")
    return SimpleNamespace(new=new, late=late)


ALL_SUBJECTS = ["Declined", "Closed", "Answered", "In progress", "Forwarded", "Late", "New"]
INBOX_VIEWS: dict[str, list[str]] = {
    "new": ["Late", "New"],
    "waiting": ["Forwarded", "In progress"],
    "overdue": ["Late"],
    "answered": ["Answered"],
    "finished": ["Declined", "Closed"],
    "all": ALL_SUBJECTS,
    "bogus": ["Late", "New"],
}


@pytest.mark.parametrize("view", INBOX_VIEWS)
def test_each_view_of_the_inbox_lists_its_requests(
    login: Callable[[str], Any], inbox_world: SimpleNamespace, view: str
) -> None:
    # given
    client = login("chairman")
    # when
    response = client.get(_url("inbox"), {"view": view})
    # then
    assert response.status_code == 200
    assert [r.subject for r in response.context["page"].object_list] == INBOX_VIEWS[view]
    assert response.context["view"] == ("new" if view == "bogus" else view)


def test_the_inbox_counts_each_view(
    login: Callable[[str], Any], inbox_world: SimpleNamespace
) -> None:
    # given
    client = login("chairman")
    # when
    response = client.get(_url("inbox"))
    # then
    assert response.context["counts"] == {
        "new": 2,
        "waiting": 2,
        "overdue": 1,
        "answered": 1,
        "finished": 2,
        "all": 7,
        "drafts": 0,
    }
    content = response.content.decode()
    assert "Closed or declined" in content
    assert "overdue" in content


def test_the_inbox_opens_on_the_overdue_while_any_waits_and_else_on_the_new(
    login: Callable[[str], Any], inbox_world: SimpleNamespace
) -> None:
    # given
    client = login("chairman")
    # when the Chairman opens the inbox without choosing a view
    response = client.get(_url("inbox"))
    # then the overdue request is what he sees first, its subject a link to it
    assert response.context["view"] == "overdue"
    late = inbox_world.late
    assert f'<a href="{late.get_absolute_url()}" lang="{late.language}">Late</a>' in (
        response.content.decode()
    )
    # and once nothing is overdue, the new ones
    Interpellation.objects.filter(pk=late.pk).update(due_date=localdate() + dt.timedelta(days=9))
    assert client.get(_url("inbox")).context["view"] == "new"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("le soir", ["Nightlife safety"]),
        ("claire journ", ["Nightlife safety"]),
        ("NIGHT BUS", ["Night buses"]),
        ("-0002", ["Night buses"]),
        ("nothing like it", []),
    ],
)
def test_the_inbox_finds_requests_by_reference_subject_or_requester(
    login: Callable[[str], Any],
    outsider_request: Interpellation,
    query: str,
    expected: list[str],
) -> None:
    # given
    _ask()
    client = login("chairman")
    # when
    response = client.get(_url("inbox"), {"view": "all", "q": query})
    # then
    assert [r.subject for r in response.context["page"].object_list] == expected


def test_the_inbox_filters_on_a_network_addressed_or_passed_on_to(
    login: Callable[[str], Any], network: Network, referent: Any, chairman: Any
) -> None:
    # given one request addressed to the network, one passed on to its referent by name, one
    # addressed to another network
    other = NetworkFactory(recognised=True, name_en="School drop-out", slug="drop-out")
    NetworkMembershipFactory(
        network=other, person=UserFactory(), role=MemberRole.LOCAL_REFERENT, active=True
    )
    _ask("Addressed", networks=[network])
    passed_on = _ask("Passed on")
    services.forward_request(actor=chairman, interpellation=passed_on, people=[referent])
    _ask("Elsewhere", networks=[other])
    client = login("chairman")
    # when
    response = client.get(_url("inbox"), {"view": "all", "network": network.pk})
    # then
    assert [r.subject for r in response.context["page"].object_list] == ["Passed on", "Addressed"]


def test_the_inbox_lists_the_open_calls_of_the_forum_to_its_networks(
    login: Callable[[str], Any], network: Network, chairman: Any
) -> None:
    # given
    call = request_commission(
        actor=chairman,
        network=network,
        title="Nuisance around night shops",
        description="What works against it?",
        due_date=localdate() + dt.timedelta(days=30),
    )
    Commission.objects.create(
        network=network,
        title="An old question",
        description="Answered long ago.",
        requested_by=chairman,
        status="completed",
    )
    Commission.objects.create(
        network=network,
        title="A refused question",
        description="Declined.",
        requested_by=chairman,
        status="declined",
    )
    client = login("chairman")
    # when
    response = client.get(_url("inbox"))
    # then
    assert list(response.context["commissions"]) == [call]
    content = response.content.decode()
    assert "Commission of the Forum" in content
    assert "Nuisance around night shops" in content
    assert reverse("networks:commission-detail", kwargs={"pk": call.pk}) in content
    assert "An old question" not in content
    assert "A refused question" not in content


def test_the_inbox_shows_the_drafts_awaiting_validation(
    login: Callable[[str], Any], case: SimpleNamespace
) -> None:
    # given
    _drafted(case)
    client = login("chairman")
    # when
    response = client.get(_url("inbox"), {"view": "waiting"})
    # then
    content = response.content.decode()
    assert "1 draft answer to validate" in content
    assert "draft to validate" in content


def test_the_inbox_is_paginated_by_25(login: Callable[[str], Any], chairman: Any) -> None:
    # given
    for n in range(30):
        _ask(f"Question {n}", email=f"person{n}@example.org")
    client = login("chairman")
    # when
    first = client.get(_url("inbox"), {"view": "all"})
    second = client.get(_url("inbox"), {"view": "all", "page": 2})
    # then
    assert len(first.context["page"].object_list) == 25
    assert [r.subject for r in second.context["page"].object_list] == [
        f"Question {n}" for n in range(4, -1, -1)
    ]
    content = first.content.decode()
    assert "Page 1 of 2" in content
    assert 'href="?view=all&amp;page=2" rel="next"' in content


# Statistics


def test_the_secretariat_reads_the_figures_without_any_personal_data(
    login: Callable[[str], Any], outsider_request: Interpellation, network: Network, chairman: Any
) -> None:
    # given one request answered on the day, one still open
    services.answer_request(actor=chairman, interpellation=outsider_request, body="In pairs.")
    _ask(networks=[network])
    client = login("secretary")
    # when
    response = client.get(_url("statistics"))
    # then
    assert response.status_code == 200
    stats = response.context["stats"]
    assert (stats.total, stats.open, stats.answered, stats.answered_in_time) == (2, 1, 1, 1)
    assert [(row["name"], row["addressed"]) for row in stats.by_network] == [("Street workers", 2)]
    content = response.content.decode()
    assert "Street workers" in content
    for secret in ("Claire Journaliste", "claire@example.org", "Le Soir", "Nightlife safety"):
        assert secret not in content
    for secret in ("Ann Vos", "ann@example.org", "Night buses"):
        assert secret not in content


@pytest.mark.parametrize(("given", "months"), [("3", 3), ("60", 60), ("7", 12), ("many", 12)])
def test_the_figures_cover_one_of_the_offered_periods(
    login: Callable[[str], Any], db: None, given: str, months: int
) -> None:
    # given
    client = login("chairman")
    # when
    response = client.get(_url("statistics"), {"months": given})
    # then
    assert response.status_code == 200
    assert response.context["months"] == months


def _first_of_month(day: dt.date, back: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - back
    return dt.date(index // 12, index % 12 + 1, 1)


def test_the_last_12_months_are_12_calendar_months(
    login: Callable[[str], Any], chairman: Any
) -> None:
    # given a request received on the first day of the month a year ago
    old = _ask("A year ago")
    year_ago = _first_of_month(localdate(), 12)
    Interpellation.objects.filter(pk=old.pk).update(
        received_at=timezone_now().replace(year=year_ago.year, month=year_ago.month, day=1, hour=12)
    )
    client = login("chairman")
    # when
    response = client.get(_url("statistics"), {"months": 12})
    # then
    assert response.context["first"] == _first_of_month(localdate(), 11)
    assert response.context["stats"].total == 0


# Delegation


def test_the_chairman_names_a_delegate_who_then_routes_the_requests(
    login: Callable[[str], Any], outsider_request: Interpellation, board_member: Any
) -> None:
    # given
    client = login("chairman")
    # when
    response = client.post(
        _url("delegation"),
        {"name_delegate": "1", "person": board_member.pk, "start": localdate().isoformat()},
    )
    # then
    assert response["Location"] == _url("delegation")
    assert _messages(response) == ["The delegate is named."]
    [delegate] = RoutingDelegate.objects.all()
    assert (delegate.person, delegate.end) == (board_member, None)
    page = client.get(_url("delegation")).content.decode()
    assert board_member.get_full_name() in page
    # and the delegate opens the inbox and the request's page, but not the delegation
    delegate_client = login("board_member")
    inbox = delegate_client.get(_url("inbox"))
    assert list(inbox.context["page"].object_list) == [outsider_request]
    in_the_menu = f'<a href="{_url("inbox")}" aria-current="page">'
    assert in_the_menu in inbox.content.decode()
    detail = delegate_client.get(_url("detail", reference=outsider_request.reference))
    assert detail.status_code == 200
    assert "claire@example.org" in detail.content.decode()
    assert delegate_client.get(_url("delegation")).status_code == 403


NOT_A_CHOICE = "Select a valid choice. That choice is not one of the available choices."


@pytest.mark.parametrize(
    ("person", "errors"),
    [
        ("visitor", {"person": [NOT_A_CHOICE]}),
        ("chairman", {"person": ["You route requests already."]}),
    ],
)
def test_a_delegate_must_hold_a_seat_and_be_someone_else(
    login: Callable[[str], Any],
    request: pytest.FixtureRequest,
    person: str,
    errors: dict[str, list[str]],
) -> None:
    # given
    client = login("chairman")
    # when
    response = client.post(
        _url("delegation"),
        {
            "name_delegate": "1",
            "person": request.getfixturevalue(person).pk,
            "start": localdate().isoformat(),
        },
    )
    # then
    assert response.status_code == 400
    assert response.context["form"].errors == errors
    assert RoutingDelegate.objects.exists() is False


def test_only_secretariat_staff_and_board_members_can_be_named_delegate(
    login: Callable[[str], Any], chairman: Any
) -> None:
    # given a member of the General Assembly: their role needs no second factor
    person = UserFactory(email="assembly@example.org")
    SeatFactory(body=BodyFactory(kind=BodyKind.GENERAL_ASSEMBLY), person=person)
    client = login("chairman")
    # when the Chairman tries to name them delegate
    response = client.post(
        _url("delegation"),
        {"name_delegate": "1", "person": person.pk, "start": localdate().isoformat()},
    )
    # then the choice is refused and nobody is named
    assert response.status_code == 400
    assert RoutingDelegate.objects.exists() is False


def test_a_delegate_finds_the_requests_in_the_menu(
    login: Callable[[str], Any], chairman: Any, secretary: Any
) -> None:
    # given a secretariat officer named delegate
    services.name_delegate(actor=chairman, person=secretary)
    client = login("secretary")
    # when they open a page, then the menu leads to the inbox, which they may open
    response = client.get(_url("mine"))
    assert f'<a href="{_url("inbox")}">' in response.content.decode()
    assert client.get(_url("inbox")).status_code == 200


def test_the_chairman_ends_a_delegation_today(
    login: Callable[[str], Any], board_member: Any, chairman: Any
) -> None:
    # given
    delegate = services.name_delegate(
        actor=chairman, person=board_member, start=localdate() - dt.timedelta(days=10)
    )
    client = login("chairman")
    # when
    response = client.post(_url("delegation"), {"end_delegate": delegate.pk})
    # then
    assert response["Location"] == _url("delegation")
    assert _messages(response) == ["The delegation has ended."]
    delegate.refresh_from_db()
    assert delegate.end == localdate() - dt.timedelta(days=1)  # the end day still counts
    assert login("board_member").get(_url("inbox")).status_code == 403


def test_ending_a_delegation_that_does_not_exist_is_not_found(
    login: Callable[[str], Any], chairman: Any
) -> None:
    # given
    client = login("chairman")
    client.raise_request_exception = False
    # when
    response = client.post(_url("delegation"), {"end_delegate": "someone"})
    # then
    assert response.status_code == 404


def test_the_chairman_lets_a_network_answer_without_validation_and_takes_it_back(
    login: Callable[[str], Any], network: Network, chairman: Any
) -> None:
    # given
    other = NetworkFactory(recognised=True, name_en="School drop-out", slug="drop-out")
    client = login("chairman")
    # when
    response = client.post(_url("delegation"), {"validation": "1", "networks": [network.pk]})
    # then
    assert response["Location"] == _url("delegation")
    assert _messages(response) == ["The validation of answers is saved."]
    assert [d.network for d in ValidationDelegation.objects.all()] == [network]
    page = client.get(_url("delegation")).content.decode()
    assert f'id="network-{network.pk}" checked' in page
    assert f'id="network-{other.pk}" checked' not in page
    # when nothing is ticked any more
    client.post(_url("delegation"), {"validation": "1"})
    # then
    assert ValidationDelegation.objects.exists() is False


# What the pages cost

# What any page costs a logged-in Chairman: the session, the user, three role queries, the
# second-factor check, the model backend's two permission queries, the unread notifications.
LOGGED_IN = 9


def _queries_with_3_and_30(
    client: Any, url: str, grow: Callable[[int], None], budget: int, assert_max: Any
) -> tuple[int, int]:
    grow(3)
    client.get(url)  # once before counting: the session and the content types are loaded once
    with assert_max(budget) as few:
        response = client.get(url)
    assert response.status_code == 200
    grow(27)
    with assert_max(budget) as many:
        response = client.get(url)
    assert response.status_code == 200
    return len(few), len(many)


def test_the_inbox_costs_the_same_with_3_or_30_requests(
    login: Callable[[str], Any],
    chairman: Any,
    referent: Any,
    network: Network,
    django_assert_max_num_queries: Any,
) -> None:
    # given
    client = login("chairman")

    def grow(count: int) -> None:
        for n in range(count):
            request = _ask(f"Question {n}", networks=[network], email=f"p{n}@example.org")
            if n % 3 == 0:
                services.forward_request(actor=chairman, interpellation=request, networks=[network])
            if n % 3 == 1:
                Commission.objects.create(
                    network=network, title=f"Call {n}", description="?", requested_by=chairman
                )

    # when
    few, many = _queries_with_3_and_30(
        client,
        _url("inbox") + "?view=all",
        grow,
        # the page, the three counts, the networks of the filter and of each request, the calls
        LOGGED_IN + 7,
        django_assert_max_num_queries,
    )
    # then
    assert many == few


def test_the_page_of_a_request_costs_the_same_with_3_or_30_entries(
    login: Callable[[str], Any],
    case: SimpleNamespace,
    django_assert_max_num_queries: Any,
) -> None:
    # given
    _forwarded(case)
    client = login("chairman")

    def grow(count: int) -> None:
        for n in range(count):
            if n % 3 == 0:
                services.add_note(
                    actor=case.chairman,
                    interpellation=case.request,
                    body=f"Note {n}",
                    files=[_pdf(f"note-{n}.pdf")],
                )
            elif n % 3 == 1:
                services.propose_answer(
                    actor=case.referent,
                    interpellation=case.request,
                    body=f"Draft {n}",
                    files=[_pdf(f"draft-{n}.pdf")],
                )
            else:
                services.send_update(
                    actor=case.chairman, interpellation=case.request, body=f"News {n}"
                )

    # when
    few, many = _queries_with_3_and_30(
        client,
        _url("detail", reference=case.request.reference),
        grow,
        # the request, the entries with their files, the people, the request's files, the
        # networks addressed, the people and the networks the Chairman can pass it on to
        LOGGED_IN + 8,
        django_assert_max_num_queries,
    )
    # then
    assert many == few
