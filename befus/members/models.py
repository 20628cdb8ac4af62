"""The register of members and the Forum's governance bodies.

A municipality is an ``Organisation`` whether or not it is a member: membership is a dated
``Membership`` row, so history survives leaving and re-joining. Mayors and other contacts are
dated ``Contact`` rows, bodies hold dated ``Seat`` rows.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.timezone import localdate
from django.utils.translation import gettext_lazy as _
from typing_extensions import override

from befus.members.choices import (
    BodyKind,
    ContactRole,
    OrganisationKind,
    Province,
    Region,
    SeatRole,
)
from befus.members.validators import validate_email_domains, validate_nis_code


def default_languages() -> list[str]:
    return []


class CurrentQuerySet(models.QuerySet[Any]):
    """Rows with a ``start`` / ``end`` period: ``current()`` keeps those in force on a date."""

    def current(self, on: dt.date | None = None) -> CurrentQuerySet:
        on = on or localdate()
        return self.filter(Q(end__isnull=True) | Q(end__gte=on), start__lte=on)


class Period(models.Model):
    start = models.DateField(_("from"))
    end = models.DateField(
        _("until"), null=True, blank=True, help_text=_("Leave empty if open-ended.")
    )

    objects = CurrentQuerySet.as_manager()

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="%(class)s_ends_after_start",
            )
        ]

    def is_current(self, on: dt.date | None = None) -> bool:
        on = on or localdate()
        return self.start <= on and (self.end is None or self.end >= on)


class Organisation(models.Model):
    if TYPE_CHECKING:  # columns added by django-modeltranslation (translation.py)
        name_nl: str
        name_fr: str
        name_en: str
        name_de: str

    objects: models.Manager[Organisation] = models.Manager()
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    slug = models.SlugField(_("address on the site"), max_length=80, unique=True)
    nis_code = models.CharField(
        _("NIS code"),
        max_length=5,
        blank=True,
        validators=[validate_nis_code],
        help_text=_("The five-digit code Statbel gives each municipality."),
    )
    region = models.CharField(_("region"), max_length=20, choices=Region.choices, blank=True)
    province = models.CharField(_("province"), max_length=20, choices=Province.choices, blank=True)
    languages = models.JSONField(_("languages"), default=default_languages, blank=True)
    original_language = models.CharField(
        _("original language"),
        max_length=8,
        default="nl",
        help_text=_("The language of the organisation's official name."),
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.TextField(_("address"), blank=True)
    email_domains = models.TextField(
        _("e-mail domains"),
        blank=True,
        validators=[validate_email_domains],
        help_text=_(
            "One per line, e.g. charleroi.be: a person with a verified address at one of them "
            "is confirmed at once as working here. Leave empty to confirm each person by hand."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["nis_code"], condition=~Q(nis_code=""), name="unique_nis_code"
            )
        ]

    @override
    def __str__(self) -> str:
        return self.name

    @property
    def email_domain_list(self) -> list[str]:
        lines = (line.strip().lower().removeprefix("@") for line in self.email_domains.splitlines())
        return [line for line in lines if line]


class Membership(Period):
    """A dated period during which an organisation is a member of the Forum."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(Period.Meta):
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation", "-start"]

    @override
    def __str__(self) -> str:
        return f"{self.organisation} {self.start}–{self.end or ''}"


class Contact(Period):
    """A person in a role at an organisation: its mayor, the mayor's delegate, a contact."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=30, choices=ContactRole.choices)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="contacts",
        verbose_name=_("person"),
    )

    class Meta(Period.Meta):
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["organisation", "role", "-start"]

    @override
    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}, {self.organisation})"


class Body(models.Model):
    if TYPE_CHECKING:  # columns added by django-modeltranslation (translation.py)
        name_nl: str
        name_fr: str
        name_en: str

    objects: models.Manager[Body] = models.Manager()
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("governance body")
        verbose_name_plural = _("governance bodies")
        ordering = ["kind"]

    @override
    def __str__(self) -> str:
        return self.name


class Seat(Period):
    """A person's term on a body, representing an organisation where that applies."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="seats", verbose_name=_("body")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="seats",
        verbose_name=_("person"),
    )
    role = models.CharField(
        _("role"), max_length=20, choices=SeatRole.choices, default=SeatRole.MEMBER
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="seats",
        verbose_name=_("organisation represented"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta(Period.Meta):
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        ordering = ["body", "role", "start"]

    @override
    def __str__(self) -> str:
        return f"{self.person}, {self.get_role_display()} ({self.body})"
