"""The requester's private link: what it shows, its files, revoking and renewing it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from befus.interpellations import services
from befus.interpellations.models import (
    Attachment,
    Interpellation,
)
from befus.networks.models import Network
from tests.interpellations.pages import PDF, _ask, _pdf, _templates, _url

# The private link


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
