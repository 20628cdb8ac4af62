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
