"""Submitting a request: what is checked, who may see it, and who hears of it."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import formats, translation
from django.utils.timezone import localdate

from befus.core.errors import DomainError
from befus.core.models import AuditEvent, Notification
from befus.interpellations import selectors
from befus.interpellations.choices import RequesterKind, Status
from befus.interpellations.models import Interpellation
from befus.networks.models import Network
from tests.interpellations.helpers import VIEW, WORK, _mails_to, _notified, _submit
from tests.networks.factories import NetworkFactory

# submit_request


def test_a_request_lands_with_the_chairman_with_a_yearly_reference(
    network: Network, chairman: Any
) -> None:
    # when two requests arrive
    first = _submit([network])
    second = _submit([network], subject="Drugs in parks")
    # then each is received and numbered in the year's sequence
    year = localdate().year
    assert first.status == Status.RECEIVED
    assert (first.reference, second.reference) == (f"{year}-0001", f"{year}-0002")
    assert list(first.networks.all()) == [network]
    assert first.requester_kind == RequesterKind.PRESS
    assert first.language == "fr"
    assert first.consent_at is not None
    event = AuditEvent.objects.get(verb="interpellations.request.submit", target_id=first.pk)
    assert event.data == {"reference": f"{year}-0001", "networks": [network.pk], "kind": "press"}


def test_a_new_request_is_announced_to_the_chairman_and_the_delegate_only(
    network: Network, chairman: Any, delegate: Any, referent: Any, secretary: Any
) -> None:
    # when
    request = _submit([network])
    # then
    assert _notified("interpellations.received") == {"chair@example.org", "board@example.org"}
    notification = Notification.objects.filter(kind="interpellations.received").first()
    assert notification is not None
    assert notification.params == {"reference": request.reference, "subject": "Nightlife safety"}
    assert notification.url == f"/en/requests/{request.reference}/"


@pytest.mark.parametrize(
    ("role", "may_view"),
    [
        ("referent", False),
        ("secretary", False),
        ("board_member", False),
        ("professional", False),
        ("visitor", False),
        ("chairman", True),
        ("delegate", True),
    ],
)
def test_before_it_is_forwarded_only_the_chairman_and_the_delegate_see_a_request(
    request: pytest.FixtureRequest,
    outsider_request: Interpellation,
    referent: Any,
    role: str,
    may_view: bool,
) -> None:
    # given
    person = request.getfixturevalue(role)
    # when / then
    assert person.has_perm(VIEW, outsider_request) is may_view
    assert person.has_perm(WORK, outsider_request) is may_view


def test_the_referents_of_the_addressed_network_are_not_told_of_a_new_request(
    outsider_request: Interpellation, referent: Any
) -> None:
    # when / then
    assert referent.notifications.exists() is False
    assert selectors.requests_of(referent).exists() is False


def test_a_public_request_without_consent_is_refused(network: Network, chairman: Any) -> None:
    # when
    with pytest.raises(DomainError, match="Agree to the handling of your data") as refusal:
        _submit([network], consent=False)
    # then
    assert refusal.value.field == "consent"
    assert Interpellation.objects.exists() is False
    assert Notification.objects.exists() is False


@pytest.mark.parametrize(
    ("fields", "message", "field"),
    [
        ({"name": ""}, "Give your name and e-mail address", "email"),
        ({"name": "   "}, "Give your name and e-mail address", "email"),
        ({"email": ""}, "Give your name and e-mail address", "email"),
        ({"subject": " "}, "Give a subject and your question", "message"),
        ({"message": ""}, "Give a subject and your question", "message"),
    ],
)
def test_a_public_request_needs_who_asks_and_what(
    chairman: Any, fields: dict[str, str], message: str, field: str
) -> None:
    # when
    with pytest.raises(DomainError, match=message) as refusal:
        _submit(**fields)
    # then
    assert refusal.value.field == field
    assert Interpellation.objects.exists() is False


def test_a_logged_in_requester_is_known_by_their_own_name_and_address(
    professional: Any, member_city: Any, chairman: Any
) -> None:
    # given
    professional.first_name, professional.last_name = "Karim", "Benali"
    professional.save()
    # when a member asks, even with another address typed in and no consent box
    request = _submit(
        requester=professional,
        name="",
        organisation="",
        email="someone.else@example.org",
        consent=False,
        requester_kind=RequesterKind.MEMBER,
    )
    # then
    assert request.requester == professional
    assert request.requester_name == "Karim Benali"
    assert request.requester_email == "pro@example.org"
    assert request.requester_organisation == str(member_city)
    assert request.consent_at is not None
    assert professional.has_perm(VIEW, request) is True
    assert professional.has_perm(WORK, request) is False


def test_an_anonymous_user_object_counts_as_the_public_form(chairman: Any) -> None:
    # when
    request = _submit(requester=AnonymousUser())
    # then
    assert request.requester is None
    assert request.requester_email == "claire@example.org"


def test_an_unknown_language_or_kind_falls_back_to_the_defaults(chairman: Any) -> None:
    # when
    request = _submit(language="xx", requester_kind="spy")
    # then
    assert request.language == "en"
    assert request.requester_kind == RequesterKind.OTHER


def test_requests_go_to_recognised_networks_only(network: Network, chairman: Any) -> None:
    # given a network still proposed
    proposal = NetworkFactory()
    # when
    with pytest.raises(DomainError, match="recognised networks only") as refusal:
        _submit([network, proposal])
    # then
    assert refusal.value.field == "networks"
    assert Interpellation.objects.exists() is False


def test_an_outsider_is_confirmed_by_e_mail_in_their_language_with_the_private_link(
    network: Network,
    chairman: Any,
    settings: Any,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given
    settings.BEFUS_SITE_URL = "https://befus.example/"
    # when
    with django_capture_on_commit_callbacks(execute=True):
        request = _submit([network])
    # then Claire has one e-mail, in French, with the link that opens her request
    [email] = _mails_to(mailoutbox, "claire@example.org")
    token = request.tracking_token()
    link = f"https://befus.example/fr/requests/track/{token}/"
    assert link in email.body
    assert link in email.alternatives[0][0]
    assert email.body.startswith("Bonjour Claire Journaliste,")
    with translation.override("fr"):
        due = formats.date_format(request.due_date, "DATE_FORMAT")
    assert due in email.body
    assert email.subject == f"[BeFUS] Votre demande {request.reference} a bien été reçue"
    assert selectors.get_by_token(token) == request


def test_a_member_hears_of_their_request_in_the_platform_not_by_a_tracking_link(
    professional: Any,
    chairman: Any,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    # when
    with django_capture_on_commit_callbacks(execute=True):
        request = _submit(requester=professional)
    # then
    notification = professional.notifications.get(kind="interpellations.status")
    assert notification.params["status"] == Status.RECEIVED
    assert notification.url == f"/en/requests/{request.reference}/"
    assert all("/requests/track/" not in m.body for m in _mails_to(mailoutbox, "pro@example.org"))
