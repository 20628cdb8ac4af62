"""The pages of the professional networks: who may open them, the journey of a proposal, bad input
and what the lists cost."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.timezone import localdate
from django.utils.translation import gettext

from befus.networks.choices import DecisionBody, MemberRole, MembershipStatus, NetworkStatus
from befus.networks.models import CityMandate, Commission, Meeting, Network
from befus.networks.urls import urlpatterns
from tests.accounts.factories import UserFactory
from tests.networks.conftest import NETWORK_ROLES
from tests.networks.factories import (
    CityMandateFactory,
    NetworkFactory,
    NetworkMembershipFactory,
)

LOGIN = "login"  # a redirect to the login page, and back afterwards
PDF = b"%PDF-1.4\n% minutes of the meeting\n"


def _url(name: str, language: str = "en", **kwargs: Any) -> str:
    with translation.override(language):
        return reverse(f"networks:{name}", kwargs=kwargs or None)


def _url_login(language: str = "en") -> str:
    with translation.override(language):
        return reverse("account_login")


def _messages(response: Any) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def world(
    network: Network,
    other_network: Network,
    professional: Any,
    member_city: Any,
    settings: Any,
    tmp_path_factory: pytest.TempPathFactory,
) -> SimpleNamespace:
    """Nightlife (recognised, led by ``referent``), a proposal of ``professional``, a request to
    join awaiting the mayor of Ghent, a membership flagged for review, and two meetings."""
    settings.MEDIA_ROOT = tmp_path_factory.getbasetemp() / "media"
    proposal = NetworkFactory(slug="proposal", name_en="Street art", proposed_by=professional)
    NetworkMembershipFactory(network=proposal, person=professional, role=MemberRole.LOCAL_REFERENT)
    applicant = UserFactory(email="applicant@example.org", profile__organisation=member_city)
    referent_membership = network.memberships.get()
    return SimpleNamespace(
        network=network,
        proposal=proposal,
        referent_membership=referent_membership,
        request=NetworkMembershipFactory(network=network, person=applicant),
        flagged=NetworkMembershipFactory(network=other_network, active=True, needs_review=True),
        shared=Meeting.objects.create(
            network=network,
            date=dt.date(2025, 5, 6),
            agenda="Noise at night",
            recorded_by=referent_membership.person,
            shared_with_secretariat=True,
            attachment=SimpleUploadedFile("minutes.pdf", PDF),
        ),
        inside=Meeting.objects.create(
            network=network,
            date=dt.date(2025, 6, 3),
            agenda="Alcohol",
            recorded_by=referent_membership.person,
        ),
        commission=Commission.objects.create(
            network=network,
            title="Nuisance around night shops",
            description="What works against it?",
            requested_by=referent_membership.person,
        ),
    )


def _only(allowed: set[str], ok: int | str = 200, other: int = 403) -> dict[str, int | str]:
    """Every role gets ``other`` but the anonymous visitor (login) and the ``allowed`` (``ok``)."""
    return {
        role: LOGIN if role == "anonymous" else ok if role in allowed else other
        for role in NETWORK_ROLES
    }


def _status(status: str) -> Callable[[Any], bool]:
    return lambda row: type(row).objects.get(pk=row.pk).status == status


@dataclass(frozen=True)
class Page:
    """A URL of the app, the answer each role gets and, for a POST, the change it makes."""

    url: Callable[[SimpleNamespace], str]
    expected: dict[str, int | str]
    method: str = "get"
    data: dict[str, str] = field(default_factory=dict)
    changed: Callable[[SimpleNamespace], bool] | None = None


EVERYONE = dict.fromkeys(NETWORK_ROLES, 200)
MANAGERS = {"board_member", "chairman", "secretary"}
JOINERS = {"professional", "referent", "other_referent"}
PAGES: dict[str, Page] = {
    "network-list": Page(lambda w: _url("network-list"), EVERYONE),
    "network-detail": Page(lambda w: _url("network-detail", slug="nightlife"), EVERYONE),
    "network-detail:proposal": Page(
        lambda w: _url("network-detail", slug="proposal"),
        # The mayor of the proposer's city decides on the proposer's membership, so reads it too.
        {
            role: 200 if role in MANAGERS | {"professional", "mayor"} else 404
            for role in NETWORK_ROLES
        },
    ),
    "network-propose": Page(lambda w: _url("network-propose"), _only(JOINERS)),
    "review-queue": Page(lambda w: _url("review-queue"), _only(MANAGERS)),
    "consents": Page(lambda w: _url("consents"), _only({"mayor", "other_mayor"})),
    "reports": Page(lambda w: _url("reports"), _only({"secretary"})),
    "general-assembly": Page(lambda w: _url("general-assembly"), _only(MANAGERS)),
    "general-assembly-network": Page(
        lambda w: _url("general-assembly-network", slug="nightlife"), _only(MANAGERS)
    ),
    "representation-register": Page(
        lambda w: _url("representation-register"),
        _only(set(NETWORK_ROLES) - {"anonymous", "visitor"}),
    ),
    "representation-create": Page(
        lambda w: _url("representation-create", slug="nightlife"),
        _only(MANAGERS | {"referent"}),
    ),
    "statement-create": Page(
        lambda w: _url("statement-create", slug="nightlife"), _only({"referent"})
    ),
    "commission-create": Page(
        lambda w: _url("commission-create", slug="nightlife"), _only(MANAGERS)
    ),
    "commission-detail": Page(
        lambda w: _url("commission-detail", pk=w.commission.pk),
        _only(MANAGERS | {"referent"}, other=404),
    ),
    "network-edit": Page(
        lambda w: _url("network-edit", slug="proposal"),
        {
            role: LOGIN
            if role == "anonymous"
            else 200
            if role == "professional"
            else 403
            if role in MANAGERS | {"mayor"}
            else 404
            for role in NETWORK_ROLES
        },
    ),
    "mandate-create": Page(
        lambda w: _url("mandate-create", slug="nightlife"),
        _only({"mayor", "other_mayor", "secretary"}),
    ),
    "report-create": Page(lambda w: _url("report-create", slug="nightlife"), _only({"referent"})),
    "meeting-create": Page(lambda w: _url("meeting-create", slug="nightlife"), _only({"referent"})),
    "meeting-detail": Page(
        lambda w: _url("meeting-detail", pk=w.shared.pk),
        _only({"referent", "secretary"}, other=404),
    ),
    "meeting-attachment": Page(
        lambda w: _url("meeting-attachment", pk=w.shared.pk),
        _only({"referent", "secretary"}, other=404),
    ),
    "meeting-share": Page(
        lambda w: _url("meeting-share", pk=w.inside.pk),
        _only({"referent"}, ok=302, other=404),
        method="post",
        changed=lambda w: Meeting.objects.get(pk=w.inside.pk).shared_with_secretariat,
    ),
    "consent-action": Page(
        lambda w: _url("consent-action", pk=w.request.pk, action="consent"),
        _only({"mayor"}, ok=302),
        method="post",
        changed=lambda w: _status(MembershipStatus.ACTIVE)(w.request),
    ),
    "membership-leave": Page(
        lambda w: _url("membership-leave", pk=w.referent_membership.pk),
        _only({"referent"}, ok=302),
        method="post",
        changed=lambda w: _status(MembershipStatus.LEFT)(w.referent_membership),
    ),
    "membership-review": Page(
        lambda w: _url("membership-review", pk=w.flagged.pk),
        _only({"secretary"}, ok=302),
        method="post",
        data={"decision": "end"},
        changed=lambda w: _status(MembershipStatus.LEFT)(w.flagged),
    ),
    "network-action:join": Page(
        lambda w: _url("network-action", slug="nightlife", action="join"),
        _only(JOINERS, ok=302),
        method="post",
        data={"role": MemberRole.MEMBER, "motivation": ""},
        changed=lambda w: w.network.memberships.count() > 2,
    ),
    "network-action:start_review": Page(
        lambda w: _url("network-action", slug="proposal", action="start_review"),
        {
            role: LOGIN
            if role == "anonymous"
            else 302
            if role == "secretary"
            else 403
            if role in MANAGERS | {"professional", "mayor"}
            else 404
            for role in NETWORK_ROLES
        },
        method="post",
        changed=lambda w: _status(NetworkStatus.UNDER_REVIEW)(w.proposal),
    ),
}
# The POSTs that change something for the roles allowed (the referent's join is a conflict).
CHANGED_FOR: dict[str, set[str]] = {
    "meeting-share": {"referent"},
    "consent-action": {"mayor"},
    "membership-leave": {"referent"},
    "membership-review": {"secretary"},
    "network-action:join": {"professional", "other_referent"},
    "network-action:start_review": {"secretary"},
}


def test_the_matrix_covers_every_url_of_the_app() -> None:
    names = {pattern.name for pattern in urlpatterns}
    assert {name.split(":")[0] for name in PAGES} == names
    assert {name for name, page in PAGES.items() if page.changed} == set(CHANGED_FOR)


@pytest.mark.parametrize("role", NETWORK_ROLES)
@pytest.mark.parametrize("name", PAGES)
def test_each_page_answers_each_role_as_its_rule_says(
    login: Callable[[str], Any], world: SimpleNamespace, name: str, role: str
) -> None:
    # given
    page = PAGES[name]
    client = login(role)
    url = page.url(world)
    # when
    response = getattr(client, page.method)(url, page.data)
    # then
    expected = page.expected[role]
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"] == f"{_url_login()}?next={url}"
    else:
        assert response.status_code == expected
    if expected == 403:
        assert "403.html" in [template.name for template in response.templates]
    if page.changed is not None:
        assert page.changed(world) is (role in CHANGED_FOR[name])
    response.close()


@pytest.mark.parametrize("name", [name for name, page in PAGES.items() if page.method == "post"])
def test_the_actions_take_no_get(
    login: Callable[[str], Any], world: SimpleNamespace, name: str
) -> None:
    # given
    client = login("secretary")
    # when
    response = client.get(PAGES[name].url(world))
    # then
    assert response.status_code == 405


def test_the_attachment_is_the_pdf_of_the_minutes(
    login: Callable[[str], Any], world: SimpleNamespace
) -> None:
    # given
    client = login("referent")
    # when
    response = client.get(_url("meeting-attachment", pk=world.shared.pk))
    # then
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    response.close()


def test_the_edit_page_does_not_open_once_the_network_is_recognised(
    login: Callable[[str], Any], network: Network
) -> None:
    # given the referent proposed Nightlife, which is recognised
    client = login("referent")
    # when
    response = client.get(_url("network-edit", slug="nightlife"))
    # then
    assert response.status_code in {302, 403}


# The journey of a proposal


def _post(client: Any, url: str, data: dict[str, Any] | None = None) -> Any:
    response = client.post(url, data or {})
    assert response.status_code == 302, _messages(response)
    return response


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_a_proposal_goes_from_submission_to_recognition_through_the_pages(
    client: Any,
    professional: Any,
    secretary: Any,
    board_member: Any,
    language: str,
) -> None:
    # given the secretary and the board member have their second factor
    for person in (secretary, board_member):
        Authenticator.objects.create(user=person, type=Authenticator.Type.TOTP, data={})
    proposal = {
        "original_language": language,
        f"name_{language}": "Nightlife",
        f"purpose_{language}": "Share what works at night.",
        "scope": "local",
        "region": "flanders",
        "themes": "Noise",
        "referent_role": MemberRole.LOCAL_REFERENT,
        "accept_charter": "on",
    }

    def url(name: str, **kwargs: Any) -> str:
        return _url(name, language, **kwargs)

    def action(verb: str) -> str:
        return url("network-action", slug="nightlife", action=verb)

    # when the professional proposes the network
    client.force_login(professional)
    response = _post(client, url("network-propose"), proposal)
    network = Network.objects.get()
    # then
    assert response["Location"] == url("network-detail", slug="nightlife")
    with translation.override(language):
        assert _messages(response) == [gettext("Your proposal has been sent to the secretariat.")]
    assert network.status == NetworkStatus.PROPOSED
    # when the secretary finds it in the queue and asks for changes
    client.force_login(secretary)
    queue = client.get(url("review-queue"))
    assert list(queue.context["networks"]) == [network]
    assert f'<html lang="{language}">' in queue.content.decode()
    _post(client, action("request_changes"), {"comment": "Name the cities."})
    network.refresh_from_db()
    assert network.status == NetworkStatus.CHANGES_REQUESTED
    # when the professional edits the proposal and sends it back
    client.force_login(professional)
    assert client.get(url("network-edit", slug="nightlife")).status_code == 200
    del proposal["referent_role"], proposal["accept_charter"]
    proposal["expected_cities"] = "Ghent, Antwerp"
    _post(client, url("network-edit", slug="nightlife"), proposal)
    _post(client, action("resubmit"))
    network.refresh_from_db()
    assert (network.status, network.expected_cities) == (NetworkStatus.PROPOSED, "Ghent, Antwerp")
    # when the secretary reviews it and forwards it to the Board
    client.force_login(secretary)
    _post(client, action("start_review"))
    _post(client, action("forward_to_board"))
    # then the board member finds it and recognises it
    client.force_login(board_member)
    assert list(client.get(url("review-queue")).context["networks"]) == [network]
    response = _post(
        client,
        action("recognise"),
        {
            "body": DecisionBody.BOARD,
            "decision_date": localdate().isoformat(),
            "motivation": "Board meeting.",
        },
    )
    with translation.override(language):
        assert _messages(response) == [gettext("The network is recognised.")]
    network.refresh_from_db()
    assert network.status == NetworkStatus.RECOGNISED
    assert (network.decision_body, network.decided_by) == (DecisionBody.BOARD, board_member)
    assert network.forwarded_to_board_at is not None
    client.logout()
    assert client.get(url("network-detail", slug="nightlife")).status_code == 200


def test_the_pages_speak_the_language_of_their_address(client: Any, network: Network) -> None:
    # when
    response = client.get(_url("network-list", "fr"))
    # then
    assert '<html lang="fr">' in response.content.decode()
    assert "Vie nocturne" in response.content.decode()


# The mayor's page


def test_the_mayors_page_lists_the_pending_and_active_memberships_of_their_staff_only(
    login: Callable[[str], Any],
    network: Network,
    other_network: Network,
    referent: Any,
    professional: Any,
    other_referent: Any,
) -> None:
    # given Ghent's professional awaits the mayor, Ghent's referent is active, Antwerp's staff
    # awaits its own mayor
    waiting = NetworkMembershipFactory(network=other_network, person=professional)
    NetworkMembershipFactory(network=network, person=other_referent)
    client = login("mayor")
    # when
    response = client.get(_url("consents"))
    # then
    memberships = response.context["memberships"]
    assert memberships["awaiting"] == [waiting]
    assert [m.person for m in memberships["active"]] == [referent]
    content = response.content.decode()
    assert professional.get_full_name() in content
    assert referent.get_full_name() in content
    assert other_referent.get_full_name() not in content


def test_the_mayor_consents_from_their_page(
    login: Callable[[str], Any], network: Network, professional: Any
) -> None:
    # given
    waiting = NetworkMembershipFactory(network=network, person=professional)
    client = login("mayor")
    # when
    response = client.post(_url("consent-action", pk=waiting.pk, action="consent"))
    # then
    assert response["Location"] == _url("consents")
    assert _messages(response) == ["You consented: the membership is active."]
    waiting.refresh_from_db()
    assert waiting.status == MembershipStatus.ACTIVE


def test_a_second_consent_from_the_page_is_a_message_not_an_error(
    login: Callable[[str], Any], network: Network, referent: Any
) -> None:
    # given the referent's membership is already active
    membership = network.memberships.get(person=referent)
    client = login("mayor")
    # when
    response = client.post(_url("consent-action", pk=membership.pk, action="consent"))
    # then
    assert response.status_code == 302
    assert _messages(response) == [
        "This membership is now “Active”: someone may have decided before you."
    ]


def test_a_refusal_without_reason_changes_nothing(
    login: Callable[[str], Any], network: Network, professional: Any
) -> None:
    # given
    waiting = NetworkMembershipFactory(network=network, person=professional)
    client = login("mayor")
    # when
    response = client.post(_url("consent-action", pk=waiting.pk, action="refuse"), {"reason": ""})
    # then
    assert _messages(response) == ["Give the reason."]
    waiting.refresh_from_db()
    assert waiting.status == MembershipStatus.AWAITING_MAYOR


def test_an_unknown_consent_action_is_not_found(
    login: Callable[[str], Any], network: Network, professional: Any
) -> None:
    # given
    waiting = NetworkMembershipFactory(network=network, person=professional)
    client = login("mayor")
    # when
    response = client.post(_url("consent-action", pk=waiting.pk, action="approve"))
    # then
    assert response.status_code == 404


# Bad input


def test_a_proposal_without_the_charter_accepted_is_shown_again_with_the_reason(
    login: Callable[[str], Any], professional: Any
) -> None:
    # given
    client = login("professional")
    # when
    response = client.post(
        _url("network-propose"),
        {
            "original_language": "en",
            "name_en": "Nightlife",
            "purpose_en": "Share what works.",
            "scope": "local",
            "referent_role": MemberRole.LOCAL_REFERENT,
        },
    )
    # then
    assert response.status_code == 400  # the form again, with the reason
    assert response.context["form"].errors == {"accept_charter": ["This field is required."]}
    assert Network.objects.exists() is False


@pytest.fixture
def under_review(professional: Any) -> Network:
    network = NetworkFactory(
        slug="under-review", status=NetworkStatus.UNDER_REVIEW, proposed_by=professional
    )
    NetworkMembershipFactory(network=network, person=professional, role=MemberRole.LOCAL_REFERENT)
    return network


def test_a_decision_without_motivation_changes_nothing(
    login: Callable[[str], Any], under_review: Network
) -> None:
    # given
    client = login("secretary")
    # when
    response = client.post(
        _url("network-action", slug="under-review", action="recognise"),
        {"body": DecisionBody.SECRETARIAT, "decision_date": localdate().isoformat()},
    )
    # then
    assert response["Location"] == _url("network-detail", slug="under-review")
    [message] = get_messages(response.wsgi_request)
    assert message.level_tag == "error"
    under_review.refresh_from_db()
    assert under_review.status == NetworkStatus.UNDER_REVIEW
    assert under_review.decision_motivation == ""


def test_a_decision_without_motivation_says_the_motivation_is_missing(
    login: Callable[[str], Any], under_review: Network
) -> None:
    # given
    client = login("secretary")
    # when
    response = client.post(
        _url("network-action", slug="under-review", action="recognise"),
        {"body": DecisionBody.SECRETARIAT, "decision_date": localdate().isoformat()},
    )
    # then
    [message] = _messages(response)
    assert "motivat" in message.lower()


def test_a_decision_dated_in_the_future_is_refused_with_the_reason(
    login: Callable[[str], Any], under_review: Network
) -> None:
    # given
    client = login("secretary")
    # when
    response = client.post(
        _url("network-action", slug="under-review", action="reject"),
        {
            "body": DecisionBody.SECRETARIAT,
            "decision_date": (localdate() + dt.timedelta(days=2)).isoformat(),
            "motivation": "Not yet.",
        },
    )
    # then
    assert _messages(response) == ["A decision cannot be dated in the future."]
    under_review.refresh_from_db()
    assert under_review.status == NetworkStatus.UNDER_REVIEW


def test_an_unknown_action_is_not_found(login: Callable[[str], Any], network: Network) -> None:
    # given
    client = login("secretary")
    # when
    response = client.post(_url("network-action", slug="nightlife", action="delete"))
    # then
    assert response.status_code == 404


def test_asking_to_join_twice_is_a_message(
    login: Callable[[str], Any], network: Network, referent: Any
) -> None:
    # given
    client = login("referent")
    # when
    response = client.post(
        _url("network-action", slug="nightlife", action="join"), {"role": MemberRole.MEMBER}
    )
    # then
    assert _messages(response) == ["You are already a member of this network, or have asked to be."]
    assert network.memberships.count() == 1


def _mandate_form(organisation: Any, **fields: Any) -> dict[str, Any]:
    values = {
        "organisation": organisation.pk,
        "scope": "Nightlife nuisance in the centre.",
        "start": "2025-06-01",
        "end": "",
    }
    values.update(fields)
    return values


def test_the_mayor_records_a_mandate_with_its_signed_pdf(
    login: Callable[[str], Any], network: Network, member_city: Any, settings: Any, tmp_path: Any
) -> None:
    # given
    settings.MEDIA_ROOT = tmp_path
    client = login("mayor")
    # when
    response = client.post(
        _url("mandate-create", slug="nightlife"),
        _mandate_form(member_city, document=SimpleUploadedFile("signed.pdf", PDF)),
    )
    # then
    assert response["Location"] == _url("network-detail", slug="nightlife")
    mandate = CityMandate.objects.get()
    assert (mandate.organisation, mandate.start) == (member_city, dt.date(2025, 6, 1))
    assert mandate.document.read() == PDF
    mandate.document.close()


def test_the_mayor_chooses_only_their_own_city(
    login: Callable[[str], Any], network: Network, member_city: Any, other_city: Any
) -> None:
    # given
    client = login("mayor")
    # when
    response = client.post(_url("mandate-create", slug="nightlife"), _mandate_form(other_city))
    # then
    assert response.status_code == 400
    assert list(response.context["form"].fields["organisation"].queryset) == [member_city]
    assert CityMandate.objects.exists() is False


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"end": "2025-05-31"}, "end", "The end date cannot be before the start date."),
        (
            {"document": SimpleUploadedFile("x.pdf", b"not a pdf")},
            "document",
            "The file is not a PDF document.",
        ),
        (
            {"document": SimpleUploadedFile("x.docx", PDF)},
            "document",
            "The file is not a PDF document.",
        ),
    ],
    ids=["end-before-start", "not-a-pdf", "not-named-pdf"],
)
def test_a_mandate_with_bad_dates_or_file_is_refused_with_the_reason(
    login: Callable[[str], Any],
    network: Network,
    member_city: Any,
    fields: dict[str, Any],
    field: str,
    message: str,
) -> None:
    # given
    client = login("secretary")
    # when
    response = client.post(
        _url("mandate-create", slug="nightlife"), _mandate_form(member_city, **fields)
    )
    # then
    assert response.status_code == 400
    assert response.context["form"].errors == {field: [message]}
    assert message in response.content.decode()
    assert CityMandate.objects.exists() is False


# What the pages cost

# What any page costs a logged-in secretary: the session, the user, three role queries, the
# second-factor check, the model backend's two permission queries, the unread notifications,
# and whether they are the Chairman's delegate for requests (asked of people with a seat only).
LOGGED_IN = 10


def _queries_with_5_and_50(
    client: Any, url: str, grow: Callable[[int], None], budget: int, assert_max: Any
) -> tuple[int, int]:
    grow(5)
    client.get(url)  # once before counting: the session and the content types are loaded once
    with assert_max(budget) as few:
        response = client.get(url)
    assert response.status_code == 200
    grow(45)
    with assert_max(budget) as many:
        response = client.get(url)
    assert response.status_code == 200
    return len(few), len(many)


def _add_networks(count: int) -> None:
    for _ in range(count):
        network = NetworkFactory(recognised=True)
        NetworkMembershipFactory(network=network, active=True)
        CityMandateFactory(network=network)


def test_the_network_list_costs_the_same_with_5_or_50_networks(
    client: Any, db: None, django_assert_max_num_queries: Any
) -> None:
    # when
    few, many = _queries_with_5_and_50(
        client, _url("network-list"), _add_networks, 3, django_assert_max_num_queries
    )
    # then
    assert many == few


def test_the_network_list_of_the_secretariat_costs_the_same_with_5_or_50_networks(
    login: Callable[[str], Any], db: None, django_assert_max_num_queries: Any
) -> None:
    # given
    client = login("secretary")
    # when
    few, many = _queries_with_5_and_50(
        client, _url("network-list"), _add_networks, LOGGED_IN + 3, django_assert_max_num_queries
    )
    # then
    assert many == few


def _add_members_and_mandates(network: Network) -> Callable[[int], None]:
    def grow(count: int) -> None:
        for n in range(count):
            person = UserFactory(profile__in_directory=n % 2 == 0)
            NetworkMembershipFactory(network=network, person=person, active=True)
            CityMandateFactory(network=network)

    return grow


def test_a_network_page_costs_the_same_with_5_or_50_members_and_mandates(
    client: Any, network: Network, django_assert_max_num_queries: Any
) -> None:
    # when
    few, many = _queries_with_5_and_50(
        client,
        _url("network-detail", slug="nightlife"),
        _add_members_and_mandates(network),
        6,  # with the themes of the tree
        django_assert_max_num_queries,
    )
    # then
    assert many == few


def test_a_network_page_of_the_secretariat_costs_the_same_with_5_or_50_members_and_mandates(
    login: Callable[[str], Any], network: Network, django_assert_max_num_queries: Any
) -> None:
    # given
    client = login("secretary")
    # when
    few, many = _queries_with_5_and_50(
        client,
        _url("network-detail", slug="nightlife"),
        _add_members_and_mandates(network),
        LOGGED_IN + 17,  # with the upcoming meetings and the themes
        django_assert_max_num_queries,
    )
    # then
    assert many == few
