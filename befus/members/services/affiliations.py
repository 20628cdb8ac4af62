"""Who works where: an organisation confirms (or not) that a person is on its staff.

Anyone can name an employer in their profile; members-only rights follow only once the
organisation confirmed it, by its mayor or the mayor's delegate, by the secretariat, or at once
when the person's verified e-mail address is at a domain the organisation registered
(``befus.accounts.services.update_profile``).
"""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils.timezone import now as timezone_now
from django.utils.translation import gettext as _

from befus.accounts.choices import AffiliationMethod, AffiliationStatus
from befus.accounts.models import Profile, User
from befus.accounts.roles import Role, forget_roles, roles_for
from befus.core.audit import record_event
from befus.core.errors import InvalidTransition
from befus.core.permissions import Perm
from befus.core.permissions import require_perm as _require
from befus.core.services import notify
from befus.members.selectors import confirmers_of, contact_organisation_ids


def notify_affiliation_claim(*, actor: User, profile: Profile) -> int:
    """Ask the organisation a profile names to confirm the person works there.

    Nothing happens when the affiliation is no longer waiting (confirmed at once by an e-mail
    domain, say). Returns how many people were asked.
    """
    if profile.organisation is None or profile.affiliation_status != AffiliationStatus.PENDING:
        return 0
    with transaction.atomic():
        return notify(
            recipients=[p for p in confirmers_of(profile.organisation) if p.pk != actor.pk],
            kind="members.affiliation_claimed",
            params={"person": str(profile.user), "organisation": str(profile.organisation)},
            url=reverse("members:affiliations"),
        )


def confirm_affiliation(*, actor: User, profile: Profile) -> Profile:
    """Confirm that the person works at the organisation their profile names.

    A refusal can be reversed, by the same people. The person is told; their members-only rights
    apply from the next page they open.
    """
    with transaction.atomic():
        profile = _locked(profile)
        _require(actor, Perm.AFFILIATION_DECIDE, profile)
        if profile.affiliation_status == AffiliationStatus.CONFIRMED:
            raise InvalidTransition(_("This person's affiliation is already confirmed."))
        _decide(actor, profile, AffiliationStatus.CONFIRMED, note="")
        profile.affiliation_method = _method_of(actor, profile)
        profile.save(update_fields=["affiliation_method"])
        record_event(
            actor=actor,
            verb="members.affiliation.confirm",
            target=profile.user,
            data={"organisation": profile.organisation_id, "method": profile.affiliation_method},
        )
        _tell_the_person(profile)
    forget_roles(profile.user)
    return profile


def refuse_affiliation(*, actor: User, profile: Profile, reason: str = "") -> Profile:
    """Say the person does not (or no longer) work at the organisation their profile names.

    Members-only rights end at once; the profile keeps the organisation's name, marked as not
    confirmed, so the person sees why and can correct it.
    """
    with transaction.atomic():
        profile = _locked(profile)
        _require(actor, Perm.AFFILIATION_DECIDE, profile)
        if profile.affiliation_status == AffiliationStatus.REFUSED:
            raise InvalidTransition(_("This affiliation was already declined."))
        _decide(actor, profile, AffiliationStatus.REFUSED, note=reason.strip()[:500])
        profile.affiliation_method = ""
        profile.save(update_fields=["affiliation_method"])
        record_event(
            actor=actor,
            verb="members.affiliation.refuse",
            target=profile.user,
            data={"organisation": profile.organisation_id, "reason": profile.affiliation_note},
        )
        _tell_the_person(profile)
    forget_roles(profile.user)
    return profile


def _locked(profile: Profile) -> Profile:
    return (
        Profile.objects.select_for_update(of=("self",))
        .select_related("user", "organisation")
        .get(pk=profile.pk)
    )


def _decide(actor: User, profile: Profile, status: str, *, note: str) -> None:
    if profile.organisation_id is None:
        raise InvalidTransition(_("This person no longer names an organisation."))
    profile.affiliation_status = status
    profile.affiliation_decided_by = actor
    profile.affiliation_decided_at = timezone_now()
    profile.affiliation_note = note
    profile.save(
        update_fields=[
            "affiliation_status",
            "affiliation_decided_by",
            "affiliation_decided_at",
            "affiliation_note",
            "updated_at",
        ]
    )


def _method_of(actor: User, profile: Profile) -> str:
    if profile.organisation_id in contact_organisation_ids(actor):
        return AffiliationMethod.CONTACT
    if Role.SECRETARIAT in roles_for(actor):
        return AffiliationMethod.SECRETARIAT
    return AffiliationMethod.CONTACT


def _tell_the_person(profile: Profile) -> None:
    notify(
        recipients=[profile.user],
        kind="members.affiliation_decided",
        params={"organisation": str(profile.organisation), "status": profile.affiliation_status},
        url=reverse("accounts:dashboard"),
    )
