"""The writes and reads of the requests: submit, route, answer, keep time, erase, count."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import formats, translation
from django.utils.timezone import localdate
from django.utils.timezone import now as timezone_now

from befus.accounts.models import User
from befus.accounts.services import erase_user, request_erasure
from befus.core.errors import DomainError, InvalidTransition
from befus.core.models import AuditEvent, Notification
from befus.core.notifications import render_title
from befus.core.workdays import add_working_days
from befus.interpellations import selectors, services
from befus.interpellations.choices import DraftState, EntryKind, RequesterKind, Status
from befus.interpellations.models import (
    Assignment,
    Attachment,
    Entry,
    Interpellation,
    RoutingDelegate,
    ValidationDelegation,
)
from befus.networks.choices import MemberRole
from befus.networks.models import Network
from tests.accounts.factories import UserFactory
from tests.networks.factories import NetworkFactory, NetworkMembershipFactory

VIEW = "interpellations:request:view"
WORK = "interpellations:request:work"
ROUTE = "interpellations:inbox:route"

PDF = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _submit(networks: Any = (), **fields: Any) -> Interpellation:
    """A request through the public form, from a journalist who reads French."""
    values: dict[str, Any] = {
        "requester": None,
        "subject": "Nightlife safety",
        "message": "How do your cities organise street work at night?",
        "language": "fr",
        "requester_kind": RequesterKind.PRESS,
        "name": "Claire Journaliste",
        "organisation": "Le Soir",
        "email": "claire@example.org",
        "consent": True,
    }
    values.update(fields)
    return services.submit_request(networks=list(networks), **values)


def _file(name: str, content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def _notified(kind: str) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient__email", flat=True))


def _fresh(user: Any) -> User:
    """The person as the next page loads them, without the roles cached on the instance."""
    return User.objects.get(pk=user.pk)


def _mails_to(mailoutbox: list[Any], address: str) -> list[Any]:
    return [m for m in mailoutbox if m.to == [address]]


def _reload(interpellation: Interpellation) -> Interpellation:
    interpellation.refresh_from_db()
    return interpellation


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


def test_the_sequence_of_references_continues_after_the_highest(chairman: Any) -> None:
    # given a request numbered 41 this year
    year = localdate().year
    Interpellation.objects.filter(pk=_submit().pk).update(reference=f"{year}-0041")
    # when
    request = _submit()
    # then
    assert request.reference == f"{year}-0042"


@pytest.mark.parametrize("days", [15, 3])
def test_the_target_date_counts_belgian_working_days(
    chairman: Any, settings: Any, days: int
) -> None:
    # given
    settings.BEFUS_REQUEST_WORKING_DAYS = days
    # when
    request = _submit()
    # then
    assert request.due_date == add_working_days(localdate(), days)
    assert request.due_date >= localdate() + dt.timedelta(days=days)


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


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([_file("tool.exe", b"MZ\x90\x00")], "is not an accepted file"),
        ([_file("noextension", PDF)], "is not an accepted file"),
        ([_file("report.pdf", b"<html>not a pdf</html>")], "is not really a PDF file"),
        ([_file("photo.png", PDF)], "is not really a PNG file"),
        ([_file(f"part{n}.pdf") for n in range(6)], "Attach at most 5 files"),
    ],
)
def test_bad_attachments_are_refused(
    chairman: Any, files: list[SimpleUploadedFile], message: str
) -> None:
    # when / then
    with pytest.raises(DomainError, match=message) as refusal:
        _submit(files=files)
    assert refusal.value.field == "attachments"
    assert Attachment.objects.exists() is False


def test_a_refused_submission_leaves_no_request_behind(chairman: Any) -> None:
    # when
    with pytest.raises(DomainError):
        _submit(files=[_file("report.pdf", b"not a pdf")])
    # then
    assert Interpellation.objects.exists() is False


def test_good_attachments_are_stored_for_the_requester_to_see(chairman: Any) -> None:
    # when
    request = _submit(files=[_file("Questions.PDF"), _file("map.png", PNG)])
    # then
    attachments = list(request.attachments.order_by("name"))
    assert [(a.name, a.content_type, a.public) for a in attachments] == [
        ("Questions.PDF", "application/pdf", True),
        ("map.png", "image/png", True),
    ]
    assert [a.size for a in attachments] == [len(PDF), len(PNG)]
    assert all(a.entry is None for a in attachments)
    # the stored name never carries the uploader's file name
    assert all("Questions" not in a.file.name for a in attachments)
    with attachments[0].file.open("rb") as stored:
        assert stored.read() == PDF
    page = selectors.request_page(request, public_only=True)
    assert {a.name for a in page.attachments} == {"Questions.PDF", "map.png"}


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


# forward_request


@pytest.mark.parametrize("role", ["referent", "secretary", "board_member", "professional"])
def test_only_the_chairman_and_the_delegate_forward_a_request(
    request: pytest.FixtureRequest, outsider_request: Interpellation, referent: Any, role: str
) -> None:
    # given
    actor = request.getfixturevalue(role)
    # when
    with pytest.raises(PermissionDenied):
        services.forward_request(
            actor=actor, interpellation=outsider_request, networks=outsider_request.networks.all()
        )
    # then
    assert _reload(outsider_request).status == Status.RECEIVED
    assert Assignment.objects.exists() is False


def test_the_chairman_forwards_a_request_to_the_referents_of_its_network(
    outsider_request: Interpellation, chairman: Any, referent: Any, network: Network
) -> None:
    # when
    [assignment] = services.forward_request(
        actor=chairman,
        interpellation=outsider_request,
        networks=[network],
        note="Please answer.",
    )
    # then
    request = _reload(outsider_request)
    assert request.status == Status.FORWARDED
    assert (assignment.person, assignment.network) == (referent, network)
    assert assignment.due_date == request.due_date
    assert assignment.assigned_by == chairman
    assert assignment.note == "Please answer."
    assert referent.has_perm(VIEW, request) is True
    assert referent.has_perm(WORK, request) is True
    assert referent.has_perm(ROUTE) is False
    assert _notified("interpellations.assigned") == {"referent@example.org"}
    notification = referent.notifications.get(kind="interpellations.assigned")
    assert notification.params["due"] == request.due_date.isoformat()
    forward = request.entries.get(kind=EntryKind.FORWARD)
    assert (forward.body, forward.network, forward.status) == (
        "Please answer.",
        network,
        Status.FORWARDED,
    )


def test_the_chairman_forwards_a_request_to_named_people_with_a_due_date(
    outsider_request: Interpellation, chairman: Any, network: Network, member_city: Any
) -> None:
    # given a member of the addressed network, and a person in no network
    member = UserFactory(email="member@example.org")
    NetworkMembershipFactory(network=network, person=member, active=True)
    expert = UserFactory(email="expert@example.org")
    due = localdate() + dt.timedelta(days=3)
    # when
    created = services.forward_request(
        actor=chairman, interpellation=outsider_request, people=[member, expert], due_date=due
    )
    # then
    assert {(a.person.email, a.network) for a in created} == {
        ("member@example.org", network),
        ("expert@example.org", None),
    }
    assert {a.due_date for a in created} == {due}
    assert _notified("interpellations.assigned") == {"member@example.org", "expert@example.org"}
    assert _fresh(expert).has_perm(VIEW, outsider_request) is True


def test_a_delegate_forwards_a_request_in_the_chairmans_stead(
    outsider_request: Interpellation, delegate: Any, referent: Any
) -> None:
    # when
    services.forward_request(
        actor=delegate, interpellation=outsider_request, networks=outsider_request.networks.all()
    )
    # then
    assert _reload(outsider_request).status == Status.FORWARDED
    assert outsider_request.assignments.get().assigned_by == delegate


def test_a_network_without_an_active_referent_cannot_be_chosen(
    outsider_request: Interpellation, chairman: Any, network: Network
) -> None:
    # given a referent whose mayor has not consented yet
    NetworkMembershipFactory(network=network, role=MemberRole.NATIONAL_REFERENT)
    # when
    with pytest.raises(DomainError, match="has no active referent: name a person instead"):
        services.forward_request(
            actor=chairman, interpellation=outsider_request, networks=[network]
        )
    # then
    assert _reload(outsider_request).status == Status.RECEIVED
    assert Assignment.objects.exists() is False


def test_forwarding_to_nobody_is_refused(outsider_request: Interpellation, chairman: Any) -> None:
    # when / then
    with pytest.raises(DomainError, match="Choose at least one person or network"):
        services.forward_request(actor=chairman, interpellation=outsider_request)
    assert _reload(outsider_request).status == Status.RECEIVED


def test_a_due_date_in_the_past_is_refused(
    outsider_request: Interpellation, chairman: Any, referent: Any
) -> None:
    # when / then
    with pytest.raises(DomainError, match="The due date cannot be in the past"):
        services.forward_request(
            actor=chairman,
            interpellation=outsider_request,
            people=[referent],
            due_date=localdate() - dt.timedelta(days=1),
        )
    assert Assignment.objects.exists() is False


def test_forwarding_again_to_the_same_people_is_refused(
    forwarded: Interpellation, chairman: Any, referent: Any
) -> None:
    # when / then
    with pytest.raises(DomainError, match="These people already follow this request"):
        services.forward_request(actor=chairman, interpellation=forwarded, people=[referent])
    assert forwarded.assignments.count() == 1


def test_the_requester_is_told_once_that_the_request_is_passed_on(
    outsider_request: Interpellation,
    chairman: Any,
    referent: Any,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    # when the Chairman forwards the request, then adds an expert
    with django_capture_on_commit_callbacks(execute=True):
        services.forward_request(actor=chairman, interpellation=outsider_request, people=[referent])
        services.forward_request(
            actor=chairman, interpellation=outsider_request, people=[UserFactory()]
        )
    # then Claire hears of it once
    [email] = _mails_to(mailoutbox, "claire@example.org")
    assert outsider_request.reference in email.subject
    assert outsider_request.tracking_token() in email.body
    assert outsider_request.assignments.count() == 2


def test_a_request_in_progress_stays_in_progress_when_someone_is_added(
    forwarded: Interpellation, chairman: Any, referent: Any
) -> None:
    # given
    services.take_up(actor=referent, interpellation=forwarded)
    # when
    services.forward_request(actor=chairman, interpellation=forwarded, people=[UserFactory()])
    # then
    assert _reload(forwarded).status == Status.IN_PROGRESS


def test_a_finished_request_cannot_be_forwarded(answered: Interpellation, chairman: Any) -> None:
    # when / then
    with pytest.raises(InvalidTransition, match="“Answered”"):
        services.forward_request(actor=chairman, interpellation=answered, people=[UserFactory()])
    assert answered.assignments.count() == 1


# take_up, add_note


def test_an_assignee_takes_up_a_request_and_the_requester_sees_it_in_progress(
    forwarded: Interpellation,
    referent: Any,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    # when
    with django_capture_on_commit_callbacks(execute=True):
        services.take_up(actor=referent, interpellation=forwarded)
    # then
    assert _reload(forwarded).status == Status.IN_PROGRESS
    [email] = _mails_to(mailoutbox, "claire@example.org")
    assert forwarded.reference in email.subject


def test_a_request_not_forwarded_cannot_be_taken_up(
    outsider_request: Interpellation, chairman: Any
) -> None:
    # when / then
    with pytest.raises(InvalidTransition, match="This request is now “Received”"):
        services.take_up(actor=chairman, interpellation=outsider_request)


@pytest.mark.parametrize("role", ["secretary", "professional", "board_member"])
def test_only_the_assignees_and_the_routers_take_up_a_request(
    request: pytest.FixtureRequest, forwarded: Interpellation, role: str
) -> None:
    # when / then
    with pytest.raises(PermissionDenied):
        services.take_up(actor=request.getfixturevalue(role), interpellation=forwarded)
    assert _reload(forwarded).status == Status.FORWARDED


def test_an_internal_note_never_reaches_the_requester(
    forwarded: Interpellation, chairman: Any, referent: Any, mailoutbox: list[Any]
) -> None:
    # when
    note = services.add_note(
        actor=referent,
        interpellation=forwarded,
        body="Ask Ghent's night team.",
        files=[_file("contacts.pdf")],
    )
    # then the Chairman reads it and is told, the requester's side has none of it
    assert note.kind == EntryKind.NOTE
    assert _notified("interpellations.note") == {"chair@example.org"}
    full = selectors.request_page(forwarded, public_only=False)
    public = selectors.request_page(forwarded, public_only=True)
    assert "Ask Ghent's night team." in [e.body for e in full.entries]
    assert "Ask Ghent's night team." not in [e.body for e in public.entries]
    assert note.attachments.get().public is False
    assert [a.name for a in public.attachments] == []
    assert public.assignments == []
    assert _mails_to(mailoutbox, "claire@example.org") == []


def test_an_empty_note_is_refused(forwarded: Interpellation, referent: Any) -> None:
    # when / then
    with pytest.raises(DomainError, match="Write the note"):
        services.add_note(actor=referent, interpellation=forwarded, body="  ")


def test_someone_not_following_the_request_cannot_write_a_note(
    forwarded: Interpellation, secretary: Any
) -> None:
    # when / then
    with pytest.raises(PermissionDenied):
        services.add_note(actor=secretary, interpellation=forwarded, body="Hello")
    assert forwarded.entries.filter(kind=EntryKind.NOTE).exists() is False


# propose_answer, validate_draft, return_draft


def test_an_assignees_answer_waits_for_the_chairmans_validation(
    delegate: Any,
    forwarded: Interpellation,
    referent: Any,
    mailoutbox: list[Any],
) -> None:
    # when
    draft = services.propose_answer(
        actor=referent,
        interpellation=forwarded,
        body="Our street workers meet every Friday night.",
        files=[_file("schedule.pdf")],
    )
    # then
    request = _reload(forwarded)
    assert request.status == Status.IN_PROGRESS
    assert (draft.kind, draft.draft_state) == (EntryKind.DRAFT, DraftState.PENDING)
    assert _notified("interpellations.draft") == {"chair@example.org", "board@example.org"}
    page = selectors.request_page(request, public_only=False)
    assert page.pending_drafts == [draft]
    public = selectors.request_page(request, public_only=True)
    assert public.entries == []
    assert draft.attachments.get().public is False
    assert _mails_to(mailoutbox, "claire@example.org") == []


def test_someone_not_following_the_request_cannot_propose_an_answer(
    forwarded: Interpellation, professional: Any
) -> None:
    # when / then
    with pytest.raises(PermissionDenied):
        services.propose_answer(actor=professional, interpellation=forwarded, body="Mine.")
    assert forwarded.entries.filter(kind=EntryKind.DRAFT).exists() is False


def test_an_empty_draft_is_refused(forwarded: Interpellation, referent: Any) -> None:
    # when / then
    with pytest.raises(DomainError, match="Write the answer"):
        services.propose_answer(actor=referent, interpellation=forwarded, body=" ")
    assert _reload(forwarded).status == Status.FORWARDED


def test_the_chairman_validates_a_draft_and_the_requester_has_the_answer(
    draft: Entry,
    forwarded: Interpellation,
    chairman: Any,
    referent: Any,
    network: Network,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    # when
    with django_capture_on_commit_callbacks(execute=True):
        answer = services.validate_draft(actor=chairman, draft=draft)
    # then
    request = _reload(forwarded)
    assert request.status == Status.ANSWERED
    assert request.answered_at is not None
    assert request.finished_at is None
    assert (answer.kind, answer.body) == (
        EntryKind.ANSWER,
        "Our street workers meet every Friday night.",
    )
    assert (answer.author, answer.validated_by, answer.network) == (referent, chairman, network)
    draft.refresh_from_db()
    assert (draft.draft_state, draft.validated_by) == (DraftState.VALIDATED, chairman)
    public = selectors.request_page(request, public_only=True)
    assert [e.body for e in public.entries] == ["Our street workers meet every Friday night."]
    [attachment] = public.entries[0].attachments.all()
    assert (attachment.name, attachment.public) == ("schedule.pdf", True)
    [email] = _mails_to(mailoutbox, "claire@example.org")
    assert "Our street workers meet every Friday night." in email.body
    assert "referent@example.org" in _notified("interpellations.status")


def test_the_chairman_may_edit_a_draft_before_it_goes_out(
    draft: Entry, forwarded: Interpellation, chairman: Any
) -> None:
    # when
    answer = services.validate_draft(actor=chairman, draft=draft, body="  Edited answer. ")
    # then
    assert answer.body == "Edited answer."
    event = AuditEvent.objects.get(verb="interpellations.draft.validate")
    assert event.data["edited"] is True


def test_a_draft_cannot_be_validated_twice(draft: Entry, chairman: Any) -> None:
    # given
    services.validate_draft(actor=chairman, draft=draft)
    # when / then
    with pytest.raises(InvalidTransition, match="already been validated or returned"):
        services.validate_draft(actor=chairman, draft=draft)
    assert Entry.objects.filter(kind=EntryKind.ANSWER).count() == 1


def test_an_assignee_cannot_validate_their_own_draft(
    draft: Entry, forwarded: Interpellation, referent: Any
) -> None:
    # when / then
    with pytest.raises(PermissionDenied):
        services.validate_draft(actor=referent, draft=draft)
    assert _reload(forwarded).status == Status.IN_PROGRESS


def test_the_chairman_returns_a_draft_to_its_author(
    draft: Entry, forwarded: Interpellation, chairman: Any, referent: Any
) -> None:
    # when
    note = services.return_draft(actor=chairman, draft=draft, comment="Name the cities.")
    # then
    draft.refresh_from_db()
    assert draft.draft_state == DraftState.RETURNED
    assert (note.kind, note.body) == (EntryKind.NOTE, "Name the cities.")
    assert _reload(forwarded).status == Status.IN_PROGRESS
    notification = referent.notifications.get(kind="interpellations.draft_returned")
    assert notification.params["comment"] == "Name the cities."
    assert "Name the cities." in render_title(notification.kind, notification.params)
    assert selectors.request_page(forwarded, public_only=True).entries == []
    # and a returned draft cannot be sent out any more
    with pytest.raises(InvalidTransition):
        services.validate_draft(actor=chairman, draft=draft)


def test_returning_a_draft_needs_a_comment(draft: Entry, chairman: Any) -> None:
    # when / then
    with pytest.raises(DomainError, match="Say what to change"):
        services.return_draft(actor=chairman, draft=draft, comment=" ")
    draft.refresh_from_db()
    assert draft.draft_state == DraftState.PENDING


def test_a_draft_on_a_request_declined_meanwhile_cannot_be_validated(
    draft: Entry, forwarded: Interpellation, chairman: Any
) -> None:
    # given
    services.decline_request(actor=chairman, interpellation=forwarded, reason="Out of scope.")
    # when / then
    with pytest.raises(InvalidTransition, match="“Declined”"):
        services.validate_draft(actor=chairman, draft=draft)
    draft.refresh_from_db()
    assert draft.draft_state == DraftState.PENDING


# set_validation_delegation


def test_with_delegated_validation_an_assignee_answers_directly(
    forwarded: Interpellation, chairman: Any, referent: Any, network: Network
) -> None:
    # given
    services.set_validation_delegation(actor=chairman, network=network, delegated=True)
    # when
    answer = services.propose_answer(
        actor=referent, interpellation=forwarded, body="Straight from the network."
    )
    # then
    request = _reload(forwarded)
    assert request.status == Status.ANSWERED
    assert (answer.kind, answer.validated_by, answer.network) == (
        EntryKind.ANSWER,
        referent,
        network,
    )
    assert [e.body for e in selectors.request_page(request, public_only=True).entries] == [
        "Straight from the network."
    ]


def test_withdrawn_delegation_brings_back_the_validation(
    forwarded: Interpellation, chairman: Any, referent: Any, network: Network
) -> None:
    # given
    services.set_validation_delegation(actor=chairman, network=network, delegated=True)
    services.set_validation_delegation(actor=chairman, network=network, delegated=False)
    # when
    entry = services.propose_answer(actor=referent, interpellation=forwarded, body="Draft.")
    # then
    assert entry.kind == EntryKind.DRAFT
    assert _reload(forwarded).status == Status.IN_PROGRESS
    verbs = list(
        AuditEvent.objects.filter(verb__startswith="interpellations.validation")
        .order_by("id")
        .values_list("verb", flat=True)
    )
    assert verbs == ["interpellations.validation.delegate", "interpellations.validation.withdraw"]


def test_delegated_validation_of_another_network_does_not_count(
    forwarded: Interpellation, chairman: Any, referent: Any
) -> None:
    # given
    services.set_validation_delegation(
        actor=chairman, network=NetworkFactory(recognised=True), delegated=True
    )
    # when
    entry = services.propose_answer(actor=referent, interpellation=forwarded, body="Draft.")
    # then
    assert entry.kind == EntryKind.DRAFT


@pytest.mark.parametrize("role", ["delegate", "secretary", "referent"])
def test_only_the_chairman_delegates_validation(
    request: pytest.FixtureRequest, network: Network, referent: Any, role: str
) -> None:
    # when / then
    with pytest.raises(PermissionDenied):
        services.set_validation_delegation(
            actor=request.getfixturevalue(role), network=network, delegated=True
        )
    assert ValidationDelegation.objects.exists() is False


# answer_request, send_update, decline_request, close_request, reopen_request


def test_the_chairman_answers_a_received_request_directly(
    outsider_request: Interpellation,
    chairman: Any,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    # when
    with django_capture_on_commit_callbacks(execute=True):
        answer = services.answer_request(
            actor=chairman,
            interpellation=outsider_request,
            body="See our guide.",
            files=[_file("guide.pdf")],
        )
    # then
    request = _reload(outsider_request)
    assert request.status == Status.ANSWERED
    assert request.answered_at is not None
    assert (answer.author, answer.validated_by) == (chairman, chairman)
    assert answer.attachments.get().public is True
    [email] = _mails_to(mailoutbox, "claire@example.org")
    assert "See our guide." in email.body


@pytest.mark.parametrize("role", ["referent", "secretary"])
def test_only_the_routers_answer_directly(
    request: pytest.FixtureRequest, forwarded: Interpellation, role: str
) -> None:
    # when / then
    with pytest.raises(PermissionDenied):
        services.answer_request(
            actor=request.getfixturevalue(role), interpellation=forwarded, body="Answer."
        )
    assert _reload(forwarded).status == Status.FORWARDED


def test_an_empty_answer_is_refused(outsider_request: Interpellation, chairman: Any) -> None:
    # when / then
    with pytest.raises(DomainError, match="Write the answer"):
        services.answer_request(actor=chairman, interpellation=outsider_request, body="")
    assert _reload(outsider_request).status == Status.RECEIVED


def test_an_update_tells_the_requester_without_changing_the_state(
    forwarded: Interpellation,
    chairman: Any,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    # when
    with django_capture_on_commit_callbacks(execute=True):
        services.send_update(
            actor=chairman, interpellation=forwarded, body="Expect the answer next week."
        )
    # then
    assert _reload(forwarded).status == Status.FORWARDED
    public = selectors.request_page(forwarded, public_only=True)
    assert [e.body for e in public.entries] == ["Expect the answer next week."]
    [email] = _mails_to(mailoutbox, "claire@example.org")
    assert "Expect the answer next week." in email.body


def test_an_empty_update_is_refused(forwarded: Interpellation, chairman: Any) -> None:
    # when / then
    with pytest.raises(DomainError, match="Write the message"):
        services.send_update(actor=chairman, interpellation=forwarded, body=" ")


def test_no_update_on_an_answered_request(answered: Interpellation, chairman: Any) -> None:
    # when / then
    with pytest.raises(InvalidTransition):
        services.send_update(actor=chairman, interpellation=answered, body="More news.")


def test_a_declined_request_tells_the_requester_why(
    forwarded: Interpellation,
    chairman: Any,
    referent: Any,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    # when
    with django_capture_on_commit_callbacks(execute=True):
        services.decline_request(
            actor=chairman, interpellation=forwarded, reason="We do not comment on court cases."
        )
    # then
    request = _reload(forwarded)
    assert request.status == Status.DECLINED
    assert request.finished_at is not None
    public = selectors.request_page(request, public_only=True)
    assert [(e.kind, e.body) for e in public.entries] == [
        (EntryKind.DECLINE, "We do not comment on court cases.")
    ]
    [email] = _mails_to(mailoutbox, "claire@example.org")
    assert "We do not comment on court cases." in email.body
    assert "referent@example.org" in _notified("interpellations.status")


def test_declining_needs_a_reason(outsider_request: Interpellation, chairman: Any) -> None:
    # when / then
    with pytest.raises(DomainError, match="Say why the request is declined"):
        services.decline_request(actor=chairman, interpellation=outsider_request, reason=" ")
    assert _reload(outsider_request).status == Status.RECEIVED


def test_the_chairman_closes_an_answered_request(answered: Interpellation, chairman: Any) -> None:
    # when
    services.close_request(actor=chairman, interpellation=answered)
    # then
    request = _reload(answered)
    assert request.status == Status.CLOSED
    assert request.finished_at is not None
    assert request.is_open is False


@pytest.mark.parametrize("verb", ["close", "reopen"])
def test_a_received_request_can_be_neither_closed_nor_reopened(
    outsider_request: Interpellation, chairman: Any, verb: str
) -> None:
    # given
    call = services.close_request if verb == "close" else services.reopen_request
    # when / then
    with pytest.raises(InvalidTransition, match="“Received”"):
        call(actor=chairman, interpellation=outsider_request)
    assert _reload(outsider_request).status == Status.RECEIVED


def test_a_closed_request_cannot_be_answered_or_declined(
    answered: Interpellation, chairman: Any
) -> None:
    # given
    services.close_request(actor=chairman, interpellation=answered)
    # when / then
    with pytest.raises(InvalidTransition, match="“Closed”"):
        services.answer_request(actor=chairman, interpellation=answered, body="Again.")
    with pytest.raises(InvalidTransition, match="“Closed”"):
        services.decline_request(actor=chairman, interpellation=answered, reason="No.")


def test_a_reopened_request_goes_back_to_its_assignees(
    answered: Interpellation, chairman: Any, referent: Any
) -> None:
    # when
    services.reopen_request(actor=chairman, interpellation=answered, reason="A follow-up.")
    # then
    request = _reload(answered)
    assert request.status == Status.FORWARDED
    assert request.is_open is True
    assert request.finished_at is None
    assert "referent@example.org" in _notified("interpellations.status")
    assert request.entries.filter(kind=EntryKind.STATUS, body="A follow-up.").exists()


def test_a_reopened_request_nobody_was_given_goes_back_to_the_chairman(
    outsider_request: Interpellation, chairman: Any
) -> None:
    # given
    services.decline_request(actor=chairman, interpellation=outsider_request, reason="No.")
    # when
    services.reopen_request(actor=chairman, interpellation=outsider_request)
    # then
    request = _reload(outsider_request)
    assert request.status == Status.RECEIVED
    assert request.finished_at is None


def test_a_reopened_request_past_its_date_gets_a_new_one(
    answered: Interpellation, chairman: Any
) -> None:
    # given a request whose target date passed, reminded long ago
    Interpellation.objects.filter(pk=answered.pk).update(
        due_date=dt.date(2025, 1, 10),
        reminded_on=dt.date(2025, 1, 7),
        overdue_notified_on=dt.date(2025, 1, 13),
    )
    # when
    services.reopen_request(actor=chairman, interpellation=answered)
    # then
    request = _reload(answered)
    assert request.due_date == add_working_days(localdate(), 15)
    assert (request.reminded_on, request.overdue_notified_on) == (None, None)


def test_a_reopened_request_keeps_a_date_still_to_come(
    answered: Interpellation, chairman: Any
) -> None:
    # given
    later = localdate() + dt.timedelta(days=60)
    Interpellation.objects.filter(pk=answered.pk).update(due_date=later)
    # when
    services.reopen_request(actor=chairman, interpellation=answered)
    # then
    assert _reload(answered).due_date == later


# name_delegate, end_delegate


@pytest.mark.parametrize("role", ["secretary", "board_member", "referent"])
def test_only_the_chairman_names_a_delegate(
    request: pytest.FixtureRequest, professional: Any, role: str
) -> None:
    # when / then
    with pytest.raises(PermissionDenied):
        services.name_delegate(actor=request.getfixturevalue(role), person=professional)
    assert RoutingDelegate.objects.exists() is False
    assert _fresh(professional).has_perm(ROUTE) is False


def test_a_delegate_routes_requests_while_the_delegation_lasts(
    chairman: Any, professional: Any, outsider_request: Interpellation
) -> None:
    # when
    delegation = services.name_delegate(actor=chairman, person=professional)
    # then
    assert delegation.start == localdate()
    person = _fresh(professional)
    assert person.has_perm(ROUTE) is True
    assert person.has_perm(VIEW, outsider_request) is True
    assert person.has_perm("interpellations:delegation:manage") is False
    assert professional in selectors.routers()


def test_a_delegation_that_starts_later_does_not_route_yet(
    chairman: Any, professional: Any
) -> None:
    # when
    services.name_delegate(
        actor=chairman, person=professional, start=localdate() + dt.timedelta(days=7)
    )
    # then
    assert _fresh(professional).has_perm(ROUTE) is False
    assert professional not in selectors.routers()


def test_a_delegation_that_ended_routes_no_more(chairman: Any, professional: Any) -> None:
    # when
    services.name_delegate(
        actor=chairman,
        person=professional,
        start=localdate() - dt.timedelta(days=30),
        end=localdate() - dt.timedelta(days=1),
    )
    # then
    assert _fresh(professional).has_perm(ROUTE) is False


def test_ending_a_delegation_not_begun_removes_it(chairman: Any, professional: Any) -> None:
    # given
    delegation = services.name_delegate(
        actor=chairman, person=professional, start=localdate() + dt.timedelta(days=7)
    )
    # when
    services.end_delegate(actor=chairman, delegate=delegation)
    # then
    assert RoutingDelegate.objects.exists() is False


def test_ending_a_current_delegation_keeps_it_in_the_record(
    chairman: Any, professional: Any
) -> None:
    # given
    delegation = services.name_delegate(
        actor=chairman, person=professional, start=localdate() - dt.timedelta(days=10)
    )
    # when
    ended = services.end_delegate(actor=chairman, delegate=delegation)
    # then it ends yesterday (the end day still counts), and stays in the record
    assert ended.end == localdate() - dt.timedelta(days=1)
    assert RoutingDelegate.objects.get().person == professional
    assert AuditEvent.objects.filter(verb="interpellations.delegate.end").count() == 1


def test_an_ended_delegate_routes_no_more_at_once(chairman: Any, professional: Any) -> None:
    # given
    delegation = services.name_delegate(
        actor=chairman, person=professional, start=localdate() - dt.timedelta(days=10)
    )
    # when
    services.end_delegate(actor=chairman, delegate=delegation)
    # then
    assert _fresh(professional).has_perm(ROUTE) is False
    assert professional not in selectors.routers()


def test_ending_a_finished_delegation_does_not_revive_it(chairman: Any, professional: Any) -> None:
    # given a delegation that ended last month
    delegation = services.name_delegate(
        actor=chairman,
        person=professional,
        start=localdate() - dt.timedelta(days=90),
        end=localdate() - dt.timedelta(days=30),
    )
    # when
    services.end_delegate(actor=chairman, delegate=delegation)
    # then
    assert _fresh(professional).has_perm(ROUTE) is False


@pytest.mark.parametrize("role", ["delegate", "secretary"])
def test_only_the_chairman_ends_a_delegation(
    request: pytest.FixtureRequest, chairman: Any, professional: Any, role: str
) -> None:
    # given
    delegation = services.name_delegate(actor=chairman, person=professional)
    # when / then
    with pytest.raises(PermissionDenied):
        services.end_delegate(actor=request.getfixturevalue(role), delegate=delegation)
    delegation.refresh_from_db()
    assert delegation.end is None


@pytest.mark.parametrize(
    ("person", "start", "end", "message"),
    [
        ("chairman", None, None, "You route requests already."),
        ("professional", dt.date(2026, 6, 1), dt.date(2026, 5, 1), "The end comes before"),
    ],
)
def test_a_delegation_that_makes_no_sense_is_refused(
    request: pytest.FixtureRequest,
    chairman: Any,
    person: str,
    start: dt.date | None,
    end: dt.date | None,
    message: str,
) -> None:
    # when / then
    with pytest.raises(DomainError, match=message):
        services.name_delegate(
            actor=chairman, person=request.getfixturevalue(person), start=start, end=end
        )
    assert RoutingDelegate.objects.exists() is False


def test_the_same_person_cannot_be_named_twice_at_once(chairman: Any, professional: Any) -> None:
    # given
    services.name_delegate(actor=chairman, person=professional)
    # when / then
    with pytest.raises(DomainError, match="already your delegate"):
        services.name_delegate(actor=chairman, person=professional)
    assert RoutingDelegate.objects.count() == 1


# tracking links


def test_the_private_link_opens_its_request(outsider_request: Interpellation) -> None:
    # when / then
    assert selectors.get_by_token(outsider_request.tracking_token()) == outsider_request


@pytest.mark.parametrize(
    "mangle",
    [
        pytest.param(lambda token: token[:-1], id="truncated"),
        pytest.param(lambda token: token.split(".")[0], id="key-alone"),
        pytest.param(lambda token: token.split(".")[0] + "." + "0" * 32, id="wrong-signature"),
        pytest.param(lambda token: token.upper(), id="changed-case"),
        pytest.param(lambda token: "", id="empty"),
        pytest.param(lambda token: ".", id="dot"),
        pytest.param(lambda token: "." + token.split(".")[1], id="signature-alone"),
        pytest.param(lambda token: "x" * 40 + "." + token.split(".")[1], id="long-key"),
        pytest.param(lambda token: "not-a-token", id="random"),
        pytest.param(lambda token: token + ".extra", id="suffix"),
    ],
)
def test_a_wrong_private_link_opens_nothing(outsider_request: Interpellation, mangle: Any) -> None:
    # when / then
    assert selectors.get_by_token(mangle(outsider_request.tracking_token())) is None


def test_a_link_made_of_someone_elses_key_opens_nothing(
    outsider_request: Interpellation, chairman: Any
) -> None:
    # given a second request: its key with the first request's signature
    other = _submit()
    key = other.tracking_key
    signature = outsider_request.tracking_token().split(".")[1]
    # when / then
    assert selectors.get_by_token(f"{key}.{signature}") is None


def test_a_link_with_non_ascii_characters_opens_nothing(outsider_request: Interpellation) -> None:
    # given the right key with a foreign character for a signature, and the other way round
    key, signature = outsider_request.tracking_token().split(".")
    # when / then nothing opens, and nothing breaks
    assert selectors.get_by_token(f"{key}.é") is None
    assert selectors.get_by_token(f"{key}.{signature[:-1]}é") is None
    assert selectors.get_by_token(f"{key}é.{signature}") is None


def test_a_revoked_link_opens_nothing(outsider_request: Interpellation, chairman: Any) -> None:
    # given
    token = outsider_request.tracking_token()
    # when
    services.revoke_tracking_link(actor=chairman, interpellation=outsider_request)
    # then
    assert selectors.get_by_token(token) is None
    assert _reload(outsider_request).tracking_token() == ""


def test_a_renewed_link_replaces_the_old_one(
    outsider_request: Interpellation,
    chairman: Any,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given
    old = outsider_request.tracking_token()
    # when
    with django_capture_on_commit_callbacks(execute=True):
        services.renew_tracking_link(actor=chairman, interpellation=outsider_request)
    # then
    new = _reload(outsider_request).tracking_token()
    assert new not in ("", old)
    assert selectors.get_by_token(old) is None
    assert selectors.get_by_token(new) == outsider_request
    [email] = _mails_to(mailoutbox, "claire@example.org")
    assert new in email.body
    assert old not in email.body


def test_a_revoked_link_can_be_renewed(outsider_request: Interpellation, chairman: Any) -> None:
    # given
    services.revoke_tracking_link(actor=chairman, interpellation=outsider_request)
    # when
    services.renew_tracking_link(actor=chairman, interpellation=outsider_request)
    # then
    token = _reload(outsider_request).tracking_token()
    assert selectors.get_by_token(token) == outsider_request


@pytest.mark.parametrize("verb", ["revoke", "renew"])
def test_only_the_routers_change_the_private_link(
    forwarded: Interpellation, referent: Any, verb: str
) -> None:
    # given
    token = forwarded.tracking_token()
    call = services.revoke_tracking_link if verb == "revoke" else services.renew_tracking_link
    # when / then
    with pytest.raises(PermissionDenied):
        call(actor=referent, interpellation=forwarded)
    assert selectors.get_by_token(token) == forwarded


def test_the_link_of_an_erased_request_opens_nothing(
    outsider_request: Interpellation, chairman: Any
) -> None:
    # given
    token = outsider_request.tracking_token()
    # when
    services.erase_personal_data(actor=chairman, interpellation=outsider_request)
    # then
    assert selectors.get_by_token(token) is None
    with pytest.raises(InvalidTransition, match="erased"):
        services.renew_tracking_link(actor=chairman, interpellation=outsider_request)


# send_reminders


def test_the_assignees_are_reminded_once_shortly_before_the_due_date(
    forwarded: Interpellation, referent: Any, chairman: Any
) -> None:
    # given the day before the due date
    day_before = forwarded.due_date - dt.timedelta(days=1)
    # when the daily job runs that day and the next
    first = services.send_reminders(today=day_before)
    second = services.send_reminders(today=forwarded.due_date)
    # then the referent was reminded once, the Chairman not at all
    assert (first, second) == (1, 0)
    [reminder] = Notification.objects.filter(kind="interpellations.due")
    assert reminder.recipient == referent
    assert reminder.params["due"] == forwarded.due_date.isoformat()
    assert forwarded.assignments.get().reminded_on == day_before


def test_nobody_is_reminded_while_the_due_date_is_far(forwarded: Interpellation) -> None:
    # when
    concerned = services.send_reminders(today=forwarded.due_date - dt.timedelta(days=10))
    # then
    assert concerned == 0
    assert Notification.objects.filter(kind="interpellations.due").exists() is False


def test_a_request_nobody_was_given_reminds_the_routers(
    outsider_request: Interpellation, chairman: Any, delegate: Any
) -> None:
    # when
    services.send_reminders(today=outsider_request.due_date)
    # then
    assert _notified("interpellations.due") == {"chair@example.org", "board@example.org"}


def test_the_routers_are_told_of_an_overdue_request_once_a_week(
    forwarded: Interpellation, chairman: Any, delegate: Any, referent: Any
) -> None:
    # given
    due = forwarded.due_date
    # when the daily job runs each day for two weeks after the due date
    counts = [services.send_reminders(today=due + dt.timedelta(days=n)) for n in range(1, 16)]
    # then the routers hear of it on the first day, a week later and a week after that
    assert counts == [1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1]
    overdue = Notification.objects.filter(kind="interpellations.overdue")
    assert overdue.count() == 6
    assert _notified("interpellations.overdue") == {"chair@example.org", "board@example.org"}


def test_finished_and_erased_requests_are_not_reminded(
    answered: Interpellation, chairman: Any
) -> None:
    # given an answered request, and an open one whose data was erased
    erased = _submit()
    services.erase_personal_data(actor=chairman, interpellation=erased)
    # when
    concerned = services.send_reminders(today=answered.due_date + dt.timedelta(days=1))
    # then
    assert concerned == 0
    assert Notification.objects.filter(kind="interpellations.overdue").exists() is False


def test_assignees_are_reminded_before_the_due_date_they_were_given(
    outsider_request: Interpellation, chairman: Any, referent: Any
) -> None:
    # given the Chairman asks the referent for an answer well before the requester's date
    own_due = add_working_days(localdate(), 4)
    assert own_due < outsider_request.due_date
    services.forward_request(
        actor=chairman, interpellation=outsider_request, people=[referent], due_date=own_due
    )
    # when the daily job runs the day before the referent's due date
    services.send_reminders(today=own_due - dt.timedelta(days=1))
    # then
    reminder = referent.notifications.filter(kind="interpellations.due").first()
    assert reminder is not None
    assert reminder.params["due"] == own_due.isoformat()


# close_answered, erase_expired


def test_answered_requests_are_closed_after_thirty_days(
    answered: Interpellation, chairman: Any
) -> None:
    # given an answer 31 days old, and another from yesterday
    Interpellation.objects.filter(pk=answered.pk).update(
        answered_at=timezone_now() - dt.timedelta(days=31)
    )
    recent = _submit()
    services.answer_request(actor=chairman, interpellation=recent, body="Answer.")
    # when
    closed = services.close_answered()
    # then
    assert closed == 1
    old = _reload(answered)
    assert old.status == Status.CLOSED
    assert old.finished_at is not None
    assert _reload(recent).status == Status.ANSWERED
    assert AuditEvent.objects.get(verb="interpellations.request.close").data == {"automatic": True}


def test_an_erased_answered_request_does_not_stop_the_closing(
    answered: Interpellation, chairman: Any
) -> None:
    # given an answered request whose data was erased, and another one to close
    services.erase_personal_data(actor=chairman, interpellation=answered)
    other = _submit()
    services.answer_request(actor=chairman, interpellation=other, body="Answer.")
    Interpellation.objects.update(answered_at=timezone_now() - dt.timedelta(days=31))
    # when
    services.close_answered()
    # then
    assert _reload(other).status == Status.CLOSED


def test_a_request_answered_again_after_reopening_is_not_closed_at_once(
    answered: Interpellation, chairman: Any
) -> None:
    # given a request answered 40 days ago, reopened and answered again today
    Interpellation.objects.filter(pk=answered.pk).update(
        answered_at=timezone_now() - dt.timedelta(days=40)
    )
    services.reopen_request(actor=chairman, interpellation=answered, reason="A follow-up.")
    services.answer_request(actor=chairman, interpellation=answered, body="The follow-up.")
    # when
    services.close_answered()
    # then
    assert _reload(answered).status == Status.ANSWERED


def test_personal_data_is_erased_after_the_retention_period(chairman: Any, settings: Any) -> None:
    # given a retention of 30 days, and requests finished 31 and 29 days ago
    settings.BEFUS_REQUEST_RETENTION_DAYS = 30
    closed_long_ago = _submit(subject="Closed long ago")
    services.answer_request(actor=chairman, interpellation=closed_long_ago, body="Answer.")
    services.close_request(actor=chairman, interpellation=closed_long_ago)
    declined_long_ago = _submit(subject="Declined long ago")
    services.decline_request(actor=chairman, interpellation=declined_long_ago, reason="No.")
    closed_lately = _submit(subject="Closed lately")
    services.answer_request(actor=chairman, interpellation=closed_lately, body="Answer.")
    services.close_request(actor=chairman, interpellation=closed_lately)
    answered_long_ago = _submit(subject="Answered long ago")
    services.answer_request(actor=chairman, interpellation=answered_long_ago, body="Answer.")
    long_ago = timezone_now() - dt.timedelta(days=31)
    Interpellation.objects.filter(
        pk__in=[closed_long_ago.pk, declined_long_ago.pk, answered_long_ago.pk]
    ).update(finished_at=long_ago, answered_at=long_ago)
    Interpellation.objects.filter(pk=closed_lately.pk).update(
        finished_at=timezone_now() - dt.timedelta(days=29)
    )
    # when
    erased = services.erase_expired()
    # then
    assert erased == 2
    kept = set(
        Interpellation.objects.filter(erased_at__isnull=True).values_list("subject", flat=True)
    )
    assert kept == {"Closed lately", "Answered long ago"}
    assert _reload(closed_long_ago).requester_email == ""
    assert services.erase_expired() == 0


# erase_personal_data


@pytest.fixture
def full_file(forwarded: Interpellation, referent: Any, chairman: Any) -> Interpellation:
    """A request with a file from the requester, a note, a draft and an answer, each with a file."""
    Attachment.objects.create(
        interpellation=forwarded,
        file=_file("letter.pdf"),
        name="letter.pdf",
        content_type="application/pdf",
        size=len(PDF),
        public=True,
    )
    services.add_note(actor=referent, interpellation=forwarded, body="Claire called me.")
    services.propose_answer(
        actor=referent, interpellation=forwarded, body="Dear Claire…", files=[_file("a.pdf")]
    )
    services.answer_request(
        actor=chairman,
        interpellation=forwarded,
        body="Dear Claire, see the guide.",
        files=[_file("guide.pdf")],
    )
    return _reload(forwarded)


def test_erasure_removes_the_requesters_data_and_every_text(
    full_file: Interpellation,
    chairman: Any,
    referent: Any,
    network: Network,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given
    paths = [Path(a.file.path) for a in full_file.attachments.all()]
    assert len(paths) == 3
    assert all(path.exists() for path in paths)
    # when (the files go once the erasure is committed)
    with django_capture_on_commit_callbacks(execute=True):
        services.erase_personal_data(actor=chairman, interpellation=full_file)
    # then the personal data and the texts are gone
    request = _reload(full_file)
    assert request.subject == services.ERASED_TEXT
    assert (request.message, request.requester_name, request.requester_email) == ("", "", "")
    assert request.requester_organisation == ""
    assert request.requester is None
    assert request.tracking_key is None
    assert request.erased_at is not None
    assert set(request.entries.values_list("body", flat=True)) == {""}
    assert request.attachments.exists() is False
    assert not any(path.exists() for path in paths)
    # and what the statistics need stays
    assert request.reference.endswith("-0001")
    assert (request.requester_kind, request.language) == (RequesterKind.PRESS, "fr")
    assert request.status == Status.ANSWERED
    assert request.received_at is not None
    assert request.answered_at is not None
    assert list(request.networks.all()) == [network]
    assert [(a.person, a.network) for a in request.assignments.all()] == [(referent, network)]
    assert request.entries.count() == 4  # forward, note, draft, answer
    event = AuditEvent.objects.get(verb="interpellations.request.erase")
    assert (event.actor, event.data) == (chairman, {"reason": "request"})


def test_erasure_scrubs_the_subject_from_the_notifications(
    full_file: Interpellation, chairman: Any
) -> None:
    # when
    services.erase_personal_data(actor=chairman, interpellation=full_file)
    # then
    notifications = Notification.objects.filter(url__contains=full_file.reference)
    assert notifications.exists()
    assert all(n.params.get("subject") in (None, "—") for n in notifications)
    assert all("Nightlife" not in render_title(n.kind, n.params) for n in notifications)
    assert all("Claire" not in str(n.params) for n in notifications)


def test_erased_notifications_still_read_as_sentences(
    full_file: Interpellation, chairman: Any, referent: Any
) -> None:
    # when
    services.erase_personal_data(actor=chairman, interpellation=full_file)
    # then
    assignment = referent.notifications.get(kind="interpellations.assigned")
    title = render_title(assignment.kind, assignment.params)
    assert "%(" not in title
    assert full_file.reference in title


def test_erasure_scrubs_notifications_made_in_another_language(chairman: Any) -> None:
    # given a request sent through the French form
    with translation.override("fr"):
        request = _submit(subject="Agression de Claire Dupont")
    # when the daily job erases it in English
    services.erase_personal_data(actor=None, interpellation=request)
    # then
    notification = chairman.notifications.get(kind="interpellations.received")
    assert "Claire Dupont" not in str(notification.params)


def test_erasure_blanks_the_chairmans_note_to_the_assignees(
    forwarded: Interpellation, chairman: Any
) -> None:
    # when
    services.erase_personal_data(actor=chairman, interpellation=forwarded)
    # then
    assert set(forwarded.assignments.values_list("note", flat=True)) == {""}


def test_erasure_leaves_the_subject_nowhere_in_the_audit_trail(
    outsider_request: Interpellation, chairman: Any
) -> None:
    # when
    services.erase_personal_data(actor=chairman, interpellation=outsider_request)
    # then
    reprs = AuditEvent.objects.filter(target_id=str(outsider_request.pk)).values_list(
        "target_repr", flat=True
    )
    assert all("Nightlife safety" not in text for text in reprs)


def test_only_the_routers_erase_a_request(forwarded: Interpellation, referent: Any) -> None:
    # when / then
    with pytest.raises(PermissionDenied):
        services.erase_personal_data(actor=referent, interpellation=forwarded)
    assert _reload(forwarded).requester_email == "claire@example.org"


def test_erasing_twice_changes_nothing(outsider_request: Interpellation, chairman: Any) -> None:
    # given
    first = services.erase_personal_data(actor=chairman, interpellation=outsider_request)
    # when
    second = services.erase_personal_data(actor=chairman, interpellation=outsider_request)
    # then
    assert second.erased_at == first.erased_at
    assert AuditEvent.objects.filter(verb="interpellations.request.erase").count() == 1


def test_an_erased_request_cannot_be_worked_on(
    forwarded: Interpellation, chairman: Any, referent: Any
) -> None:
    # given
    services.erase_personal_data(actor=chairman, interpellation=forwarded)
    # when / then
    with pytest.raises(InvalidTransition, match="erased"):
        services.take_up(actor=referent, interpellation=forwarded)
    with pytest.raises(InvalidTransition, match="erased"):
        services.answer_request(actor=chairman, interpellation=forwarded, body="Answer.")


def test_the_statistics_still_count_an_erased_request(
    forwarded: Interpellation, chairman: Any, network: Network
) -> None:
    # given
    services.erase_personal_data(actor=chairman, interpellation=forwarded)
    # when
    figures = selectors.statistics_since(localdate() - dt.timedelta(days=1))
    # then
    assert figures.total == 1
    assert [(row["pk"], row["addressed"], row["handled"]) for row in figures.by_network] == [
        (network.pk, 1, 1)
    ]
    assert figures.by_kind == [("Journalist", 1)]


def test_erasing_an_account_erases_the_requests_of_that_person(
    professional: Any, secretary: Any, chairman: Any, network: Network
) -> None:
    # given a member's request, and an outsider's
    mine = _submit([network], requester=professional, subject="My city's problem")
    theirs = _submit([network])
    erasure = request_erasure(actor=professional)
    # when
    erase_user(actor=secretary, erasure=erasure)
    # then
    mine = _reload(mine)
    assert mine.erased_at is not None
    assert (mine.requester, mine.requester_email, mine.subject) == (None, "", "—")
    assert list(mine.networks.all()) == [network]
    event = AuditEvent.objects.get(verb="interpellations.request.erase")
    assert (event.actor, event.data) == (None, {"reason": "account_erased"})
    assert _reload(theirs).erased_at is None


# statistics_since, handled_by_network


def _at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T09:00:00+00:00")


def test_statistics_count_the_requests_per_network_kind_status_and_month(
    chairman: Any, network: Network, referent: Any
) -> None:
    # given three requests of 2025 and one of 2024
    other = NetworkFactory(recognised=True, name_en="Nightlife")
    on_time = _submit([network], requester_kind=RequesterKind.PRESS)
    services.forward_request(actor=chairman, interpellation=on_time, networks=[network])
    services.answer_request(actor=chairman, interpellation=on_time, body="Answer.")
    late = _submit([network, other], requester_kind=RequesterKind.CITIZEN)
    services.answer_request(actor=chairman, interpellation=late, body="Answer.")
    waiting = _submit(requester_kind=RequesterKind.CITIZEN)
    older = _submit([other], requester_kind=RequesterKind.RESEARCH)
    dates = {
        on_time: ("2025-03-03", "2025-03-05", "2025-03-24"),
        late: ("2025-03-20", "2025-03-30", "2025-03-25"),
        waiting: ("2025-04-02", None, "2025-04-23"),
        older: ("2024-12-15", None, "2025-01-08"),
    }
    for request, (received, answered, due) in dates.items():
        Interpellation.objects.filter(pk=request.pk).update(
            received_at=_at(received),
            answered_at=_at(answered) if answered else None,
            due_date=dt.date.fromisoformat(due),
        )
    # when
    figures = selectors.statistics_since(dt.date(2025, 1, 1))
    # then
    assert (figures.total, figures.open, figures.overdue) == (3, 1, 1)
    assert (figures.answered, figures.answered_in_time) == (2, 1)
    assert figures.median_days_to_answer == 6.0
    assert figures.by_kind == [("Citizen", 2), ("Journalist", 1)]
    assert figures.by_status == [("Answered", 2), ("Received", 1)]
    assert figures.by_month == [(dt.date(2025, 3, 1), 2), (dt.date(2025, 4, 1), 1)]
    assert [(row["pk"], row["addressed"], row["handled"]) for row in figures.by_network] == [
        (network.pk, 2, 1),
        (other.pk, 1, 0),
    ]


def test_statistics_of_a_quiet_period_are_empty(chairman: Any) -> None:
    # given a request of 2024
    Interpellation.objects.filter(pk=_submit().pk).update(received_at=_at("2024-06-03"))
    # when
    figures = selectors.statistics_since(dt.date(2025, 1, 1))
    # then
    assert (figures.total, figures.answered, figures.median_days_to_answer) == (0, 0, None)
    assert (figures.by_network, figures.by_kind, figures.by_month) == ([], [], [])


def test_the_general_assembly_lists_the_requests_a_network_handled_in_a_year(
    forwarded: Interpellation, chairman: Any, network: Network, referent: Any
) -> None:
    # given a second referent, so that the request is passed on to two people of the network,
    # and a request passed on to another network
    co = UserFactory()
    NetworkMembershipFactory(
        network=network, person=co, role=MemberRole.REGIONAL_REFERENT, active=True
    )
    services.forward_request(actor=chairman, interpellation=forwarded, people=[co])
    other_network = NetworkFactory(recognised=True)
    stranger = UserFactory()
    NetworkMembershipFactory(network=other_network, person=stranger, active=True)
    elsewhere = _submit([other_network])
    services.forward_request(actor=chairman, interpellation=elsewhere, people=[stranger])
    year = localdate().year
    # when / then
    assert selectors.handled_by_network(network, year) == [forwarded]
    assert selectors.handled_by_network(network, year - 1) == []
    assert selectors.handled_by_network(other_network, year) == [elsewhere]


def test_a_request_counts_in_the_year_it_was_passed_on(
    forwarded: Interpellation, network: Network
) -> None:
    # given a request passed on in June 2025
    forwarded.assignments.update(assigned_at=_at("2025-06-02"))
    # when / then
    assert selectors.handled_by_network(network, 2025) == [forwarded]
    assert selectors.handled_by_network(network, localdate().year) == []
