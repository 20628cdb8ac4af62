from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from befus.accounts.choices import AffiliationStatus
from befus.accounts.models import User
from befus.core.forms import (
    AttachmentsField,
    ModelChoiceField,
    ModelMultipleChoiceField,
    QuickSelect,
)
from befus.knowledge.choices import EvidenceKind, Visibility
from befus.knowledge.models import Practice, Topic
from befus.knowledge.selectors import PracticeFilters
from befus.members.choices import Region
from befus.members.models import Contact, Membership, Organisation
from befus.networks.models import Network
from befus.themes.selectors import tree_choices

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
    city: forms.ModelChoiceField[Any] = ModelChoiceField(
        label=_("municipality"),
        queryset=None,
        required=False,
        empty_label=_("All municipalities"),
        widget=QuickSelect,
    )
    year = forms.IntegerField(label=_("year"), required=False, min_value=1990, max_value=2100)
    language = forms.ChoiceField(label=_("language"), required=False, choices=LANGUAGE_CHOICES)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_practices = Practice.organisations.through.objects.values("organisation_id")
        cities = Organisation.objects.filter(kind="municipality", pk__in=with_practices)
        city = self.fields["city"]
        city.queryset = cities.order_by("name")  # type: ignore[attr-defined]

    evidence = forms.ChoiceField(
        label=_("evidence"),
        required=False,
        choices=[("", _("Any evidence")), *EvidenceKind.choices],
    )

    def filters(self) -> PracticeFilters:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "region": data["region"],
            "organisation": data["city"],
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


TEXT_LANGUAGES = [("nl", _("Dutch")), ("fr", _("French")), ("en", _("English"))]


class TopicChoiceField(forms.TypedMultipleChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(coerce=int, **kwargs)

    def set_tree(self) -> None:
        self.choices = tree_choices()


class PracticeForm(forms.Form):
    """The practice, written in one language (its original); other languages are added later
    as translations."""

    language = forms.ChoiceField(label=_("language you write in"), choices=TEXT_LANGUAGES)
    title = forms.CharField(label=_("title"), max_length=250)
    summary = forms.CharField(
        label=_("summary"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A few sentences: what, where, for whom."),
    )
    problem = forms.CharField(
        label=_("the problem"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    objectives = forms.CharField(
        label=_("objectives"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    approach = forms.CharField(
        label=_("approach"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    partners = forms.CharField(
        label=_("partners"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line."),
    )
    partners_why = forms.CharField(
        label=_("why these partners work together"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    target_groups = forms.CharField(
        label=_("target groups"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line."),
    )
    results = forms.CharField(
        label=_("results"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    places = forms.CharField(
        label=_("municipality or municipalities"), max_length=300, required=False
    )
    organisations: forms.ModelMultipleChoiceField[Any] = ModelMultipleChoiceField(
        label=_("member municipalities concerned"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    year_start = forms.IntegerField(
        label=_("from (year)"), required=False, min_value=1990, max_value=2100
    )
    year_end = forms.IntegerField(
        label=_("until (year)"), required=False, min_value=1990, max_value=2100
    )
    cost = forms.DecimalField(
        label=_("cost (euro)"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    funding = forms.CharField(
        label=_("funding programmes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line."),
    )
    staff = forms.DecimalField(
        label=_("staff (full-time equivalents)"),
        required=False,
        min_value=0,
        max_digits=6,
        decimal_places=1,
    )
    links = forms.CharField(
        label=_("links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One address per line."),
    )
    keywords = forms.CharField(
        label=_("keywords"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line."),
    )
    attachments = AttachmentsField(label=_("attachments"))
    topics = TopicChoiceField(
        label=_("themes"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_("Any level, several if need be."),
    )
    contact: forms.ModelChoiceField[Any] = ModelChoiceField(
        label=_("contact person"),
        queryset=None,
        required=False,
        help_text=_("A colleague of your organisation who answers questions; you, if left empty."),
    )
    visibility = forms.ChoiceField(label=_("who may read it"), choices=[])
    network: forms.ModelChoiceField[Any] = ModelChoiceField(
        label=_("network (when only its members may read it)"), queryset=None, required=False
    )

    def __init__(
        self, *args: Any, editing: bool = False, author: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["language"]
        members = Membership.objects.current().values("organisation")
        self.fields["organisations"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            pk__in=members, kind="municipality"
        ).order_by("name")
        recognised = Network.objects.filter(status="recognised").order_by("name")
        self.fields["network"].queryset = recognised  # type: ignore[attr-defined]
        self.fields["topics"].set_tree()  # type: ignore[attr-defined]
        self.fields["visibility"].choices = Visibility.choices  # type: ignore[attr-defined]
        organisation = getattr(getattr(author, "profile", None), "organisation_id", None)
        colleagues = User.objects.filter(is_active=True, pk=getattr(author, "pk", 0) or 0)
        if organisation is not None:
            # Colleagues whose organisation confirmed them: a name typed into a profile is no
            # one's colleague yet.
            colleagues = User.objects.filter(
                is_active=True,
                profile__organisation_id=organisation,
                profile__affiliation_status=AffiliationStatus.CONFIRMED,
            )
        contact = self.fields["contact"]
        contact.queryset = colleagues.order_by("last_name", "first_name")  # type: ignore[attr-defined]
        contact.label_from_instance = lambda user: user.get_full_name() or user.email  # type: ignore[attr-defined]

    def clean_links(self) -> str:
        from django.core.validators import URLValidator

        lines = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        validate = URLValidator(schemes=["http", "https"])
        for line in lines:
            try:
                validate(line)
            except forms.ValidationError as error:
                raise forms.ValidationError(
                    _("“%(link)s” is not a web address."), params={"link": line}
                ) from error
        return "\n".join(lines)

    def practice_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("language", None)
        data["topics"] = list(Topic.objects.filter(pk__in=data.get("topics") or []))
        return data


class CommentForm(forms.Form):
    field = forms.ChoiceField(label=_("about"), choices=[], required=False)
    text = forms.CharField(label=_("comment"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields = PracticeForm.base_fields
        self.fields["field"].choices = [("", _("The practice as a whole"))] + [  # type: ignore[attr-defined]
            (name, str(field.label).capitalize())
            for name, field in fields.items()
            if name not in ("language",)
        ]


class TranslationForm(forms.Form):
    language = forms.ChoiceField(label=_("language of the translation"), choices=TEXT_LANGUAGES)
    title = forms.CharField(label=_("title"), max_length=250)
    summary = forms.CharField(label=_("summary"), widget=forms.Textarea(attrs={"rows": 3}))
    problem = forms.CharField(
        label=_("the problem"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    objectives = forms.CharField(
        label=_("objectives"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    approach = forms.CharField(
        label=_("approach"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    partners_why = forms.CharField(
        label=_("why these partners work together"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    results = forms.CharField(
        label=_("results"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class TranslationDecisionForm(forms.Form):
    """A reviewer accepts or declines a proposed translation; declining says why."""

    decision = forms.ChoiceField(
        choices=[("accept", _("Accept")), ("reject", _("Do not accept"))],
        widget=forms.HiddenInput,
    )
    reason = forms.CharField(
        label=_("why not (for the translator)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EvaluationForm(forms.Form):
    language = forms.ChoiceField(label=_("language you write in"), choices=TEXT_LANGUAGES)
    what_worked = forms.CharField(
        label=_("what worked"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    what_did_not = forms.CharField(
        label=_("what did not work"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    would_change = forms.CharField(
        label=_("what the team would change"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    transfer_conditions = forms.CharField(
        label=_("conditions for transfer to another city"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    evidence = forms.ChoiceField(label=_("kind of evidence"), choices=EvidenceKind.choices)
    maryland_level = forms.IntegerField(
        label=_("Maryland scale (0–5)"),
        min_value=0,
        max_value=5,
        initial=0,
        help_text=_(
            "0: not rated. 1: correlation; 2: before and after; 3: with a comparison group; "
            "4: several units with controls; 5: random assignment."
        ),
    )
    evaluated_on = forms.DateField(
        label=_("date of the evaluation"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("your question"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "The contact receives it by e-mail and can answer you directly; the contact's "
            "address stays private."
        ),
    )


class AdoptionForm(forms.Form):
    organisation: forms.ModelChoiceField[Any] = ModelChoiceField(
        label=_("municipality"), queryset=None
    )
    adopted_on = forms.DateField(
        label=_("adopted on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    adaptations = forms.CharField(
        label=_("our adaptations"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        from django.db.models import Q

        super().__init__(*args, **kwargs)
        profile = getattr(user, "profile", None)
        mayor_of = Contact.objects.current().filter(person=user).values("organisation")
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            Q(pk=getattr(profile, "organisation_id", None)) | Q(pk__in=mayor_of)
        ).order_by("name")


class TopicMergeForm(forms.Form):
    target = forms.TypedChoiceField(label=_("merge into"), coerce=int, choices=[])

    def __init__(self, *args: Any, source: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [  # type: ignore[attr-defined]
            (pk, label) for pk, label in tree_choices() if pk != source.pk
        ]

    def clean_target(self) -> Any:
        return Topic.objects.get(pk=self.cleaned_data["target"])
