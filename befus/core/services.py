"""Writes of the core: notifications and their delivery by e-mail."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.timezone import now as timezone_now
from django_tasks import task

from befus.core.i18n import in_language
from befus.core.models import Delivery, EmailState, Notification, NotificationPreference
from befus.core.notifications import KINDS, render_title


def notify(
    *,
    recipients: Iterable[AbstractBaseUser | None],
    kind: str,
    params: Mapping[str, object],
    url: str = "",
) -> int:
    """Tell each recipient about something, in the platform and by e-mail as they prefer.

    Call inside the transaction of the decision: the notifications exist only if it commits, and
    immediate e-mails are queued after the commit. ``params`` must be JSON-ready (names, dates as
    text); the message is rendered in each reader's language. Returns how many were created.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    people = {person.pk: person for person in recipients if person and person.is_active}
    if not people:
        return 0
    delivery = dict(
        NotificationPreference.objects.filter(user_id__in=people, kind=kind).values_list(
            "user_id", "delivery"
        )
    )
    states = {
        Delivery.IMMEDIATE: EmailState.PENDING,
        Delivery.DAILY: EmailState.DIGEST,
        Delivery.NONE: EmailState.SKIPPED,
    }
    created = Notification.objects.bulk_create(
        Notification(
            recipient_id=pk,
            kind=kind,
            params=params,
            url=url,
            email_state=states[Delivery(delivery.get(pk, Delivery.IMMEDIATE))],
        )
        for pk in people
    )
    immediate = [n.pk for n in created if n.email_state == EmailState.PENDING]
    if immediate:
        transaction.on_commit(lambda: send_notification_emails.enqueue(immediate))
    return len(created)


def mark_read(
    *, actor: AbstractBaseUser | AnonymousUser, notification: Notification
) -> Notification:
    if notification.recipient_id != actor.pk:
        raise PermissionDenied
    if notification.read_at is None:
        notification.read_at = timezone_now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(*, actor: AbstractBaseUser | AnonymousUser) -> int:
    return Notification.objects.filter(recipient=actor.pk, read_at__isnull=True).update(
        read_at=timezone_now()
    )


def set_preferences(*, actor: AbstractBaseUser | AnonymousUser, deliveries: dict[str, str]) -> None:
    """Record how the actor wants each kind delivered."""
    with transaction.atomic():
        for kind, delivery in deliveries.items():
            if kind not in KINDS or delivery not in Delivery.values:
                raise ValueError(f"bad preference {kind}={delivery}")
            NotificationPreference.objects.update_or_create(
                user=actor, kind=kind, defaults={"delivery": delivery}
            )


def _language_of(user: AbstractBaseUser) -> str:
    profile = getattr(user, "profile", None)
    language = getattr(profile, "preferred_language", "") or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _absolute(url: str, language: str) -> str:
    return settings.BEFUS_SITE_URL.rstrip("/") + in_language(url or "/", language)


def _send(user: AbstractUser, notifications: list[Notification], *, digest: bool) -> None:
    language = _language_of(user)
    with translation.override(language):
        items = [
            {"title": render_title(n.kind, n.params), "url": _absolute(n.url, language)}
            for n in notifications
        ]
        context = {
            "user": user,
            "items": items,
            "digest": digest,
            "LANGUAGE_CODE": language,
            "settings_url": _absolute(reverse("notification-settings"), language),
        }
        subject = render_to_string("core/email/notification_subject.txt", context).strip()
        text = render_to_string("core/email/notification.txt", context)
        html = render_to_string("core/email/notification.html", context)
    message = EmailMultiAlternatives(subject, text, to=[user.email])
    message.attach_alternative(html, "text/html")
    message.send()


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    """E-mail each pending notification to its recipient, in the recipient's language."""
    pending = (
        Notification.objects.filter(pk__in=notification_ids, email_state=EmailState.PENDING)
        .select_related("recipient__profile")
        .order_by("created_at")
    )
    sent = 0
    for notification in pending:
        _send(notification.recipient, [notification], digest=False)
        Notification.objects.filter(pk=notification.pk).update(
            email_state=EmailState.SENT, emailed_at=timezone_now()
        )
        sent += 1
    return sent


def send_digests() -> int:
    """Send each person one e-mail with the notifications waiting for their daily digest."""
    waiting = (
        Notification.objects.filter(email_state=EmailState.DIGEST, recipient__is_active=True)
        .select_related("recipient__profile")
        .order_by("recipient_id", "created_at")
    )
    by_user: dict[int, list[Notification]] = defaultdict(list)
    for notification in waiting:
        by_user[notification.recipient_id].append(notification)
    for notifications in by_user.values():
        _send(notifications[0].recipient, notifications, digest=True)
        Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
            email_state=EmailState.SENT, emailed_at=timezone_now()
        )
    return len(by_user)
