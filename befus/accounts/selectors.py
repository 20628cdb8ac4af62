from __future__ import annotations

from collections.abc import Callable, Iterable

from django.conf import settings
from django.db.models import Q, QuerySet

from befus.accounts.choices import AffiliationMethod
from befus.accounts.models import ErasureRequest, Profile, User
from befus.accounts.roles import SECOND_FACTOR_ROLES, roles_for
from befus.accounts.types import Person
from befus.core import personal_data


def get_profile(user: User) -> Profile:
    """The user's profile; every account has one (created at signup or on first read)."""
    profile, _created = Profile.objects.select_related("organisation").get_or_create(user=user)
    return profile


# Ways an organisation is known to employ a person without anyone confirming it: each returns an
# ``AffiliationMethod`` or "". The e-mail domain is read here; the app that knows who speaks for
# an organisation adds its own rule (``befus.members.apps``: its mayor or the mayor's delegate).
AFFILIATION_RULES: list[Callable[[Profile], str]] = []


def register_affiliation_rule(rule: Callable[[Profile], str]) -> None:
    AFFILIATION_RULES.append(rule)


def affiliation_evident(profile: Profile) -> str:
    """How the organisation a profile names is known to employ the person without asking
    anyone: an ``AffiliationMethod``, or "" when the organisation must confirm it."""
    if profile.organisation is None:
        return ""
    for rule in (*AFFILIATION_RULES, address_at_the_domain):
        method = rule(profile)
        if method:
            return method
    return ""


def address_at_the_domain(profile: Profile) -> str:
    """A verified address at a domain the organisation registered for its staff."""
    from allauth.account.models import EmailAddress

    domains = profile.organisation.email_domain_list if profile.organisation else []
    if domains:
        verified = EmailAddress.objects.filter(user_id=profile.user_id, verified=True)
        for address in verified.values_list("email", flat=True):
            if address.rsplit("@", 1)[-1].lower() in domains:
                return AffiliationMethod.EMAIL_DOMAIN
    return ""


# The accounts that skip the second factor in a demo installation (and only there): the demo
# app names its own (``befus.demo.apps``).
_DEMO_EXEMPT: set[str] = set()


def exempt_from_second_factor_in_demo(emails: Iterable[str]) -> None:
    _DEMO_EXEMPT.update(emails)


def is_demo_exempt(user: User) -> bool:
    """The demo accounts skip the second factor, in a demo installation only."""
    return bool(settings.DEMO) and user.email in _DEMO_EXEMPT


def has_second_factor(user: User) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def must_set_up_second_factor(user: Person) -> bool:
    """Whether the user holds a role that needs TOTP and has not set it up yet."""
    if not user.is_authenticated:
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


# Who of the people who opted in belongs in the directory is the register's to say (confirmed
# staff of a member organisation, anyone holding a seat): ``befus.members.apps`` registers it.
DIRECTORY_RULES: list[Callable[[], Q]] = []


def register_directory_rule(rule: Callable[[], Q]) -> None:
    DIRECTORY_RULES.append(rule)


def directory_profiles() -> QuerySet[Profile]:
    """People of the Forum who chose to appear in the members' directory.

    That is whom the registered rules admit (nobody without one); a person without a name is
    left out rather than shown by e-mail.
    """
    belongs = Q(pk__in=[])
    for rule in DIRECTORY_RULES:
        belongs |= rule()
    return (
        Profile.objects.filter(in_directory=True, user__is_active=True)
        .filter(belongs)
        .exclude(user__first_name="", user__last_name="")
        .select_related("user", "organisation")
        .order_by("user__last_name", "user__first_name")
    )


def export_personal_data(user: User) -> dict[str, object]:
    """Everything the platform holds about ``user``, as JSON-ready data (GDPR art. 15 and 20).

    The account, the profile and the roles are read here; every other section comes from what
    each app declared it holds (``befus.core.personal_data``).
    """
    profile = get_profile(user)
    return {
        "format": "befus-personal-data/2",
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "is_active": user.is_active,
        },
        "profile": {
            "organisation": str(profile.organisation) if profile.organisation else None,
            "affiliation": profile.affiliation_status if profile.organisation else None,
            "affiliation_confirmed": profile.affiliation_method or None,
            "job_function": profile.job_function,
            "job_title": profile.job_title,
            "languages": profile.languages,
            "expertise": profile.expertise_items,
            "phone": profile.phone,
            "in_directory": profile.in_directory,
            "preferred_language": profile.preferred_language,
        },
        "roles": sorted(roles_for(user)),
        **personal_data.export_personal_data(user),
    }
