"""The public form of the requests to the networks and its guards."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from befus.interpellations.choices import RequesterKind, Status
from befus.interpellations.models import (
    Attachment,
    Interpellation,
)
from befus.networks.choices import NetworkStatus
from befus.networks.models import Network
from tests.interpellations.pages import PDF, _pdf, _url

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


def test_a_recognised_networks_page_offers_to_ask_it_and_a_proposal_does_not(
    client: Any, network: Network
) -> None:
    # given the page of a recognised network (the requests app registers the offer)
    page = client.get(reverse("networks:network-detail", kwargs={"slug": network.slug}))
    # then it links to the form with the network ticked
    assert f'<a href="{_url("new")}?network={network.slug}">Ask this network</a>' in (
        page.content.decode()
    )
    # and once the network is suspended, it no longer offers it
    Network.objects.filter(pk=network.pk).update(status=NetworkStatus.SUSPENDED)
    page = client.get(reverse("networks:network-detail", kwargs={"slug": network.slug}))
    assert page.status_code == 200
    assert "Ask this network" not in page.content.decode()


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


def test_nobody_is_counted_as_what_they_did_not_choose(client: Any, network: Network) -> None:
    # given the public form, where no kind of requester is preset
    page = client.get(_url("new")).content.decode()
    assert 'type="radio" name="requester_kind"' in page
    assert " checked" not in page.split('name="requester_kind"', 1)[1].split("</fieldset>", 1)[0]
    # and each network is described next to its checkbox
    assert f"{network.name} – " in page
    # when a journalist sends it without saying who they are
    response = client.post(_url("new"), _public_form(requester_kind=""))
    # then the form comes back with what was typed and asks for the choice
    content = response.content.decode()
    assert response.status_code == 400
    assert response.context["form"].errors == {"requester_kind": ["This field is required."]}
    assert "Which cities run night buses, and what changed since?" in content
    assert not Interpellation.objects.exists()
