"""Writes on the register of members, the governance bodies and the affiliations of people.

Every function checks the actor's permission, locks what two people could change at once, writes
an audit event and returns the changed object. Split by concern: ``register`` (organisations,
memberships, contacts, seats, the list of municipalities) and ``affiliations`` (who works where).
"""

from befus.members.services.affiliations import (
    confirm_affiliation,
    notify_affiliation_claim,
    refuse_affiliation,
)
from befus.members.services.register import (
    GERMAN_SPEAKING,
    ORGANISATION_FIELDS,
    add_seat,
    appoint_contact,
    create_organisation,
    end_contact,
    end_membership,
    end_seat,
    load_municipalities,
    register_leaving_listener,
    start_membership,
    update_organisation,
)

__all__ = [
    "GERMAN_SPEAKING",
    "ORGANISATION_FIELDS",
    "add_seat",
    "appoint_contact",
    "confirm_affiliation",
    "create_organisation",
    "end_contact",
    "end_membership",
    "end_seat",
    "load_municipalities",
    "notify_affiliation_claim",
    "refuse_affiliation",
    "register_leaving_listener",
    "start_membership",
    "update_organisation",
]
