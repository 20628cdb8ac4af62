from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PracticeStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("practice status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("practice status", "Submitted")
    IN_REVIEW = "in_review", pgettext_lazy("practice status", "In review")
    CHANGES_REQUESTED = "changes_requested", pgettext_lazy("practice status", "Changes requested")
    PUBLISHED = "published", pgettext_lazy("practice status", "Published")
    ARCHIVED = "archived", pgettext_lazy("practice status", "Archived")


class Language(models.TextChoices):
    """The languages a practice is written or translated in."""

    NL = "nl", _("Dutch")
    FR = "fr", _("French")
    EN = "en", _("English")


class ProposalStatus(models.TextChoices):
    """A translation proposed by someone who is neither the author nor a reviewer."""

    PROPOSED = "proposed", pgettext_lazy("translation status", "Awaiting review")
    ACCEPTED = "accepted", pgettext_lazy("translation status", "Accepted")
    REJECTED = "rejected", pgettext_lazy("translation status", "Not accepted")
    SUPERSEDED = "superseded", pgettext_lazy("translation status", "Replaced by a newer version")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Everyone (public)")
    MEMBERS = "members", _("People of the Forum's members")
    NETWORK = "network", _("One network's members")


class EvidenceKind(models.TextChoices):
    """What a learning evaluation rests on; mapped to the Maryland Scientific Methods Scale."""

    NONE = "none", _("No evaluation data")
    MONITORING = "monitoring", _("Monitoring data")
    INTERNAL = "internal", _("Internal evaluation")
    EXTERNAL = "external", _("External evaluation")
    COMPARISON = "comparison", _("Comparison group or experimental design")


# The Maryland levels each kind of evidence can reach (1: correlation … 5: random assignment).
MARYLAND_RANGE: dict[str, tuple[int, int]] = {
    EvidenceKind.NONE: (0, 0),
    EvidenceKind.MONITORING: (1, 1),
    EvidenceKind.INTERNAL: (1, 2),
    EvidenceKind.EXTERNAL: (2, 3),
    EvidenceKind.COMPARISON: (3, 5),
}


class RecommendationSource(models.TextChoices):
    COLLOQUIUM = "colloquium", _("Colloquium")
    WORKSHOP = "workshop", _("Collective-intelligence workshop")
    MEMORANDUM = "memorandum", _("Memorandum")
    NETWORK = "network", _("Professional network")
    OTHER = "other", _("Other")


class PublicationKind(models.TextChoices):
    REPORT = "report", _("Report")
    GUIDE = "guide", _("Practical guide")
    PROCEEDINGS = "proceedings", _("Proceedings")
    MEMORANDUM = "memorandum", _("Memorandum")
    ARTICLE = "article", _("Article")
    OTHER = "other", _("Other")


# verb: (states it may start from, state it leads to)
PRACTICE_TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "submit": ((PracticeStatus.DRAFT, PracticeStatus.CHANGES_REQUESTED), PracticeStatus.SUBMITTED),
    "start_review": ((PracticeStatus.SUBMITTED,), PracticeStatus.IN_REVIEW),
    "request_changes": (
        (PracticeStatus.SUBMITTED, PracticeStatus.IN_REVIEW),
        PracticeStatus.CHANGES_REQUESTED,
    ),
    "publish": ((PracticeStatus.SUBMITTED, PracticeStatus.IN_REVIEW), PracticeStatus.PUBLISHED),
    "archive": ((PracticeStatus.PUBLISHED,), PracticeStatus.ARCHIVED),
    "republish": ((PracticeStatus.ARCHIVED,), PracticeStatus.PUBLISHED),
}

# The fields of a practice's text, written in one language and translated into the others.
TEXT_FIELDS = ("title", "summary", "problem", "objectives", "approach", "partners_why", "results")
