"""One way to move a stateful object: declare its workflow once, move it with ``transition``.

A workflow names the steps of a model (``"publish"``), the states each step leaves from and the
state it reaches (its ``choices.py`` holds that graph), and the permission rule each step needs
on the object. :meth:`Workflow.transition` does what every step does, in this order: lock the row,
check the rule and the state, move, stamp what the model records of the move, save, and write the
audit event; the calling service then notifies, inside the same transaction, so that the
notifications exist only if the move commits. :func:`available_actions` tells views and templates
which steps a person may take on an object now, so that no template re-encodes the rules.

Two people acting at once: the second finds the row already moved and gets the workflow's
"someone may have acted before you" refusal instead of a double decision.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models, transaction

from befus.core.audit import record_event
from befus.core.errors import InvalidTransition
from befus.core.permissions import require_perm

M = TypeVar("M", bound=models.Model)

# step → (the states it leaves from, the state it reaches; None when the step keeps the state)
Steps = Mapping[str, tuple[Iterable[str], str | None]]


@dataclass(frozen=True)
class Workflow(Generic[M]):
    """The states and steps of one model, and what moving it records."""

    model: type[M]
    steps: Steps
    rules: Mapping[str, str]  # step → permission rule checked on the object
    verb_prefix: str  # audit verbs are "<prefix>.<step>"
    moved: Any  # the refusal when the state changed under the person: "… now “%(status)s” …"
    # step → a rule that holds even for a superuser, who passes every permission (four eyes)
    guards: Mapping[str, Callable[[Any, M], bool]] = field(default_factory=dict)
    state: str = "status"  # the field that holds the state
    related: tuple[str, ...] = ()  # rows read with the locked one
    # What the model records of a move besides its state (dates, who): the names it set.
    stamp: Callable[[M, str, str | None], Iterable[str]] | None = None
    # What the audit event is about, and what it says besides the new state.
    audit_target: Callable[[M], models.Model] | None = None
    audit_data: Callable[[M], dict[str, Any]] | None = None
    record_state: bool = True  # the audit event says the state reached
    # A refusal whatever the state (a request whose data was erased): its message, or None.
    refuse: Callable[[M], str | None] | None = None
    # step → what else the object must be for the step to be offered (its service refuses the
    # step itself with a message of its own): a proposal not already on the Board's table.
    conditions: Mapping[str, Callable[[M], bool]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        missing = set(self.steps) - set(self.rules)
        if missing:
            raise ValueError(f"steps without a rule in {self.verb_prefix}: {sorted(missing)}")
        WORKFLOWS[self.model._meta.label] = self

    def transition(
        self,
        obj: M,
        step: str,
        *,
        actor: Any,
        changes: Mapping[str, Any] | None = None,
        data: Mapping[str, Any] | None = None,
        check: Callable[[M], None] | None = None,
    ) -> M:
        """Take ``step`` on ``obj`` for ``actor``; returns the locked, moved row.

        ``changes`` are other fields the step sets (a reason, a response); ``check`` may refuse
        the step on the locked row with a ``DomainError`` (a rule of the domain beyond states);
        ``data`` goes into the audit event.
        """
        with self.moving(obj, step, actor=actor, changes=changes, check=check) as move:
            move.data.update(data or {})
        return move.row

    @contextmanager
    def moving(
        self,
        obj: M,
        step: str,
        *,
        actor: Any,
        changes: Mapping[str, Any] | None = None,
        check: Callable[[M], None] | None = None,
        by_the_platform: bool = False,
    ) -> Iterator[Move[M]]:
        """``transition`` for a step that does more than move: the block runs with the row
        locked, checked and moved to the step's state (``move.to()`` for a state the block
        decides), and may add to ``move.data``; the audit event is written when it ends. The
        platform's own jobs pass ``by_the_platform`` instead of a person's rule."""
        with transaction.atomic():
            row = self._checked(obj, step, actor, check, by_the_platform=by_the_platform)
            move = Move(self, row, step)
            target = self.steps[step][1]
            move.apply(target, changes or {})
            yield move
            if self.record_state and move.target is not None:
                move.data = {"status": move.target, **move.data}
            record_event(
                actor=actor,
                verb=move.event or f"{self.verb_prefix}.{move.verb}",
                target=self.audit_target(row) if self.audit_target else row,
                data={**(self.audit_data(row) if self.audit_data else {}), **move.data},
            )

    def _checked(
        self,
        obj: M,
        step: str,
        actor: Any,
        check: Callable[[M], None] | None,
        *,
        by_the_platform: bool,
    ) -> M:
        rows = self.model._default_manager.select_for_update(of=("self",))
        if self.related:
            rows = rows.select_related(*self.related)
        row = rows.get(pk=obj.pk)
        if not by_the_platform:
            require_perm(actor, self.rules[step], row)
            guard = self.guards.get(step)
            if guard is not None and not guard(actor, row):
                raise PermissionDenied
        if getattr(row, self.state) not in tuple(self.steps[step][0]):
            raise InvalidTransition(self.moved % {"status": self.state_label(row)})
        refusal = self.refuse(row) if self.refuse else None
        if refusal:
            raise InvalidTransition(refusal)
        if check is not None:
            check(row)
        return row

    def state_label(self, obj: M) -> str:
        return str(getattr(obj, f"get_{self.state}_display")())

    def may(self, user: Any, obj: M, step: str) -> bool:
        """Whether ``user`` may take ``step`` on ``obj`` as it stands."""
        sources, _target = self.steps[step]
        guard = self.guards.get(step)
        condition = self.conditions.get(step)
        return (
            getattr(obj, self.state) in tuple(sources)
            and (self.refuse is None or not self.refuse(obj))
            and (condition is None or condition(obj))
            and bool(user.has_perm(self.rules[step], obj))
            and (guard is None or guard(user, obj))
        )

    def fields_moved(self, row: M, target: str | None, changes: Mapping[str, Any]) -> list[str]:
        """Set ``row``'s new state, the step's other fields and the stamps; the names set."""
        fields: list[str] = []
        previous = getattr(row, self.state)
        if target is not None:
            setattr(row, self.state, target)
            fields.append(self.state)
        for name, value in changes.items():
            setattr(row, name, value)
            fields.append(name)
        if self.stamp is not None:
            fields += list(self.stamp(row, previous, target))
        if fields and any(f.name == "updated_at" for f in row._meta.concrete_fields):
            fields.append("updated_at")
        return list(dict.fromkeys(fields))


@dataclass
class Move(Generic[M]):
    """A step under way (``Workflow.moving``): the locked row, the audit verb and data."""

    workflow: Workflow[M]
    row: M
    verb: str
    target: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    # The audit verb when the step records something else than "<prefix>.<step>" (a draft).
    event: str | None = None

    def to(self, state: str) -> None:
        """Move the row to ``state`` (a step whose state depends on the row)."""
        self.apply(state, {})

    def apply(self, state: str | None, changes: Mapping[str, Any]) -> None:
        fields = self.workflow.fields_moved(self.row, state, changes)
        if state is not None:
            self.target = state
        if fields:
            self.row.save(update_fields=fields)


WORKFLOWS: dict[str, Workflow[Any]] = {}


def available_actions(user: Any, obj: models.Model) -> frozenset[str]:
    """The steps ``user`` may take on ``obj`` now: what a page offers as buttons."""
    workflow = WORKFLOWS.get(obj._meta.label)
    if workflow is None:
        return frozenset()
    return frozenset(step for step in workflow.steps if workflow.may(user, obj, step))
