from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from typing_extensions import override

from befus.accounts.models import User
from befus.core.forms import ModelChoiceField, PdfField
from befus.members.choices import Region
from befus.members.forms import DateInput, PeriodMixin
from befus.members.models import Organisation
from befus.networks.choices import (
    REFERENT_ROLES,
    DecisionBody,
    MandateDirection,
    NetworkStatus,
    Scope,
)
from befus.networks.models import RepresentationMandate
from befus.themes.selectors import tree_choices

LANGUAGE_CHOICES = [("nl", _("Dutch")), ("fr", _("French")), ("en", _("English"))]


class NetworkFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or theme"), required=False, max_length=100)
    scope = forms.ChoiceField(
        label=_("scope"), required=False, choices=[("", _("All scopes")), *Scope.choices]
    )
    region = forms.ChoiceField(
        label=_("region"), required=False, choices=[("", _("All regions")), *Region.choices]
    )
    status = forms.ChoiceField(
        label=_("status"), required=False, choices=[("", _("All states")), *NetworkStatus.choices]
    )
    topic = forms.TypedChoiceField(label=_("theme"), required=False, coerce=int, choices=[])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("All themes")), *tree_choices()]  # type: ignore[attr-defined]


class ProposalForm(forms.Form):
    original_language = forms.ChoiceField(
        label=_("language of this proposal"), choices=LANGUAGE_CHOICES
    )
    name_nl = forms.CharField(label=_("name in Dutch"), max_length=200, required=False)
    name_fr = forms.CharField(label=_("name in French"), max_length=200, required=False)
    name_en = forms.CharField(label=_("name in English"), max_length=200, required=False)
    purpose_nl = forms.CharField(
        label=_("purpose in Dutch"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    purpose_fr = forms.CharField(
        label=_("purpose in French"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    purpose_en = forms.CharField(
        label=_("purpose in English"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    scope = forms.ChoiceField(label=_("scope"), choices=Scope.choices)
    region = forms.ChoiceField(
        label=_("region"), required=False, choices=[("", "—"), *Region.choices]
    )
    topics = forms.TypedMultipleChoiceField(
        label=_("themes of the tree"),
        required=False,
        coerce=int,
        choices=[],
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_("Choose in the Forum's thematic tree; hold Ctrl to choose several."),
    )
    themes = forms.CharField(
        label=_("themes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The phenomena and themes it works on, one per line."),
    )
    expected_members = forms.CharField(
        label=_("expected members"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Which professionals, how many."),
    )
    expected_cities = forms.CharField(
        label=_("expected cities"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    working_method = forms.CharField(
        label=_("working method"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("How often you meet, how you work, what you will produce."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topics"].choices = tree_choices()  # type: ignore[attr-defined]

    @override
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("name_nl") or data.get("name_fr") or data.get("name_en")):
            self.add_error("name_nl", _("Give the network a name."))
        if not (data.get("purpose_nl") or data.get("purpose_fr") or data.get("purpose_en")):
            self.add_error("purpose_nl", _("Describe the network's purpose."))
        return data


class NewProposalForm(ProposalForm):
    referent_role = forms.ChoiceField(
        label=_("you will be its"), choices=[(r.value, r.label) for r in REFERENT_ROLES]
    )
    accept_charter = forms.BooleanField(
        label=_("On behalf of the network, I accept the charter above."), required=True
    )


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("What should change"), widget=forms.Textarea(attrs={"rows": 4})
    )


class DecisionForm(forms.Form):
    body = forms.ChoiceField(label=_("decided by"), choices=DecisionBody.choices)
    decision_date = forms.DateField(label=_("date of the decision"), widget=DateInput())
    reference = forms.CharField(label=_("reference"), required=False, max_length=100)
    motivation = forms.CharField(label=_("motivation"), widget=forms.Textarea(attrs={"rows": 4}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}))


class JoinForm(forms.Form):
    motivation = forms.CharField(
        label=_("Why do you want to join? (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MandateForm(PeriodMixin):
    organisation = ModelChoiceField(label=_("city"), queryset=Organisation.objects.none())
    scope = forms.CharField(
        label=_("scope of the mandate"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the city mandates the network (or its own staff in it) to do."),
    )
    document = PdfField(
        label=_("signed document (PDF)"),
        required=False,
        help_text=_("The mandate signed by the city, a PDF of at most 10 MB."),
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class ReportForm(forms.Form):
    period_start = forms.DateField(label=_("from"), widget=DateInput())
    period_end = forms.DateField(label=_("until"), widget=DateInput())
    summary = forms.CharField(
        label=_("what the network did"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Meetings, themes worked on, cities and partners involved."),
    )
    results = forms.CharField(
        label=_("results and lessons"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What worked, what did not, what the network learned."),
    )
    next_steps = forms.CharField(
        label=_("next steps"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    @override
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The end date cannot be before the start date."))
        return data


class MeetingForm(forms.Form):
    date = forms.DateField(label=_("date"), widget=DateInput())
    place = forms.CharField(label=_("place"), required=False, max_length=200)
    participants = forms.CharField(
        label=_("participants"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    agenda = forms.CharField(label=_("agenda"), widget=forms.Textarea(attrs={"rows": 3}))
    minutes = forms.CharField(
        label=_("minutes"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    decisions = forms.CharField(
        label=_("decisions"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    attachment = PdfField(
        label=_("attachment (PDF)"), required=False, help_text=_("A PDF of at most 10 MB.")
    )
    share = forms.BooleanField(
        label=_("Share these minutes with the secretariat"),
        required=False,
        help_text=_("Minutes not shared stay inside the network."),
    )


class RepresentationMandateForm(forms.Form):
    direction = forms.ChoiceField(label=_("direction"), choices=MandateDirection.choices)
    subject = forms.CharField(label=_("subject"), max_length=300)
    occasion = forms.CharField(
        label=_("event or body"),
        max_length=300,
        required=False,
        help_text=_("Where the mandate applies: an event, towards a body."),
    )
    person = ModelChoiceField(
        label=_("member mandated"),
        required=False,
        queryset=User.objects.none(),
        help_text=_("Empty when the whole network is mandated."),
    )
    valid_from = forms.DateField(label=_("valid from"), widget=DateInput())
    valid_until = forms.DateField(label=_("valid until"), widget=DateInput())
    document = PdfField(label=_("signed document (PDF)"), required=False)

    def __init__(self, *args: Any, members: Any, directions: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = members  # type: ignore[attr-defined]
        self.fields["direction"].choices = [  # type: ignore[attr-defined]
            choice for choice in MandateDirection.choices if choice[0] in directions
        ]


class StatementForm(forms.Form):
    mandate = ModelChoiceField(
        label=_("under the mandate"), queryset=RepresentationMandate.objects.none()
    )
    title = forms.CharField(label=_("title"), max_length=300)
    body = forms.CharField(label=_("text"), widget=forms.Textarea(attrs={"rows": 8}))
    language = forms.ChoiceField(label=_("language of the text"), choices=LANGUAGE_CHOICES)

    def __init__(self, *args: Any, mandates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mandate"].queryset = mandates  # type: ignore[attr-defined]


class CommissionForm(forms.Form):
    title = forms.CharField(label=_("subject"), max_length=300)
    description = forms.CharField(
        label=_("what the Forum asks"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The problem or phenomenon to support, or the reflection group to start."),
    )
    due_date = forms.DateField(label=_("expected by"), required=False, widget=DateInput())


class CommissionAnswerForm(forms.Form):
    response = forms.CharField(
        label=_("the network's answer"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class CommissionResultForm(forms.Form):
    result = forms.CharField(label=_("result"), widget=forms.Textarea(attrs={"rows": 5}))
