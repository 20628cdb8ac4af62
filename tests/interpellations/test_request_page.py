"""A request's page, step by step: what is posted, the refusals shown with what was typed,
erasing its personal data, its files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.timezone import localdate

from befus.interpellations import services
from befus.interpellations.choices import DraftState, EntryKind, Status
from befus.interpellations.models import (
    Interpellation,
    ValidationDelegation,
)
from tests.interpellations.pages import (
    ERASED,
    PDF,
    _ask,
    _drafted,
    _forwarded,
    _in_days,
    _messages,
    _pdf,
    _templates,
    _url,
)

# A request's page: each step


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
