"""The pages of the professional networks, split by concern; ``urls.py`` reads them from here."""

from befus.networks.views.directory import (
    network_detail,
    network_list,
)
from befus.networks.views.memberships import (
    CONSENT_ACTIONS,
    consent_action,
    consents,
    mandate_create,
    membership_leave,
    membership_review,
)
from befus.networks.views.proposals import (
    ACTIONS,
    network_action,
    network_edit,
    network_propose,
    review_queue,
)
from befus.networks.views.reporting import (
    general_assembly,
    general_assembly_network,
    meeting_attachment,
    meeting_create,
    meeting_detail,
    meeting_share,
    report_create,
    report_overview,
)
from befus.networks.views.representation import (
    commission_create,
    commission_detail,
    representation_create,
    representation_register,
    statement_create,
)

__all__ = [
    "ACTIONS",
    "CONSENT_ACTIONS",
    "commission_create",
    "commission_detail",
    "consent_action",
    "consents",
    "general_assembly",
    "general_assembly_network",
    "mandate_create",
    "meeting_attachment",
    "meeting_create",
    "meeting_detail",
    "meeting_share",
    "membership_leave",
    "membership_review",
    "network_action",
    "network_detail",
    "network_edit",
    "network_list",
    "network_propose",
    "report_create",
    "report_overview",
    "representation_create",
    "representation_register",
    "review_queue",
    "statement_create",
]
