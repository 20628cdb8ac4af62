"""Professional networks (seed 000): the charter, networks, their members and city mandates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from typing_extensions import override

from befus.core.uploads import validate_document
from befus.members.models import Period
from befus.networks.choices import (
    CommissionStatus,
    DecisionBody,
    MandateDirection,
    MemberRole,
    MembershipStatus,
    NetworkStatus,
    Scope,
)


def shown_language(instance: models.Model, field: str) -> str:
    """Which language django-modeltranslation shows ``field`` in for the active language."""
    active = (get_language() or settings.LANGUAGE_CODE)[:2]
    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES
    order = [active, *fallbacks.get(active, fallbacks["default"])]
    return next((code for code in order if getattr(instance, f"{field}_{code}", "")), active)


class Charter(models.Model):  # type: ignore[django-manager-missing]
    """The work philosophy a network commits to; versioned, so an acceptance names its text."""

    if TYPE_CHECKING:
        text_nl: str
        text_fr: str
        text_en: str

    version = models.PositiveIntegerField(_("version"), unique=True)
    text = models.TextField(_("text"))
    published_on = models.DateField(_("published on"))

    objects: models.Manager[Charter] = models.Manager()

    class Meta:
        verbose_name = _("charter")
        verbose_name_plural = _("charters")
        ordering = ["-version"]

    @override
    def __str__(self) -> str:
        return f"{_('Charter')} v{self.version}"


# The plugin cannot type the reverse manager of a translated model (Practice.network).
class Network(models.Model):  # type: ignore[django-manager-missing]
    if TYPE_CHECKING:
        name_nl: str
        name_fr: str
        name_en: str
        purpose_nl: str
        purpose_fr: str
        purpose_en: str

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address on the site"), max_length=80, unique=True)
    purpose = models.TextField(_("purpose"))
    original_language = models.CharField(_("original language"), max_length=8, default="nl")
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices)
    region = models.CharField(_("region"), max_length=20, blank=True)
    themes = models.TextField(
        _("themes"), blank=True, help_text=_("The phenomena and themes it works on, one per line.")
    )
    expected_members = models.TextField(_("expected members"), blank=True)
    expected_cities = models.TextField(_("expected cities"), blank=True)
    working_method = models.TextField(_("working method"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=NetworkStatus.choices, default=NetworkStatus.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="proposed_networks",
        verbose_name=_("proposed by"),
    )
    proposed_at = models.DateTimeField(_("proposed on"), auto_now_add=True)
    charter = models.ForeignKey(
        Charter, on_delete=models.PROTECT, related_name="networks", verbose_name=_("charter")
    )
    charter_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
    )
    charter_accepted_at = models.DateTimeField(_("charter accepted on"))
    forwarded_to_board_at = models.DateTimeField(
        _("forwarded to the Board on"), null=True, blank=True
    )
    decision_body = models.CharField(
        _("decided by"), max_length=20, choices=DecisionBody.choices, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_date = models.DateField(_("date of the decision"), null=True, blank=True)
    decision_reference = models.CharField(_("reference"), max_length=100, blank=True)
    decision_motivation = models.TextField(_("motivation"), blank=True)
    topics = models.ManyToManyField(
        "themes.Topic", blank=True, related_name="networks", verbose_name=_("themes of the tree")
    )
    report_period_months = models.PositiveSmallIntegerField(
        _("reporting period (months)"),
        default=3,
        help_text=_("How often the referent informs the secretariat."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects: models.Manager[Network] = models.Manager()

    class Meta:
        verbose_name = _("professional network")
        verbose_name_plural = _("professional networks")
        ordering = ["name"]

    @override
    def __str__(self) -> str:
        return self.name

    @property
    def purpose_language(self) -> str:
        """The language the purpose is shown in now: the reader's, or the fallback's."""
        return shown_language(self, "purpose")

    @property
    def theme_items(self) -> list[str]:
        return [line.strip() for line in self.themes.splitlines() if line.strip()]


class NetworkMembership(models.Model):
    """A person's place in a network, active only once the mayor of their employer consents."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("network")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="network_memberships",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        on_delete=models.PROTECT,
        related_name="network_memberships",
        verbose_name=_("employer"),
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MembershipStatus.choices,
        default=MembershipStatus.AWAITING_MAYOR,
    )
    motivation = models.TextField(_("why join"), blank=True)
    requested_at = models.DateTimeField(_("requested on"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    ended_at = models.DateTimeField(_("ended on"), null=True, blank=True)
    needs_review = models.BooleanField(
        _("to review"),
        default=False,
        help_text=_(
            "Set when the employer leaves the Forum: the secretariat decides what follows."
        ),
    )

    class Meta:
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")
        ordering = ["network", "role", "person__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "person"],
                condition=Q(status__in=["awaiting_mayor", "active"]),
                name="one_open_membership_per_person_per_network",
            )
        ]

    @override
    def __str__(self) -> str:
        return f"{self.person} – {self.network} ({self.get_status_display()})"


class CityMandate(Period):
    """A member city's mandate to a network (or to its own staff in it), with the signed text."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="mandates", verbose_name=_("network")
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        on_delete=models.PROTECT,
        related_name="network_mandates",
        verbose_name=_("city"),
    )
    scope = models.TextField(_("scope of the mandate"))
    document = models.FileField(
        _("signed document"),
        upload_to="mandates/%Y/",
        blank=True,
        validators=[FileExtensionValidator(["pdf"]), validate_document],
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(Period.Meta):
        verbose_name = _("city mandate")
        verbose_name_plural = _("city mandates")
        ordering = ["network", "-start"]

    @override
    def __str__(self) -> str:
        return f"{self.organisation} → {self.network}"


class ActivityReport(models.Model):
    """The referent's regular information to the secretariat on what the network did."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="reports", verbose_name=_("network")
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    summary = models.TextField(_("what the network did"))
    results = models.TextField(_("results and lessons"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted on"), auto_now_add=True)

    class Meta:
        verbose_name = _("activity report")
        verbose_name_plural = _("activity reports")
        ordering = ["network", "-period_end"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="report_period_ends_after_start",
            )
        ]

    @override
    def __str__(self) -> str:
        return f"{self.network} {self.period_start}–{self.period_end}"


class Meeting(models.Model):
    """A meeting of a network; its minutes stay inside the network unless it shares them."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("network")
    )
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    participants = models.TextField(_("participants"), blank=True)
    agenda = models.TextField(_("agenda"))
    minutes = models.TextField(_("minutes"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    attachment = models.FileField(
        _("attachment (PDF)"),
        upload_to="minutes/%Y/",
        blank=True,
        validators=[FileExtensionValidator(["pdf"]), validate_document],
    )
    shared_with_secretariat = models.BooleanField(
        _("minutes shared with the secretariat"), default=False
    )
    shared_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("network meeting")
        verbose_name_plural = _("network meetings")
        ordering = ["network", "-date"]

    @override
    def __str__(self) -> str:
        return f"{self.network} {self.date}"


class RepresentationMandate(models.Model):
    """A prior written mandate: the Forum lets a network (or one of its members) speak for it,
    or a network lets the Forum speak for it (seed 000)."""

    direction = models.CharField(_("direction"), max_length=20, choices=MandateDirection.choices)
    network = models.ForeignKey(
        Network,
        on_delete=models.CASCADE,
        related_name="representation_mandates",
        verbose_name=_("network"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("member mandated"),
        help_text=_("Empty when the whole network is mandated."),
    )
    subject = models.CharField(_("subject"), max_length=300)
    occasion = models.CharField(
        _("event or body"),
        max_length=300,
        blank=True,
        help_text=_("Where the mandate applies: an event, towards a body."),
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    document = models.FileField(
        _("signed document"),
        upload_to="representation/%Y/",
        blank=True,
        validators=[FileExtensionValidator(["pdf"]), validate_document],
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("issued by"),
    )
    issued_at = models.DateTimeField(_("issued on"), auto_now_add=True)

    class Meta:
        verbose_name = _("representation mandate")
        verbose_name_plural = _("representation mandates")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("valid_from")),
                name="representation_mandate_ends_after_start",
            )
        ]

    @override
    def __str__(self) -> str:
        return f"{self.network}: {self.subject}"


class Statement(models.Model):
    """A public statement a network publishes, always under a valid representation mandate."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="statements", verbose_name=_("network")
    )
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"))
    language = models.CharField(_("language"), max_length=8)
    mandate = models.ForeignKey(
        RepresentationMandate,
        on_delete=models.PROTECT,
        related_name="statements",
        verbose_name=_("under the mandate"),
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(_("published on"), auto_now_add=True)

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["-published_at"]

    @override
    def __str__(self) -> str:
        return self.title


class Commission(models.Model):
    """The Forum calls upon a network for a problem or phenomenon, or to start a reflection
    group; the network accepts or declines, then reports on it (seed 000)."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="commissions", verbose_name=_("network")
    )
    title = models.CharField(_("subject"), max_length=300)
    description = models.TextField(_("what the Forum asks"))
    due_date = models.DateField(_("expected by"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CommissionStatus.choices,
        default=CommissionStatus.REQUESTED,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested on"), auto_now_add=True)
    response = models.TextField(_("the network's answer"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    result = models.TextField(_("result"), blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("commission")
        verbose_name_plural = _("commissions")
        ordering = ["-requested_at"]

    @override
    def __str__(self) -> str:
        return self.title
