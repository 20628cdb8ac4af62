from __future__ import annotations

from typing import Any

from django import forms

from befus.core.errors import DomainError


def add_domain_error(form: forms.Form, error: DomainError) -> None:
    """Show a service's refusal on the form, on its field when the service named one."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


class NotificationPreferencesForm(forms.Form):
    """One choice of delivery per registered kind of notification."""

    def __init__(self, *args: Any, initial_deliveries: dict[str, str], **kwargs: Any) -> None:
        from befus.core.models import Delivery
        from befus.core.notifications import KINDS

        super().__init__(*args, **kwargs)
        for key, kind in KINDS.items():
            self.fields[key] = forms.ChoiceField(
                label=kind.label, choices=Delivery.choices, initial=initial_deliveries.get(key)
            )
