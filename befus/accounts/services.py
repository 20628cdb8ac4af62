"""Writes on accounts: profiles, erasure."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.timezone import now as timezone_now
from django.utils.translation import gettext as _

from befus.accounts.choices import AffiliationMethod, AffiliationStatus, ErasureStatus
from befus.accounts.models import PROFILE_FIELDS, ErasureRequest, Profile, User
from befus.accounts.roles import forget_roles
from befus.accounts.selectors import affiliation_evident, get_profile
from befus.core.audit import record_event
from befus.core.errors import InvalidTransition
from befus.core.permissions import Perm
from befus.core.personal_data import erase_personal_data

# Who is asked when a person names an organisation is the register's to know (its mayor and
# delegates, or the secretariat): ``befus.members.apps`` registers it. Called in the profile's
# transaction, so what they queue is sent only if it commits.
AFFILIATION_CLAIM_LISTENERS: list[Callable[[User, Profile], object]] = []


def register_affiliation_claim_listener(listener: Callable[[User, Profile], object]) -> None:
    AFFILIATION_CLAIM_LISTENERS.append(listener)


def update_profile(
    *, actor: User, user: User, first_name: str, last_name: str, **fields: object
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
        if "organisation" in changed:
            _claim_affiliation(profile)
        profile.save()
        if (user.first_name, user.last_name) != (first_name, last_name):
            changed.append("name")
            user.first_name, user.last_name = first_name, last_name
            user.save(update_fields=["first_name", "last_name"])
        record_event(
            actor=actor, verb="accounts.profile.update", target=user, data={"fields": changed}
        )
        if "organisation" in changed and profile.organisation_id is not None:
            record_event(
                actor=actor,
                verb="accounts.affiliation.claim",
                target=user,
                data={
                    "organisation": profile.organisation_id,
                    "status": profile.affiliation_status,
                    "method": profile.affiliation_method,
                },
            )
            if profile.affiliation_status == AffiliationStatus.PENDING:
                for listener in AFFILIATION_CLAIM_LISTENERS:
                    listener(actor, profile)
    forget_roles(user)
    return profile


def _claim_affiliation(profile: Profile) -> None:
    """A newly named organisation has not confirmed the person yet, unless it can be read from
    the data at once: a verified e-mail address at one of the organisation's registered domains,
    or the person being its mayor or the mayor's delegate today. Otherwise the organisation is
    asked (``befus.members.services.notify_affiliation_claim``)."""
    profile.affiliation_status = AffiliationStatus.PENDING
    profile.affiliation_method = ""
    profile.affiliation_decided_by = None
    profile.affiliation_decided_at = None
    profile.affiliation_note = ""
    method = affiliation_evident(profile)
    if method:
        profile.affiliation_status = AffiliationStatus.CONFIRMED
        profile.affiliation_method = method
        profile.affiliation_decided_at = timezone_now()


def confirm_affiliation_by_email(*, user: User) -> bool:
    """After an address is verified: confirm a waiting affiliation the address proves."""
    with transaction.atomic():
        profile = Profile.objects.select_for_update().filter(user=user).first()
        if profile is None or profile.affiliation_status != AffiliationStatus.PENDING:
            return False
        if affiliation_evident(profile) != AffiliationMethod.EMAIL_DOMAIN:
            return False
        profile.affiliation_status = AffiliationStatus.CONFIRMED
        profile.affiliation_method = AffiliationMethod.EMAIL_DOMAIN
        profile.affiliation_decided_at = timezone_now()
        profile.save(
            update_fields=[
                "affiliation_status",
                "affiliation_method",
                "affiliation_decided_at",
                "updated_at",
            ]
        )
        record_event(
            actor=user,
            verb="accounts.affiliation.confirm_by_email",
            target=user,
            data={"organisation": profile.organisation_id},
        )
    forget_roles(user)
    return True


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

    Each app's declaration (``befus.core.personal_data``) says what goes and what stays: the
    profile, addresses, second factors and notifications go; seats and contacts end today and
    stay in the register, the audit trail keeps its events with the person's name blanked, the
    requests they made lose their personal data. The account itself stays, nameless and closed,
    so that the history points to "a person" rather than to nothing.
    """
    if not actor.has_perm(Perm.ORGANISATION_MANAGE):
        raise PermissionDenied
    with transaction.atomic():
        erasure = ErasureRequest.objects.select_for_update().get(pk=erasure.pk)
        if erasure.status != ErasureStatus.REQUESTED or erasure.user is None:
            raise InvalidTransition(_("This request has already been handled."))
        user = erasure.user
        deleted = erase_personal_data(user, actor=actor)
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
        record_event(
            actor=actor,
            verb="accounts.erasure.complete",
            target=erasure,
            data={"deleted": deleted},
        )
    return erasure
