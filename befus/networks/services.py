"""Writes on professional networks: proposals, decisions, memberships with the mayor's consent,
city mandates. Each function checks the actor's rule, locks the row it changes, records an audit
event and notifies the people concerned after the commit.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.timezone import localdate
from django.utils.timezone import now as timezone_now
from django.utils.translation import gettext as _

from befus.accounts.models import User
from befus.accounts.roles import Role, forget_roles, roles_for
from befus.core.audit import record_event
from befus.core.errors import Conflict, DomainError, InvalidTransition
from befus.core.permissions import Perm
from befus.core.services import notify
from befus.members.models import Membership, Organisation
from befus.networks import selectors
from befus.networks.choices import (
    COMMISSION_TRANSITIONS,
    OPEN_MEMBERSHIP_STATES,
    REFERENT_ROLES,
    TRANSITIONS,
    DecisionBody,
    MandateDirection,
    MemberRole,
    MembershipStatus,
    NetworkStatus,
)
from befus.networks.models import (
    ActivityReport,
    Charter,
    CityMandate,
    Commission,
    Meeting,
    Network,
    NetworkMembership,
    RepresentationMandate,
    Statement,
)

PROPOSAL_FIELDS = {
    "name_nl",
    "name_fr",
    "name_en",
    "purpose_nl",
    "purpose_fr",
    "purpose_en",
    "original_language",
    "scope",
    "region",
    "themes",
    "expected_members",
    "expected_cities",
    "working_method",
}


def _require(actor: Any, perm: str, obj: Any = None) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied


def _url(network: Network) -> str:
    return reverse("networks:network-detail", kwargs={"slug": network.slug})


def _unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "network"
    slug, n = base, 2
    while Network.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _member_organisation(person: User) -> Organisation:
    """The member municipality or institution that employs ``person``, or a clear refusal."""
    profile = getattr(person, "profile", None)
    organisation = getattr(profile, "organisation", None)
    if organisation is None:
        raise DomainError(_("Name your employer in your profile first."))
    if not Membership.objects.current().filter(organisation=organisation).exists():
        raise DomainError(
            _("%(name)s is not a member of the Forum today.") % {"name": organisation}
        )
    return organisation


def _apply_proposal(network: Network, fields: dict[str, Any]) -> None:
    unknown = set(fields) - PROPOSAL_FIELDS
    if unknown:
        raise TypeError(f"unknown network fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(network, name, value)
    official = getattr(network, f"name_{network.original_language}", "") or network.name_nl
    official = official or network.name_fr or network.name_en
    if not official:
        raise DomainError(_("Give the network a name."), field="name_nl")
    for language in ("nl", "fr", "en"):
        if not getattr(network, f"name_{language}"):
            setattr(network, f"name_{language}", official)
    if not (network.purpose_nl or network.purpose_fr or network.purpose_en):
        raise DomainError(_("Describe the network's purpose."), field="purpose_nl")


def propose_network(
    *, actor: User, referent_role: str, charter: Charter, accept_charter: bool, **fields: Any
) -> Network:
    """Submit the project of a new network; the proposer becomes its first referent.

    The charter must be accepted explicitly; the acceptance records its version. The proposer's
    own membership awaits the consent of their mayor like anyone's.
    """
    _require(actor, Perm.NETWORK_PROPOSE)
    if not accept_charter:
        raise DomainError(
            _("A network commits to the charter: accept it to submit."), field="accept_charter"
        )
    if referent_role not in REFERENT_ROLES:
        raise DomainError(_("Choose the kind of referent you will be."), field="referent_role")
    organisation = _member_organisation(actor)
    with transaction.atomic():
        network = Network(
            proposed_by=actor,
            charter=charter,
            charter_accepted_by=actor,
            charter_accepted_at=timezone_now(),
        )
        _apply_proposal(network, fields)
        network.slug = _unique_slug(
            getattr(network, f"name_{network.original_language}", "") or network.name_nl
        )
        network.save()
        membership = NetworkMembership.objects.create(
            network=network, person=actor, organisation=organisation, role=referent_role
        )
        record_event(
            actor=actor,
            verb="networks.network.propose",
            target=network,
            data={"charter_version": charter.version, "scope": network.scope},
        )
        notify(
            recipients=selectors.secretariat_people(),
            kind="networks.proposal",
            params={"network": str(network)},
            url=_url(network),
        )
        _ask_consent(membership)
    return network


def update_proposal(*, actor: User, network: Network, **fields: Any) -> Network:
    """Change a proposal while it is proposed or sent back for changes."""
    with transaction.atomic():
        network = Network.objects.select_for_update().get(pk=network.pk)
        _require(actor, Perm.NETWORK_EDIT_PROPOSAL, network)
        changed = sorted(name for name, value in fields.items() if getattr(network, name) != value)
        _apply_proposal(network, fields)
        network.save()
        record_event(
            actor=actor, verb="networks.network.update", target=network, data={"fields": changed}
        )
    return network


def _transition(
    actor: User,
    network: Network,
    verb: str,
    *,
    perm: str,
    data: dict[str, Any] | None = None,
    **changes: Any,
) -> Network:
    """Move ``network`` by ``verb`` from one of its allowed states, with the row locked.

    Two people deciding at once: the second finds the network already moved and gets a clear
    refusal instead of a double decision.
    """
    allowed_from, target = TRANSITIONS[verb]
    network = Network.objects.select_for_update().get(pk=network.pk)
    _require(actor, perm, network)
    if network.status not in allowed_from:
        raise InvalidTransition(
            _("This network is now “%(status)s”: someone may have decided before you.")
            % {"status": network.get_status_display()}
        )
    network.status = target
    for name, value in changes.items():
        setattr(network, name, value)
    network.save(update_fields=["status", "updated_at", *changes])
    record_event(
        actor=actor,
        verb=f"networks.network.{verb}",
        target=network,
        data={"status": target, **(data or {})},
    )
    return network


def resubmit_network(*, actor: User, network: Network) -> Network:
    """Send a proposal back to the secretariat after making the changes asked."""
    with transaction.atomic():
        network = _transition(actor, network, "resubmit", perm=Perm.NETWORK_EDIT_PROPOSAL)
        notify(
            recipients=selectors.secretariat_people(),
            kind="networks.proposal",
            params={"network": str(network)},
            url=_url(network),
        )
    return network


def start_review(*, actor: User, network: Network) -> Network:
    with transaction.atomic():
        return _transition(actor, network, "start_review", perm=Perm.NETWORK_REVIEW)


def request_changes(*, actor: User, network: Network, comment: str) -> Network:
    """Send a proposal back to its referents with what to change (the comment is required)."""
    if not comment.strip():
        raise DomainError(_("Say what should change."), field="comment")
    with transaction.atomic():
        network = _transition(
            actor, network, "request_changes", perm=Perm.NETWORK_REVIEW, data={"comment": comment}
        )
        notify(
            recipients=selectors.proposal_people(network),
            kind="networks.changes_requested",
            params={"network": str(network), "comment": comment},
            url=_url(network),
        )
    return network


def forward_to_board(*, actor: User, network: Network) -> Network:
    """Put a proposal under review on the Board's table; board members are told."""
    with transaction.atomic():
        network = _transition(
            actor,
            network,
            "forward_to_board",
            perm=Perm.NETWORK_REVIEW,
            forwarded_to_board_at=timezone_now(),
        )
        notify(
            recipients=selectors.board_people(),
            kind="networks.forwarded",
            params={"network": str(network)},
            url=_url(network),
        )
    return network


def _decide(
    actor: User,
    network: Network,
    verb: str,
    *,
    body: str,
    decision_date: dt.date,
    motivation: str,
    reference: str = "",
) -> Network:
    if not motivation.strip():
        raise DomainError(_("A decision is motivated: give the reason."), field="motivation")
    if body not in DecisionBody.values:
        raise DomainError(_("Say which body decided."), field="body")
    if body == DecisionBody.SECRETARIAT and Role.SECRETARIAT not in roles_for(actor):
        raise DomainError(_("Only the secretariat records its own decisions."), field="body")
    if decision_date > localdate():
        raise DomainError(_("A decision cannot be dated in the future."), field="decision_date")
    with transaction.atomic():
        network = _transition(
            actor,
            network,
            verb,
            perm=Perm.NETWORK_DECIDE,
            data={
                "body": body,
                "date": decision_date.isoformat(),
                "reference": reference,
                "motivation": motivation,
            },
            decision_body=body,
            decided_by=actor,
            decided_at=timezone_now(),
            decision_date=decision_date,
            decision_reference=reference,
            decision_motivation=motivation,
        )
        notify(
            recipients=selectors.proposal_people(network),
            kind="networks.decision",
            params={"network": str(network), "status": network.status},
            url=_url(network),
        )
    return network


def recognise_network(
    *,
    actor: User,
    network: Network,
    body: str,
    decision_date: dt.date,
    motivation: str,
    reference: str = "",
) -> Network:
    """Recognise a network, by decision of the Board or of the secretariat (seed 000)."""
    return _decide(
        actor,
        network,
        "recognise",
        body=body,
        decision_date=decision_date,
        motivation=motivation,
        reference=reference,
    )


def reject_network(
    *,
    actor: User,
    network: Network,
    body: str,
    decision_date: dt.date,
    motivation: str,
    reference: str = "",
) -> Network:
    return _decide(
        actor,
        network,
        "reject",
        body=body,
        decision_date=decision_date,
        motivation=motivation,
        reference=reference,
    )


def _status_change(actor: User, network: Network, verb: str, reason: str) -> Network:
    if not reason.strip():
        raise DomainError(_("Give the reason."), field="reason")
    with transaction.atomic():
        network = _transition(
            actor, network, verb, perm=Perm.NETWORK_DECIDE, data={"reason": reason}
        )
        if network.status == NetworkStatus.DISSOLVED:
            now = timezone_now()
            for membership in network.memberships.select_for_update().filter(
                status__in=OPEN_MEMBERSHIP_STATES
            ):
                membership.status = MembershipStatus.LEFT
                membership.ended_at = now
                membership.decision_reason = reason
                membership.save(update_fields=["status", "ended_at", "decision_reason"])
        notify(
            recipients=selectors.proposal_people(network),
            kind="networks.decision",
            params={"network": str(network), "status": network.status},
            url=_url(network),
        )
    return network


def suspend_network(*, actor: User, network: Network, reason: str) -> Network:
    return _status_change(actor, network, "suspend", reason)


def reinstate_network(*, actor: User, network: Network, reason: str) -> Network:
    return _status_change(actor, network, "reinstate", reason)


def dissolve_network(*, actor: User, network: Network, reason: str) -> Network:
    """Dissolve a network; its open memberships end, its history stays."""
    return _status_change(actor, network, "dissolve", reason)


def _ask_consent(membership: NetworkMembership) -> None:
    mayors = selectors.mayors_of(membership.organisation)
    notify(
        recipients=mayors or selectors.secretariat_people(),
        kind="networks.consent_requested",
        params={"person": str(membership.person), "network": str(membership.network)},
        url=reverse("networks:consents"),
    )


def request_membership(
    *, actor: User, network: Network, motivation: str = "", role: str = MemberRole.MEMBER
) -> NetworkMembership:
    """Ask to join a recognised network; the mayor of the actor's employer decides."""
    _require(actor, Perm.NETWORK_JOIN, network)
    organisation = _member_organisation(actor)
    try:
        with transaction.atomic():
            membership = NetworkMembership.objects.create(
                network=network,
                person=actor,
                organisation=organisation,
                role=role,
                motivation=motivation,
            )
            record_event(actor=actor, verb="networks.membership.request", target=network)
            _ask_consent(membership)
    except IntegrityError as error:
        raise Conflict(
            _("You are already a member of this network, or have asked to be.")
        ) from error
    return membership


def _decide_membership(
    actor: User,
    membership: NetworkMembership,
    *,
    from_states: tuple[str, ...],
    to: str,
    verb: str,
    reason: str = "",
    perm: str = Perm.NETWORK_MEMBERSHIP_CONSENT,
) -> NetworkMembership:
    with transaction.atomic():
        membership = (
            NetworkMembership.objects.select_for_update()
            .select_related("network", "person")
            .get(pk=membership.pk)
        )
        _require(actor, perm, membership)
        if membership.status not in from_states:
            raise InvalidTransition(
                _("This membership is now “%(status)s”: someone may have decided before you.")
                % {"status": membership.get_status_display()}
            )
        membership.status = to
        fields = ["status", "decision_reason"]
        membership.decision_reason = reason
        if to == MembershipStatus.ACTIVE or to == MembershipStatus.REFUSED:
            membership.decided_by, membership.decided_at = actor, timezone_now()
            fields += ["decided_by", "decided_at"]
        if to in (MembershipStatus.WITHDRAWN, MembershipStatus.LEFT):
            membership.ended_at = timezone_now()
            fields.append("ended_at")
        membership.save(update_fields=fields)
        record_event(
            actor=actor,
            verb=f"networks.membership.{verb}",
            target=membership.network,
            data={"person_id": membership.person_id, "status": to, "reason": reason},
        )
        params = {
            "person": str(membership.person),
            "network": str(membership.network),
            "status": to,
        }
        url = _url(membership.network)
        if actor.pk != membership.person_id:
            notify(
                recipients=[membership.person],
                kind="networks.membership_decided",
                params=params,
                url=url,
            )
        notify(
            recipients=selectors.referents(membership.network, exclude=membership.person),
            kind="networks.member_joined",
            params=params,
            url=url,
        )
    forget_roles(membership.person)
    return membership


def consent_membership(*, actor: User, membership: NetworkMembership) -> NetworkMembership:
    """The mayor (or delegate) of the employer consents: the membership becomes active."""
    return _decide_membership(
        actor,
        membership,
        from_states=(MembershipStatus.AWAITING_MAYOR,),
        to=MembershipStatus.ACTIVE,
        verb="consent",
    )


def refuse_membership(
    *, actor: User, membership: NetworkMembership, reason: str
) -> NetworkMembership:
    if not reason.strip():
        raise DomainError(_("Give the reason for the refusal."), field="reason")
    return _decide_membership(
        actor,
        membership,
        from_states=(MembershipStatus.AWAITING_MAYOR,),
        to=MembershipStatus.REFUSED,
        verb="refuse",
        reason=reason,
    )


def withdraw_consent(
    *, actor: User, membership: NetworkMembership, reason: str
) -> NetworkMembership:
    """The mayor withdraws consent: the membership ends today and its history stays."""
    if not reason.strip():
        raise DomainError(_("Give the reason for the withdrawal."), field="reason")
    return _decide_membership(
        actor,
        membership,
        from_states=(MembershipStatus.ACTIVE,),
        to=MembershipStatus.WITHDRAWN,
        verb="withdraw",
        reason=reason,
    )


def leave_network(*, actor: User, membership: NetworkMembership) -> NetworkMembership:
    return _decide_membership(
        actor,
        membership,
        from_states=OPEN_MEMBERSHIP_STATES,
        to=MembershipStatus.LEFT,
        verb="leave",
        perm=Perm.NETWORK_MEMBERSHIP_LEAVE,
    )


def record_city_mandate(
    *,
    actor: User,
    network: Network,
    organisation: Organisation,
    scope: str,
    start: dt.date,
    end: dt.date | None = None,
    document: Any = None,
) -> CityMandate:
    """Record that a member city mandates a network, for a period, with the signed document.

    A mayor (or delegate) records mandates of their own city; the secretariat of any member city.
    """
    _require(actor, Perm.NETWORK_MANDATE_RECORD)
    from befus.networks.permissions import mayor_organisation_ids

    if Role.SECRETARIAT not in roles_for(actor) and organisation.pk not in mayor_organisation_ids(
        actor
    ):
        raise PermissionDenied
    if end is not None and end < start:
        raise DomainError(_("The end date cannot be before the start date."), field="end")
    if not Membership.objects.current(start).filter(organisation=organisation).exists():
        raise DomainError(
            _("%(name)s is not a member of the Forum on that date.") % {"name": organisation},
            field="organisation",
        )
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


def organisation_leaves(*, actor: User, organisation: Organisation, last_day: dt.date) -> int:
    """Apply an organisation's departure from the Forum to the networks; called by members.

    Its mandates still running after ``last_day`` end that day (a mandate from a non-member no
    longer carries the Forum's support), and its staff's open network memberships are flagged for
    the secretariat to review: the charter ties membership to the mayor, not to the Forum, so
    ending them is a decision for people, not for this function. Returns how many were flagged.
    """
    mandates = CityMandate.objects.filter(organisation=organisation).filter(
        Q(end__isnull=True) | Q(end__gt=last_day)
    )
    for mandate in mandates.filter(start__gt=last_day):
        mandate.delete()  # never began while the city was a member
    ended = mandates.update(end=last_day)
    flagged = NetworkMembership.objects.filter(
        organisation=organisation, status__in=OPEN_MEMBERSHIP_STATES, needs_review=False
    ).update(needs_review=True)
    if ended or flagged:
        record_event(
            actor=actor,
            verb="networks.organisation.leave",
            target=organisation,
            data={
                "mandates_ended": ended,
                "memberships_flagged": flagged,
                "last_day": last_day.isoformat(),
            },
        )
    return flagged


def resolve_flagged_membership(
    *, actor: User, membership: NetworkMembership, keep: bool
) -> NetworkMembership:
    """Decide on a membership flagged when the employer left the Forum: keep it, or end it."""
    _require(actor, Perm.NETWORK_REVIEW)
    with transaction.atomic():
        membership = NetworkMembership.objects.select_for_update().get(pk=membership.pk)
        if not membership.needs_review:
            raise InvalidTransition(_("This membership has already been reviewed."))
        membership.needs_review = False
        fields = ["needs_review"]
        if not keep and membership.status in OPEN_MEMBERSHIP_STATES:
            membership.status = MembershipStatus.LEFT
            membership.ended_at = timezone_now()
            membership.decision_reason = _("The employer left the Forum.")
            fields += ["status", "ended_at", "decision_reason"]
        membership.save(update_fields=fields)
        record_event(
            actor=actor,
            verb="networks.membership.review",
            target=membership.network,
            data={"person_id": membership.person_id, "kept": keep},
        )
    return membership


def file_report(
    *,
    actor: User,
    network: Network,
    period_start: dt.date,
    period_end: dt.date,
    summary: str,
    results: str = "",
    next_steps: str = "",
) -> ActivityReport:
    """A referent informs the secretariat of the network's work over a period (seed 000)."""
    _require(actor, Perm.NETWORK_REPORT, network)
    if period_end < period_start:
        raise DomainError(_("The end date cannot be before the start date."), field="period_end")
    if period_end > localdate():
        raise DomainError(_("A report covers a period that has ended."), field="period_end")
    if not summary.strip():
        raise DomainError(_("Say what the network did."), field="summary")
    with transaction.atomic():
        Network.objects.select_for_update().get(pk=network.pk)
        report = ActivityReport.objects.create(
            network=network,
            period_start=period_start,
            period_end=period_end,
            summary=summary,
            results=results,
            next_steps=next_steps,
            submitted_by=actor,
        )
        record_event(
            actor=actor,
            verb="networks.report.file",
            target=network,
            data={"period_start": period_start.isoformat(), "period_end": period_end.isoformat()},
        )
        notify(
            recipients=selectors.secretariat_people(),
            kind="networks.report_filed",
            params={"network": str(network)},
            url=_url(network),
        )
    return report


def send_report_reminders(*, today: dt.date | None = None) -> int:
    """Remind referents a week before a report is due, and every week once it is late.

    Run daily (``befus_daily``); the late reminder also goes to the secretariat. Returns the
    number of networks reminded.
    """
    today = today or localdate()
    reminded = 0
    for item in selectors.report_schedule():
        days = (today - item.due).days
        params = {"network": str(item.network), "due": item.due.isoformat()}
        url = _url(item.network)
        if days == -7:
            notify(
                recipients=selectors.referents(item.network),
                kind="networks.report_due",
                params=params,
                url=url,
            )
        elif days > 0 and days % 7 == 1:
            people = [*selectors.referents(item.network), *selectors.secretariat_people()]
            notify(recipients=people, kind="networks.report_overdue", params=params, url=url)
        else:
            continue
        reminded += 1
    return reminded


def record_meeting(
    *,
    actor: User,
    network: Network,
    date: dt.date,
    agenda: str,
    place: str = "",
    participants: str = "",
    minutes: str = "",
    decisions: str = "",
    attachment: Any = None,
    share: bool = False,
) -> Meeting:
    """Record a network meeting; only minutes the network shares reach the secretariat."""
    _require(actor, Perm.NETWORK_MEETING_RECORD, network)
    if not agenda.strip():
        raise DomainError(_("Give the agenda of the meeting."), field="agenda")
    with transaction.atomic():
        meeting = Meeting.objects.create(
            network=network,
            date=date,
            place=place,
            participants=participants,
            agenda=agenda,
            minutes=minutes,
            decisions=decisions,
            attachment=attachment or "",
            recorded_by=actor,
        )
        record_event(
            actor=actor,
            verb="networks.meeting.record",
            target=network,
            data={"meeting_id": meeting.pk, "date": date.isoformat()},
        )
        if share:
            _share(actor, meeting)
    return meeting


def _share(actor: User, meeting: Meeting) -> None:
    meeting.shared_with_secretariat = True
    meeting.shared_at = timezone_now()
    meeting.save(update_fields=["shared_with_secretariat", "shared_at"])
    record_event(
        actor=actor,
        verb="networks.meeting.share",
        target=meeting.network,
        data={"meeting_id": meeting.pk, "date": meeting.date.isoformat()},
    )
    notify(
        recipients=selectors.secretariat_people(),
        kind="networks.minutes_shared",
        params={"network": str(meeting.network), "date": meeting.date.isoformat()},
        url=reverse("networks:meeting-detail", kwargs={"pk": meeting.pk}),
    )


def share_minutes(*, actor: User, meeting: Meeting) -> Meeting:
    """Send a meeting's minutes to the secretariat (seed 000: when the network sees fit)."""
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().select_related("network").get(pk=meeting.pk)
        _require(actor, Perm.NETWORK_MEETING_RECORD, meeting.network)
        if meeting.shared_with_secretariat:
            raise InvalidTransition(_("These minutes are already shared with the secretariat."))
        _share(actor, meeting)
    return meeting


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
    document: Any = None,
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


def request_commission(
    *,
    actor: User,
    network: Network,
    title: str,
    description: str,
    due_date: dt.date | None = None,
) -> Commission:
    """The Forum calls upon a recognised network for a problem, a phenomenon or a reflection."""
    _require(actor, Perm.COMMISSION_REQUEST)
    if network.status != NetworkStatus.RECOGNISED:
        raise DomainError(_("Only a recognised network can be called upon."))
    with transaction.atomic():
        commission = Commission.objects.create(
            network=network,
            title=title,
            description=description,
            due_date=due_date,
            requested_by=actor,
        )
        record_event(
            actor=actor,
            verb="networks.commission.request",
            target=network,
            data={"commission_id": commission.pk, "title": title},
        )
        notify(
            recipients=selectors.referents(network),
            kind="networks.commission",
            params={"network": str(network), "title": title},
            url=reverse("networks:commission-detail", kwargs={"pk": commission.pk}),
        )
    return commission


def _move_commission(actor: User, commission: Commission, verb: str, **changes: Any) -> Commission:
    allowed_from, target = COMMISSION_TRANSITIONS[verb]
    with transaction.atomic():
        commission = (
            Commission.objects.select_for_update().select_related("network").get(pk=commission.pk)
        )
        _require(actor, Perm.COMMISSION_RESPOND, commission)
        if commission.status not in allowed_from:
            raise InvalidTransition(
                _("This call is now “%(status)s”: someone may have answered before you.")
                % {"status": commission.get_status_display()}
            )
        commission.status = target
        for name, value in changes.items():
            setattr(commission, name, value)
        commission.save(update_fields=["status", *changes])
        record_event(
            actor=actor,
            verb=f"networks.commission.{verb}",
            target=commission.network,
            data={"commission_id": commission.pk, "status": target},
        )
        notify(
            recipients=[*selectors.secretariat_people(), commission.requested_by],
            kind="networks.commission_answer",
            params={
                "network": str(commission.network),
                "title": commission.title,
                "status": target,
            },
            url=reverse("networks:commission-detail", kwargs={"pk": commission.pk}),
        )
    return commission


def accept_commission(*, actor: User, commission: Commission, response: str = "") -> Commission:
    return _move_commission(
        actor,
        commission,
        "accept",
        response=response,
        responded_by=actor,
        responded_at=timezone_now(),
    )


def decline_commission(*, actor: User, commission: Commission, response: str) -> Commission:
    if not response.strip():
        raise DomainError(_("Say why the network declines."), field="response")
    return _move_commission(
        actor,
        commission,
        "decline",
        response=response,
        responded_by=actor,
        responded_at=timezone_now(),
    )


def complete_commission(*, actor: User, commission: Commission, result: str) -> Commission:
    """Report the result of an accepted call; it then counts in the network's year."""
    if not result.strip():
        raise DomainError(_("Describe the result."), field="result")
    return _move_commission(
        actor, commission, "complete", result=result, completed_at=timezone_now()
    )
