"""The writes on professional networks: proposals, decisions, memberships, city mandates."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils.timezone import localdate

from befus.core.errors import Conflict, DomainError, InvalidTransition
from befus.core.models import AuditEvent, Notification
from befus.networks import selectors, services
from befus.networks.choices import (
    OPEN_MEMBERSHIP_STATES,
    TRANSITIONS,
    DecisionBody,
    MemberRole,
    MembershipStatus,
    NetworkStatus,
    Scope,
)
from befus.networks.models import (
    Charter,
    CityMandate,
    Network,
    NetworkMembership,
)
from befus.networks.selectors import current_charter, get_network_for_user, networks_for_directory
from tests.accounts.factories import UserFactory
from tests.members.factories import ContactFactory, MembershipFactory, OrganisationFactory
from tests.networks.factories import (
    NetworkFactory,
    NetworkMembershipFactory,
)

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
OPEN_FOR_EDIT = (NetworkStatus.PROPOSED, NetworkStatus.CHANGES_REQUESTED)


def _network(proposer: Any, status: str, **fields: Any) -> Network:
    """A network in ``status`` whose proposer is its local referent, awaiting the mayor."""
    network = NetworkFactory(status=status, proposed_by=proposer, name_en="Nightlife", **fields)
    NetworkMembershipFactory(network=network, person=proposer, role=MemberRole.LOCAL_REFERENT)
    return network


def _propose(
    actor: Any, *, accept: bool = True, charter: Charter | None = None, **fields: Any
) -> Network:
    values: dict[str, Any] = {
        "original_language": "nl",
        "name_nl": "Nachtleven",
        "purpose_nl": "Samen werken aan het nachtleven.",
        "scope": Scope.LOCAL,
    }
    values.update(fields)
    return services.propose_network(
        actor=actor,
        referent_role=values.pop("referent_role", MemberRole.LOCAL_REFERENT),
        charter=charter or current_charter(),
        accept_charter=accept,
        **values,
    )


def _notified(kind: str) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient__email", flat=True))


def _verbs() -> list[str]:
    return list(AuditEvent.objects.order_by("id").values_list("verb", flat=True))


@pytest.fixture
def proposer(member_city: Any) -> Any:
    """Karim, a street worker of Ghent who proposes networks; he reads in French."""
    return UserFactory(
        email="karim@example.org",
        first_name="Karim",
        last_name="Benali",
        profile__organisation=member_city,
        profile__preferred_language="fr",
    )


@pytest.fixture
def co_referent(network: Network, member_city: Any) -> Any:
    """A second, active referent of ``network`` who reads in Dutch."""
    person = UserFactory(email="co@example.org", profile__organisation=member_city)
    NetworkMembershipFactory(
        network=network, person=person, role=MemberRole.REGIONAL_REFERENT, active=True
    )
    return person


@pytest.fixture
def request_to_join(network: Network, professional: Any) -> NetworkMembership:
    """The professional of Ghent asks to join ``network``; their mayor has to consent."""
    return NetworkMembershipFactory(network=network, person=professional)


# propose_network


def test_a_member_professional_proposes_a_network_and_becomes_its_referent(
    professional: Any, member_city: Any
) -> None:
    # when
    network = _propose(professional, referent_role=MemberRole.REGIONAL_REFERENT)
    # then
    assert network.status == NetworkStatus.PROPOSED
    assert network.proposed_by == professional
    assert network.slug == "nachtleven"
    [membership] = network.memberships.all()
    assert membership.person == professional
    assert membership.organisation == member_city
    assert membership.role == MemberRole.REGIONAL_REFERENT


def test_a_proposal_records_the_accepted_charter_and_its_version(professional: Any) -> None:
    # given a second version of the charter
    current_charter()
    second = Charter.objects.create(version=2, text="Versie 2", published_on=dt.date(2027, 1, 1))
    # when
    network = _propose(professional, charter=second)
    # then
    assert network.charter == second
    assert network.charter_accepted_by == professional
    assert network.charter_accepted_at is not None
    event = AuditEvent.objects.get(verb="networks.network.propose")
    assert event.data == {"charter_version": 2, "scope": Scope.LOCAL}
    assert event.actor == professional
    assert event.target_id == str(network.pk)


def test_the_proposers_own_membership_awaits_the_mayor(professional: Any, mayor: Any) -> None:
    # when
    network = _propose(professional)
    # then
    assert network.memberships.get().status == MembershipStatus.AWAITING_MAYOR
    assert _notified("networks.consent_requested") == {"mayor@example.org"}


def test_a_proposal_is_announced_to_the_secretariat_only(
    professional: Any, secretary: Any, board_member: Any
) -> None:
    # when
    network = _propose(professional)
    # then
    assert _notified("networks.proposal") == {"secretary@example.org"}
    notification = Notification.objects.get(kind="networks.proposal")
    assert notification.params == {"network": "Nachtleven"}
    assert notification.url == f"/en/networks/{network.slug}/"


def test_a_proposal_without_accepting_the_charter_is_refused(professional: Any) -> None:
    # when
    with pytest.raises(DomainError, match="accept it to submit") as refusal:
        _propose(professional, accept=False)
    # then
    assert refusal.value.field == "accept_charter"
    assert Network.objects.exists() is False
    assert AuditEvent.objects.exists() is False


def test_a_proposal_needs_a_kind_of_referent(professional: Any) -> None:
    # when / then
    with pytest.raises(DomainError, match="Choose the kind of referent"):
        _propose(professional, referent_role=MemberRole.MEMBER)
    assert Network.objects.exists() is False


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name_nl": ""}, "Give the network a name."),
        ({"purpose_nl": ""}, "Describe the network's purpose."),
    ],
)
def test_a_proposal_needs_a_name_and_a_purpose(
    professional: Any, fields: dict[str, str], message: str
) -> None:
    # when / then
    with pytest.raises(DomainError, match=message):
        _propose(professional, **fields)
    assert Network.objects.exists() is False


def test_a_proposal_in_french_names_the_network_in_every_language(professional: Any) -> None:
    # when
    network = _propose(
        professional,
        original_language="fr",
        name_nl="",
        name_fr="Vie nocturne",
        purpose_nl="",
        purpose_fr="Travailler ensemble.",
    )
    # then
    assert (network.name_nl, network.name_fr, network.name_en) == ("Vie nocturne",) * 3
    assert network.slug == "vie-nocturne"


def test_two_proposals_with_the_same_name_get_different_addresses(professional: Any) -> None:
    # when
    first, second = _propose(professional), _propose(professional)
    # then
    assert (first.slug, second.slug) == ("nachtleven", "nachtleven-2")


def test_a_proposal_with_a_field_outside_the_project_is_a_programming_error(
    professional: Any,
) -> None:
    # when / then
    with pytest.raises(TypeError, match="unknown network fields: \\['status'\\]"):
        _propose(professional, status=NetworkStatus.RECOGNISED)


def test_a_proposal_whose_city_has_no_mayor_asks_the_secretariat_for_consent(
    professional: Any, secretary: Any
) -> None:
    # when
    _propose(professional)
    # then
    assert _notified("networks.consent_requested") == {"secretary@example.org"}


def test_a_professional_of_a_non_member_is_told_their_employer_is_not_a_member(
    db: None,
) -> None:
    # given
    outsider = UserFactory(profile__organisation=OrganisationFactory(name_en="Bruges"))
    # when / then
    with pytest.raises(DomainError, match="Bruges is not a member of the Forum today"):
        _propose(outsider)
    assert Network.objects.exists() is False


@pytest.mark.parametrize("role", ["visitor", "mayor", "secretary", "board_member"])
def test_a_person_without_an_employer_is_asked_to_name_it(
    request: pytest.FixtureRequest, role: str
) -> None:
    # given
    actor = request.getfixturevalue(role)
    # when / then
    with pytest.raises(DomainError, match="Name your employer in your profile first"):
        _propose(actor)
    assert Network.objects.exists() is False


# update_proposal


@pytest.mark.parametrize("status", OPEN_FOR_EDIT)
def test_the_proposer_changes_an_open_proposal(proposer: Any, status: str) -> None:
    # given
    network = _network(proposer, status)
    # when
    services.update_proposal(
        actor=proposer, network=network, purpose_en="Share what works at night.", themes="Noise"
    )
    # then
    network.refresh_from_db()
    assert network.purpose_en == "Share what works at night."
    assert network.themes == "Noise"
    event = AuditEvent.objects.get(verb="networks.network.update")
    assert event.data == {"fields": ["purpose_en", "themes"]}


@pytest.mark.parametrize("status", [s for s in NetworkStatus.values if s not in OPEN_FOR_EDIT])
def test_a_proposal_cannot_be_changed_once_it_is_out_of_the_proposers_hands(
    proposer: Any, status: str
) -> None:
    # given
    network = _network(proposer, status)
    # when / then
    with pytest.raises(InvalidTransition, match="This network is now “"):
        services.update_proposal(actor=proposer, network=network, themes="Noise")
    network.refresh_from_db()
    assert network.themes == ""


@pytest.mark.parametrize("role", ["professional", "secretary", "board_member"])
def test_only_the_proposer_or_a_referent_changes_a_proposal(
    request: pytest.FixtureRequest, proposer: Any, role: str
) -> None:
    # given
    network = _network(proposer, NetworkStatus.PROPOSED)
    # when / then
    with pytest.raises(PermissionDenied):
        services.update_proposal(
            actor=request.getfixturevalue(role), network=network, themes="Noise"
        )


def test_a_proposal_cannot_lose_its_name(proposer: Any) -> None:
    # given
    network = _network(proposer, NetworkStatus.PROPOSED)
    # when / then
    with pytest.raises(DomainError, match="Give the network a name"):
        services.update_proposal(
            actor=proposer, network=network, name_nl="", name_fr="", name_en=""
        )
    network.refresh_from_db()
    assert network.name_en == "Nightlife"


def test_a_proposal_cannot_change_its_own_status(proposer: Any) -> None:
    # given
    network = _network(proposer, NetworkStatus.PROPOSED)
    # when / then
    with pytest.raises(TypeError, match="unknown network fields"):
        services.update_proposal(actor=proposer, network=network, status="recognised")
    network.refresh_from_db()
    assert network.status == NetworkStatus.PROPOSED


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


# request_membership


def test_a_member_professional_asks_to_join_a_recognised_network(
    network: Network, professional: Any, member_city: Any
) -> None:
    # when
    membership = services.request_membership(
        actor=professional, network=network, motivation="I work nights."
    )
    # then
    assert membership.status == MembershipStatus.AWAITING_MAYOR
    assert membership.organisation == member_city
    assert membership.role == MemberRole.MEMBER
    assert membership.motivation == "I work nights."
    event = AuditEvent.objects.get(verb="networks.membership.request")
    assert (event.actor, event.target_id) == (professional, str(network.pk))


@pytest.mark.parametrize(
    "status", [s for s in NetworkStatus.values if s != NetworkStatus.RECOGNISED]
)
def test_only_a_recognised_network_can_be_joined(
    professional: Any, proposer: Any, status: str
) -> None:
    # given
    network = _network(proposer, status)
    # when / then
    with pytest.raises(PermissionDenied):
        services.request_membership(actor=professional, network=network)
    assert network.memberships.filter(person=professional).exists() is False


@pytest.mark.parametrize("role", ["visitor", "mayor", "secretary", "board_member"])
def test_only_member_professionals_join_networks(
    request: pytest.FixtureRequest, network: Network, role: str
) -> None:
    # given
    actor = request.getfixturevalue(role)
    # when / then
    with pytest.raises(PermissionDenied):
        services.request_membership(actor=actor, network=network)
    assert network.memberships.filter(person=actor).exists() is False


def test_a_professional_of_a_city_that_left_the_forum_cannot_join(network: Network) -> None:
    # given
    former = OrganisationFactory()
    MembershipFactory(organisation=former, start=dt.date(2000, 1, 1), end=dt.date(2020, 12, 31))
    worker = UserFactory(profile__organisation=former)
    # when / then
    with pytest.raises(PermissionDenied):
        services.request_membership(actor=worker, network=network)


@pytest.mark.parametrize("first", [MembershipStatus.AWAITING_MAYOR, MembershipStatus.ACTIVE])
def test_a_second_open_request_to_join_is_a_conflict(
    network: Network, professional: Any, first: str
) -> None:
    # given
    NetworkMembershipFactory(network=network, person=professional, status=first)
    # when / then
    with pytest.raises(Conflict, match="You are already a member of this network"):
        services.request_membership(actor=professional, network=network)
    assert network.memberships.filter(person=professional).count() == 1
    assert AuditEvent.objects.filter(verb="networks.membership.request").exists() is False


@pytest.mark.parametrize("before", [MembershipStatus.LEFT, MembershipStatus.REFUSED])
def test_someone_who_left_or_was_refused_may_ask_again(
    network: Network, professional: Any, before: str
) -> None:
    # given
    NetworkMembershipFactory(network=network, person=professional, status=before)
    # when
    services.request_membership(actor=professional, network=network)
    # then
    assert network.memberships.filter(person=professional).count() == 2


def test_a_request_to_join_goes_to_the_mayor_and_the_mayors_delegate_of_the_employer(
    network: Network, professional: Any, mayor: Any, mayor_delegate: Any, other_mayor: Any
) -> None:
    # when
    services.request_membership(actor=professional, network=network)
    # then
    assert _notified("networks.consent_requested") == {
        "mayor@example.org",
        "delegate@example.org",
    }
    notification = Notification.objects.filter(kind="networks.consent_requested").first()
    assert notification is not None
    assert notification.params == {"person": str(professional), "network": "Nightlife"}
    assert notification.url == "/en/networks/consents/"


def test_a_request_to_join_is_e_mailed_to_each_mayor_in_their_language(
    network: Network,
    professional: Any,
    mayor: Any,
    mayor_delegate: Any,
    django_capture_on_commit_callbacks: Any,
    mailoutbox: list[Any],
) -> None:
    # given the mayor reads in French, the delegate in Dutch
    mayor.profile.preferred_language = "fr"
    mayor.profile.save()
    # when
    with django_capture_on_commit_callbacks(execute=True):
        services.request_membership(actor=professional, network=network)
    # then
    subjects = {mail.to[0]: mail.subject for mail in mailoutbox}
    assert set(subjects) == {"mayor@example.org", "delegate@example.org"}
    assert "demande à rejoindre le réseau «\xa0Nightlife\xa0»" in subjects["mayor@example.org"]
    assert "vraagt om toe te treden tot het netwerk “Nightlife”" in subjects["delegate@example.org"]


# consent, refuse, withdraw, leave


@pytest.mark.parametrize("role", ["mayor", "mayor_delegate"])
def test_the_mayor_or_delegate_of_the_employer_consents(
    request: pytest.FixtureRequest, request_to_join: NetworkMembership, role: str
) -> None:
    # given
    actor = request.getfixturevalue(role)
    # when
    services.consent_membership(actor=actor, membership=request_to_join)
    # then
    request_to_join.refresh_from_db()
    assert request_to_join.status == MembershipStatus.ACTIVE
    assert request_to_join.decided_by == actor
    assert request_to_join.decided_at is not None
    assert request_to_join.ended_at is None
    assert AuditEvent.objects.get(verb="networks.membership.consent").data == {
        "person_id": request_to_join.person_id,
        "status": MembershipStatus.ACTIVE,
        "reason": "",
    }


def test_a_consent_tells_the_member_and_the_networks_other_referents(
    request_to_join: NetworkMembership, mayor: Any, co_referent: Any
) -> None:
    # when
    services.consent_membership(actor=mayor, membership=request_to_join)
    # then
    assert _notified("networks.membership_decided") == {"pro@example.org"}
    assert _notified("networks.member_joined") == {"referent@example.org", "co@example.org"}
    notification = Notification.objects.get(kind="networks.membership_decided")
    assert notification.params["status"] == MembershipStatus.ACTIVE
    assert str(notification) == "Your membership of “Nightlife”: Active."


@pytest.mark.parametrize("role", ["other_mayor", "secretary", "board_member", "professional"])
def test_no_one_but_the_employers_mayor_consents(
    request: pytest.FixtureRequest, request_to_join: NetworkMembership, role: str
) -> None:
    # when / then
    with pytest.raises(PermissionDenied):
        services.consent_membership(actor=request.getfixturevalue(role), membership=request_to_join)
    request_to_join.refresh_from_db()
    assert request_to_join.status == MembershipStatus.AWAITING_MAYOR


def test_a_mayor_who_left_office_no_longer_consents(
    request_to_join: NetworkMembership, member_city: Any
) -> None:
    # given
    former = UserFactory()
    ContactFactory(
        organisation=member_city, person=former, start=dt.date(2018, 1, 1), end=dt.date(2024, 12, 1)
    )
    # when / then
    with pytest.raises(PermissionDenied):
        services.consent_membership(actor=former, membership=request_to_join)


def test_a_second_consent_is_refused_cleanly(
    request_to_join: NetworkMembership, mayor: Any, mayor_delegate: Any
) -> None:
    # given the mayor and the delegate open the request at the same time
    stale = NetworkMembership.objects.get(pk=request_to_join.pk)
    services.consent_membership(actor=mayor, membership=request_to_join)
    # when / then
    with pytest.raises(InvalidTransition, match="This membership is now “Active”"):
        services.consent_membership(actor=mayor_delegate, membership=stale)
    request_to_join.refresh_from_db()
    assert request_to_join.decided_by == mayor
    assert AuditEvent.objects.filter(verb="networks.membership.consent").count() == 1
    assert Notification.objects.filter(kind="networks.membership_decided").count() == 1


def test_a_refusal_after_a_consent_is_refused_cleanly(
    request_to_join: NetworkMembership, mayor: Any, mayor_delegate: Any
) -> None:
    # given
    stale = NetworkMembership.objects.get(pk=request_to_join.pk)
    services.consent_membership(actor=mayor, membership=request_to_join)
    # when / then
    with pytest.raises(InvalidTransition, match="This membership is now “Active”"):
        services.refuse_membership(actor=mayor_delegate, membership=stale, reason="No time.")
    request_to_join.refresh_from_db()
    assert request_to_join.status == MembershipStatus.ACTIVE


@pytest.mark.parametrize("verb", ["refuse", "withdraw", "leave"])
def test_a_second_refusal_withdrawal_or_departure_is_refused_cleanly(
    request_to_join: NetworkMembership, mayor: Any, professional: Any, verb: str
) -> None:
    # given the first refusal, withdrawal or departure went through
    if verb == "withdraw":
        services.consent_membership(actor=mayor, membership=request_to_join)
    actions: dict[str, Callable[[], Any]] = {
        "refuse": lambda: services.refuse_membership(
            actor=mayor, membership=request_to_join, reason="No time."
        ),
        "withdraw": lambda: services.withdraw_consent(
            actor=mayor, membership=request_to_join, reason="No time."
        ),
        "leave": lambda: services.leave_network(actor=professional, membership=request_to_join),
    }
    actions[verb]()
    # when / then
    with pytest.raises(InvalidTransition, match="This membership is now “"):
        actions[verb]()
    assert AuditEvent.objects.filter(verb=f"networks.membership.{verb}").count() == 1


def test_the_mayor_refuses_with_a_reason(request_to_join: NetworkMembership, mayor: Any) -> None:
    # when
    services.refuse_membership(actor=mayor, membership=request_to_join, reason="Not our policy.")
    # then
    request_to_join.refresh_from_db()
    assert request_to_join.status == MembershipStatus.REFUSED
    assert request_to_join.decision_reason == "Not our policy."
    assert request_to_join.decided_by == mayor
    assert _notified("networks.membership_decided") == {"pro@example.org"}


@pytest.mark.parametrize("verb", ["refuse", "withdraw"])
def test_a_refusal_or_withdrawal_needs_a_reason(
    request_to_join: NetworkMembership, mayor: Any, verb: str
) -> None:
    # given
    decide = services.refuse_membership if verb == "refuse" else services.withdraw_consent
    # when / then
    with pytest.raises(DomainError, match="Give the reason for the"):
        decide(actor=mayor, membership=request_to_join, reason="")
    request_to_join.refresh_from_db()
    assert request_to_join.status == MembershipStatus.AWAITING_MAYOR


def test_withdrawing_consent_ends_the_membership_and_keeps_the_row(
    request_to_join: NetworkMembership, mayor: Any
) -> None:
    # given
    services.consent_membership(actor=mayor, membership=request_to_join)
    # when
    services.withdraw_consent(actor=mayor, membership=request_to_join, reason="New priorities.")
    # then
    request_to_join.refresh_from_db()
    assert request_to_join.status == MembershipStatus.WITHDRAWN
    assert request_to_join.ended_at is not None
    assert request_to_join.decision_reason == "New priorities."
    assert request_to_join.decided_by == mayor
    assert NetworkMembership.objects.filter(pk=request_to_join.pk).exists() is True
    assert _verbs()[-1] == "networks.membership.withdraw"


def test_a_consent_not_given_cannot_be_withdrawn(
    request_to_join: NetworkMembership, mayor: Any
) -> None:
    # when / then
    with pytest.raises(InvalidTransition, match="This membership is now “Awaiting the mayor”"):
        services.withdraw_consent(actor=mayor, membership=request_to_join, reason="No.")


@pytest.mark.parametrize("status", [MembershipStatus.AWAITING_MAYOR, MembershipStatus.ACTIVE])
def test_a_member_leaves_a_network_or_withdraws_their_request(
    network: Network, professional: Any, status: str
) -> None:
    # given
    membership = NetworkMembershipFactory(network=network, person=professional, status=status)
    # when
    services.leave_network(actor=professional, membership=membership)
    # then
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.LEFT
    assert membership.ended_at is not None
    assert _notified("networks.member_joined") == {"referent@example.org"}
    assert _notified("networks.membership_decided") == set()


@pytest.mark.parametrize("role", ["referent", "mayor", "secretary"])
def test_no_one_else_makes_a_member_leave(
    request: pytest.FixtureRequest, request_to_join: NetworkMembership, role: str
) -> None:
    # when / then
    with pytest.raises(PermissionDenied):
        services.leave_network(actor=request.getfixturevalue(role), membership=request_to_join)
    request_to_join.refresh_from_db()
    assert request_to_join.status == MembershipStatus.AWAITING_MAYOR


# record_city_mandate


def _mandate(actor: Any, network: Network, organisation: Any, **dates: Any) -> CityMandate:
    return services.record_city_mandate(
        actor=actor,
        network=network,
        organisation=organisation,
        scope="Work on nightlife nuisance.",
        start=dates.get("start", dt.date(2025, 1, 1)),
        end=dates.get("end"),
    )


@pytest.mark.parametrize("role", ["mayor", "mayor_delegate"])
def test_the_mayor_records_a_mandate_of_their_own_city(
    request: pytest.FixtureRequest, network: Network, member_city: Any, role: str
) -> None:
    # given
    actor = request.getfixturevalue(role)
    # when
    mandate = _mandate(actor, network, member_city, end=dt.date(2026, 12, 31))
    # then
    assert (mandate.network, mandate.organisation, mandate.recorded_by) == (
        network,
        member_city,
        actor,
    )
    assert AuditEvent.objects.get(verb="networks.mandate.record").data == {
        "organisation_id": member_city.pk,
        "start": "2025-01-01",
        "end": "2026-12-31",
    }


def test_a_mayor_cannot_record_a_mandate_of_another_city(
    network: Network, mayor: Any, other_city: Any
) -> None:
    # when / then
    with pytest.raises(PermissionDenied):
        _mandate(mayor, network, other_city)
    assert CityMandate.objects.exists() is False


@pytest.mark.parametrize("city", ["member_city", "other_city"])
def test_the_secretariat_records_a_mandate_of_any_member_city(
    request: pytest.FixtureRequest, network: Network, secretary: Any, city: str
) -> None:
    # when
    mandate = _mandate(secretary, network, request.getfixturevalue(city))
    # then
    assert mandate.end is None
    assert mandate.recorded_by == secretary


@pytest.mark.parametrize("role", ["professional", "referent", "board_member", "chairman"])
def test_no_one_else_records_a_mandate(
    request: pytest.FixtureRequest, network: Network, member_city: Any, role: str
) -> None:
    # when / then
    with pytest.raises(PermissionDenied):
        _mandate(request.getfixturevalue(role), network, member_city)
    assert CityMandate.objects.exists() is False


def test_a_mandate_of_a_city_that_is_not_a_member_is_refused(
    network: Network, secretary: Any
) -> None:
    # given
    bruges = OrganisationFactory(name_nl="Brugge", name_en="Bruges")
    # when / then
    with pytest.raises(DomainError, match="Bruges is not a member of the Forum on that date"):
        _mandate(secretary, network, bruges)
    assert CityMandate.objects.exists() is False


def test_a_mandate_that_ends_before_it_starts_is_refused(
    network: Network, secretary: Any, member_city: Any
) -> None:
    # when / then
    with pytest.raises(
        DomainError, match="The end date cannot be before the start date"
    ) as refusal:
        _mandate(
            secretary, network, member_city, start=dt.date(2025, 6, 1), end=dt.date(2025, 5, 31)
        )
    assert refusal.value.field == "end"
    assert CityMandate.objects.exists() is False


def test_a_mandate_recorded_after_the_city_left_does_not_support_the_network(
    network: Network, visitor: Any, secretary: Any
) -> None:
    # given Bruges was a member until the end of 2024
    bruges = OrganisationFactory(name_en="Bruges")
    MembershipFactory(organisation=bruges, start=dt.date(2010, 1, 1), end=dt.date(2024, 12, 31))
    # when the secretariat records the mandate Bruges signed in 2024, open-ended
    with contextlib.suppress(DomainError):
        _mandate(secretary, network, bruges, start=dt.date(2024, 6, 1))
    # then
    assert networks_for_directory(visitor).get(pk=network.pk).has_mandate is False


@pytest.mark.parametrize(("days", "supported"), [(-1, False), (0, True), (1, True)])
def test_a_mandate_supports_the_network_up_to_its_last_day(
    network: Network, visitor: Any, secretary: Any, member_city: Any, days: int, supported: bool
) -> None:
    # given a mandate ending yesterday, today or tomorrow
    _mandate(secretary, network, member_city, end=localdate() + dt.timedelta(days=days))
    # when
    listed = networks_for_directory(visitor).get(pk=network.pk)
    shown = get_network_for_user(visitor, network.slug)
    # then
    assert listed.has_mandate is supported
    assert shown.has_mandate is supported
