"""Requests addressed to the networks, which always reach the Chairman first (seed 000)."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.timezone import now as timezone_now
from django.utils.translation import gettext_lazy as _
from typing_extensions import override

from befus.interpellations.choices import (
    OPEN_STATES,
    DraftState,
    EntryKind,
    RequesterKind,
    Status,
)
from befus.members.models import Period


class Interpellation(models.Model):
    """A request from a member or an outsider to one or more networks, or to the Forum."""

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"))
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    requester_kind = models.CharField(
        _("who asks"), max_length=12, choices=RequesterKind.choices, default=RequesterKind.OTHER
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interpellations",
    )
    requester_name = models.CharField(_("name"), max_length=200, blank=True)
    requester_organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    requester_email = models.EmailField(_("e-mail address"), blank=True)
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    networks = models.ManyToManyField(
        "networks.Network",
        blank=True,
        related_name="interpellations",
        verbose_name=_("addressed to"),
        help_text=_("None: the Forum, to be routed by the Chairman."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED
    )
    received_at = models.DateTimeField(_("received"), default=timezone_now, db_index=True)
    due_date = models.DateField(_("target date"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    finished_at = models.DateTimeField(_("closed or declined"), null=True, blank=True)
    # The tracking link is <key>.<HMAC of the key>: the key alone (stored) opens nothing.
    tracking_key = models.CharField(max_length=32, null=True, blank=True, unique=True)
    reminded_on = models.DateField(null=True, blank=True)  # the routers, when nobody has it
    overdue_notified_on = models.DateField(null=True, blank=True)
    erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)

    class Meta:
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["status", "due_date"])]

    @override
    def __str__(self) -> str:
        return f"{self.reference} {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("interpellations:detail", kwargs={"reference": self.reference})

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATES

    def tracking_token(self) -> str:
        """The token of the private tracking link, or "" when the link is revoked."""
        if not self.tracking_key:
            return ""
        return f"{self.tracking_key}.{sign_tracking_key(self.tracking_key)}"


def sign_tracking_key(key: str) -> str:
    secret = f"befus.interpellations.tracking:{settings.SECRET_KEY}".encode()
    return hmac.new(secret, key.encode(), hashlib.sha256).hexdigest()[:32]


class Assignment(models.Model):
    """The Chairman passes a request on to a named person (a referent, a member)."""

    interpellation = models.ForeignKey(
        Interpellation, on_delete=models.CASCADE, related_name="assignments"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="interpellation_assignments",
        verbose_name=_("person"),
    )
    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interpellation_assignments",
        verbose_name=_("for the network"),
    )
    note = models.TextField(_("note from the Chairman"), blank=True)
    due_date = models.DateField(_("due date"))
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    assigned_at = models.DateTimeField(default=timezone_now)
    reminded_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["assigned_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["interpellation", "person"], name="one_assignment_per_person"
            )
        ]

    @override
    def __str__(self) -> str:
        return f"{self.interpellation.reference} → {self.person}"


class Entry(models.Model):
    """One step of a request's history: a note, a draft, a message to the requester, a decision."""

    interpellation = models.ForeignKey(
        Interpellation, on_delete=models.CASCADE, related_name="entries"
    )
    kind = models.CharField(max_length=10, choices=EntryKind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = models.TextField(_("text"), blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    draft_state = models.CharField(max_length=10, choices=DraftState.choices, blank=True)
    network = models.ForeignKey(
        "networks.Network", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone_now)

    class Meta:
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["interpellation", "kind"])]

    @override
    def __str__(self) -> str:
        return f"{self.interpellation.reference} {self.kind}"


def attachment_path(instance: Attachment, filename: str) -> str:
    # The stored name never carries the uploader's file name: it is shown from ``name``.
    import secrets

    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"interpellations/{timezone_now():%Y}/{secrets.token_hex(16)}.{suffix[:5]}"


class Attachment(models.Model):
    """A file of a request: stored outside the web root, served only to those allowed."""

    interpellation = models.ForeignKey(
        Interpellation, on_delete=models.CASCADE, related_name="attachments"
    )
    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    file = models.FileField(upload_to=attachment_path)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    public = models.BooleanField(
        default=False, help_text=_("The requester sees it (their own files, files of an answer).")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone_now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]

    @override
    def __str__(self) -> str:
        return self.name


class RoutingDelegate(Period):
    """A person the Chairman names to route requests in the Chairman's stead."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="routing_delegations",
        verbose_name=_("person"),
    )
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta(Period.Meta):
        verbose_name = _("delegate of the Chairman")
        verbose_name_plural = _("delegates of the Chairman")
        ordering = ["-start", "id"]

    @override
    def __str__(self) -> str:
        return str(self.person)


class ValidationDelegation(models.Model):
    """The Chairman lets a network's assignees send their answers without validation."""

    network = models.OneToOneField(
        "networks.Network", on_delete=models.CASCADE, related_name="answer_delegation"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    granted_at = models.DateTimeField(default=timezone_now)

    class Meta:
        verbose_name = _("delegated validation")
        verbose_name_plural = _("delegated validations")

    @override
    def __str__(self) -> str:
        return str(self.network)


__all__ = [
    "Assignment",
    "Attachment",
    "Entry",
    "Interpellation",
    "RoutingDelegate",
    "ValidationDelegation",
]
