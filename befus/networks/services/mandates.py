"""City mandates, representation mandates and the statements published under them."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.utils.timezone import localdate
from django.utils.translation import gettext as _

from befus.accounts.models import User
from befus.accounts.roles import Role, roles_for
from befus.core.audit import record_event
from befus.core.errors import DomainError
from befus.core.permissions import Perm
from befus.members.models import Membership, Organisation
from befus.networks.choices import (
    MandateDirection,
    MembershipStatus,
)
from befus.networks.models import (
    CityMandate,
    Network,
    RepresentationMandate,
    Statement,
)
from befus.networks.permissions import mayor_organisation_ids
from befus.networks.services._common import (
    _require,
)


def record_city_mandate(
    *,
    actor: User,
    network: Network,
    organisation: Organisation,
    scope: str,
    start: dt.date,
    end: dt.date | None = None,
    document: File[bytes] | None = None,
) -> CityMandate:
    """Record that a member city mandates a network, for a period, with the signed document.

    A mayor (or delegate) records mandates of their own city; the secretariat of any member city.
    """
    _require(actor, Perm.NETWORK_MANDATE_RECORD)

    if Role.SECRETARIAT not in roles_for(actor) and organisation.pk not in mayor_organisation_ids(
        actor
    ):
        raise PermissionDenied
    if end is not None and end < start:
        raise DomainError(_("The end date cannot be before the start date."), field="end")
    membership = Membership.objects.current(start).filter(organisation=organisation).first()
    if membership is None:
        raise DomainError(
            _("%(name)s is not a member of the Forum on that date.") % {"name": organisation},
            field="organisation",
        )
    if membership.end is not None and (end is None or end > membership.end):
        # A mandate carries the Forum's support only while its city is a member.
        end = membership.end
    with transaction.atomic():
        mandate = CityMandate.objects.create(
            network=network,
            organisation=organisation,
            scope=scope,
            start=start,
            end=end,
            document=document or "",
            recorded_by=actor,
        )
        record_event(
            actor=actor,
            verb="networks.mandate.record",
            target=network,
            data={
                "organisation_id": organisation.pk,
                "start": start.isoformat(),
                "end": end.isoformat() if end else None,
            },
        )
    return mandate


def issue_representation_mandate(
    *,
    actor: User,
    network: Network,
    direction: str,
    subject: str,
    valid_from: dt.date,
    valid_until: dt.date,
    occasion: str = "",
    person: User | None = None,
    document: File[bytes] | None = None,
) -> RepresentationMandate:
    """Record a prior written mandate, for the register.

    The Forum's mandates to a network are given by the Board or the Chairman (the secretariat
    records them); a network's mandate to the Forum is recorded by one of its active referents.
    """
    if direction == MandateDirection.FORUM_TO_NETWORK:
        _require(actor, Perm.REPRESENTATION_ISSUE)
    else:
        _require(actor, Perm.STATEMENT_PUBLISH, network)
    if valid_until < valid_from:
        raise DomainError(_("The end date cannot be before the start date."), field="valid_until")
    if (
        person is not None
        and not network.memberships.filter(person=person, status=MembershipStatus.ACTIVE).exists()
    ):
        raise DomainError(
            _("Only an active member of the network can be mandated."), field="person"
        )
    with transaction.atomic():
        mandate = RepresentationMandate.objects.create(
            network=network,
            direction=direction,
            subject=subject,
            occasion=occasion,
            valid_from=valid_from,
            valid_until=valid_until,
            person=person,
            document=document or "",
            issued_by=actor,
        )
        record_event(
            actor=actor,
            verb="networks.representation.issue",
            target=network,
            data={
                "mandate_id": mandate.pk,
                "direction": direction,
                "valid_from": valid_from.isoformat(),
                "valid_until": valid_until.isoformat(),
            },
        )
    return mandate


def publish_statement(
    *,
    actor: User,
    network: Network,
    mandate: RepresentationMandate,
    title: str,
    body: str,
    language: str,
) -> Statement:
    """Publish a statement of the network; it needs a prior written mandate valid today.

    The mandate must be the Forum's mandate to this network, in force today, and given to the
    whole network or to the author.
    """
    _require(actor, Perm.STATEMENT_PUBLISH, network)
    today = localdate()
    valid = (
        mandate.network_id == network.pk
        and mandate.direction == MandateDirection.FORUM_TO_NETWORK
        and mandate.valid_from <= today <= mandate.valid_until
        and mandate.person_id in (None, actor.pk)
    )
    if not valid:
        raise DomainError(
            _("A network speaks for the Forum only with a prior written mandate in force."),
            field="mandate",
        )
    with transaction.atomic():
        statement = Statement.objects.create(
            network=network,
            mandate=mandate,
            title=title,
            body=body,
            language=language,
            author=actor,
        )
        record_event(
            actor=actor,
            verb="networks.statement.publish",
            target=network,
            data={"statement_id": statement.pk, "mandate_id": mandate.pk},
        )
    return statement
