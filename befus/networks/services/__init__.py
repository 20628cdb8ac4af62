"""Writes on professional networks: proposals, decisions, memberships with the mayor's consent,
city mandates. Each function checks the actor's rule, locks the row it changes, records an audit
event and notifies the people concerned after the commit.
"""

from befus.networks.services.commissions import (
    accept_commission,
    complete_commission,
    decline_commission,
    request_commission,
)
from befus.networks.services.mandates import (
    issue_representation_mandate,
    publish_statement,
    record_city_mandate,
)
from befus.networks.services.memberships import (
    consent_membership,
    leave_network,
    organisation_leaves,
    refuse_membership,
    request_membership,
    resolve_flagged_membership,
    withdraw_consent,
)
from befus.networks.services.proposals import (
    dissolve_network,
    forward_to_board,
    propose_network,
    recognise_network,
    reinstate_network,
    reject_network,
    request_changes,
    resubmit_network,
    start_review,
    suspend_network,
    update_proposal,
)
from befus.networks.services.reporting import (
    file_report,
    record_meeting,
    send_report_reminders,
    share_minutes,
)

__all__ = [
    "accept_commission",
    "complete_commission",
    "consent_membership",
    "decline_commission",
    "dissolve_network",
    "file_report",
    "forward_to_board",
    "issue_representation_mandate",
    "leave_network",
    "organisation_leaves",
    "propose_network",
    "publish_statement",
    "recognise_network",
    "record_city_mandate",
    "record_meeting",
    "refuse_membership",
    "reinstate_network",
    "reject_network",
    "request_changes",
    "request_commission",
    "request_membership",
    "resolve_flagged_membership",
    "resubmit_network",
    "send_report_reminders",
    "share_minutes",
    "start_review",
    "suspend_network",
    "update_proposal",
    "withdraw_consent",
]
