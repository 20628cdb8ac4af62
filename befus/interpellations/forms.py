from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from typing_extensions import override

from befus.accounts.models import User
from befus.core.forms import (
    AttachmentsField,
    ModelChoiceField,
    ModelMultipleChoiceField,
    QuickSelect,
)
from befus.interpellations import selectors
from befus.interpellations.choices import RequesterKind
from befus.members.choices import BodyKind
from befus.members.forms import DateInput
from befus.members.models import Seat
from befus.networks.models import Network

LANGUAGE_CHOICES = [("nl", _("Dutch")), ("fr", _("French")), ("en", _("English"))]


class NetworkChoices(ModelMultipleChoiceField):
    """The recognised networks as checkboxes, each with what it works on."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            queryset=selectors.recognised_networks(),
            widget=forms.CheckboxSelectMultiple,
            required=False,
            **kwargs,
        )

    @override
    def label_from_instance(self, obj: Network) -> str:
        purpose = Truncator(obj.purpose.strip().splitlines()[0] if obj.purpose.strip() else "")
        summary = purpose.chars(140)
        return f"{obj.name} – {summary}" if summary else obj.name


def _kind_field() -> forms.ChoiceField:
    """Who asks, chosen by the person: no preset, so that nobody is counted as what they are not."""
    return forms.ChoiceField(label=_("you ask as"), choices=OUTSIDE_KINDS, widget=forms.RadioSelect)


class RequestForm(forms.Form):
    """A request from inside the platform: the person is known, their data is not asked again."""

    networks = NetworkChoices(
        label=_("addressed to"),
        help_text=_(
            "Choose one or more networks, or none: the Chairman then routes it. Every request "
            "reaches the Chairman of the Forum first, who passes it on to the right people."
        ),
    )
    subject = forms.CharField(label=_("subject"), max_length=200)
    message = forms.CharField(
        label=_("your question or request"), widget=forms.Textarea(attrs={"rows": 8})
    )
    language = forms.ChoiceField(
        label=_("language for our answer"), choices=LANGUAGE_CHOICES, required=True
    )
    attachments = AttachmentsField(label=_("attachments"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        language = get_language() or settings.LANGUAGE_CODE
        self.fields["language"].initial = language if language in ("nl", "fr", "en") else "nl"


OUTSIDE_KINDS = [c for c in RequesterKind.choices if c[0] != RequesterKind.MEMBER]


class AccountRequestForm(RequestForm):
    """A person with an account but no role in the Forum says in what capacity they ask."""

    requester_kind = _kind_field()
    field_order = ["requester_kind", "networks", "subject", "message", "language", "attachments"]


class PublicRequestForm(RequestForm):
    """The public form: who asks, how to answer them, their consent; a honeypot for robots."""

    name = forms.CharField(label=_("your name"), max_length=200)
    organisation = forms.CharField(label=_("organisation"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("e-mail address"),
        help_text=_("We send the confirmation and every answer to this address."),
    )
    requester_kind = _kind_field()
    consent = forms.BooleanField(
        label=_(
            "I agree that the Forum keeps my name, organisation and e-mail address to handle this "
            "request, shows them only to the Chairman and the people who answer, and erases them "
            "two years after the request is closed, or sooner if I ask."
        ),
        error_messages={
            "required": _("Agree to the handling of your data, or we cannot answer you.")
        },
    )
    # Robots fill every field; people never see this one.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    field_order = [
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


class ForwardForm(forms.Form):
    networks = ModelMultipleChoiceField(
        label=_("to the referents of"),
        queryset=Network.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    people = ModelMultipleChoiceField(
        label=_("to named people"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Members of the recognised networks; hold Ctrl (or ⌘) to choose several."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    note = forms.CharField(
        label=_("note for them (the requester does not see it)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    due_date = forms.DateField(label=_("due date"), widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["networks"].queryset = selectors.recognised_networks()  # type: ignore[attr-defined]
        memberships = list(selectors.assignable_memberships())
        people = {m.person_id: m for m in memberships}
        self.fields["people"].queryset = User.objects.filter(pk__in=people)  # type: ignore[attr-defined]
        self.fields["people"].choices = [  # type: ignore[attr-defined]
            (
                m.person_id,
                f"{m.person.get_full_name() or m.person.email} – {m.network.name}",
            )
            for m in {m.person_id: m for m in memberships}.values()
        ]


class TextForm(forms.Form):
    body = forms.CharField(label=_("text"), widget=forms.Textarea(attrs={"rows": 6}))


class TextWithFilesForm(TextForm):
    attachments = AttachmentsField(label=_("attachments"))


class OptionalTextForm(forms.Form):
    body = forms.CharField(
        label=_("reason (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ValidateForm(forms.Form):
    draft = forms.IntegerField(widget=forms.HiddenInput)
    body = forms.CharField(
        label=_("answer as it goes out"), widget=forms.Textarea(attrs={"rows": 8})
    )


class ReturnForm(forms.Form):
    draft = forms.IntegerField(widget=forms.HiddenInput)
    body = forms.CharField(label=_("what to change"), widget=forms.Textarea(attrs={"rows": 3}))


class InboxFilterForm(forms.Form):
    q = forms.CharField(label=_("Reference, subject or requester"), required=False, max_length=100)
    network = ModelChoiceField(
        label=_("network"),
        queryset=Network.objects.none(),
        required=False,
        empty_label=_("All networks"),
        widget=QuickSelect,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = selectors.recognised_networks()  # type: ignore[attr-defined]


class DelegateForm(forms.Form):
    person = ModelChoiceField(label=_("person"), queryset=User.objects.none())
    start = forms.DateField(label=_("from"), widget=DateInput())
    end = forms.DateField(label=_("until"), required=False, widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Secretariat staff and board members: their roles require a second factor.
        seated = (
            Seat.objects.current()
            .filter(body__kind__in=(BodyKind.SECRETARIAT, BodyKind.BOARD))
            .values("person")
        )
        self.fields["person"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(pk__in=seated, is_active=True).order_by("last_name", "first_name")
        )
        self.fields["person"].label_from_instance = (  # type: ignore[attr-defined]
            lambda user: user.get_full_name() or user.email
        )
