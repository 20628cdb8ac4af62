"""Domain errors raised by services; views turn them into messages in the user's language."""

from __future__ import annotations


class DomainError(Exception):
    """A request that the rules of the Forum do not allow; the message is shown to the user."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class InvalidTransition(DomainError):
    """A workflow step that the object's current state does not allow."""


class Conflict(DomainError):
    """The change collides with data that already exists (an overlapping period, a duplicate)."""
