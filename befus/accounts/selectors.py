from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.timezone import localdate

from befus.accounts.models import ErasureRequest, Profile, User
from befus.accounts.roles import SECOND_FACTOR_ROLES, roles_for


def get_profile(user: User) -> Profile:
    """The user's profile; every account has one (created at signup or on first read)."""
    profile, _created = Profile.objects.select_related("organisation").get_or_create(user=user)
    return profile


def is_demo_exempt(user: Any) -> bool:
    """The demo accounts skip the second factor, in a demo installation only."""
    from befus.demo import DEMO_ACCOUNT_EMAILS

    return bool(settings.DEMO) and user.email in DEMO_ACCOUNT_EMAILS


def has_second_factor(user: Any) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def must_set_up_second_factor(user: Any) -> bool:
    """Whether the user holds a role that needs TOTP and has not set it up yet."""
    if not getattr(user, "is_authenticated", False):
        return False
    needs = bool(SECOND_FACTOR_ROLES & roles_for(user)) or user.is_superuser
    if not needs or is_demo_exempt(user):
        return False
    return not has_second_factor(user)


def open_erasure_request(user: User) -> ErasureRequest | None:
    return ErasureRequest.objects.filter(user=user, status="requested").first()


def erasure_requests_to_handle() -> QuerySet[ErasureRequest]:
    return (
        ErasureRequest.objects.filter(status="requested")
        .select_related("user")
        .order_by("requested_at")
    )


def directory_profiles() -> QuerySet[Profile]:
    """People of the Forum who chose to appear in the members' directory.

    That is staff of a current member organisation, or anyone holding a current seat (the
    secretariat, the Board); a person without a name is left out rather than shown by e-mail.
    """
    from befus.members.models import Membership, Seat

    today = localdate()
    at_member = Exists(
        Membership.objects.current(today).filter(organisation=OuterRef("organisation"))
    )
    seated = Exists(Seat.objects.current(today).filter(person=OuterRef("user")))
    return (
        Profile.objects.filter(in_directory=True, user__is_active=True)
        .filter(at_member | seated)
        .exclude(user__first_name="", user__last_name="")
        .select_related("user", "organisation")
        .order_by("user__last_name", "user__first_name")
    )


def export_personal_data(user: User) -> dict[str, Any]:
    """Everything the platform holds about ``user``, as JSON-ready data (GDPR art. 15 and 20)."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    from befus.core.models import AuditEvent

    profile = get_profile(user)
    return {
        "format": "befus-personal-data/1",
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "is_active": user.is_active,
        },
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user)
        ],
        "second_factors": [a.type for a in Authenticator.objects.filter(user=user)],
        "profile": {
            "organisation": str(profile.organisation) if profile.organisation else None,
            "job_function": profile.job_function,
            "job_title": profile.job_title,
            "languages": profile.languages,
            "expertise": profile.expertise_items,
            "phone": profile.phone,
            "in_directory": profile.in_directory,
            "preferred_language": profile.preferred_language,
        },
        "roles": sorted(roles_for(user)),
        "seats": [
            {
                "body": str(seat.body),
                "role": seat.role,
                "organisation": str(seat.organisation) if seat.organisation else None,
                "start": seat.start.isoformat(),
                "end": seat.end.isoformat() if seat.end else None,
            }
            for seat in user.seats.select_related("body", "organisation")
        ],
        "contacts": [
            {
                "organisation": str(c.organisation),
                "role": c.role,
                "start": c.start.isoformat(),
                "end": c.end.isoformat() if c.end else None,
            }
            for c in user.contacts.select_related("organisation")
        ],
        "erasure_requests": [
            {"status": r.status, "requested_at": r.requested_at.isoformat()}
            for r in user.erasure_requests.all()
        ],
        "actions": [
            {
                "when": e.created_at.isoformat(),
                "action": e.verb,
                "object": e.target_repr,
                "details": e.data,
            }
            for e in AuditEvent.objects.filter(actor=user).order_by("created_at")
        ],
    }
