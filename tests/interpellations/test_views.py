"""The pages of the requests to the networks: who may open them, the public form and its guards,
the private link, each step of a request's page, the inbox, the figures, the delegation, and what
the lists cost."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.timezone import localdate
from django.utils.timezone import now as timezone_now

from befus.interpellations import services
from befus.interpellations.choices import DraftState, EntryKind, RequesterKind, Status
from befus.interpellations.models import (
    Attachment,
    Interpellation,
    RoutingDelegate,
    ValidationDelegation,
)
from befus.interpellations.urls import urlpatterns
from befus.members.choices import BodyKind
from befus.networks.choices import MemberRole
from befus.networks.models import Commission, Network
from befus.networks.services.commissions import request_commission
from tests.accounts.factories import UserFactory
from tests.members.factories import BodyFactory, SeatFactory
from tests.networks.factories import NetworkFactory, NetworkMembershipFactory

LOGIN = "login"  # a redirect to the login page, and back afterwards
PDF = b"%PDF-1.4\n% what the cities do at night\n"
ERASED = "—"


def _url(name: str, language: str = "en", **kwargs: Any) -> str:
    with translation.override(language):
        return reverse(f"interpellations:{name}", kwargs=kwargs or None)


def _url_login(language: str = "en") -> str:
    with translation.override(language):
        return reverse("account_login")


def _messages(response: Any) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _pdf(name: str = "plan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _in_days(days: int) -> str:
    return (localdate() + dt.timedelta(days=days)).isoformat()


def _templates(response: Any) -> list[str]:
    return [template.name for template in response.templates]


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


def _ask(subject: str = "Night buses", **fields: Any) -> Interpellation:
    """An outsider's request, as the public form makes it."""
    values: dict[str, Any] = {
        "requester": None,
        "subject": subject,
        "message": "Which cities run night buses?",
        "language": "en",
        "requester_kind": RequesterKind.CITIZEN,
        "name": "Ann Vos",
        "email": "ann@example.org",
        "consent": True,
    }
    values.update(fields)
    return services.submit_request(**values)


# Who may open what

ROLES = [
    "anonymous",
    "visitor",
    "professional",
    "mayor",
    "board_member",
    "secretary",
    "chairman",
    "referent",
    "forwarded_referent",
    "requester",
]


def _only(
    allowed: set[str], ok: int = 200, other: int = 403, **exceptions: int
) -> dict[str, int | str]:
    """Every role gets ``other`` but the anonymous visitor (login) and the ``allowed`` (``ok``)."""
    expected: dict[str, int | str] = {
        role: LOGIN if role == "anonymous" else ok if role in allowed else other for role in ROLES
    }
    expected.update(exceptions)
    return expected


@dataclass(frozen=True)
class Page:
    """A URL of the app, the answer each role gets and, for a POST, the change it makes."""

    url: Callable[[SimpleNamespace], str]
    expected: dict[str, int | str]
    method: str = "get"
    data: dict[str, str] = field(default_factory=dict)
    changed: Callable[[SimpleNamespace], bool] | None = None


@pytest.fixture
def world(asked: Interpellation, outsider_request: Interpellation) -> SimpleNamespace:
    """The requester's request (with its public file and private link), and an outsider's."""
    return SimpleNamespace(
        request=asked,
        file=asked.attachments.get(),
        token=asked.tracking_token(),
        other=outsider_request,
    )


EVERYONE: dict[str, int | str] = dict.fromkeys(ROLES, 200)
SIGNED_IN = set(ROLES) - {"anonymous"}
ROUTER = {"chairman"}
READERS = {"chairman", "forwarded_referent", "requester"}
WORKERS = {"chairman", "forwarded_referent"}
PAGES: dict[str, Page] = {
    "new": Page(lambda w: _url("new"), EVERYONE),
    # Nothing was sent in this session: every role is sent back to the form.
    "sent": Page(lambda w: _url("sent"), dict.fromkeys(ROLES, 302)),
    "track": Page(lambda w: _url("track", token=w.token), EVERYONE),
    "track-attachment": Page(
        lambda w: _url("track-attachment", token=w.token, pk=w.file.pk), EVERYONE
    ),
    "mine": Page(lambda w: _url("mine"), _only(SIGNED_IN)),
    "inbox": Page(lambda w: _url("inbox"), _only(ROUTER)),
    "statistics": Page(lambda w: _url("statistics"), _only(ROUTER | {"secretary"})),
    "delegation": Page(lambda w: _url("delegation"), _only(ROUTER)),
    "attachment": Page(lambda w: _url("attachment", pk=w.file.pk), _only(READERS, other=404)),
    "detail": Page(
        lambda w: _url("detail", reference=w.request.reference), _only(READERS, other=404)
    ),
    "detail:note": Page(
        lambda w: _url("detail", reference=w.request.reference),
        _only(WORKERS, ok=302, other=404, requester=403),
        method="post",
        data={"action": "note", "body": "Ghent has a map."},
        changed=lambda w: w.request.entries.filter(kind=EntryKind.NOTE).exists(),
    ),
    "erase": Page(lambda w: _url("erase", reference=w.request.reference), _only(ROUTER)),
    "erase:post": Page(
        lambda w: _url("erase", reference=w.request.reference),
        _only(ROUTER, ok=302),
        method="post",
        changed=lambda w: Interpellation.objects.get(pk=w.request.pk).erased_at is not None,
    ),
}
# The POSTs that change something for the roles allowed.
CHANGED_FOR: dict[str, set[str]] = {"detail:note": WORKERS, "erase:post": ROUTER}


def test_the_matrix_covers_every_url_of_the_app() -> None:
    names = {pattern.name for pattern in urlpatterns}
    assert {name.split(":")[0] for name in PAGES} == names
    assert {name for name, page in PAGES.items() if page.changed} == set(CHANGED_FOR)


@pytest.mark.parametrize("role", ROLES)
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
        assert "403.html" in _templates(response)
    if page.changed is not None:
        assert page.changed(world) is (role in CHANGED_FOR[name])
    response.close()


@pytest.mark.parametrize("role", ["secretary", "referent", "board_member", "visitor"])
def test_who_may_not_read_a_request_learns_nothing_of_it(
    login: Callable[[str], Any], world: SimpleNamespace, role: str
) -> None:
    # given a request nobody passed on to the referent yet
    client = login(role)
    # when
    response = client.get(_url("detail", reference=world.request.reference))
    # then nothing of it shows, not even its subject or the requester
    assert response.status_code == 404
    content = response.content.decode()
    for secret in ("Safe routes to school", "asker@example.org", "Vrager"):
        assert secret not in content


def test_the_referent_finds_the_request_in_their_list_only_once_it_is_passed_on(
    login: Callable[[str], Any], asked: Interpellation, referent: Any, chairman: Any
) -> None:
    # given
    client = login("referent")
    assert list(client.get(_url("mine")).context["page"].object_list) == []
    # when the Chairman passes it on to the network
    services.forward_request(actor=chairman, interpellation=asked, networks=asked.networks.all())
    # then
    response = client.get(_url("mine"))
    assert list(response.context["page"].object_list) == [asked]
    content = response.content.decode()
    assert asked.get_absolute_url() in content
    assert "to answer" in content


def test_the_requester_finds_their_own_request_in_their_list(
    login: Callable[[str], Any], asked: Interpellation
) -> None:
    # given
    client = login("requester")
    # when
    response = client.get(_url("mine"))
    # then
    assert list(response.context["page"].object_list) == [asked]
    assert "you asked" in response.content.decode()


def test_the_sent_page_without_a_request_sent_leads_to_the_form(client: Any, db: None) -> None:
    # when
    response = client.get(_url("sent", "fr"))
    # then
    assert response["Location"] == _url("new", "fr")


# The public form


def _public_form(**fields: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": "Claire Dubois",
        "organisation": "Le Soir",
        "email": "claire@example.org",
        "requester_kind": RequesterKind.PRESS,
        "subject": "Night buses and safety",
        "message": "Which cities run night buses, and what changed since?",
        "language": "fr",
        "consent": "on",
        "website": "",
    }
    values.update(fields)
    return values


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_the_public_form_opens_in_each_language(
    client: Any, network: Network, language: str
) -> None:
    # when
    response = client.get(_url("new", language))
    # then
    assert response.status_code == 200
    assert response.wsgi_request.path == f"/{language}/requests/new/"
    assert f'<html lang="{language}">' in response.content.decode()
    assert list(response.context["form"].fields) == [
        "name",
        "organisation",
        "email",
        "requester_kind",
        "networks",
        "subject",
        "message",
        "language",
        "attachments",
        "consent",
        "website",
    ]
    assert response.context["form"].fields["language"].initial == language


def test_the_public_form_in_english_says_what_it_asks(client: Any, network: Network) -> None:
    # when
    response = client.get(_url("new"))
    # then
    content = response.content.decode()
    for text in (
        "Ask the networks",
        "Your name",
        "E-mail address",
        "You ask as",
        "Addressed to",
        "Street workers",
        "We aim to answer within 15 working days.",
        "Send the request",
    ):
        assert text in content


def test_the_form_opened_from_a_network_has_it_ticked(client: Any, network: Network) -> None:
    # when
    response = client.get(_url("new"), {"network": "street"})
    # then
    assert response.context["form"].initial == {"networks": [network]}


def test_an_outsider_sends_a_request_with_a_pdf_and_gets_its_reference_and_private_link(
    client: Any, network: Network, chairman: Any
) -> None:
    # when
    response = client.post(
        _url("new", "fr"), _public_form(networks=[network.pk], attachments=_pdf("questions.pdf"))
    )
    # then
    assert response.status_code == 302
    assert response["Location"] == _url("sent", "fr")
    request = Interpellation.objects.get()
    assert (request.status, request.requester, request.requester_kind) == (
        Status.RECEIVED,
        None,
        RequesterKind.PRESS,
    )
    assert (request.requester_name, request.requester_email, request.language) == (
        "Claire Dubois",
        "claire@example.org",
        "fr",
    )
    assert list(request.networks.all()) == [network]
    [file] = request.attachments.all()
    assert (file.name, file.content_type, file.public) == ("questions.pdf", "application/pdf", True)
    assert file.file.read() == PDF
    file.file.close()
    # and the page it leads to shows the reference and the private link
    sent = client.get(response["Location"])
    assert sent.status_code == 200
    content = sent.content.decode()
    assert '<html lang="fr">' in content
    assert request.reference in content
    assert _url("track", "fr", token=request.tracking_token()) in content


def test_the_sent_page_in_english_names_the_reference(client: Any, network: Network) -> None:
    # given
    client.post(_url("new"), _public_form())
    request = Interpellation.objects.get()
    # when
    response = client.get(_url("sent"))
    # then
    content = response.content.decode()
    assert f"Its reference is <strong>{request.reference}</strong>." in content
    assert "Follow your request" in content


def test_a_request_without_consent_is_shown_again_with_what_was_typed(
    client: Any, network: Network
) -> None:
    # given
    data = _public_form(networks=[network.pk])
    del data["consent"]
    # when
    response = client.post(_url("new"), data)
    # then
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "consent": ["Agree to the handling of your data, or we cannot answer you."]
    }
    content = response.content.decode()
    assert "Night buses and safety" in content
    assert "Which cities run night buses, and what changed since?" in content
    assert "Agree to the handling of your data, or we cannot answer you." in content
    assert Interpellation.objects.exists() is False


def test_a_file_that_only_pretends_to_be_a_pdf_is_refused_by_name(
    client: Any, network: Network
) -> None:
    # given
    fake = SimpleUploadedFile("budget.pdf", b"GIF89a, not a PDF at all")
    # when
    response = client.post(_url("new"), _public_form(attachments=fake))
    # then
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "attachments": ["“budget.pdf” is not really a PDF file."]
    }
    content = response.content.decode()
    assert "“budget.pdf” is not really a PDF file." in content
    assert "Files are not kept when the form shows an error: attach them again." in content
    assert "Night buses and safety" in content
    assert Interpellation.objects.exists() is False
    assert Attachment.objects.exists() is False


def test_a_robot_filling_the_hidden_field_is_thanked_and_nothing_is_kept(
    client: Any, network: Network, chairman: Any, mailoutbox: list[Any]
) -> None:
    # when
    response = client.post(_url("new"), _public_form(website="https://spam.example"))
    # then
    assert response["Location"] == _url("sent")
    assert Interpellation.objects.exists() is False
    assert mailoutbox == []
    sent = client.get(_url("sent"))
    assert sent.status_code == 200
    assert "/requests/track/" not in sent.content.decode()


def test_past_the_limit_per_address_the_form_answers_429_and_keeps_the_text(
    client: Any, network: Network, settings: Any
) -> None:
    # given as many requests from one address as the limit allows, each from another e-mail
    limit = settings.BEFUS_REQUEST_RATE_PER_ADDRESS
    for n in range(limit):
        response = client.post(_url("new"), _public_form(email=f"person{n}@example.org"))
        assert response.status_code == 302
    # when one more comes from the same address
    response = client.post(
        _url("new"), _public_form(email="one-more@example.org", subject="One more question")
    )
    # then
    assert response.status_code == 429
    content = response.content.decode()
    assert "Too many requests were sent from your connection or address" in content
    assert "One more question" in content
    assert "Which cities run night buses, and what changed since?" in content
    assert Interpellation.objects.count() == limit
    # and another address may still ask
    other = client.post(
        _url("new"), _public_form(email="neighbour@example.org"), REMOTE_ADDR="192.0.2.200"
    )
    assert other.status_code == 302


def test_past_the_limit_per_email_the_form_answers_429_whatever_the_address(
    client: Any, network: Network, settings: Any
) -> None:
    # given as many requests from one e-mail address as the limit allows, each from elsewhere
    limit = settings.BEFUS_REQUEST_RATE_PER_EMAIL
    for n in range(limit):
        response = client.post(_url("new"), _public_form(), REMOTE_ADDR=f"192.0.2.{n + 1}")
        assert response.status_code == 302
    # when one more comes with the same address written in capitals, from a new connection
    response = client.post(
        _url("new"),
        _public_form(email="CLAIRE@example.org", message="A last question."),
        REMOTE_ADDR="198.51.100.1",
    )
    # then
    assert response.status_code == 429
    assert "A last question." in response.content.decode()
    assert Interpellation.objects.count() == limit


def test_a_member_asks_without_giving_their_name_or_address_again(
    login: Callable[[str], Any], network: Network, professional: Any
) -> None:
    # given
    client = login("professional")
    form = client.get(_url("new"))
    assert list(form.context["form"].fields) == [
        "networks",
        "subject",
        "message",
        "language",
        "attachments",
    ]
    content = form.content.decode()
    assert 'name="email"' not in content
    assert 'name="name"' not in content
    # when
    response = client.post(
        _url("new"),
        {
            "networks": [network.pk],
            "subject": "Training for street workers",
            "message": "Who trains them?",
            "language": "en",
        },
    )
    # then
    assert response["Location"] == _url("sent")
    request = Interpellation.objects.get()
    assert (request.requester, request.requester_kind) == (professional, RequesterKind.MEMBER)
    assert (request.requester_email, request.requester_name) == (
        "pro@example.org",
        professional.get_full_name(),
    )
    sent = client.get(_url("sent")).content.decode()
    assert request.reference in sent
    assert _url("mine") in sent
    assert "/requests/track/" not in sent


# The private link


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


INTERNAL = (
    "Ask the street workers of Ghent first.",
    "The journalist called twice.",
    "call-notes.pdf",
    "Draft: we always work in pairs.",
    "referent@example.org",
    "chair@example.org",
)


def test_the_private_link_shows_the_request_and_its_news_and_nothing_internal(
    client: Any, followed: Interpellation, referent: Any, chairman: Any
) -> None:
    # when
    response = client.get(_url("track", token=followed.tracking_token()))
    # then
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Robots-Tag"] == "noindex"
    content = response.content.decode()
    assert "Nightlife safety" in content
    assert "How do your cities organise street work at night?" in content
    assert "In progress" in content
    assert "In hand: expect an answer next week." in content
    assert "Street workers" in content
    for secret in (*INTERNAL, referent.get_full_name(), chairman.get_full_name()):
        assert secret not in content


def test_the_private_link_shows_the_answer_with_its_file(
    client: Any, followed: Interpellation, chairman: Any
) -> None:
    # given
    services.answer_request(
        actor=chairman,
        interpellation=followed,
        body="Ghent and Liège work in pairs at night.",
        files=[_pdf("answer.pdf")],
    )
    token = followed.tracking_token()
    file = Attachment.objects.get(name="answer.pdf")
    # when
    response = client.get(_url("track", token=token))
    # then
    content = response.content.decode()
    assert "Answered" in content
    assert "Ghent and Liège work in pairs at night." in content
    assert _url("track-attachment", token=token, pk=file.pk) in content
    assert "Draft: we always work in pairs." not in content


def _revoked(request: Interpellation, chairman: Any) -> str:
    token = request.tracking_token()
    services.revoke_tracking_link(actor=chairman, interpellation=request)
    return token


def _renewed(request: Interpellation, chairman: Any) -> str:
    token = request.tracking_token()
    services.renew_tracking_link(actor=chairman, interpellation=request)
    return token


def _erased(request: Interpellation, chairman: Any) -> str:
    token = request.tracking_token()
    services.erase_personal_data(actor=chairman, interpellation=request)
    return token


BAD_TOKENS: dict[str, Callable[[Interpellation, Any], str]] = {
    "wrong-signature": lambda r, c: f"{r.tracking_key}.{'0' * 32}",
    "key-alone": lambda r, c: str(r.tracking_key),
    "signature-alone": lambda r, c: "." + r.tracking_token().partition(".")[2],
    "garbled": lambda r, c: "this-is-no-link",
    "signature-cut": lambda r, c: r.tracking_token()[:-1],
    "revoked": _revoked,
    "renewed": _renewed,
    "erased": _erased,
}


@pytest.mark.parametrize("kind", BAD_TOKENS)
def test_a_link_that_does_not_work_says_so_and_shows_no_request(
    client: Any, outsider_request: Interpellation, chairman: Any, kind: str
) -> None:
    # given
    token = BAD_TOKENS[kind](outsider_request, chairman)
    # when
    response = client.get(_url("track", token=token))
    # then
    assert response.status_code == 404
    assert "interpellations/track_invalid.html" in _templates(response)
    content = response.content.decode()
    assert "This link does not work" in content
    assert "Nightlife safety" not in content
    assert outsider_request.reference not in content


def test_a_link_with_a_foreign_character_says_it_does_not_work(
    client: Any, outsider_request: Interpellation
) -> None:
    # given a link mangled by a mail program
    token = outsider_request.tracking_token()[:-1] + "é"
    client.raise_request_exception = False
    # when
    response = client.get(_url("track", token=token))
    # then
    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()


def test_the_private_link_serves_the_requesters_own_file(
    client: Any, network: Network, chairman: Any
) -> None:
    # given
    request = _ask(files=[_pdf("questions.pdf")])
    file = request.attachments.get()
    # when
    response = client.get(_url("track-attachment", token=request.tracking_token(), pk=file.pk))
    # then
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert 'filename="questions.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF
    response.close()


def _internal_file(request: Interpellation, other: Interpellation) -> tuple[str, int]:
    file = Attachment.objects.get(interpellation=request, name="call-notes.pdf")
    return request.tracking_token(), file.pk


def _other_requests_file(request: Interpellation, other: Interpellation) -> tuple[str, int]:
    return request.tracking_token(), other.attachments.get().pk


def _file_through_its_revoked_link(
    request: Interpellation, other: Interpellation
) -> tuple[str, int]:
    token = other.tracking_token()
    Interpellation.objects.filter(pk=other.pk).update(tracking_key=None)
    return token, other.attachments.get().pk


FORBIDDEN_FILES: dict[str, Callable[[Interpellation, Interpellation], tuple[str, int]]] = {
    "internal-file": _internal_file,
    "other-requests-file": _other_requests_file,
    "revoked-link": _file_through_its_revoked_link,
}


@pytest.mark.parametrize("kind", FORBIDDEN_FILES)
def test_the_private_link_serves_no_other_file(
    client: Any, followed: Interpellation, kind: str
) -> None:
    # given another request with a public file of its own
    other = _ask(email="other@example.org", files=[_pdf("other.pdf")])
    token, pk = FORBIDDEN_FILES[kind](followed, other)
    # when
    response = client.get(_url("track-attachment", token=token, pk=pk))
    # then
    assert response.status_code == 404


# A request's page: each step


@pytest.fixture
def case(
    outsider_request: Interpellation, chairman: Any, referent: Any, network: Network
) -> SimpleNamespace:
    return SimpleNamespace(
        request=outsider_request, chairman=chairman, referent=referent, network=network
    )


def _forwarded(c: SimpleNamespace) -> None:
    services.forward_request(actor=c.chairman, interpellation=c.request, networks=[c.network])


def _drafted(c: SimpleNamespace) -> None:
    _forwarded(c)
    c.draft = services.propose_answer(
        actor=c.referent, interpellation=c.request, body="We work in pairs."
    )


def _answered(c: SimpleNamespace) -> None:
    services.answer_request(actor=c.chairman, interpellation=c.request, body="In pairs.")


def _answered_after_forward(c: SimpleNamespace) -> None:
    _forwarded(c)
    _answered(c)


def _declined(c: SimpleNamespace) -> None:
    services.decline_request(actor=c.chairman, interpellation=c.request, reason="Out of scope.")


def _closed(c: SimpleNamespace) -> None:
    _answered(c)
    services.close_request(actor=c.chairman, interpellation=c.request)


def _nothing(c: SimpleNamespace) -> None:
    return None


def _entries(request: Interpellation, kind: str) -> list[str]:
    return list(request.entries.filter(kind=kind).values_list("body", flat=True))


@dataclass(frozen=True)
class Step:
    """A step of the request's page: the state it starts from, what is posted, what it says and
    what it changes."""

    data: Callable[[SimpleNamespace], dict[str, Any]]
    message: str
    then: Callable[[SimpleNamespace, Interpellation], bool]
    given: Callable[[SimpleNamespace], object] = _nothing


CHAIRMAN_STEPS: dict[str, Step] = {
    "forward-to-network": Step(
        data=lambda c: {
            "action": "forward",
            "networks": [c.network.pk],
            "note": "Ghent knows.",
            "due_date": _in_days(10),
        },
        message="The request is passed on.",
        then=lambda c, r: (
            r.status == Status.FORWARDED
            and [(a.person, a.network, a.note) for a in r.assignments.all()]
            == [(c.referent, c.network, "Ghent knows.")]
        ),
    ),
    "forward-to-person": Step(
        data=lambda c: {"action": "forward", "people": [c.referent.pk], "due_date": _in_days(5)},
        message="The request is passed on.",
        then=lambda c, r: (
            r.status == Status.FORWARDED
            and [(a.person, a.due_date) for a in r.assignments.all()]
            == [(c.referent, localdate() + dt.timedelta(days=5))]
        ),
    ),
    "answer": Step(
        data=lambda c: {
            "action": "answer",
            "body": "Ghent works in pairs.",
            "attachments": _pdf("answer.pdf"),
        },
        message="The answer is sent to the requester.",
        then=lambda c, r: (
            r.status == Status.ANSWERED
            and _entries(r, EntryKind.ANSWER) == ["Ghent works in pairs."]
            and r.attachments.get(name="answer.pdf").public is True
        ),
    ),
    "update": Step(
        data=lambda c: {"action": "update", "body": "Expect an answer next week."},
        message="The message is sent to the requester.",
        then=lambda c, r: (
            r.status == Status.RECEIVED
            and _entries(r, EntryKind.UPDATE) == ["Expect an answer next week."]
        ),
    ),
    "decline": Step(
        data=lambda c: {"action": "decline", "body": "This is for the federal police."},
        message="The request is declined; the requester is told why.",
        then=lambda c, r: (
            r.status == Status.DECLINED
            and _entries(r, EntryKind.DECLINE) == ["This is for the federal police."]
        ),
    ),
    "close": Step(
        given=_answered,
        data=lambda c: {"action": "close"},
        message="The request is closed.",
        then=lambda c, r: r.status == Status.CLOSED and r.finished_at is not None,
    ),
    "reopen-declined": Step(
        given=_declined,
        data=lambda c: {"action": "reopen", "body": "New facts."},
        message="The request is open again.",
        then=lambda c, r: r.status == Status.RECEIVED and r.finished_at is None,
    ),
    "reopen-answered": Step(
        given=_answered_after_forward,
        data=lambda c: {"action": "reopen", "body": ""},
        message="The request is open again.",
        then=lambda c, r: r.status == Status.FORWARDED,
    ),
    "note": Step(
        data=lambda c: {
            "action": "note",
            "body": "Call Ghent.",
            "attachments": _pdf("memo.pdf"),
        },
        message="Your note is added; the requester does not see it.",
        then=lambda c, r: (
            _entries(r, EntryKind.NOTE) == ["Call Ghent."]
            and r.attachments.get(name="memo.pdf").public is False
        ),
    ),
    "validate": Step(
        given=_drafted,
        data=lambda c: {"action": "validate", "draft": c.draft.pk, "body": "We work in pairs."},
        message="The answer is validated and sent to the requester.",
        then=lambda c, r: (
            r.status == Status.ANSWERED
            and _entries(r, EntryKind.ANSWER) == ["We work in pairs."]
            and r.entries.get(pk=c.draft.pk).draft_state == DraftState.VALIDATED
        ),
    ),
    "validate-edited": Step(
        given=_drafted,
        data=lambda c: {
            "action": "validate",
            "draft": c.draft.pk,
            "body": "We work in pairs, at night.",
        },
        message="The answer is validated and sent to the requester.",
        then=lambda c, r: _entries(r, EntryKind.ANSWER) == ["We work in pairs, at night."],
    ),
    "return": Step(
        given=_drafted,
        data=lambda c: {"action": "return", "draft": c.draft.pk, "body": "Add the figures."},
        message="The draft is returned to its author.",
        then=lambda c, r: (
            r.status == Status.IN_PROGRESS
            and r.entries.get(pk=c.draft.pk).draft_state == DraftState.RETURNED
            and _entries(r, EntryKind.NOTE) == ["Add the figures."]
        ),
    ),
    "revoke": Step(
        data=lambda c: {"action": "revoke"},
        message="The private link no longer works.",
        then=lambda c, r: r.tracking_key is None,
    ),
    "renew": Step(
        data=lambda c: {"action": "renew"},
        message="A new private link is e-mailed to the requester.",
        then=lambda c, r: r.tracking_key not in (None, c.request.tracking_key),
    ),
}


@pytest.mark.parametrize(
    "name",
    [name for name, step in CHAIRMAN_STEPS.items()],
)
def test_the_chairman_takes_each_step_from_the_requests_page(
    login: Callable[[str], Any], case: SimpleNamespace, name: str
) -> None:
    # given
    step = CHAIRMAN_STEPS[name]
    step.given(case)
    client = login("chairman")
    url = _url("detail", reference=case.request.reference)
    # when
    response = client.post(url, step.data(case))
    # then
    assert response.status_code == 302
    assert response["Location"] == url
    assert _messages(response) == [step.message]
    assert step.then(case, Interpellation.objects.get(pk=case.request.pk)) is True


REFERENT_STEPS: dict[str, Step] = {
    "take_up": Step(
        data=lambda c: {"action": "take_up"},
        message="The requester sees that the work has begun.",
        then=lambda c, r: r.status == Status.IN_PROGRESS,
    ),
    "note": Step(
        data=lambda c: {"action": "note", "body": "I asked Liège too."},
        message="Your note is added; the requester does not see it.",
        then=lambda c, r: (
            _entries(r, EntryKind.NOTE) == ["I asked Liège too."] and r.status == Status.FORWARDED
        ),
    ),
    "draft": Step(
        data=lambda c: {
            "action": "draft",
            "body": "We work in pairs.",
            "attachments": _pdf("figures.pdf"),
        },
        message="Your answer is recorded.",
        then=lambda c, r: (
            r.status == Status.IN_PROGRESS
            and list(r.entries.filter(kind=EntryKind.DRAFT).values_list("body", "draft_state"))
            == [("We work in pairs.", DraftState.PENDING)]
            and _entries(r, EntryKind.ANSWER) == []
            and r.attachments.get(name="figures.pdf").public is False
        ),
    ),
    "draft-without-validation": Step(
        given=lambda c: ValidationDelegation.objects.create(
            network=c.network, granted_by=c.chairman
        ),
        data=lambda c: {"action": "draft", "body": "We work in pairs."},
        message="Your answer is recorded.",
        then=lambda c, r: (
            r.status == Status.ANSWERED
            and _entries(r, EntryKind.ANSWER) == ["We work in pairs."]
            and _entries(r, EntryKind.DRAFT) == []
        ),
    ),
}


@pytest.mark.parametrize("name", REFERENT_STEPS)
def test_the_referent_takes_each_of_their_steps_from_the_requests_page(
    login: Callable[[str], Any], case: SimpleNamespace, name: str
) -> None:
    # given the request is passed on to the network
    _forwarded(case)
    step = REFERENT_STEPS[name]
    step.given(case)
    client = login("referent")
    url = _url("detail", reference=case.request.reference)
    # when
    response = client.post(url, step.data(case))
    # then
    assert response.status_code == 302
    assert response["Location"] == url
    assert _messages(response) == [step.message]
    assert step.then(case, Interpellation.objects.get(pk=case.request.pk)) is True


def test_the_referent_sees_the_whole_file_but_not_the_chairmans_controls(
    login: Callable[[str], Any], followed: Interpellation
) -> None:
    # given
    client = login("referent")
    # when
    response = client.get(_url("detail", reference=followed.reference))
    # then
    assert response.status_code == 200
    content = response.content.decode()
    for text in ("claire@example.org", "Claire Journaliste", "The journalist called twice."):
        assert text in content
    assert response.context["can_route"] is False
    assert set(response.context["forms"]) == {"note", "draft"}
    assert _url("erase", reference=followed.reference) not in content
    assert followed.tracking_token() not in content


Posted = Callable[[SimpleNamespace], dict[str, Any]]
# What is posted, the form that shows the refusal, and its errors.
BAD_STEPS: dict[str, tuple[Posted, str, dict[str, list[str]]]] = {
    "empty-answer": (
        lambda c: {"action": "answer", "body": "  "},
        "answer",
        {"body": ["This field is required."]},
    ),
    "answer-with-a-fake-file": (
        lambda c: {
            "action": "answer",
            "body": "Here is what Ghent does.",
            "attachments": SimpleUploadedFile("figures.pdf", b"not a pdf"),
        },
        "answer",
        {"attachments": ["“figures.pdf” is not really a PDF file."]},
    ),
    "forward-due-in-the-past": (
        lambda c: {
            "action": "forward",
            "networks": [c.network.pk],
            "note": "Please hurry, Ghent.",
            "due_date": _in_days(-1),
        },
        "forward",
        {"due_date": ["The due date cannot be in the past."]},
    ),
    "forward-to-nobody": (
        lambda c: {"action": "forward", "note": "Please hurry, Ghent.", "due_date": _in_days(3)},
        "forward",
        {"people": ["Choose at least one person or network."]},
    ),
    "decline-without-reason": (
        lambda c: {"action": "decline", "body": ""},
        "decline",
        {"body": ["This field is required."]},
    ),
}


@pytest.mark.parametrize("name", BAD_STEPS)
def test_a_refused_step_shows_the_page_again_with_the_reason_and_the_typed_text(
    login: Callable[[str], Any], case: SimpleNamespace, name: str
) -> None:
    # given
    data, form_name, errors = BAD_STEPS[name]
    client = login("chairman")
    posted = data(case)
    # when
    response = client.post(_url("detail", reference=case.request.reference), posted)
    # then
    assert response.status_code == 400
    assert response.context["forms"][form_name].errors == errors
    content = response.content.decode()
    for error in errors.values():
        assert error[0] in content
    for typed in (posted.get("body", ""), posted.get("note", "")):
        assert typed.strip() in content
    case.request.refresh_from_db()
    assert (case.request.status, case.request.entries.count()) == (Status.RECEIVED, 0)


def _answer_after_decline(c: SimpleNamespace) -> tuple[dict[str, Any], str]:
    _declined(c)
    return (
        {"action": "answer", "body": "Ghent works in pairs."},
        "This request is now “Declined”: someone may have acted on it before you.",
    )


def _close_while_received(c: SimpleNamespace) -> tuple[dict[str, Any], str]:
    return (
        {"action": "close"},
        "This request is now “Received”: someone may have acted on it before you.",
    )


def _validate_twice(c: SimpleNamespace) -> tuple[dict[str, Any], str]:
    _drafted(c)
    services.validate_draft(actor=c.chairman, draft=c.draft)
    return (
        {"action": "validate", "draft": c.draft.pk, "body": "We work in pairs."},
        "This draft has already been validated or returned.",
    )


LATE_STEPS = {
    "answer-after-a-decline": _answer_after_decline,
    "close-a-request-not-answered": _close_while_received,
    "validate-a-draft-already-sent": _validate_twice,
}


@pytest.mark.parametrize("name", LATE_STEPS)
def test_a_step_refused_because_the_state_changed_says_why(
    login: Callable[[str], Any], case: SimpleNamespace, name: str
) -> None:
    # given someone acted on the request first
    data, reason = LATE_STEPS[name](case)
    client = login("chairman")
    # when
    response = client.post(_url("detail", reference=case.request.reference), data)
    # then
    assert response.status_code == 400
    content = response.content.decode()
    assert reason in content
    assert data.get("body", "") in content


@pytest.mark.parametrize("action", ["decline", "forward", "answer", "revoke", "validate"])
def test_a_referent_cannot_take_a_step_of_the_chairman(
    login: Callable[[str], Any], case: SimpleNamespace, action: str
) -> None:
    # given
    _drafted(case)
    client = login("referent")
    # when
    response = client.post(
        _url("detail", reference=case.request.reference),
        {
            "action": action,
            "body": "Out of scope.",
            "draft": case.draft.pk,
            "people": [case.referent.pk],
            "due_date": _in_days(3),
        },
    )
    # then
    assert response.status_code == 403
    case.request.refresh_from_db()
    assert case.request.status == Status.IN_PROGRESS
    assert case.request.tracking_key is not None


def test_an_unknown_step_is_not_found(login: Callable[[str], Any], case: SimpleNamespace) -> None:
    # given
    client = login("chairman")
    # when
    response = client.post(
        _url("detail", reference=case.request.reference), {"action": "delete", "body": "x"}
    )
    # then
    assert response.status_code == 404


def test_a_draft_of_another_request_is_not_found(
    login: Callable[[str], Any], case: SimpleNamespace
) -> None:
    # given a draft on the press request, and another request
    _drafted(case)
    other = _ask()
    client = login("chairman")
    # when the draft is validated through the other request's page
    response = client.post(
        _url("detail", reference=other.reference),
        {"action": "validate", "draft": case.draft.pk, "body": "We work in pairs."},
    )
    # then
    assert response.status_code == 404
    assert case.request.entries.get(pk=case.draft.pk).draft_state == DraftState.PENDING


def test_the_requester_inside_sees_the_public_side_of_their_request(
    login: Callable[[str], Any],
    asked: Interpellation,
    forwarded_referent: Any,
    chairman: Any,
) -> None:
    # given
    services.add_note(actor=chairman, interpellation=asked, body="Ask Leuven as well.")
    services.send_update(actor=chairman, interpellation=asked, body="Expect news in May.")
    client = login("requester")
    # when
    response = client.get(_url("detail", reference=asked.reference))
    # then
    assert response.status_code == 200
    assert "interpellations/track.html" in _templates(response)
    content = response.content.decode()
    assert "Safe routes to school" in content
    assert "Expect news in May." in content
    assert _url("attachment", pk=asked.attachments.get().pk) in content
    for secret in ("Ask Leuven as well.", "referent@example.org", 'name="action"'):
        assert secret not in content


@pytest.mark.parametrize("action", ["note", "take_up", "update", "close"])
def test_the_requester_cannot_post_on_their_request(
    login: Callable[[str], Any], asked: Interpellation, forwarded_referent: Any, action: str
) -> None:
    # given
    client = login("requester")
    # when
    response = client.post(
        _url("detail", reference=asked.reference), {"action": action, "body": "Any news?"}
    )
    # then
    assert response.status_code == 403
    asked.refresh_from_db()
    assert asked.status == Status.FORWARDED
    assert asked.entries.filter(kind__in=[EntryKind.NOTE, EntryKind.UPDATE]).exists() is False


# Erasing the personal data


def test_erasing_asks_for_a_confirmation_first(
    login: Callable[[str], Any], outsider_request: Interpellation
) -> None:
    # given
    client = login("chairman")
    # when
    response = client.get(_url("erase", reference=outsider_request.reference))
    # then
    assert response.status_code == 200
    content = response.content.decode()
    assert f"Erase the personal data of request {outsider_request.reference}?" in content
    assert "This cannot be undone." in content
    outsider_request.refresh_from_db()
    assert outsider_request.erased_at is None


def test_the_chairman_erases_the_personal_data_of_a_request(
    login: Callable[[str], Any], followed: Interpellation, client: Any
) -> None:
    # given
    token = followed.tracking_token()
    chairman_client = login("chairman")
    url = _url("detail", reference=followed.reference)
    # when
    response = chairman_client.post(_url("erase", reference=followed.reference))
    # then
    assert response["Location"] == url
    assert _messages(response) == ["The personal data of this request is erased."]
    followed.refresh_from_db()
    assert (followed.subject, followed.message, followed.requester_email) == (ERASED, "", "")
    assert followed.attachments.exists() is False
    page = chairman_client.get(url).content.decode()
    assert "The personal data of this request was erased on" in page
    for secret in (
        "Claire Journaliste",
        "claire@example.org",
        "Le Soir",
        "Nightlife safety",
        "The journalist called twice.",
        "call-notes.pdf",
        "Draft: we always work in pairs.",
        "In hand: expect an answer next week.",
    ):
        assert secret not in page
    assert client.get(_url("track", token=token)).status_code == 404


def test_erasing_also_erases_the_note_the_request_was_passed_on_with(
    login: Callable[[str], Any], followed: Interpellation
) -> None:
    # given the request was passed on with "Ask the street workers of Ghent first."
    client = login("chairman")
    # when
    client.post(_url("erase", reference=followed.reference))
    # then
    page = client.get(_url("detail", reference=followed.reference)).content.decode()
    assert "Ask the street workers of Ghent first." not in page
    assert list(followed.assignments.values_list("note", flat=True)) == [""]


def test_the_erase_page_takes_no_other_method(
    login: Callable[[str], Any], outsider_request: Interpellation
) -> None:
    # given
    client = login("chairman")
    # when
    response = client.put(_url("erase", reference=outsider_request.reference))
    # then
    assert response.status_code == 405


# The files of a request


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("chairman", 200),
        ("forwarded_referent", 200),
        ("requester", 404),
        ("referent", 404),
        ("secretary", 404),
        ("visitor", 404),
    ],
)
def test_an_internal_file_goes_to_the_chairman_and_the_assignees_only(
    login: Callable[[str], Any], asked: Interpellation, chairman: Any, role: str, expected: int
) -> None:
    # given
    client = login(role)
    services.add_note(
        actor=chairman, interpellation=asked, body="Minutes.", files=[_pdf("minutes.pdf")]
    )
    file = asked.attachments.get(name="minutes.pdf")
    # when
    response = client.get(_url("attachment", pk=file.pk))
    # then
    assert response.status_code == expected
    if expected == 200:
        assert b"".join(response.streaming_content) == PDF
    response.close()


def test_the_file_of_a_draft_reaches_the_requester_once_the_draft_is_validated(
    login: Callable[[str], Any],
    asked: Interpellation,
    forwarded_referent: Any,
    chairman: Any,
) -> None:
    # given a draft with a file, awaiting validation
    draft = services.propose_answer(
        actor=forwarded_referent,
        interpellation=asked,
        body="Ghent maps them.",
        files=[_pdf("map.pdf")],
    )
    url = _url("attachment", pk=asked.attachments.get(name="map.pdf").pk)
    client = login("requester")
    assert client.get(url).status_code == 404
    # when the Chairman validates it
    services.validate_draft(actor=chairman, draft=draft)
    # then
    response = client.get(url)
    assert response.status_code == 200
    response.close()


def test_an_absent_file_is_not_found(login: Callable[[str], Any], db: None) -> None:
    # given
    client = login("chairman")
    # when
    response = client.get(_url("attachment", pk=4242))
    # then
    assert response.status_code == 404


# The inbox


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
    assert f'<a href="{_url("inbox")}">' in inbox.content.decode()  # in the menu
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
