"""Learning evaluations of a practice, one version after another."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict, Unpack

from django.db import transaction
from django.utils.translation import gettext as _

from befus.accounts.models import User
from befus.core.audit import record_event
from befus.core.errors import DomainError
from befus.core.permissions import Perm
from befus.core.permissions import require_perm as _require
from befus.knowledge.choices import MARYLAND_RANGE, EvidenceKind
from befus.knowledge.models import Evaluation, Practice
from befus.knowledge.services._common import _reindex


class EvaluationFields(TypedDict, total=False):
    what_worked: str
    what_did_not: str
    would_change: str
    transfer_conditions: str
    evidence: str
    maryland_level: int | None
    evaluated_on: dt.date | None


def add_evaluation(
    *, actor: User, practice: Practice, language: str, **fields: Unpack[EvaluationFields]
) -> Evaluation:
    """A new version of the practice's learning evaluation; the earlier ones stay readable."""
    _require(actor, Perm.PRACTICE_EVALUATE, practice)
    evidence = fields.get("evidence", EvidenceKind.NONE)
    level = int(fields.get("maryland_level") or 0)
    low, high = MARYLAND_RANGE.get(evidence, (0, 0))
    if level and not low <= level <= high:
        raise DomainError(
            _("This kind of evidence reaches level %(low)s to %(high)s of the Maryland scale.")
            % {"low": low, "high": high},
            field="maryland_level",
        )
    if not any(
        str(fields.get(name) or "").strip()
        for name in ("what_worked", "what_did_not", "would_change", "transfer_conditions")
    ):
        raise DomainError(_("Say what the team learned."), field="what_worked")
    with transaction.atomic():
        latest = practice.evaluations.select_for_update().order_by("-version").first()
        evaluation = Evaluation.objects.create(
            practice=practice,
            version=(latest.version + 1) if latest else 1,
            language=language,
            written_by=actor,
            **{k: v for k, v in fields.items() if k != "maryland_level"},
            maryland_level=level,
        )
        record_event(
            actor=actor,
            verb="knowledge.evaluation.add",
            target=practice,
            data={"version": evaluation.version, "evidence": evidence},
        )
        _reindex(practice)
    return evaluation
