"""What the request services share: the yearly references, the target date in working
days, and the checks on attached files."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.timezone import localdate

from befus.core.errors import DomainError
from befus.core.workdays import add_working_days
from befus.interpellations import selectors
from befus.interpellations.models import Attachment, Interpellation
from tests.interpellations.helpers import PDF, PNG, _file, _submit

# _next_reference, default_due_date


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


# _attach


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
