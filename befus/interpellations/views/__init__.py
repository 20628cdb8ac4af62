"""The pages of the requests to the networks, split by concern; ``urls.py`` reads them here."""

from befus.interpellations.views.detail import (
    STEP_RULES,
    STEPS,
    request_detail,
)
from befus.interpellations.views.inbox import (
    inbox,
    my_requests,
)
from befus.interpellations.views.intake import (
    SENT_SESSION_KEY,
    request_new,
    request_sent,
)
from befus.interpellations.views.records import (
    attachment,
    delegation,
    request_erase,
    statistics,
)
from befus.interpellations.views.tracking import (
    track,
    track_attachment,
)

__all__ = [
    "SENT_SESSION_KEY",
    "STEPS",
    "STEP_RULES",
    "attachment",
    "delegation",
    "inbox",
    "my_requests",
    "request_detail",
    "request_erase",
    "request_new",
    "request_sent",
    "statistics",
    "track",
    "track_attachment",
]
