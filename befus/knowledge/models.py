"""The knowledge base (seed 001): good practices with their learning evaluations, translations,
questions and adoptions, recommendations and publications, classified in the thematic tree of
``befus.themes`` (``Topic`` is read from here too)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from typing_extensions import override

from befus.knowledge.choices import (
    EvidenceKind,
    PracticeStatus,
    ProposalStatus,
    PublicationKind,
    RecommendationSource,
    Visibility,
)
from befus.themes.models import LEVELS, Topic, TopicRedirect

__all__ = ["LEVELS", "Topic", "TopicRedirect"]  # the tree's models, where the knowledge base is

LANGUAGES = [("nl", _("Dutch")), ("fr", _("French")), ("en", _("English"))]


class Practice(models.Model):
    """A good practice of a member city, with its learning evaluations (seed 001)."""

    if TYPE_CHECKING:
        title_nl: str
        title_fr: str
        title_en: str

    ref = models.CharField(
        _("external reference"), max_length=40, unique=True, null=True, blank=True
    )
    slug = models.SlugField(_("address on the site"), max_length=90, unique=True)
    original_language = models.CharField(_("original language"), max_length=2, choices=LANGUAGES)
    # Languages added after the original, each marked as a translation: {"fr": {"by": 12}}.
    translations: models.JSONField[Any] = models.JSONField(default=dict, blank=True)
    title = models.CharField(_("title"), max_length=250)
    summary = models.TextField(_("summary"))
    problem = models.TextField(_("problem"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    approach = models.TextField(_("approach"), blank=True)
    partners_why = models.TextField(_("why these partners work together"), blank=True)
    results = models.TextField(_("results"), blank=True)
    partners = models.TextField(_("partners"), blank=True, help_text=_("One per line."))
    target_groups = models.TextField(_("target groups"), blank=True, help_text=_("One per line."))
    keywords = models.TextField(_("keywords"), blank=True, help_text=_("One per line."))
    places = models.CharField(
        _("municipality or municipalities"),
        max_length=300,
        blank=True,
        help_text=_("As written by the author; member municipalities are also linked below."),
    )
    organisations = models.ManyToManyField(
        "members.Organisation",
        blank=True,
        related_name="practices",
        verbose_name=_("member municipalities"),
    )
    country = models.CharField(_("country"), max_length=2, default="BE")
    year_start = models.PositiveSmallIntegerField(_("from (year)"), null=True, blank=True)
    year_end = models.PositiveSmallIntegerField(_("until (year)"), null=True, blank=True)
    cost = models.DecimalField(
        _("cost (euro)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    funding = models.TextField(_("funding programmes"), blank=True, help_text=_("One per line."))
    staff = models.DecimalField(
        _("staff (full-time equivalents)"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practices_as_contact",
        verbose_name=_("contact person"),
    )
    links = models.TextField(_("links"), blank=True, help_text=_("One address per line."))
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    topics: models.ManyToManyField[Topic, Any] = models.ManyToManyField(
        Topic, blank=True, related_name="practices", verbose_name=_("themes")
    )
    visibility = models.CharField(
        _("who may read it"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
    )
    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practices",
        verbose_name=_("network (when only its members may read it)"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PracticeStatus.choices, default=PracticeStatus.DRAFT
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practices",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)

    objects: models.Manager[Practice] = models.Manager()

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["status", "visibility"])]

    @override
    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("knowledge:practice-detail", kwargs={"slug": self.slug})

    def lines(self, field: str) -> list[str]:
        return [
            line.strip() for line in str(getattr(self, field) or "").splitlines() if line.strip()
        ]

    def language_of(self, field: str, language: str | None = None) -> str:
        """The language ``field`` is shown in for a reader of ``language`` (fallback visible)."""
        from django.utils.translation import get_language

        language = language or (get_language() or "nl")[:2]
        if getattr(self, f"{field}_{language}", ""):
            return language
        return self.original_language

    @property
    def title_language(self) -> str:
        return self.language_of("title")

    @property
    def summary_language(self) -> str:
        return self.language_of("summary")


class Evaluation(models.Model):
    """A learning evaluation of a practice: what worked, what did not, what would transfer.

    Each change is a new version; the newest is shown, the earlier ones stay readable.
    """

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="evaluations")
    version = models.PositiveSmallIntegerField(default=1)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGES)
    what_worked = models.TextField(_("what worked"), blank=True)
    what_did_not = models.TextField(_("what did not work"), blank=True)
    would_change = models.TextField(_("what the team would change"), blank=True)
    transfer_conditions = models.TextField(_("conditions for transfer to another city"), blank=True)
    evidence = models.CharField(
        _("kind of evidence"), max_length=12, choices=EvidenceKind.choices, default="none"
    )
    maryland_level = models.PositiveSmallIntegerField(
        _("Maryland scale (0–5)"), default=0, help_text=_("0: not rated.")
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    evaluated_on = models.DateField(_("date of the evaluation"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("learning evaluation")
        verbose_name_plural = _("learning evaluations")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "version"], name="one_evaluation_version")
        ]

    @override
    def __str__(self) -> str:
        return f"{self.practice} v{self.version}"


class ReviewComment(models.Model):
    """A reviewer's remark on one field of a submitted practice."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="comments")
    field = models.CharField(max_length=40, blank=True)
    text = models.TextField(_("comment"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["created_at", "id"]

    @override
    def __str__(self) -> str:
        return f"{self.practice} {self.field}"


class TranslationProposal(models.Model):
    """A translation of a practice by someone who is neither its author nor a reviewer: the
    published text stays as it is until a reviewer other than the proposer accepts it."""

    practice = models.ForeignKey(
        Practice, on_delete=models.CASCADE, related_name="translation_proposals"
    )
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGES)
    # The translated fields by name ({"title": …, "summary": …}), as the practice holds them.
    texts: models.JSONField[Any] = models.JSONField(_("texts"), default=dict)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    proposed_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ProposalStatus.choices,
        default=ProposalStatus.PROPOSED,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("proposed translation")
        verbose_name_plural = _("proposed translations")
        ordering = ["proposed_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "language", "proposed_by"],
                condition=models.Q(status="proposed"),
                name="one_pending_translation_per_person",
            )
        ]
        indexes = [models.Index(fields=["status", "practice"])]

    @override
    def __str__(self) -> str:
        return f"{self.practice} ({self.language})"


class Adoption(models.Model):
    """A city records that it adopted a practice, with its own adaptations."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="adoptions")
    organisation = models.ForeignKey(
        "members.Organisation",
        on_delete=models.CASCADE,
        related_name="adoptions",
        verbose_name=_("municipality"),
    )
    adopted_on = models.DateField(_("adopted on"))
    adaptations = models.TextField(_("our adaptations"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        ordering = ["-adopted_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "organisation"], name="one_adoption_per_city"
            )
        ]

    @override
    def __str__(self) -> str:
        return f"{self.organisation} ← {self.practice}"


class PracticeQuestion(models.Model):
    """A question to a practice's contact, relayed without showing either e-mail address."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="questions")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("your question"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("question about a practice")
        verbose_name_plural = _("questions about practices")
        ordering = ["-created_at"]

    @override
    def __str__(self) -> str:
        return f"{self.practice}: {self.text[:40]}"


class Recommendation(models.Model):
    """A recommendation of the Forum for a phenomenon, still a priority or not."""

    if TYPE_CHECKING:
        text_nl: str
        text_fr: str
        text_en: str

    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, related_name="recommendations", verbose_name=_("theme")
    )
    text = models.TextField(_("recommendation"))
    original_language = models.CharField(_("original language"), max_length=2, choices=LANGUAGES)
    source = models.CharField(
        _("source"), max_length=12, choices=RecommendationSource.choices, default="other"
    )
    source_name = models.CharField(_("name of the source"), max_length=200, blank=True)
    issued_on = models.DateField(_("date"))
    is_priority = models.BooleanField(_("still a priority"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects: models.Manager[Recommendation] = models.Manager()

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["-is_priority", "-issued_on", "id"]

    @override
    def __str__(self) -> str:
        return self.text[:80]

    def topic_url(self) -> str:
        return f"{self.topic.get_absolute_url()}#recommendation-{self.pk}"


class Publication(models.Model):
    """A publication of the Forum or its partners: report, guide, proceedings, memorandum."""

    if TYPE_CHECKING:
        title_nl: str
        title_fr: str
        title_en: str

    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    original_language = models.CharField(_("original language"), max_length=2, choices=LANGUAGES)
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(
        _("kind"), max_length=12, choices=PublicationKind.choices, default="report"
    )
    authors = models.CharField(_("authors"), max_length=300, blank=True)
    partners = models.CharField(_("partners"), max_length=300, blank=True)
    languages = models.CharField(
        _("languages of the publication"), max_length=20, blank=True, help_text=_("nl, fr, en")
    )
    file = models.FileField(_("file (PDF)"), upload_to="publications/%Y/", blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    isbn = models.CharField(_("ISBN"), max_length=20, blank=True)
    topics: models.ManyToManyField[Topic, Any] = models.ManyToManyField(
        Topic, blank=True, related_name="publications", verbose_name=_("themes")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects: models.Manager[Publication] = models.Manager()

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-year", "id"]

    @override
    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("knowledge:publication-list") + f"#publication-{self.pk}"


def practice_file_path(instance: PracticeAttachment, filename: str) -> str:
    import secrets

    from django.utils.timezone import now

    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"practices/{now():%Y}/{secrets.token_hex(16)}.{suffix[:5]}"


class PracticeAttachment(models.Model):
    """A document or picture of a practice: stored outside the web root, served to those who
    may read the practice."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=practice_file_path)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]

    @override
    def __str__(self) -> str:
        return self.name
