"""The audit trail shared by every app."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from typing_extensions import override

from befus.core.notifications import render_title


class AuditEvent(models.Model):
    """One decision or change, written by the service that made it; never updated or deleted.

    ``target_repr`` keeps a readable name even after the target is erased, and ``actor_label``
    the actor's name at the time, so the trail reads the same years later.
    """

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("actor name"), max_length=200, blank=True)
    verb = models.CharField(_("action"), max_length=100, db_index=True)
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    target_id = models.CharField(max_length=64, blank=True, db_index=True)
    target_repr = models.CharField(_("object"), max_length=300, blank=True)
    data: models.JSONField[Any] = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "-created_at"])]

    @override
    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.verb} {self.target_repr}"


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("An e-mail for each")
    DAILY = "daily", _("A daily digest")
    NONE = "none", _("No e-mail (only on the platform)")


class EmailState(models.TextChoices):
    PENDING = "pending", _("to send")
    DIGEST = "digest", _("waiting for the digest")
    SENT = "sent", _("sent")
    SKIPPED = "skipped", _("not e-mailed")


class Notification(models.Model):
    """Something a person should know, shown in the platform and (by preference) e-mailed."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=80)
    params: models.JSONField[Any] = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    email_state = models.CharField(
        max_length=10, choices=EmailState.choices, default=EmailState.PENDING
    )
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["email_state", "recipient"]),
        ]

    @override
    def __str__(self) -> str:
        return render_title(self.kind, self.params)


class NotificationPreference(models.Model):
    """How a person wants to hear about one kind of notification (immediate when absent)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=80)
    delivery = models.CharField(max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATE)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    @override
    def __str__(self) -> str:
        return f"{self.user} {self.kind} {self.delivery}"


class OutgoingState(models.TextChoices):
    QUEUED = "queued", _("waiting to be sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("given up")


class OutgoingEmail(models.Model):
    """One e-mail on its way out: kept until the mail server takes it, retried when it fails.

    Nothing is lost when the mail server is down: the message stays here, queued, and the task
    queue tries again later with a growing pause; the daily job sweeps what is left.
    """

    payload: models.JSONField[Any] = models.JSONField()
    recipients = models.CharField(max_length=500, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    state = models.CharField(
        max_length=10, choices=OutgoingState.choices, default=OutgoingState.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    @override
    def __str__(self) -> str:
        return f"{self.subject} → {self.recipients}"


class SearchEntry(models.Model):
    """One searchable thing (a practice, a network, a theme …), pre-analysed for the index.

    The full-text index itself lives beside this table: an FTS5 table on SQLite, a ``tsv``
    column with a GIN index on PostgreSQL (see ``befus.core.search.backends``).
    """

    kind = models.CharField(max_length=20)
    object_id = models.PositiveIntegerField()
    language = models.CharField(max_length=2)
    title = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    title_tokens = models.TextField(blank=True)
    body_tokens = models.TextField(blank=True)
    concept_tokens = models.TextField(blank=True)
    visibility = models.CharField(max_length=10, default="public")
    network_id = models.PositiveIntegerField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    region = models.CharField(max_length=20, blank=True)
    evidence = models.CharField(max_length=12, blank=True)
    pillars = models.CharField(max_length=200, blank=True)
    date = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_search_entry")
        ]
        indexes = [models.Index(fields=["visibility", "kind"])]

    @override
    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} {self.title}"


class SearchTerm(models.Model):
    """The vocabulary of public content, for typo tolerance: each word as written, its stem,
    and how many entries hold it."""

    word = models.CharField(max_length=60, unique=True)  # a word as written
    term = models.CharField(max_length=60, db_index=True)  # its stem, as indexed
    length = models.PositiveSmallIntegerField(db_index=True)  # of the word
    entries = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")

    @override
    def __str__(self) -> str:
        return self.term
