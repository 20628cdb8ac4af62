"""What the platform holds about a person: every app declares it, the export shows all of it, the
erasure follows the declarations, and a model that stores a person without a declaration fails
the suite."""

from __future__ import annotations

import json
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from befus.accounts.selectors import export_personal_data
from befus.accounts.services import erase_user, request_erasure
from befus.core import personal_data
from befus.core.models import Notification
from befus.core.services import notify
from befus.interpellations.models import Interpellation
from befus.interpellations.services import submit_request
from befus.knowledge import services as knowledge
from befus.knowledge.models import Practice, PracticeQuestion
from befus.networks.choices import MemberRole
from befus.networks.models import NetworkMembership
from tests.accounts.totp import activate_totp
from tests.knowledge.conftest import on_commit, publish, share
from tests.networks.factories import NetworkFactory, NetworkMembershipFactory

pytestmark = pytest.mark.usefixtures("tree")


@pytest.fixture
def tree(db: None) -> None:
    from tests.knowledge.conftest import fresh_concepts

    fresh_concepts()
    knowledge.load_topics()


@pytest.fixture
def busy(professional: Any, secretary: Any, member_city: Any) -> dict[str, Any]:
    """A professional of Ghent who did a bit of everything on the platform."""
    network = NetworkFactory(recognised=True)
    NetworkMembershipFactory(
        network=network, person=professional, role=MemberRole.MEMBER, active=True
    )
    own = publish(share(professional, title="Night mediators of Ghent"), by=secretary)
    other = publish(share(secretary, title="Street lighting audit"), by=_colleague(secretary))
    with on_commit():
        knowledge.add_evaluation(
            actor=professional, practice=own, language="en", what_worked="Calm nights."
        )
        knowledge.ask_contact(actor=professional, practice=other, text="How many lamps?")
        knowledge.propose_translation(
            actor=professional,
            practice=other,
            language="nl",
            title="Audit van de straatverlichting",
            summary="Een audit.",
        )
        request = submit_request(
            requester=professional,
            subject="Night buses",
            message="Which cities run them?",
            language="en",
            networks=[network],
        )
    notify(
        recipients=[professional],
        kind="knowledge.practice_status",
        params={"practice": "x", "status": "published"},
    )
    activate_totp(professional)
    return {"network": network, "practice": own, "request": request}


def _colleague(secretary: Any) -> Any:
    from befus.members.choices import BodyKind, SeatRole
    from tests.accounts.factories import UserFactory
    from tests.members.factories import SeatFactory

    body = secretary.seats.get().body
    assert body.kind == BodyKind.SECRETARIAT
    colleague = UserFactory(email="colleague@example.org")
    SeatFactory(body=body, person=colleague, role=SeatRole.OFFICER)
    return colleague


def test_every_field_that_names_a_person_is_declared() -> None:
    # given every model of every installed app
    # then each of its fields pointing to a person is in the export and the erasure
    assert personal_data.undeclared_person_fields() == []


def test_a_model_left_undeclared_fails_the_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """Guard: the check above can fail."""
    holdings = dict(personal_data.HOLDINGS)
    del holdings["networks.NetworkMembership"]
    monkeypatch.setattr(personal_data, "HOLDINGS", holdings)
    assert personal_data.undeclared_person_fields() == [
        "networks.NetworkMembership.person",
        "networks.NetworkMembership.decided_by",
    ]


def test_the_export_holds_what_every_app_holds(professional: Any, busy: dict[str, Any]) -> None:
    # when the professional downloads their data
    data = export_personal_data(professional)
    # then every app's part is there
    assert [m["network"] for m in data["network_memberships"]] == [str(busy["network"])]
    practices = {p["title"]: p["you_are"] for p in data["practices"]}
    assert practices["Night mediators of Ghent"] == ["author", "contact"]
    assert [e["what_worked"] for e in data["evaluations"]] == ["Calm nights."]
    assert [q["text"] for q in data["questions_asked"]] == ["How many lamps?"]
    assert [p["language"] for p in data["translation_proposals"]] == ["nl"]
    assert [r["subject"] for r in data["requests_made"]] == ["Night buses"]
    assert len(data["notifications"]) >= 1
    assert data["second_factors"] == ["totp"]
    assert "knowledge.practice.create" in [a["action"] for a in data["actions"]]
    # and it is JSON all through
    json.dumps(data)


def test_the_export_leaves_out_secrets(professional: Any, busy: dict[str, Any]) -> None:
    text = json.dumps(export_personal_data(professional))
    request = Interpellation.objects.get(pk=busy["request"].pk)
    authenticator = Authenticator.objects.get(user=professional)
    assert request.tracking_key not in text
    assert authenticator.data["secret"] not in text


def test_the_download_is_never_kept_by_a_cache(client: Any, professional: Any) -> None:
    client.force_login(professional)
    response = client.get(reverse("accounts:data-export"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_erasure_follows_each_apps_declaration(
    professional: Any, secretary: Any, busy: dict[str, Any]
) -> None:
    # given the professional asked to be erased
    erasure = request_erasure(actor=professional)
    # when the secretariat carries it out
    erase_user(actor=secretary, erasure=erasure)
    # then correspondence and notifications are gone, the Forum's knowledge stays
    assert PracticeQuestion.objects.exists() is False
    assert Notification.objects.filter(recipient=professional).exists() is False
    assert Authenticator.objects.filter(user=professional).exists() is False
    assert Practice.objects.filter(author=professional).count() == 1
    # and the memberships end, the requests lose their personal data
    membership = NetworkMembership.objects.get(person=professional)
    assert membership.status == "left"
    request = Interpellation.objects.get(pk=busy["request"].pk)
    assert request.erased_at is not None
    # and nothing left names the person
    professional.refresh_from_db()
    text = json.dumps(export_personal_data(professional))
    assert "pro@example.org" not in text
