"""Fixtures of the requests tests: a recognised network with a referent, an outsider's request."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from befus.interpellations import services
from befus.interpellations.models import Entry, Interpellation
from befus.networks.choices import MemberRole
from befus.networks.models import Network
from tests.accounts.factories import UserFactory
from tests.interpellations.helpers import _file, _fresh, _reload
from tests.interpellations.pages import _pdf
from tests.networks.conftest import (  # noqa: F401  (fixtures shared with the networks tests)
    _start_in_english,
    login,
)
from tests.networks.factories import NetworkFactory, NetworkMembershipFactory


@pytest.fixture
def network(member_city: Any) -> Network:
    return NetworkFactory(
        recognised=True, name_en="Street workers", name_nl="Straathoekwerkers", slug="street"
    )


@pytest.fixture
def referent(network: Network, member_city: Any) -> Any:
    person = UserFactory(email="referent@example.org", profile__organisation=member_city)
    NetworkMembershipFactory(
        network=network,
        person=person,
        organisation=member_city,
        role=MemberRole.NATIONAL_REFERENT,
        active=True,
    )
    return person


@pytest.fixture
def outsider_request(network: Network, chairman: Any) -> Interpellation:
    return services.submit_request(
        requester=None,
        subject="Nightlife safety",
        message="How do your cities organise street work at night?",
        language="fr",
        networks=[network],
        requester_kind="press",
        name="Claire Journaliste",
        organisation="Le Soir",
        email="claire@example.org",
        consent=True,
    )


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def requester(member_city: Any) -> Any:
    """A professional of Ghent who asks the networks from inside the platform."""
    return UserFactory(
        email="asker@example.org",
        first_name="Pieter",
        last_name="Vrager",
        profile__organisation=member_city,
    )


@pytest.fixture
def asked(requester: Any, network: Network, chairman: Any) -> Interpellation:
    """The requester's request to ``network``, with their plan in PDF (a public file)."""
    return services.submit_request(
        requester=requester,
        subject="Safe routes to school",
        message="Which cities map the routes children walk?",
        language="nl",
        networks=[network],
        files=[_pdf("plan.pdf")],
    )


@pytest.fixture
def forwarded_referent(referent: Any, asked: Interpellation, chairman: Any) -> Any:
    """The referent of ``network``, once the Chairman passed ``asked`` on to the network."""
    services.forward_request(actor=chairman, interpellation=asked, networks=asked.networks.all())
    return referent


@pytest.fixture
def case(
    outsider_request: Interpellation, chairman: Any, referent: Any, network: Network
) -> SimpleNamespace:
    return SimpleNamespace(
        request=outsider_request, chairman=chairman, referent=referent, network=network
    )


@pytest.fixture
def followed(
    outsider_request: Interpellation, chairman: Any, referent: Any, network: Network
) -> Interpellation:
    """The press request, passed on with a note, with an internal note and file, a draft of the
    referent awaiting validation, and one message to the requester."""
    request = outsider_request
    services.forward_request(
        actor=chairman,
        interpellation=request,
        networks=[network],
        note="Ask the street workers of Ghent first.",
    )
    services.add_note(
        actor=chairman,
        interpellation=request,
        body="The journalist called twice.",
        files=[_pdf("call-notes.pdf")],
    )
    services.propose_answer(
        actor=referent, interpellation=request, body="Draft: we always work in pairs."
    )
    services.send_update(
        actor=chairman, interpellation=request, body="In hand: expect an answer next week."
    )
    request.refresh_from_db()
    return request


@pytest.fixture
def delegate(chairman: Any, board_member: Any) -> Any:
    """A board member the Chairman named to route requests from today."""
    services.name_delegate(actor=chairman, person=board_member)
    return _fresh(board_member)


@pytest.fixture
def forwarded(outsider_request: Interpellation, chairman: Any, referent: Any) -> Interpellation:
    """The press request, passed on to the referent of its network."""
    services.forward_request(
        actor=chairman,
        interpellation=outsider_request,
        networks=outsider_request.networks.all(),
        note="Claire writes for Le Soir; answer before Friday.",
    )
    return _reload(outsider_request)


@pytest.fixture
def draft(forwarded: Interpellation, referent: Any) -> Entry:
    """The referent's draft answer, with a file, awaiting the Chairman."""
    return services.propose_answer(
        actor=referent,
        interpellation=forwarded,
        body="Our street workers meet every Friday night.",
        files=[_file("schedule.pdf")],
    )


@pytest.fixture
def answered(forwarded: Interpellation, chairman: Any) -> Interpellation:
    services.answer_request(actor=chairman, interpellation=forwarded, body="Here is the answer.")
    return _reload(forwarded)
