"""Checks on uploaded documents: size and real type, whatever the file's name says."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


def validate_document(upload: Any) -> None:
    """A signed document: a real PDF of at most 10 MB."""
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s MB); the limit is 10 MB."),
            params={"size": round(upload.size / 1024 / 1024, 1)},
            code="too_large",
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(position)
    if head != PDF_MAGIC:
        raise ValidationError(_("The file is not a PDF document."), code="not_pdf")


# Attachments of requests and messages: documents and pictures, recognised by their content.
ATTACHMENT_TYPES: dict[str, tuple[bytes, str]] = {
    "pdf": (PDF_MAGIC, "application/pdf"),
    "png": (b"\x89PNG\r\n\x1a\n", "image/png"),
    "jpg": (b"\xff\xd8\xff", "image/jpeg"),
    "jpeg": (b"\xff\xd8\xff", "image/jpeg"),
    "docx": (
        b"PK\x03\x04",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xlsx": (b"PK\x03\x04", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "odt": (b"PK\x03\x04", "application/vnd.oasis.opendocument.text"),
    "ods": (b"PK\x03\x04", "application/vnd.oasis.opendocument.spreadsheet"),
}
MAX_ATTACHMENTS = 5


def attachment_type(upload: Any) -> str:
    """The content type of an allowed attachment, or a ValidationError saying what is allowed."""
    name = str(getattr(upload, "name", "") or "")
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("“%(name)s” is too large (%(size)s MB); the limit is 10 MB."),
            params={"name": name, "size": round(upload.size / 1024 / 1024, 1)},
            code="too_large",
        )
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed = ATTACHMENT_TYPES.get(extension)
    if allowed is None:
        raise ValidationError(
            _("“%(name)s” is not an accepted file: send PDF, PNG, JPEG, DOCX, XLSX, ODT or ODS."),
            params={"name": name},
            code="bad_type",
        )
    magic, content_type = allowed
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(len(magic))
    upload.seek(position)
    if head != magic:
        raise ValidationError(
            _("“%(name)s” is not really a %(kind)s file."),
            params={"name": name, "kind": extension.upper()},
            code="bad_content",
        )
    return content_type
