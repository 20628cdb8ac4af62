"""Writes on accounts: profiles, erasure."""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils.timezone import localdate
from django.utils.timezone import now as timezone_now
from django.utils.translation import gettext as _

from befus.accounts.choices import ErasureStatus
from befus.accounts.models import PROFILE_FIELDS, ErasureRequest, Profile, User
from befus.accounts.roles import forget_roles
from befus.accounts.selectors import get_profile
from befus.accounts.signals import user_erased
from befus.core.audit import record_event
from befus.core.errors import InvalidTransition
from befus.core.models import AuditEvent
from befus.core.permissions import Perm


def update_profile(
    *, actor: User, user: User, first_name: str, last_name: str, **fields: Any
) -> Profile:
    """Change a person's name and profile; only the person themself may.

    The audit event names the fields that changed, not their values (they are personal data).
    """
    if actor.pk != user.pk:
        raise PermissionDenied
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"unknown profile fields: {sorted(unknown)}")
    with transaction.atomic():
        profile = get_profile(user)
        changed = [name for name, value in fields.items() if getattr(profile, name) != value]
        for name, value in fields.items():
            setattr(profile, name, value)
        profile.save()
        if (user.first_name, user.last_name) != (first_name, last_name):
            changed.append("name")
            user.first_name, user.last_name = first_name, last_name
            user.save(update_fields=["first_name", "last_name"])
        record_event(
            actor=actor, verb="accounts.profile.update", target=user, data={"fields": changed}
        )
    forget_roles(user)
    return profile


def request_erasure(*, actor: User, reason: str = "") -> ErasureRequest:
    """Ask the secretariat to erase the actor's account; one open request at a time."""
    with transaction.atomic():
        User.objects.select_for_update().get(pk=actor.pk)
        if ErasureRequest.objects.filter(user=actor, status=ErasureStatus.REQUESTED).exists():
            raise InvalidTransition(_("You have already asked for your account to be erased."))
        erasure = ErasureRequest.objects.create(user=actor, reason=reason)
        record_event(actor=actor, verb="accounts.erasure.request", target=actor)
    return erasure


def cancel_erasure(*, actor: User, erasure: ErasureRequest) -> ErasureRequest:
    """Withdraw one's own open erasure request."""
    with transaction.atomic():
        erasure = ErasureRequest.objects.select_for_update().get(pk=erasure.pk)
        if erasure.user_id != actor.pk:
            raise PermissionDenied
        if erasure.status != ErasureStatus.REQUESTED:
            raise InvalidTransition(_("This request has already been handled."))
        erasure.status = ErasureStatus.CANCELLED
        erasure.decided_at = timezone_now()
        erasure.decided_by = actor
        erasure.save(update_fields=["status", "decided_at", "decided_by"])
        record_event(actor=actor, verb="accounts.erasure.cancel", target=actor)
    return erasure


def erase_user(*, actor: User, erasure: ErasureRequest) -> ErasureRequest:
    """Carry out an erasure request: anonymise the person, keep the Forum's history.

    Current seats and contacts end today and stay in the register under an anonymous name, so
    that the governance history remains true; terms that had not begun are removed. The audit
    trail's names of the person (as actor and as target) are blanked: the one change ever made to
    audit events, required by GDPR art. 17. Audit data refers to people by id, never by name.
    """
    if not actor.has_perm(Perm.ORGANISATION_MANAGE):
        raise PermissionDenied
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    with transaction.atomic():
        erasure = ErasureRequest.objects.select_for_update().get(pk=erasure.pk)
        if erasure.status != ErasureStatus.REQUESTED or erasure.user is None:
            raise InvalidTransition(_("This request has already been handled."))
        user = erasure.user
        today = localdate()
        for periods in (user.seats, user.contacts):
            # Terms not begun yet are commitments, not history: they go. Current ones end today.
            periods.filter(start__gt=today).delete()
            periods.filter(Q(end__isnull=True) | Q(end__gt=today)).update(end=today)
        user_erased.send(sender=User, user=user, actor=actor)
        EmailAddress.objects.filter(user=user).delete()
        Authenticator.objects.filter(user=user).delete()
        Profile.objects.filter(user=user).delete()
        AuditEvent.objects.filter(actor=user).update(actor_label="")
        AuditEvent.objects.filter(
            target_type=ContentType.objects.get_for_model(User), target_id=str(user.pk)
        ).update(target_repr="")
        erasure.email_hash = hashlib.sha256(user.email.encode()).hexdigest()
        user.email = f"erased-{user.pk}@erased.invalid"
        user.first_name, user.last_name = "", ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
        erasure.status = ErasureStatus.COMPLETED
        erasure.decided_at = timezone_now()
        erasure.decided_by = actor
        erasure.save(update_fields=["status", "decided_at", "decided_by", "email_hash"])
        record_event(actor=actor, verb="accounts.erasure.complete", target=erasure)
    return erasure
