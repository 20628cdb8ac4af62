from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from befus.knowledge.choices import EvidenceKind
from befus.members.choices import Region

LANGUAGE_CHOICES = [
    ("", _("All languages")),
    ("nl", _("Dutch")),
    ("fr", _("French")),
    ("en", _("English")),
]


class PracticeFilterForm(forms.Form):
    region = forms.ChoiceField(
        label=_("region"), required=False, choices=[("", _("All regions")), *Region.choices]
    )
    year = forms.IntegerField(label=_("year"), required=False, min_value=1990, max_value=2100)
    language = forms.ChoiceField(label=_("language"), required=False, choices=LANGUAGE_CHOICES)
    evidence = forms.ChoiceField(
        label=_("evidence"),
        required=False,
        choices=[("", _("Any evidence")), *EvidenceKind.choices],
    )

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "region": data["region"],
            "year": data["year"],
            "language": data["language"],
            "evidence": data["evidence"],
        }


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=10_000)
    order = forms.ChoiceField(
        label=_("order"),
        required=False,
        choices=[("relevance", _("Most relevant first")), ("date", _("Newest first"))],
    )
