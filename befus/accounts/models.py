"""People: the e-mail login and the profile a professional keeps."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _
from typing_extensions import override

from befus.accounts.choices import (
    AffiliationMethod,
    AffiliationStatus,
    ErasureStatus,
    JobFunction,
)


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


class User(AbstractUser):  # type: ignore[django-manager-missing]  # stubs miss Network.proposed_by
    """A person with an e-mail login. Roles are derived from seats and contacts, never stored."""

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects = UserManager()  # type: ignore[misc,assignment]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "email"]

    @override
    def __str__(self) -> str:
        return self.get_full_name() or self.email


# What a person may change in their own profile (the form and the service share it).
PROFILE_FIELDS = (
    "organisation",
    "job_function",
    "job_title",
    "languages",
    "expertise",
    "phone",
    "in_directory",
    "preferred_language",
)


def default_languages() -> list[str]:
    return []


class Profile(models.Model):
    """What a professional tells the Forum about their work, and what others may see of it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    organisation = models.ForeignKey(
        "members.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff_profiles",
        help_text=_(
            "The municipality or institution you work for. It confirms that you work there "
            "before the members' pages open to you."
        ),
    )
    job_function = models.CharField(
        _("job function"), max_length=40, choices=JobFunction.choices, blank=True
    )
    job_title = models.CharField(
        _("job title"),
        max_length=200,
        blank=True,
        help_text=_("Your title as your employer writes it."),
    )
    languages = models.JSONField(
        _("languages"),
        default=default_languages,
        blank=True,
        help_text=_("The languages you work in."),
    )
    expertise = models.TextField(
        _("expertise"),
        blank=True,
        help_text=_("Themes you know well, one per line, so colleagues can find you."),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    in_directory = models.BooleanField(
        _("appear in the members' directory"),
        default=False,
        help_text=_("Other logged-in members can then see your name, organisation and expertise."),
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="nl"
    )
    # The organisation confirms the affiliation (befus.members.services.affiliations); it is
    # asked again whenever the person names another organisation.
    affiliation_status = models.CharField(
        _("affiliation"),
        max_length=12,
        choices=AffiliationStatus.choices,
        default=AffiliationStatus.PENDING,
    )
    affiliation_method = models.CharField(
        _("confirmed"), max_length=20, choices=AffiliationMethod.choices, blank=True
    )
    affiliation_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    affiliation_decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    affiliation_note = models.CharField(_("reason"), max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    @override
    def __str__(self) -> str:
        return str(self.user)

    @property
    def is_confirmed_member(self) -> bool:
        """Confirmed at the organisation it names (which may or may not be a member today)."""
        return (
            self.organisation_id is not None
            and self.affiliation_status == AffiliationStatus.CONFIRMED
        )

    @property
    def expertise_items(self) -> list[str]:
        return [line.strip() for line in self.expertise.splitlines() if line.strip()]


class ErasureRequest(models.Model):
    """A person's request to erase their account; the secretariat carries it out (GDPR art. 17)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="erasure_requests",
    )
    email_hash = models.CharField(max_length=64, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ErasureStatus.choices, default=ErasureStatus.REQUESTED
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="requested"),
                name="one_open_erasure_request_per_user",
            )
        ]

    @override
    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.requested_at:%Y-%m-%d}"
