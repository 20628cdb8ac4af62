from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from befus.core.models import AuditEvent, Delivery, Notification, NotificationPreference
from befus.core.notifications import KINDS


def audit_events(*, verb_prefix: str = "") -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.select_related("target_type").order_by("-created_at", "-id")
    if verb_prefix:
        events = events.filter(verb__startswith=verb_prefix)
    return events


def notifications_for(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user.pk).order_by("-created_at", "-id")


def unread_count(user: AbstractBaseUser | AnonymousUser) -> int:
    return Notification.objects.filter(recipient=user.pk, read_at__isnull=True).count()


def preferences_for(user: AbstractBaseUser | AnonymousUser) -> dict[str, str]:
    """Each registered kind with the user's delivery choice (immediate when never chosen)."""
    chosen = dict(
        NotificationPreference.objects.filter(user=user.pk).values_list("kind", "delivery")
    )
    return {kind: chosen.get(kind, Delivery.IMMEDIATE) for kind in KINDS}
