"""Reads on professional networks shared by views, services and reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from django.db.models import Count, Exists, Max, Model, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.timezone import localdate

from befus.accounts.models import User
from befus.accounts.roles import Role, roles_for
from befus.accounts.types import Person
from befus.core.models import AuditEvent
from befus.core.permissions import Perm
from befus.members.choices import BodyKind, ContactRole
from befus.members.models import Contact, Organisation, Seat
from befus.members.selectors import member_organisations
from befus.networks.charter_text import CHARTER_V1
from befus.networks.choices import (
    OPEN_MEMBERSHIP_STATES,
    OPEN_PROPOSAL_STATES,
    PUBLIC_STATES,
    REFERENT_ROLES,
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
from befus.networks.permissions import mayor_organisation_ids
from befus.themes.models import Topic


def current_charter() -> Charter:
    """The charter in force: the latest version (the first one is shipped with the platform)."""
    charter = Charter.objects.order_by("-version").first()
    if charter is None:
        # A database emptied by hand (or by a test flush) gets the shipped text back.
        charter = Charter.objects.create(
            version=1,
            text=CHARTER_V1["nl"],
            text_nl=CHARTER_V1["nl"],
            text_fr=CHARTER_V1["fr"],
            text_en=CHARTER_V1["en"],
            published_on=dt.date(2026, 11, 23),
        )
    return charter


def _people(queryset: QuerySet[Model, Mapping[str, object]]) -> list[User]:
    return list(User.objects.filter(pk__in=queryset, is_active=True))


def secretariat_people() -> list[User]:
    return _people(Seat.objects.current().filter(body__kind=BodyKind.SECRETARIAT).values("person"))


def board_people() -> list[User]:
    return _people(Seat.objects.current().filter(body__kind=BodyKind.BOARD).values("person"))


def mayors_of(organisation: Organisation) -> list[User]:
    return _people(
        Contact.objects.current()
        .filter(organisation=organisation, role__in=[ContactRole.MAYOR, ContactRole.MAYOR_DELEGATE])
        .values("person")
    )


def referents(network: Network, *, exclude: User | None = None) -> list[User]:
    people = network.memberships.filter(role__in=REFERENT_ROLES, status=MembershipStatus.ACTIVE)
    if exclude is not None:
        people = people.exclude(person=exclude)
    return _people(people.values("person"))


def proposal_people(network: Network) -> list[User]:
    """Whom a decision on a network concerns: its proposer and its referents (open or active)."""
    people = network.memberships.filter(role__in=REFERENT_ROLES, status__in=OPEN_MEMBERSHIP_STATES)
    return _people(
        User.objects.filter(
            Q(pk=network.proposed_by_id) | Q(pk__in=people.values("person"))
        ).values("pk")
    )


def _valid_mandate(on: dt.date) -> Exists:
    return Exists(
        CityMandate.objects.filter(network=OuterRef("pk"), start__lte=on).filter(
            Q(end__isnull=True) | Q(end__gte=on)
        )
    )


def networks_for_directory(
    user: Person,
    *,
    scope: str = "",
    status: str = "",
    region: str = "",
    query: str = "",
    topic: int | None = None,
) -> QuerySet[Network]:
    """The networks ``user`` may see, with member counts and whether a city mandate is in force.

    A mandate stops counting the day after its end date: nothing has to run for that.
    """
    today = localdate()
    networks = Network.objects.all()
    if not (user.has_perm(Perm.NETWORK_REVIEW) or user.has_perm(Perm.NETWORK_DECIDE)):
        mine = NetworkMembership.objects.filter(person=user.pk) if user.is_authenticated else None
        visible = Q(status__in=PUBLIC_STATES)
        if mine is not None:
            visible |= Q(proposed_by=user.pk) | Q(pk__in=mine.values("network"))
        networks = networks.filter(visible)
    if scope:
        networks = networks.filter(scope=scope)
    if status:
        networks = networks.filter(status=status)
    if region:
        networks = networks.filter(region=region)
    if topic:
        # A theme finds the networks of its whole subtree (a pillar, all its phenomena...).
        node = Topic.objects.filter(pk=topic).first()
        if node is not None:
            networks = networks.filter(
                pk__in=Network.topics.through.objects.filter(
                    topic__path__startswith=node.path
                ).values("network")
            )
    if query:
        networks = networks.filter(
            Q(name_nl__icontains=query)
            | Q(name_fr__icontains=query)
            | Q(name_en__icontains=query)
            | Q(themes__icontains=query)
            | Q(purpose_nl__icontains=query)
            | Q(purpose_fr__icontains=query)
            | Q(purpose_en__icontains=query)
        )
    return networks.annotate(
        active_members=Count("memberships", filter=Q(memberships__status=MembershipStatus.ACTIVE)),
        has_mandate=_valid_mandate(today),
    ).order_by("name")


def get_network_for_user(user: Person, slug: str) -> Network:
    """The network, or 404 both when it does not exist and when ``user`` may not see it."""
    network = (
        Network.objects.annotate(has_mandate=_valid_mandate(localdate()))
        .select_related("charter", "proposed_by")
        .filter(slug=slug)
        .first()
    )
    if network is None or not user.has_perm(Perm.NETWORK_VIEW, network):
        raise Http404
    return network


@dataclass
class NetworkPage:
    network: Network
    referents: list[NetworkMembership]
    members: list[NetworkMembership]
    hidden_members: int
    mandates: list[CityMandate]
    history: list[AuditEvent]
    my_membership: NetworkMembership | None


def network_page(network: Network, user: Person) -> NetworkPage:
    """Everything the network's page shows, in a fixed number of queries."""
    today = localdate()
    memberships = list(
        network.memberships.filter(
            Q(status=MembershipStatus.ACTIVE)
            | Q(status=MembershipStatus.AWAITING_MAYOR, role__in=REFERENT_ROLES)
        )
        .select_related("person__profile", "organisation")
        .order_by("person__last_name", "person__first_name")
    )
    # Referents are shown while their mayor's consent is pending, marked as such.
    referents_ = [m for m in memberships if m.role in REFERENT_ROLES]
    visible = [
        m
        for m in memberships
        if m.role not in REFERENT_ROLES
        and getattr(getattr(m.person, "profile", None), "in_directory", False)
    ]
    hidden = len(memberships) - len(referents_) - len(visible)
    mandates = list(
        CityMandate.objects.current(today).filter(network=network).select_related("organisation")
    )
    history = list(
        AuditEvent.objects.filter(
            target_type__app_label="networks",
            target_type__model="network",
            target_id=str(network.pk),
        ).order_by("-created_at", "-id")[:50]
    )
    mine = None
    if user.is_authenticated:
        mine = network.memberships.filter(person=user, status__in=OPEN_MEMBERSHIP_STATES).first()
    return NetworkPage(network, referents_, visible, hidden, mandates, history, mine)


def review_queue(user: Person) -> QuerySet[Network]:
    """Proposals waiting for the secretariat, or (for board members) forwarded to the Board."""
    networks = Network.objects.filter(status__in=OPEN_PROPOSAL_STATES).select_related("proposed_by")
    if not user.has_perm(Perm.NETWORK_REVIEW):
        networks = networks.filter(
            forwarded_to_board_at__isnull=False, status=NetworkStatus.UNDER_REVIEW
        )
    return networks.order_by("proposed_at")


def memberships_to_review() -> QuerySet[NetworkMembership]:
    """Memberships flagged because the employer left the Forum."""
    return (
        NetworkMembership.objects.filter(needs_review=True)
        .select_related("network", "person", "organisation")
        .order_by("organisation__name", "person__last_name")
    )


def memberships_for_mayor(user: Person) -> dict[str, list[NetworkMembership]]:
    """The network memberships of the staff of the cities ``user`` is mayor (or delegate) of."""
    memberships = (
        NetworkMembership.objects.filter(
            organisation_id__in=mayor_organisation_ids(user),
            status__in=[MembershipStatus.AWAITING_MAYOR, MembershipStatus.ACTIVE],
        )
        .select_related("network", "person", "organisation")
        .order_by("requested_at")
    )
    result: dict[str, list[NetworkMembership]] = {"awaiting": [], "active": []}
    for membership in memberships:
        key = "awaiting" if membership.status == MembershipStatus.AWAITING_MAYOR else "active"
        result[key].append(membership)
    return result


def mandate_organisations(user: Person) -> QuerySet[Organisation]:
    """The member cities for which ``user`` may record a mandate."""
    cities = member_organisations()
    if Role.SECRETARIAT not in roles_for(user):
        cities = cities.filter(pk__in=mayor_organisation_ids(user))
    return cities


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, kept inside the target month (31 Jan + 1 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last = [
        31,
        29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][month - 1]
    return dt.date(year, month, min(day.day, last))


@dataclass
class ReportDue:
    network: Network
    last_period_end: dt.date | None
    due: dt.date

    @property
    def days_late(self) -> int:
        return max(0, (localdate() - self.due).days)


def report_schedule() -> list[ReportDue]:
    """When each recognised network's next report is due, latest first.

    The next report is due one reporting period after the end of the last period reported, or
    after the recognition decision when nothing was reported yet.
    """
    networks = (
        Network.objects.filter(status=NetworkStatus.RECOGNISED)
        .annotate(last_end=Max("reports__period_end"))
        .order_by("name")
    )
    schedule = []
    for network in networks:
        start = network.last_end or network.decision_date or network.proposed_at.date()
        schedule.append(
            ReportDue(network, network.last_end, add_months(start, network.report_period_months))
        )
    return sorted(schedule, key=lambda item: item.due)


def reports_of(network: Network) -> QuerySet[ActivityReport]:
    return network.reports.select_related("submitted_by").order_by("-period_end")


def meetings_for(network: Network, user: Person) -> list[Meeting]:
    """The meetings ``user`` may see: all of them for members, shared ones for the secretariat."""
    meetings = network.meetings.order_by("-date")
    if user.has_perm(Perm.NETWORK_MEETING_RECORD, network) or (
        user.is_authenticated
        and network.memberships.filter(person=user, status=MembershipStatus.ACTIVE).exists()
    ):
        return list(meetings)
    if user.has_perm(Perm.NETWORK_REVIEW):
        return list(meetings.filter(shared_with_secretariat=True))
    return []


def upcoming_meetings(network: Network) -> list[Meeting]:
    """The network's next meetings (date and place only), for the members' directory."""
    return list(network.meetings.filter(date__gte=localdate()).order_by("date")[:5])


def get_meeting_for_user(user: Person, pk: int) -> Meeting:
    meeting = Meeting.objects.select_related("network", "recorded_by").filter(pk=pk).first()
    if meeting is None or not user.has_perm(Perm.NETWORK_MEETING_VIEW, meeting):
        raise Http404
    return meeting


def _in_year(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def general_assembly_agenda(year: int) -> QuerySet[Network]:
    """The networks whose year the General Assembly hears: recognised at some point that year."""
    first, last = _in_year(year)
    return (
        Network.objects.filter(status__in=PUBLIC_STATES, decision_date__lte=last)
        .annotate(
            report_count=Count(
                "reports", filter=Q(reports__period_end__range=(first, last)), distinct=True
            ),
            shared_minutes=Count(
                "meetings",
                filter=Q(
                    meetings__date__range=(first, last), meetings__shared_with_secretariat=True
                ),
                distinct=True,
            ),
            active_members=Count(
                "memberships", filter=Q(memberships__status=MembershipStatus.ACTIVE), distinct=True
            ),
        )
        .order_by("name")
    )


@dataclass
class NetworkYear:
    network: Network
    year: int
    reports: list[ActivityReport]
    meetings: list[Meeting]
    referents: list[NetworkMembership]
    member_count: int
    mandates: list[CityMandate]
    commissions: list[Commission]
    # The requests the Chairman passed on to the network's people that year (interpellations).
    requests: Sequence[Model]


def network_year(network: Network, year: int) -> NetworkYear:
    """One network's results for a year, for the General Assembly: reports, shared minutes,
    referents and members, and the city mandates in force at some point that year."""
    first, last = _in_year(year)
    members = list(
        network.memberships.filter(status=MembershipStatus.ACTIVE)
        .select_related("person", "organisation")
        .order_by("person__last_name")
    )
    return NetworkYear(
        network=network,
        year=year,
        reports=list(
            network.reports.filter(period_end__range=(first, last))
            .select_related("submitted_by")
            .order_by("period_start")
        ),
        meetings=list(
            network.meetings.filter(
                date__range=(first, last), shared_with_secretariat=True
            ).order_by("date")
        ),
        referents=[m for m in members if m.role in REFERENT_ROLES],
        member_count=len(members),
        mandates=list(
            network.mandates.filter(start__lte=last)
            .filter(Q(end__isnull=True) | Q(end__gte=first))
            .select_related("organisation")
            .order_by("organisation__name")
        ),
        commissions=list(
            network.commissions.filter(requested_at__year=year).order_by("requested_at")
        ),
        requests=_requests_handled(network, year),
    )


# What a network did in a year that other apps record (the requests passed on to it): each
# registers a reader under the name of the document's section (``befus.interpellations.apps``).
YEAR_READERS: dict[str, Callable[[Network, int], Sequence[Model]]] = {}


def register_year_reader(section: str, reader: Callable[[Network, int], Sequence[Model]]) -> None:
    YEAR_READERS[section] = reader


def _requests_handled(network: Network, year: int) -> Sequence[Model]:
    reader = YEAR_READERS.get("requests")
    return reader(network, year) if reader is not None else []


def representation_register(*, current_only: bool = False) -> QuerySet[RepresentationMandate]:
    """The register of prior written mandates, newest first."""
    mandates = RepresentationMandate.objects.select_related("network", "person", "issued_by")
    if current_only:
        today = localdate()
        mandates = mandates.filter(valid_from__lte=today, valid_until__gte=today)
    return mandates.order_by("-valid_from", "-id")


def usable_mandates(network: Network, user: Person) -> QuerySet[RepresentationMandate]:
    """The Forum's mandates under which ``user`` may publish for ``network`` today."""
    today = localdate()
    return network.representation_mandates.filter(
        direction="forum_to_network", valid_from__lte=today, valid_until__gte=today
    ).filter(Q(person__isnull=True) | Q(person=user.pk))


def statements_of(network: Network) -> QuerySet[Statement]:
    return network.statements.select_related("mandate", "author").order_by("-published_at")


def commissions_of(network: Network) -> QuerySet[Commission]:
    return network.commissions.select_related("requested_by").order_by("-requested_at")


def get_commission_for_user(user: Person, pk: int) -> Commission:
    commission = Commission.objects.select_related("network", "requested_by").filter(pk=pk).first()
    if commission is None or not user.has_perm(Perm.COMMISSION_VIEW, commission):
        raise Http404
    return commission
