from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from typing_extensions import override

from befus.accounts.forms import WORK_LANGUAGES
from befus.accounts.models import User
from befus.core.forms import ModelChoiceField
from befus.members.choices import ContactRole, OrganisationKind, Province, Region, SeatRole
from befus.members.models import Organisation
from befus.members.validators import validate_email_domains, validate_nis_code


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class PeriodMixin(forms.Form):
    start = forms.DateField(label=_("from"), widget=DateInput())
    end = forms.DateField(
        label=_("until"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty if open-ended."),
    )

    @override
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end date cannot be before the start date."))
        return data


class PersonByEmailField(forms.EmailField):
    """A person chosen by the e-mail of their account: a 3,000-name drop-down helps nobody."""

    @override
    def clean(self, value: Any) -> User:
        email = super().clean(value)
        try:
            return User.objects.get(email__iexact=email, is_active=True)
        except User.DoesNotExist as error:
            raise forms.ValidationError(
                _("No active account uses the e-mail address %(email)s."), params={"email": email}
            ) from error


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or NIS code"), required=False, max_length=100)
    region = forms.ChoiceField(
        label=_("region"), required=False, choices=[("", _("All regions")), *Region.choices]
    )
    kind = forms.ChoiceField(
        label=_("kind"), required=False, choices=[("", _("All kinds")), *OrganisationKind.choices]
    )


class OrganisationForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=OrganisationKind.choices)
    name_nl = forms.CharField(label=_("name in Dutch"), max_length=200, required=False)
    name_fr = forms.CharField(label=_("name in French"), max_length=200, required=False)
    name_en = forms.CharField(label=_("name in English"), max_length=200, required=False)
    name_de = forms.CharField(label=_("name in German"), max_length=200, required=False)
    short_name = forms.CharField(label=_("short name"), max_length=60, required=False)
    original_language = forms.ChoiceField(
        label=_("official language of the name"),
        choices=[
            ("nl", _("Dutch")),
            ("fr", _("French")),
            ("de", _("German")),
            ("en", _("English")),
        ],
    )
    nis_code = forms.CharField(
        label=_("NIS code"),
        max_length=5,
        required=False,
        validators=[validate_nis_code],
        help_text=_("Five digits; for a municipality the region and province follow from it."),
    )
    region = forms.ChoiceField(
        label=_("region"), required=False, choices=[("", "—"), *Region.choices]
    )
    province = forms.ChoiceField(
        label=_("province"), required=False, choices=[("", "—"), *Province.choices]
    )
    languages = forms.MultipleChoiceField(
        label=_("languages"),
        choices=WORK_LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")
    email = forms.EmailField(label=_("e-mail"), required=False)
    phone = forms.CharField(label=_("phone"), max_length=40, required=False)
    address = forms.CharField(
        label=_("address"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    email_domains = forms.CharField(
        label=_("e-mail domains of its staff"),
        required=False,
        validators=[validate_email_domains],
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "One per line, e.g. charleroi.be: a person with a verified address at one of them "
            "is confirmed at once as working here. Leave empty to confirm each person by hand."
        ),
    )

    @override
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("name_nl") and not data.get("name_fr"):
            self.add_error("name_nl", _("Give the name in Dutch or in French."))
        if data.get("kind") == OrganisationKind.MUNICIPALITY and not data.get("nis_code"):
            self.add_error("nis_code", _("A municipality needs its NIS code."))
        return data

    @classmethod
    def initial_for(cls, organisation: Organisation) -> dict[str, Any]:
        return {name: getattr(organisation, name) for name in cls.base_fields}


class MembershipForm(PeriodMixin):
    note = forms.CharField(label=_("note"), max_length=300, required=False)


class EndForm(forms.Form):
    end = forms.DateField(label=_("last day"), widget=DateInput())


class ContactForm(PeriodMixin):
    person = PersonByEmailField(label=_("e-mail of the person's account"))
    role = forms.ChoiceField(label=_("role"), choices=ContactRole.choices)


class SeatForm(PeriodMixin):
    person = PersonByEmailField(label=_("e-mail of the person's account"))
    role = forms.ChoiceField(label=_("role"), choices=SeatRole.choices, initial=SeatRole.MEMBER)
    organisation: forms.ModelChoiceField[Organisation] = ModelChoiceField(
        label=_("organisation represented"),
        required=False,
        queryset=Organisation.objects.order_by("name"),
    )
    note = forms.CharField(label=_("note"), max_length=300, required=False)
