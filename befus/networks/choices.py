"""States and roles of professional networks (seed 000), and the legal moves between states."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class NetworkStatus(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("network status", "Proposed")
    UNDER_REVIEW = "under_review", pgettext_lazy("network status", "Under review")
    CHANGES_REQUESTED = "changes_requested", pgettext_lazy("network status", "Changes requested")
    RECOGNISED = "recognised", pgettext_lazy("network status", "Recognised")
    REJECTED = "rejected", pgettext_lazy("network status", "Rejected")
    SUSPENDED = "suspended", pgettext_lazy("network status", "Suspended")
    DISSOLVED = "dissolved", pgettext_lazy("network status", "Dissolved")


# The states a visitor may see a network in; the others are proposals, seen by those concerned.
PUBLIC_STATES = (NetworkStatus.RECOGNISED, NetworkStatus.SUSPENDED, NetworkStatus.DISSOLVED)
OPEN_PROPOSAL_STATES = (
    NetworkStatus.PROPOSED,
    NetworkStatus.UNDER_REVIEW,
    NetworkStatus.CHANGES_REQUESTED,
)

# verb -> (states it may start from, state it leads to)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "resubmit": ((NetworkStatus.CHANGES_REQUESTED,), NetworkStatus.PROPOSED),
    "start_review": ((NetworkStatus.PROPOSED,), NetworkStatus.UNDER_REVIEW),
    "request_changes": (
        (NetworkStatus.PROPOSED, NetworkStatus.UNDER_REVIEW),
        NetworkStatus.CHANGES_REQUESTED,
    ),
    "forward_to_board": ((NetworkStatus.UNDER_REVIEW,), NetworkStatus.UNDER_REVIEW),
    "recognise": ((NetworkStatus.UNDER_REVIEW,), NetworkStatus.RECOGNISED),
    "reject": ((NetworkStatus.PROPOSED, NetworkStatus.UNDER_REVIEW), NetworkStatus.REJECTED),
    "suspend": ((NetworkStatus.RECOGNISED,), NetworkStatus.SUSPENDED),
    "reinstate": ((NetworkStatus.SUSPENDED,), NetworkStatus.RECOGNISED),
    "dissolve": ((NetworkStatus.RECOGNISED, NetworkStatus.SUSPENDED), NetworkStatus.DISSOLVED),
}


class Scope(models.TextChoices):
    LOCAL = "local", _("Local")
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("National")


class DecisionBody(models.TextChoices):
    BOARD = "board", _("Board of Directors")
    SECRETARIAT = "secretariat", _("Secretariat")


class MemberRole(models.TextChoices):
    MEMBER = "member", pgettext_lazy("network role", "Member")
    LOCAL_REFERENT = "local_referent", pgettext_lazy("network role", "Local referent")
    REGIONAL_REFERENT = "regional_referent", pgettext_lazy("network role", "Regional referent")
    NATIONAL_REFERENT = "national_referent", pgettext_lazy("network role", "National referent")
    COORDINATOR = "coordinator", pgettext_lazy("network role", "Coordinator")


REFERENT_ROLES = (
    MemberRole.LOCAL_REFERENT,
    MemberRole.REGIONAL_REFERENT,
    MemberRole.NATIONAL_REFERENT,
)


class MembershipStatus(models.TextChoices):
    AWAITING_MAYOR = "awaiting_mayor", pgettext_lazy("membership status", "Awaiting the mayor")
    ACTIVE = "active", pgettext_lazy("membership status", "Active")
    REFUSED = "refused", pgettext_lazy("membership status", "Refused by the mayor")
    WITHDRAWN = "withdrawn", pgettext_lazy("membership status", "Consent withdrawn")
    LEFT = "left", pgettext_lazy("membership status", "Left")


OPEN_MEMBERSHIP_STATES = (MembershipStatus.AWAITING_MAYOR, MembershipStatus.ACTIVE)

MEMBERSHIP_TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "consent": ((MembershipStatus.AWAITING_MAYOR,), MembershipStatus.ACTIVE),
    "refuse": ((MembershipStatus.AWAITING_MAYOR,), MembershipStatus.REFUSED),
    "withdraw": ((MembershipStatus.ACTIVE,), MembershipStatus.WITHDRAWN),
    "leave": (OPEN_MEMBERSHIP_STATES, MembershipStatus.LEFT),
}


class MandateDirection(models.TextChoices):
    FORUM_TO_NETWORK = "forum_to_network", _("The Forum mandates the network")
    NETWORK_TO_FORUM = "network_to_forum", _("The network mandates the Forum")


class CommissionStatus(models.TextChoices):
    REQUESTED = "requested", pgettext_lazy("commission status", "Requested")
    ACCEPTED = "accepted", pgettext_lazy("commission status", "Accepted")
    DECLINED = "declined", pgettext_lazy("commission status", "Declined")
    COMPLETED = "completed", pgettext_lazy("commission status", "Completed")


COMMISSION_TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "accept": ((CommissionStatus.REQUESTED,), CommissionStatus.ACCEPTED),
    "decline": ((CommissionStatus.REQUESTED,), CommissionStatus.DECLINED),
    "complete": ((CommissionStatus.ACCEPTED,), CommissionStatus.COMPLETED),
}
