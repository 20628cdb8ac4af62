from django.db import models
from django.utils.translation import pgettext_lazy


class Status(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("request status", "Received")
    FORWARDED = "forwarded", pgettext_lazy("request status", "Forwarded")
    IN_PROGRESS = "in_progress", pgettext_lazy("request status", "In progress")
    ANSWERED = "answered", pgettext_lazy("request status", "Answered")
    CLOSED = "closed", pgettext_lazy("request status", "Closed")
    DECLINED = "declined", pgettext_lazy("request status", "Declined")


OPEN_STATES = (Status.RECEIVED, Status.FORWARDED, Status.IN_PROGRESS)
FINISHED_STATES = (Status.ANSWERED, Status.CLOSED, Status.DECLINED)

# verb: (states it may start from, state it leads to); None keeps the state.
# A step's target is None where the state it reaches depends on the request (the service moves
# it): passing on a received request makes it "forwarded", passing on one in progress keeps it.
TRANSITIONS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "forward": ((Status.RECEIVED, Status.FORWARDED, Status.IN_PROGRESS), None),
    "take_up": ((Status.FORWARDED,), Status.IN_PROGRESS),
    "propose": (OPEN_STATES, None),
    "answer": (OPEN_STATES, Status.ANSWERED),
    "decline": (OPEN_STATES, Status.DECLINED),
    "close": ((Status.ANSWERED,), Status.CLOSED),
    "reopen": ((Status.ANSWERED, Status.CLOSED, Status.DECLINED), None),
    "update": (OPEN_STATES, None),
}


class RequesterKind(models.TextChoices):
    MEMBER = "member", pgettext_lazy("requester", "Member of the Forum")
    AUTHORITY = "authority", pgettext_lazy("requester", "Ministry or public authority")
    PRESS = "press", pgettext_lazy("requester", "Journalist")
    RESEARCH = "research", pgettext_lazy("requester", "Researcher")
    FORUM = "forum", pgettext_lazy("requester", "Another forum (Efus)")
    CITIZEN = "citizen", pgettext_lazy("requester", "Citizen")
    OTHER = "other", pgettext_lazy("requester", "Other")


class EntryKind(models.TextChoices):
    NOTE = "note", pgettext_lazy("request entry", "Internal note")
    DRAFT = "draft", pgettext_lazy("request entry", "Draft answer")
    UPDATE = "update", pgettext_lazy("request entry", "Message to the requester")
    ANSWER = "answer", pgettext_lazy("request entry", "Answer")
    DECLINE = "decline", pgettext_lazy("request entry", "Declined")
    FORWARD = "forward", pgettext_lazy("request entry", "Forwarded")
    STATUS = "status", pgettext_lazy("request entry", "Status")


# What the requester sees on the tracking page and receives by e-mail.
PUBLIC_ENTRIES = (EntryKind.UPDATE, EntryKind.ANSWER, EntryKind.DECLINE)


class DraftState(models.TextChoices):
    PENDING = "pending", pgettext_lazy("draft", "Awaiting validation")
    VALIDATED = "validated", pgettext_lazy("draft", "Validated and sent")
    RETURNED = "returned", pgettext_lazy("draft", "Returned to its author")
