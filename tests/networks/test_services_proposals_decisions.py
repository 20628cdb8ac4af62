"""The moves of a network's workflow: who makes each, from which states, the decisions of
the secretariat and the board, who hears about them, and dissolution."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils.timezone import localdate

from befus.core.errors import DomainError, InvalidTransition
from befus.core.models import AuditEvent, Notification
from befus.networks import selectors, services
from befus.networks.choices import (
    OPEN_MEMBERSHIP_STATES,
    TRANSITIONS,
    DecisionBody,
    MemberRole,
    MembershipStatus,
    NetworkStatus,
)
from befus.networks.models import (
    Network,
)
from tests.accounts.factories import UserFactory
from tests.networks.factories import (
    NetworkMembershipFactory,
)
from tests.networks.helpers import _network, _notified, _verbs

DECIDED_ON = dt.date(2025, 6, 2)

# verb -> the service call, given the actor, the network and the body that decides
CALLS: dict[str, Callable[[Any, Network, str], Network]] = {
    "resubmit": lambda actor, network, body: services.resubmit_network(
        actor=actor, network=network
    ),
    "start_review": lambda actor, network, body: services.start_review(
        actor=actor, network=network
    ),
    "request_changes": lambda actor, network, body: services.request_changes(
        actor=actor, network=network, comment="Name the cities you expect."
    ),
    "forward_to_board": lambda actor, network, body: services.forward_to_board(
        actor=actor, network=network
    ),
    "recognise": lambda actor, network, body: services.recognise_network(
        actor=actor,
        network=network,
        body=body,
        decision_date=DECIDED_ON,
        motivation="The project meets the charter.",
    ),
    "reject": lambda actor, network, body: services.reject_network(
        actor=actor,
        network=network,
        body=body,
        decision_date=DECIDED_ON,
        motivation="The project duplicates an existing network.",
    ),
    "suspend": lambda actor, network, body: services.suspend_network(
        actor=actor, network=network, reason="No sign of life for a year."
    ),
    "reinstate": lambda actor, network, body: services.reinstate_network(
        actor=actor, network=network, reason="It met again."
    ),
    "dissolve": lambda actor, network, body: services.dissolve_network(
        actor=actor, network=network, reason="The members ended it."
    ),
}
# Who may make each move (the people of the role fixtures, and the proposal's proposer).
REVIEWERS = {"secretary"}
DECIDERS = {"secretary", "board_member", "chairman"}
ALLOWED_ACTORS = {
    "resubmit": {"proposer"},
    "start_review": REVIEWERS,
    "request_changes": REVIEWERS,
    "forward_to_board": REVIEWERS,
    "recognise": DECIDERS,
    "reject": DECIDERS,
    "suspend": DECIDERS,
    "reinstate": DECIDERS,
    "dissolve": DECIDERS,
}
ACTOR_ROLES = ["visitor", "professional", "mayor", "board_member", "chairman", "secretary"]


# The moves of TRANSITIONS


def test_every_move_of_the_workflow_has_a_service() -> None:
    assert set(CALLS) == set(TRANSITIONS) == set(ALLOWED_ACTORS)


@pytest.mark.parametrize(
    ("verb", "status"),
    [(verb, state) for verb, (starts, _) in TRANSITIONS.items() for state in starts],
)
def test_a_move_leads_from_each_allowed_state_to_its_target(
    request: pytest.FixtureRequest, proposer: Any, verb: str, status: str
) -> None:
    # given
    network = _network(proposer, status)
    actor = request.getfixturevalue("proposer" if verb == "resubmit" else "secretary")
    # when
    moved = CALLS[verb](actor, network, DecisionBody.SECRETARIAT)
    # then
    network.refresh_from_db()
    assert moved.status == network.status == TRANSITIONS[verb][1]
    event = AuditEvent.objects.get(verb=f"networks.network.{verb}")
    assert event.data["status"] == TRANSITIONS[verb][1]
    assert event.actor == actor


@pytest.mark.parametrize(
    ("verb", "status"),
    [
        pytest.param(verb, state, id=f"{verb}-from-{state}")
        for verb, (starts, _) in TRANSITIONS.items()
        for state in NetworkStatus.values
        if state not in starts
    ],
)
def test_a_move_is_refused_from_every_other_state(
    request: pytest.FixtureRequest, proposer: Any, verb: str, status: str
) -> None:
    # given
    network = _network(proposer, status)
    actor = request.getfixturevalue("proposer" if verb == "resubmit" else "secretary")
    # when / then
    with pytest.raises(InvalidTransition, match="This network is now “"):
        CALLS[verb](actor, network, DecisionBody.SECRETARIAT)
    network.refresh_from_db()
    assert network.status == status
    assert AuditEvent.objects.filter(verb=f"networks.network.{verb}").exists() is False


@pytest.mark.parametrize("role", [*ACTOR_ROLES, "proposer"])
@pytest.mark.parametrize("verb", TRANSITIONS)
def test_each_move_is_made_only_by_those_it_belongs_to(
    request: pytest.FixtureRequest, proposer: Any, verb: str, role: str
) -> None:
    # given a network in the first state the move starts from
    start = TRANSITIONS[verb][0][0]
    network = _network(proposer, start)
    body = DecisionBody.SECRETARIAT if role == "secretary" else DecisionBody.BOARD
    actor = request.getfixturevalue(role)
    # when
    if role in ALLOWED_ACTORS[verb]:
        CALLS[verb](actor, network, body)
    else:
        with pytest.raises(PermissionDenied):
            CALLS[verb](actor, network, body)
    # then
    network.refresh_from_db()
    moved = network.status == TRANSITIONS[verb][1] and (
        verb != "forward_to_board" or network.forwarded_to_board_at is not None
    )
    assert moved is (role in ALLOWED_ACTORS[verb])


# Decisions


def test_a_recognition_records_who_decided_when_and_why(secretary: Any, proposer: Any) -> None:
    # given
    network = _network(proposer, NetworkStatus.UNDER_REVIEW)
    # when
    services.recognise_network(
        actor=secretary,
        network=network,
        body=DecisionBody.SECRETARIAT,
        decision_date=DECIDED_ON,
        motivation="The project meets the charter.",
        reference="SEC/2025/14",
    )
    # then
    network.refresh_from_db()
    assert network.decision_body == DecisionBody.SECRETARIAT
    assert network.decided_by == secretary
    assert network.decided_at is not None
    assert network.decision_date == DECIDED_ON
    assert network.decision_reference == "SEC/2025/14"
    assert network.decision_motivation == "The project meets the charter."
    assert AuditEvent.objects.get(verb="networks.network.recognise").data == {
        "status": NetworkStatus.RECOGNISED,
        "body": DecisionBody.SECRETARIAT,
        "date": "2025-06-02",
        "reference": "SEC/2025/14",
        "motivation": "The project meets the charter.",
    }


def test_the_secretariat_records_a_decision_of_the_board(secretary: Any, proposer: Any) -> None:
    # given
    network = _network(proposer, NetworkStatus.UNDER_REVIEW)
    # when
    services.recognise_network(
        actor=secretary,
        network=network,
        body=DecisionBody.BOARD,
        decision_date=DECIDED_ON,
        motivation="Board meeting of 2 June.",
    )
    # then
    network.refresh_from_db()
    assert (network.status, network.decision_body) == (NetworkStatus.RECOGNISED, "board")


@pytest.mark.parametrize("role", ["board_member", "chairman"])
def test_a_board_member_cannot_record_a_decision_by_the_secretariat(
    request: pytest.FixtureRequest, proposer: Any, role: str
) -> None:
    # given
    network = _network(proposer, NetworkStatus.UNDER_REVIEW)
    # when / then
    with pytest.raises(DomainError, match="Only the secretariat records its own decisions"):
        CALLS["recognise"](request.getfixturevalue(role), network, DecisionBody.SECRETARIAT)
    network.refresh_from_db()
    assert network.status == NetworkStatus.UNDER_REVIEW


@pytest.mark.parametrize("verb", ["recognise", "reject"])
@pytest.mark.parametrize("motivation", ["", "  \n "])
def test_a_decision_without_motivation_is_refused(
    secretary: Any, proposer: Any, verb: str, motivation: str
) -> None:
    # given
    network = _network(proposer, NetworkStatus.UNDER_REVIEW)
    decide = services.recognise_network if verb == "recognise" else services.reject_network
    # when / then
    with pytest.raises(DomainError, match="A decision is motivated: give the reason") as refusal:
        decide(
            actor=secretary,
            network=network,
            body=DecisionBody.SECRETARIAT,
            decision_date=DECIDED_ON,
            motivation=motivation,
        )
    assert refusal.value.field == "motivation"
    network.refresh_from_db()
    assert network.status == NetworkStatus.UNDER_REVIEW


def test_a_decision_cannot_be_dated_in_the_future(secretary: Any, proposer: Any) -> None:
    # given
    network = _network(proposer, NetworkStatus.UNDER_REVIEW)
    # when / then
    with pytest.raises(DomainError, match="A decision cannot be dated in the future"):
        services.recognise_network(
            actor=secretary,
            network=network,
            body=DecisionBody.SECRETARIAT,
            decision_date=localdate() + dt.timedelta(days=1),
            motivation="Meets the charter.",
        )
    network.refresh_from_db()
    assert network.status == NetworkStatus.UNDER_REVIEW


def test_a_decision_taken_today_is_accepted(secretary: Any, proposer: Any) -> None:
    # given
    network = _network(proposer, NetworkStatus.UNDER_REVIEW)
    # when
    services.reject_network(
        actor=secretary,
        network=network,
        body=DecisionBody.SECRETARIAT,
        decision_date=localdate(),
        motivation="Duplicates another network.",
    )
    # then
    network.refresh_from_db()
    assert (network.status, network.decision_date) == (NetworkStatus.REJECTED, localdate())


def test_a_decision_names_a_known_body(secretary: Any, proposer: Any) -> None:
    # given
    network = _network(proposer, NetworkStatus.UNDER_REVIEW)
    # when / then
    with pytest.raises(DomainError, match="Say which body decided"):
        CALLS["recognise"](secretary, network, "general_assembly")


def test_a_second_decision_on_a_stale_network_is_refused_and_the_first_stands(
    secretary: Any, board_member: Any, proposer: Any
) -> None:
    # given the board member opened the page before the secretariat decided
    network = _network(proposer, NetworkStatus.UNDER_REVIEW)
    stale = Network.objects.get(pk=network.pk)
    CALLS["recognise"](secretary, network, DecisionBody.SECRETARIAT)
    # when
    with pytest.raises(InvalidTransition, match="This network is now “Recognised”"):
        CALLS["reject"](board_member, stale, DecisionBody.BOARD)
    # then
    network.refresh_from_db()
    assert network.status == NetworkStatus.RECOGNISED
    assert (network.decided_by, network.decision_body) == (secretary, DecisionBody.SECRETARIAT)
    assert network.decision_motivation == "The project meets the charter."
    assert _verbs() == ["networks.network.recognise"]
    assert Notification.objects.filter(kind="networks.decision").count() == 1


@pytest.mark.parametrize("verb", ["suspend", "reinstate", "dissolve"])
def test_a_change_of_status_needs_a_reason(secretary: Any, proposer: Any, verb: str) -> None:
    # given
    start = TRANSITIONS[verb][0][0]
    network = _network(proposer, start)
    change = getattr(services, f"{verb}_network")
    # when / then
    with pytest.raises(DomainError, match="Give the reason"):
        change(actor=secretary, network=network, reason=" ")
    network.refresh_from_db()
    assert network.status == start


def test_a_change_request_needs_a_comment(secretary: Any, proposer: Any) -> None:
    # given
    network = _network(proposer, NetworkStatus.UNDER_REVIEW)
    # when / then
    with pytest.raises(DomainError, match="Say what should change"):
        services.request_changes(actor=secretary, network=network, comment="  ")
    network.refresh_from_db()
    assert network.status == NetworkStatus.UNDER_REVIEW


def test_forwarding_to_the_board_dates_it_and_tells_the_board(
    secretary: Any, board_member: Any, chairman: Any, proposer: Any
) -> None:
    # given
    network = _network(proposer, NetworkStatus.UNDER_REVIEW)
    # when
    services.forward_to_board(actor=secretary, network=network)
    # then
    network.refresh_from_db()
    assert network.forwarded_to_board_at is not None
    assert network.status == NetworkStatus.UNDER_REVIEW
    assert _notified("networks.forwarded") == {"board@example.org", "chair@example.org"}


def test_a_proposal_is_forwarded_to_the_board_once(
    secretary: Any, board_member: Any, proposer: Any
) -> None:
    # given two secretaries forward the same proposal at once
    network = _network(proposer, NetworkStatus.UNDER_REVIEW)
    stale = Network.objects.get(pk=network.pk)
    services.forward_to_board(actor=secretary, network=network)
    # when / then
    with pytest.raises(InvalidTransition):
        services.forward_to_board(actor=secretary, network=stale)
    assert Notification.objects.filter(kind="networks.forwarded").count() == 1


# Who hears about each move

CONCERNED = {"karim@example.org", "co@example.org"}
MOVE_NOTIFICATIONS: dict[str, tuple[str, set[str]]] = {
    "resubmit": ("networks.proposal", {"secretary@example.org"}),
    "start_review": ("", set()),
    "request_changes": ("networks.changes_requested", CONCERNED),
    "forward_to_board": ("networks.forwarded", {"board@example.org"}),
    "recognise": ("networks.decision", CONCERNED),
    "reject": ("networks.decision", CONCERNED),
    "suspend": ("networks.decision", CONCERNED),
    "reinstate": ("networks.decision", CONCERNED),
    "dissolve": ("networks.decision", CONCERNED),
}


@pytest.mark.parametrize("verb", TRANSITIONS)
def test_each_move_tells_the_people_concerned(
    request: pytest.FixtureRequest,
    secretary: Any,
    board_member: Any,
    proposer: Any,
    member_city: Any,
    verb: str,
) -> None:
    # given Karim proposed the network, and a second referent takes part in it
    network = _network(proposer, TRANSITIONS[verb][0][0])
    co = UserFactory(email="co@example.org", profile__organisation=member_city)
    NetworkMembershipFactory(
        network=network, person=co, role=MemberRole.REGIONAL_REFERENT, active=True
    )
    actor = proposer if verb == "resubmit" else secretary
    kind, people = MOVE_NOTIFICATIONS[verb]
    # when
    CALLS[verb](actor, network, DecisionBody.SECRETARIAT)
    # then
    assert set(Notification.objects.values_list("recipient__email", flat=True)) == people
    assert set(Notification.objects.values_list("kind", flat=True)) == ({kind} if kind else set())


def test_a_decision_is_e_mailed_to_each_person_in_their_language(
    secretary: Any,
    proposer: Any,
    member_city: Any,
    django_capture_on_commit_callbacks: Any,
    mailoutbox: list[Any],
) -> None:
    # given Karim reads in French, his co-referent in Dutch
    network = _network(proposer, NetworkStatus.UNDER_REVIEW)
    co = UserFactory(email="co@example.org", profile__organisation=member_city)
    NetworkMembershipFactory(
        network=network, person=co, role=MemberRole.REGIONAL_REFERENT, active=True
    )
    # when
    with django_capture_on_commit_callbacks(execute=True):
        CALLS["recognise"](secretary, network, DecisionBody.SECRETARIAT)
    # then
    subjects = {mail.to[0]: mail.subject for mail in mailoutbox}
    assert subjects == {
        "karim@example.org": "[BeFUS] Décision concernant «\xa0Nightlife\xa0»\xa0: Reconnu.",
        "co@example.org": "[BeFUS] Beslissing over “Nightlife”: Erkend.",
    }
    french = next(mail for mail in mailoutbox if mail.to == ["karim@example.org"])
    assert french.body.startswith("Bonjour Karim Benali,")
    assert f"http://127.0.0.1:8000/fr/networks/{network.slug}/" in french.body


def test_notifications_are_e_mailed_only_after_the_decision_commits(
    secretary: Any, proposer: Any, django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    # given
    network = _network(proposer, NetworkStatus.UNDER_REVIEW)
    # when the transaction has not committed yet
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        CALLS["recognise"](secretary, network, DecisionBody.SECRETARIAT)
    # then
    assert mailoutbox == []
    assert len(callbacks) == 1


def test_a_rejected_proposal_no_longer_asks_the_mayor_for_consent(
    secretary: Any, proposer: Any, mayor: Any
) -> None:
    # given
    network = _network(proposer, NetworkStatus.UNDER_REVIEW)
    # when
    CALLS["reject"](secretary, network, DecisionBody.SECRETARIAT)
    # then
    assert selectors.memberships_for_mayor(mayor) == {"awaiting": [], "active": []}
    assert network.memberships.filter(status__in=OPEN_MEMBERSHIP_STATES).exists() is False


# Dissolution


def test_dissolving_ends_the_open_memberships_and_keeps_their_history(
    secretary: Any, network: Network, referent: Any, professional: Any
) -> None:
    # given one active member, one request awaiting the mayor, one refused, one who left
    active = NetworkMembershipFactory(network=network, active=True)
    awaiting = NetworkMembershipFactory(network=network, person=professional)
    refused = NetworkMembershipFactory(network=network, status=MembershipStatus.REFUSED)
    left_on = dt.datetime(2025, 5, 1, tzinfo=dt.UTC)
    left = NetworkMembershipFactory(network=network, status=MembershipStatus.LEFT, ended_at=left_on)
    # when
    services.dissolve_network(actor=secretary, network=network, reason="The members ended it.")
    # then
    assert network.memberships.count() == 5
    for membership in (network.memberships.get(person=referent), active, awaiting):
        membership.refresh_from_db()
        assert membership.status == MembershipStatus.LEFT
        assert membership.ended_at is not None
        assert membership.decision_reason == "The members ended it."
    refused.refresh_from_db()
    left.refresh_from_db()
    assert (refused.status, refused.ended_at) == (MembershipStatus.REFUSED, None)
    assert (left.status, left.ended_at) == (MembershipStatus.LEFT, left_on)
    assert AuditEvent.objects.get(verb="networks.network.dissolve").data == {
        "status": NetworkStatus.DISSOLVED,
        "reason": "The members ended it.",
    }
