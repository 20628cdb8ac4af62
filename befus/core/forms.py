from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from typing_extensions import override

from befus.core.errors import DomainError
from befus.core.models import Delivery
from befus.core.notifications import KINDS
from befus.core.uploads import MAX_ATTACHMENTS, attachment_type, validate_document

# The largest id any table holds (a signed 64-bit integer): a number past it names no row, and
# PostgreSQL and SQLite would refuse it with an error instead of finding nothing.
LARGEST_ID = 2**63 - 1


def _looks_like_an_id(value: Any) -> bool:
    text = str(value).strip()
    return text.isascii() and text.isdigit() and int(text) <= LARGEST_ID


class ModelChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """Django's field, but a value that cannot be an id is "not one of the choices".

    Every choice field of the platform that lists rows by id uses this class (or the multiple
    one): a forged value past the database's integer range would otherwise reach the query and
    answer 500 instead of a message.
    """

    @override
    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        if self.to_field_name is None and not _looks_like_an_id(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """Django's field, refusing values that cannot be ids before they reach the query."""

    @override
    def clean(self, value: Any) -> Any:
        if self.to_field_name is None and not isinstance(value, str | bytes):
            try:
                values = list(value)
            except TypeError:
                values = []
            for item in values:
                if item not in self.empty_values and not _looks_like_an_id(item):
                    raise forms.ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": str(item)[:40]},
                    )
        return super().clean(value)


def add_domain_error(form: forms.Form, error: DomainError) -> None:
    """Show a service's refusal on the form, on its field when the service named one."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


class NotificationPreferencesForm(forms.Form):
    """One choice of delivery per registered kind of notification."""

    def __init__(self, *args: Any, initial_deliveries: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, kind in KINDS.items():
            self.fields[key] = forms.ChoiceField(
                label=kind.label, choices=Delivery.choices, initial=initial_deliveries.get(key)
            )


class PdfField(forms.FileField):
    """A signed document or an attachment: a real PDF of at most 10 MB, whatever its name says."""

    @override
    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        if upload and hasattr(upload, "size"):
            if not upload.name.lower().endswith(".pdf"):
                raise forms.ValidationError(_("The file is not a PDF document."), code="not_pdf")
            validate_document(upload)
        return upload


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several files at once, each an accepted document or picture (see core.uploads)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text",
            _("Up to %(count)s files of 10 MB at most: PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS.")
            % {"count": MAX_ATTACHMENTS},
        )
        super().__init__(*args, **kwargs)

    @override
    def clean(self, data: Any, initial: Any = None) -> Any:
        uploads = [d for d in (data if isinstance(data, list | tuple) else [data]) if d]
        if len(uploads) > MAX_ATTACHMENTS:
            raise forms.ValidationError(
                _("Attach at most %(count)s files."), params={"count": MAX_ATTACHMENTS}
            )
        errors: list[ValidationError] = []
        cleaned = []
        for upload in uploads:
            single = super().clean(upload, initial)
            try:
                attachment_type(single)
            except ValidationError as error:
                errors.append(error)
            cleaned.append(single)
        if errors:
            raise forms.ValidationError(errors)
        return cleaned


class QuickSelect(forms.Select):
    """A select of many flat choices (municipalities, people) written in one pass.

    Django's own select renders a template per option: a few milliseconds per hundred options,
    on every page that shows the filter. The markup is the same.
    """

    @override
    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        chosen = {str(v) for v in self.format_value(value)}
        options = "".join(
            format_html(
                '<option value="{}"{}>{}</option>',
                option_value,
                mark_safe(" selected") if str(option_value) in chosen else "",
                label,
            )
            for option_value, label in self.choices
        )
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return format_html("<select{}>{}</select>", flatatt(final), mark_safe(options))  # noqa: S308
