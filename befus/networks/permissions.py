"""Rules of the networks app.

========================== ======= ============ ======== ========== ======== ===== ==========
perm                       visitor professional referent mayor      secretar. board chairman
========================== ======= ============ ======== ========== ======== ===== ==========
network:view (recognised)  yes     yes          yes      yes        yes      yes   yes
network:view (proposal)    -       proposer     own      own staff  yes      yes   yes
network:propose            -       yes          yes      -          -        -     -
network:edit-proposal      -       proposer     own      -          -        -     -
network:review             -       -            -        -          yes      -     -
network:decide             -       -            -        -          yes      yes   yes
network:join               -       yes          yes      -          -        -     -
membership:consent         -       -            -        own city   -        -     -
membership:leave           -       own          own      -          -        -     -
mandate:record             -       -            -        own city   yes      -     -
consents:view              -       -            -        yes        -        -     -
report:file (recognised)   -       -            active   -          -        -     -
report:view                -       member       yes      -          yes      yes   yes
meeting:record             -       -            active   -          -        -     -
meeting:view               -       member       member   -          shared   -     -
general-assembly:compile   -       -            -        -          yes      yes   yes
representation:issue       -       -            -        -          yes      yes   yes
representation:view        -       yes          yes      yes        yes      yes   yes
statement:publish          -       -            active   -          -        -     -
commission:request         -       -            -        -          yes      yes   yes
commission:respond         -       -            active   -          -        -     -
commission:view            -       member       member   -          yes      yes   yes
========================== ======= ============ ======== ========== ======== ===== ==========

"own city" is the municipality of which the person is the current mayor or the mayor's delegate.
Also update the matrix in ``befus.core.permissions`` when a rule changes.
"""

from __future__ import annotations

import rules

from befus.accounts.permissions import (
    has_any_forum_role,
    is_board_member,
    is_mayor_or_delegate,
    is_member_professional,
    is_secretariat,
)
from befus.accounts.types import Person
from befus.core.permissions import Perm
from befus.members.choices import ContactRole
from befus.members.models import Contact
from befus.networks.choices import (
    OPEN_MEMBERSHIP_STATES,
    PUBLIC_STATES,
    REFERENT_ROLES,
    MembershipStatus,
    NetworkStatus,
)
from befus.networks.models import Commission, Meeting, Network, NetworkMembership


def mayor_organisation_ids(user: Person) -> frozenset[int]:
    """The organisations whose current mayor or mayor's delegate ``user`` is (cached)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached: frozenset[int] | None = user.__dict__.get("_befus_mayor_of")
    if cached is None:
        cached = frozenset(
            Contact.objects.current()
            .filter(person=user, role__in=[ContactRole.MAYOR, ContactRole.MAYOR_DELEGATE])
            .values_list("organisation_id", flat=True)
        )
        user.__dict__["_befus_mayor_of"] = cached
    return cached


@rules.predicate
def is_public_network(user: Person, network: Network | None) -> bool:
    return network is None or network.status in PUBLIC_STATES


@rules.predicate
def is_network_proposer(user: Person, network: Network | None) -> bool:
    return network is not None and network.proposed_by_id == getattr(user, "pk", None)


def places_in(user: Person, network: Network | None) -> frozenset[tuple[str, str]]:
    """The (role, status) pairs of ``user``'s memberships of ``network``: one query per network,
    kept on the user object for the request (a page asks several rules about one network)."""
    if network is None or not getattr(user, "is_authenticated", False):
        return frozenset()
    places: dict[int, frozenset[tuple[str, str]]] = user.__dict__.setdefault("_befus_places", {})
    if network.pk not in places:
        places[network.pk] = frozenset(
            network.memberships.filter(person_id=user.pk).values_list("role", "status")
        )
    return places[network.pk]


@rules.predicate
def is_network_referent(user: Person, network: Network | None) -> bool:
    return any(
        role in REFERENT_ROLES and status in OPEN_MEMBERSHIP_STATES
        for role, status in places_in(user, network)
    )


@rules.predicate
def is_active_referent(user: Person, network: Network | None) -> bool:
    return any(
        role in REFERENT_ROLES and status == MembershipStatus.ACTIVE
        for role, status in places_in(user, network)
    )


@rules.predicate
def is_active_member(user: Person, network: Network | None) -> bool:
    return any(status == MembershipStatus.ACTIVE for _role, status in places_in(user, network))


@rules.predicate
def is_member_of_meeting_network(user: Person, meeting: Meeting | None) -> bool:
    return meeting is not None and bool(is_active_member(user, meeting.network))


@rules.predicate
def is_shared_meeting(user: Person, meeting: Meeting | None) -> bool:
    return meeting is not None and meeting.shared_with_secretariat


@rules.predicate
def is_referent_of_commission_network(user: Person, commission: Commission | None) -> bool:
    return commission is not None and bool(is_active_referent(user, commission.network))


@rules.predicate
def is_member_of_commission_network(user: Person, commission: Commission | None) -> bool:
    return commission is not None and bool(is_active_member(user, commission.network))


@rules.predicate
def is_mayor_of_a_member(user: Person, network: Network | None) -> bool:
    """The mayor (or delegate) of a city whose staff is in, or asks to join, the network."""
    cities = mayor_organisation_ids(user)
    if network is None or not cities:
        return False
    return network.memberships.filter(
        organisation_id__in=cities, status__in=OPEN_MEMBERSHIP_STATES
    ).exists()


@rules.predicate
def is_recognised(user: Person, network: Network | None) -> bool:
    return network is None or network.status == NetworkStatus.RECOGNISED


@rules.predicate
def is_mayor_of_membership_city(user: Person, membership: NetworkMembership | None) -> bool:
    return membership is not None and membership.organisation_id in mayor_organisation_ids(user)


@rules.predicate
def is_own_membership(user: Person, membership: NetworkMembership | None) -> bool:
    return membership is not None and membership.person_id == getattr(user, "pk", None)


rules.add_perm(
    Perm.NETWORK_VIEW,
    is_public_network
    | is_secretariat
    | is_board_member
    | is_network_proposer
    | is_network_referent
    | is_mayor_of_a_member,
)
rules.add_perm(Perm.NETWORK_PROPOSE, is_member_professional)
# The rules name who may act; the states an action needs are checked by the services, so that
# the second of two people acting at once is told the new state rather than refused access.
rules.add_perm(Perm.NETWORK_EDIT_PROPOSAL, is_network_proposer | is_network_referent)
rules.add_perm(Perm.NETWORK_REVIEW, is_secretariat)
rules.add_perm(Perm.NETWORK_DECIDE, is_secretariat | is_board_member)
rules.add_perm(Perm.NETWORK_JOIN, is_member_professional & is_recognised)
rules.add_perm(Perm.NETWORK_MEMBERSHIP_CONSENT, is_mayor_of_membership_city)
rules.add_perm(Perm.NETWORK_MEMBERSHIP_LEAVE, is_own_membership)
rules.add_perm(Perm.NETWORK_MANDATE_RECORD, is_secretariat | is_mayor_or_delegate)
rules.add_perm(Perm.NETWORK_CONSENTS_VIEW, is_mayor_or_delegate)
rules.add_perm(Perm.NETWORK_REPORT, is_recognised & is_active_referent)
rules.add_perm(Perm.NETWORK_MEETING_RECORD, is_recognised & is_active_referent)
rules.add_perm(
    Perm.NETWORK_MEETING_VIEW, is_member_of_meeting_network | (is_secretariat & is_shared_meeting)
)
rules.add_perm(Perm.GENERAL_ASSEMBLY_COMPILE, is_secretariat | is_board_member)
# The Forum's mandates are given by the Board or the Chairman (the secretariat records them).
rules.add_perm(Perm.REPRESENTATION_ISSUE, is_secretariat | is_board_member)
rules.add_perm(Perm.REPRESENTATION_REGISTER_VIEW, has_any_forum_role)
rules.add_perm(Perm.STATEMENT_PUBLISH, is_recognised & is_active_referent)
rules.add_perm(Perm.COMMISSION_REQUEST, is_secretariat | is_board_member)
rules.add_perm(Perm.COMMISSION_RESPOND, is_referent_of_commission_network)
rules.add_perm(
    Perm.COMMISSION_VIEW, is_secretariat | is_board_member | is_member_of_commission_network
)
rules.add_perm(Perm.NETWORK_REPORTS_VIEW, is_secretariat | is_board_member | is_active_member)
