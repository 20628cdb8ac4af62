from __future__ import annotations

from typing import Any

from allauth.account.forms import LoginForm as AllauthLoginForm
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from befus.accounts.models import PROFILE_FIELDS, Profile

WORK_LANGUAGES = [
    ("nl", _("Dutch")),
    ("fr", _("French")),
    ("en", _("English")),
    ("de", _("German")),
]


class ProfileForm(forms.ModelForm):  # type: ignore[type-arg]
    first_name = forms.CharField(label=_("first name"), max_length=150)
    last_name = forms.CharField(label=_("last name"), max_length=150)
    languages = forms.MultipleChoiceField(
        label=_("languages"),
        choices=WORK_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The languages you work in."),
    )
    preferred_language = forms.ChoiceField(
        label=_("preferred language"),
        choices=settings.LANGUAGES,
        help_text=_("E-mails from the platform reach you in this language."),
    )

    field_order = ["first_name", "last_name"]

    class Meta:
        model = Profile
        fields = list(PROFILE_FIELDS)
        widgets = {"expertise": forms.Textarea(attrs={"rows": 4})}


class ErasureForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you leave? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account will be closed and my personal data erased."),
        required=True,
    )


class LoginForm(AllauthLoginForm):
    """allauth's login form, with the cursor in the e-mail field when the page opens."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["login"].widget.attrs["autofocus"] = True
