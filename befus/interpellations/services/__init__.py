"""Every write of the requests, split by concern: intake, routing, assignees, delegation,
retention. Import from here: ``befus.interpellations.services.submit_request``."""

from befus.interpellations.services._common import (
    default_due_date,
)
from befus.interpellations.services.assignees import (
    add_note,
    may_answer_without_validation,
    propose_answer,
    return_draft,
    take_up,
    validate_draft,
)
from befus.interpellations.services.delegation import (
    end_delegate,
    name_delegate,
    set_validation_delegation,
)
from befus.interpellations.services.intake import (
    submit_request,
)
from befus.interpellations.services.retention import (
    ERASED_TEXT,
    close_answered,
    erase_expired,
    erase_personal_data,
    send_reminders,
)
from befus.interpellations.services.routing import (
    answer_request,
    close_request,
    decline_request,
    forward_request,
    renew_tracking_link,
    reopen_request,
    revoke_tracking_link,
    send_update,
)

__all__ = [
    "ERASED_TEXT",
    "add_note",
    "answer_request",
    "close_answered",
    "close_request",
    "decline_request",
    "default_due_date",
    "end_delegate",
    "erase_expired",
    "erase_personal_data",
    "forward_request",
    "may_answer_without_validation",
    "name_delegate",
    "propose_answer",
    "renew_tracking_link",
    "reopen_request",
    "return_draft",
    "revoke_tracking_link",
    "send_reminders",
    "send_update",
    "set_validation_delegation",
    "submit_request",
    "take_up",
    "validate_draft",
]
