"""Reads of the requests that views, services and the daily job share."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils.timezone import localdate

from befus.accounts.models import User
from befus.accounts.types import Person
from befus.core.permissions import Perm
from befus.interpellations.choices import (
    OPEN_STATES,
    PUBLIC_ENTRIES,
    DraftState,
    EntryKind,
    RequesterKind,
    Status,
)
from befus.interpellations.models import (
    Assignment,
    Attachment,
    Entry,
    Interpellation,
    RoutingDelegate,
    sign_tracking_key,
)
from befus.members.choices import BodyKind, SeatRole
from befus.members.models import Seat
from befus.networks.choices import MembershipStatus, NetworkStatus
from befus.networks.models import Commission, Network, NetworkMembership


def routers() -> list[User]:
    """The Chairman and the Chairman's delegates today: whoever routes requests."""
    chair = Seat.objects.current().filter(body__kind=BodyKind.BOARD, role=SeatRole.CHAIR)
    delegates = RoutingDelegate.objects.current()
    return list(
        User.objects.filter(is_active=True)
        .filter(Q(pk__in=chair.values("person")) | Q(pk__in=delegates.values("person")))
        .select_related("profile")
        .order_by("pk")
    )


def network_of(person: User, interpellation: Interpellation) -> Network | None:
    """The network a person is passed a request for: one the request names, if they are in it."""
    memberships = NetworkMembership.objects.filter(person=person, status=MembershipStatus.ACTIVE)
    addressed = memberships.filter(network__in=interpellation.networks.all()).first()
    chosen = addressed or memberships.order_by("network__name").first()
    return chosen.network if chosen else None


def recognised_networks() -> QuerySet[Network]:
    return Network.objects.filter(status=NetworkStatus.RECOGNISED).order_by("name")


def assignable_memberships() -> QuerySet[NetworkMembership]:
    """The people the Chairman can pass a request on to: active members of recognised networks."""
    return (
        NetworkMembership.objects.filter(
            status=MembershipStatus.ACTIVE, network__status=NetworkStatus.RECOGNISED
        )
        .select_related("person", "network")
        .order_by("network__name", "person__last_name", "person__first_name")
    )


# --- the inbox ---------------------------------------------------------------------------------

INBOX_VIEWS = ("new", "waiting", "overdue", "answered", "finished", "all")
# Not a tab: where "N draft answers to validate" leads.
DRAFTS_VIEW = "drafts"


def inbox(
    view: str, *, query: str = "", network: Network | None = None
) -> QuerySet[Interpellation]:
    """The Chairman's requests in one of the inbox's views, oldest due first for open ones."""
    today = localdate()
    requests = Interpellation.objects.annotate(
        pending_drafts=Count(
            "entries",
            filter=Q(entries__kind=EntryKind.DRAFT, entries__draft_state=DraftState.PENDING),
        ),
        assignee_count=Count("assignments", distinct=True),
    ).prefetch_related("networks")
    if view == "new":
        requests = requests.filter(status=Status.RECEIVED)
    elif view == "waiting":
        requests = requests.filter(status__in=(Status.FORWARDED, Status.IN_PROGRESS))
    elif view == "overdue":
        requests = requests.filter(status__in=OPEN_STATES, due_date__lt=today)
    elif view == "answered":
        requests = requests.filter(status=Status.ANSWERED)
    elif view == "finished":
        requests = requests.filter(status__in=(Status.CLOSED, Status.DECLINED))
    elif view == DRAFTS_VIEW:
        requests = requests.filter(pending_drafts__gt=0)
    if query:
        requests = requests.filter(
            Q(reference__icontains=query)
            | Q(subject__icontains=query)
            | Q(requester_name__icontains=query)
            | Q(requester_organisation__icontains=query)
        )
    if network is not None:
        requests = requests.filter(Q(networks=network) | Q(assignments__network=network)).distinct()
    if view in ("new", "waiting", "overdue", DRAFTS_VIEW):
        return requests.order_by("due_date", "received_at", "id")
    return requests.order_by("-received_at", "-id")


def inbox_counts() -> dict[str, int]:
    today = localdate()
    counts = Interpellation.objects.aggregate(
        new=Count("pk", filter=Q(status=Status.RECEIVED)),
        waiting=Count("pk", filter=Q(status__in=(Status.FORWARDED, Status.IN_PROGRESS))),
        overdue=Count("pk", filter=Q(status__in=OPEN_STATES, due_date__lt=today)),
        answered=Count("pk", filter=Q(status=Status.ANSWERED)),
        finished=Count("pk", filter=Q(status__in=(Status.CLOSED, Status.DECLINED))),
        all=Count("pk"),
    )
    drafts = Entry.objects.filter(kind=EntryKind.DRAFT, draft_state=DraftState.PENDING).count()
    return {**counts, "drafts": drafts}


def open_passed_on_to(user: User) -> int:
    """How many open requests were passed on to ``user``, for their home."""
    return (
        Interpellation.objects.filter(assignments__person=user, status__in=OPEN_STATES)
        .distinct()
        .count()
    )


def open_commissions() -> QuerySet[Commission]:
    """The Forum's own calls on networks, shown beside the requests in the Chairman's inbox."""
    return (
        Commission.objects.filter(status__in=("requested", "accepted"))
        .select_related("network")
        .order_by("due_date", "requested_at")
    )


def requests_of(user: User) -> QuerySet[Interpellation]:
    """What a person asked, and what was passed on to them."""
    return (
        Interpellation.objects.filter(Q(requester=user) | Q(assignments__person=user))
        .annotate(
            assigned=Exists(Assignment.objects.filter(interpellation=OuterRef("pk"), person=user))
        )
        .distinct()
        .order_by("-received_at", "-id")
    )


# --- one request -------------------------------------------------------------------------------


def get_request_for_user(user: Person, reference: str) -> Interpellation:
    interpellation = (
        Interpellation.objects.select_related("requester").filter(reference=reference).first()
    )
    if interpellation is None or not user.has_perm(Perm.REQUEST_VIEW, interpellation):
        raise Http404
    return interpellation


@dataclass
class RequestPage:
    interpellation: Interpellation
    entries: list[Entry]
    assignments: list[Assignment]
    attachments: list[Attachment]
    networks: list[Network]
    pending_drafts: list[Entry]


def request_page(interpellation: Interpellation, *, public_only: bool) -> RequestPage:
    """Everything a request's page shows; ``public_only`` for the requester's side."""
    entries = interpellation.entries.select_related("author", "validated_by", "network")
    attachments = interpellation.attachments.all()
    if public_only:
        entries = entries.filter(kind__in=PUBLIC_ENTRIES)
        attachments = attachments.filter(public=True)
    entry_list = list(
        entries.prefetch_related(
            Prefetch("attachments", queryset=attachments.order_by("uploaded_at", "id"))
        )
    )
    return RequestPage(
        interpellation=interpellation,
        entries=entry_list,
        assignments=[]
        if public_only
        else list(interpellation.assignments.select_related("person", "network", "assigned_by")),
        attachments=[a for a in attachments if a.entry_id is None],
        networks=list(interpellation.networks.order_by("name")),
        pending_drafts=[
            e
            for e in entry_list
            if e.kind == EntryKind.DRAFT and e.draft_state == DraftState.PENDING
        ],
    )


def get_by_token(token: str) -> Interpellation | None:
    """The request of a private tracking link, or None: wrong, revoked or expired alike."""
    import hmac

    token = token or ""
    if not token.isascii():
        return None
    key, _dot, signature = token.partition(".")
    if not key or len(key) > 32 or not hmac.compare_digest(signature, sign_tracking_key(key)):
        return None
    return Interpellation.objects.filter(tracking_key=key, erased_at__isnull=True).first()


def get_attachment(pk: int) -> Attachment:
    attachment = Attachment.objects.select_related("interpellation").filter(pk=pk).first()
    if attachment is None:
        raise Http404
    return attachment


# --- statistics --------------------------------------------------------------------------------


@dataclass
class Statistics:
    total: int
    open: int
    overdue: int
    median_days_to_answer: float | None
    answered_in_time: int
    answered: int
    by_network: list[dict[str, int | str]]  # pk, name, slug, addressed, handled
    by_kind: list[tuple[str, int]]
    by_month: list[tuple[dt.date, int]]
    by_status: list[tuple[str, int]]


def statistics_since(first: dt.date) -> Statistics:
    """Figures of the requests received since ``first``; they survive the erasure of the data."""
    today = localdate()
    requests = Interpellation.objects.filter(received_at__date__gte=first)
    answer_times = [
        (answered - received).total_seconds() / 86400
        for received, answered in requests.filter(answered_at__isnull=False).values_list(
            "received_at", "answered_at"
        )
        if answered is not None
    ]
    in_time = requests.filter(
        answered_at__isnull=False, answered_at__date__lte=F("due_date")
    ).count()
    kinds = dict(RequesterKind.choices)
    statuses = dict(Status.choices)
    by_network = list(
        Network.objects.annotate(
            addressed=Count(
                "interpellations",
                filter=Q(interpellations__received_at__date__gte=first),
                distinct=True,
            ),
            handled=Count(
                "interpellation_assignments__interpellation",
                filter=Q(interpellation_assignments__interpellation__received_at__date__gte=first),
                distinct=True,
            ),
        )
        .filter(Q(addressed__gt=0) | Q(handled__gt=0))
        .order_by("-handled", "name")
        .values("pk", "name", "slug", "addressed", "handled")
    )
    return Statistics(
        total=requests.count(),
        open=requests.filter(status__in=OPEN_STATES).count(),
        overdue=requests.filter(status__in=OPEN_STATES, due_date__lt=today).count(),
        median_days_to_answer=round(statistics.median(answer_times), 1) if answer_times else None,
        answered_in_time=in_time,
        answered=len(answer_times),
        by_network=by_network,
        by_kind=[
            (str(kinds.get(row["requester_kind"], row["requester_kind"])), row["n"])
            for row in requests.values("requester_kind").annotate(n=Count("pk")).order_by("-n")
        ],
        by_month=[
            (row["month"].date() if hasattr(row["month"], "date") else row["month"], row["n"])
            for row in requests.annotate(month=TruncMonth("received_at"))
            .values("month")
            .annotate(n=Count("pk"))
            .order_by("month")
        ],
        by_status=[
            (str(statuses.get(row["status"], row["status"])), row["n"])
            for row in requests.values("status").annotate(n=Count("pk")).order_by("status")
        ],
    )


def handled_by_network(network: Network, year: int) -> list[Interpellation]:
    """The requests passed on to a network's people in ``year``, for the General Assembly."""
    return list(
        Interpellation.objects.filter(
            assignments__network=network, assignments__assigned_at__year=year
        )
        .distinct()
        .order_by("received_at")
    )
