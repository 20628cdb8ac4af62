"""Translations of a practice: direct by its author and its reviewers, proposed by anyone else.

A proposal changes nothing that readers see: the published text and the search index stay as
they are until a reviewer other than the proposer accepts it (four eyes).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.timezone import localdate
from django.utils.timezone import now as timezone_now
from django.utils.translation import gettext as _

from befus.accounts.models import User
from befus.core.audit import record_event
from befus.core.errors import DomainError, InvalidTransition
from befus.core.permissions import Perm
from befus.core.permissions import require_perm as _require
from befus.core.services import notify
from befus.knowledge.choices import TEXT_FIELDS, ProposalStatus
from befus.knowledge.models import Practice, TranslationProposal
from befus.knowledge.permissions import translates_directly
from befus.knowledge.services._common import _practice_params, _reindex, _require_reviewer
from befus.knowledge.services.review import reviewers_of


def translate_practice(*, actor: User, practice: Practice, language: str, **texts: str) -> Practice:
    """Add or correct the practice's text in another language, marked as a translation: its
    author and its reviewers only (anyone else proposes, see ``propose_translation``)."""
    _require(actor, Perm.PRACTICE_TRANSLATE, practice)
    if not translates_directly(actor, practice):
        raise PermissionDenied
    texts = _checked_texts(practice, language, texts)
    with transaction.atomic():
        practice = Practice.objects.select_for_update().get(pk=practice.pk)
        _write_translation(practice, language, texts, by=actor.pk)
        record_event(
            actor=actor,
            verb="knowledge.practice.translate",
            target=practice,
            data={"language": language},
        )
        _reindex(practice)
    return practice


def propose_translation(
    *, actor: User, practice: Practice, language: str, **texts: str
) -> TranslationProposal:
    """Propose a translation for review; what readers see does not change until it is accepted.

    A second proposal by the same person for the same language replaces their pending one (kept,
    marked superseded). The reviewers of the practice are told, the proposer excepted.
    """
    _require(actor, Perm.PRACTICE_TRANSLATE, practice)
    texts = _checked_texts(practice, language, texts)
    with transaction.atomic():
        # The practice's row serialises the proposals of one person (two tabs sending at once).
        Practice.objects.select_for_update().get(pk=practice.pk)
        pending = TranslationProposal.objects.filter(
            practice=practice, language=language, proposed_by=actor, status=ProposalStatus.PROPOSED
        )
        replaced = list(pending.values_list("pk", flat=True))
        pending.update(
            status=ProposalStatus.SUPERSEDED, decided_by=actor, decided_at=timezone_now()
        )
        proposal = TranslationProposal.objects.create(
            practice=practice, language=language, texts=texts, proposed_by=actor
        )
        record_event(
            actor=actor,
            verb="knowledge.translation.propose",
            target=practice,
            data={"language": language, "proposal": proposal.pk, "replaces": replaced},
        )

        notify(
            recipients=[person for person in reviewers_of(practice) if person.pk != actor.pk],
            kind="knowledge.translation_proposed",
            params=_practice_params(
                practice, person=actor.get_full_name() or actor.email, language=language
            ),
            url=_review_url(proposal),
        )
    return proposal


def accept_translation(*, actor: User, proposal: TranslationProposal) -> Practice:
    """A reviewer other than the proposer accepts a proposed translation: it replaces the
    practice's text in that language, marked as the proposer's translation reviewed by the
    actor, and the search follows. The proposer is told."""
    with transaction.atomic():
        proposal, practice = _lock_for_decision(actor, proposal)
        _write_translation(
            practice,
            proposal.language,
            proposal.texts,
            by=proposal.proposed_by_id,
            at=localdate(proposal.proposed_at).isoformat(),
            reviewed_by=actor.pk,
        )
        _decide(actor, proposal, ProposalStatus.ACCEPTED)
        record_event(
            actor=actor,
            verb="knowledge.translation.accept",
            target=practice,
            data={"language": proposal.language, "proposal": proposal.pk},
        )
        notify(
            recipients=[proposal.proposed_by] if proposal.proposed_by else [],
            kind="knowledge.translation_accepted",
            params=_practice_params(practice, language=proposal.language),
            url=practice.get_absolute_url(),
        )
        _reindex(practice)
    return practice


def reject_translation(
    *, actor: User, proposal: TranslationProposal, reason: str
) -> TranslationProposal:
    """A reviewer other than the proposer declines a proposed translation, saying why; the
    practice is unchanged and the proposer is told the reason."""
    if not reason.strip():
        raise DomainError(_("Tell the translator why."), field="reason")
    with transaction.atomic():
        proposal, practice = _lock_for_decision(actor, proposal)
        proposal.reason = reason.strip()
        _decide(actor, proposal, ProposalStatus.REJECTED)
        record_event(
            actor=actor,
            verb="knowledge.translation.reject",
            target=practice,
            data={"language": proposal.language, "proposal": proposal.pk},
        )
        notify(
            recipients=[proposal.proposed_by] if proposal.proposed_by else [],
            kind="knowledge.translation_rejected",
            params=_practice_params(
                practice, language=proposal.language, reason=proposal.reason[:300]
            ),
            url=reverse("knowledge:practice-translate", kwargs={"slug": practice.slug})
            + f"?language={proposal.language}",
        )
    return proposal


def _checked_texts(practice: Practice, language: str, texts: dict[str, str]) -> dict[str, str]:
    if language not in ("nl", "fr", "en") or language == practice.original_language:
        raise DomainError(_("Choose a language other than the original."), field="language")
    unknown = set(texts) - set(TEXT_FIELDS)
    if unknown:
        raise TypeError(f"unknown text fields: {sorted(unknown)}")
    if not (texts.get("title", "").strip() and texts.get("summary", "").strip()):
        raise DomainError(_("Translate at least the title and the summary."), field="title")
    return {name: (value or "").strip() for name, value in texts.items()}


def _write_translation(
    practice: Practice, language: str, texts: dict[str, str], **entry: int | str | None
) -> None:
    """Set the texts in ``language`` and mark them as a translation (by whom, reviewed by whom)."""
    for name, value in texts.items():
        setattr(practice, f"{name}_{language}", value)
    translations = dict(practice.translations or {})
    translations[language] = {"at": localdate().isoformat(), **entry}
    practice.translations = translations
    practice.save()


def _lock_for_decision(
    actor: User, proposal: TranslationProposal
) -> tuple[TranslationProposal, Practice]:
    """Lock the proposal and its practice; a reviewer of the practice, not the proposer, decides
    a proposal still pending (the second of two reviewers is told it is decided)."""
    proposal = TranslationProposal.objects.select_for_update().get(pk=proposal.pk)
    practice = Practice.objects.select_for_update().get(pk=proposal.practice_id)
    _require_reviewer(actor, practice)
    if proposal.proposed_by_id == actor.pk:
        raise PermissionDenied
    if proposal.status != ProposalStatus.PROPOSED:
        raise InvalidTransition(
            _("This translation is now “%(status)s”: someone may have decided before you.")
            % {"status": proposal.get_status_display()}
        )
    return proposal, practice


def _decide(actor: User, proposal: TranslationProposal, status: str) -> None:
    proposal.status = status
    proposal.decided_by = actor
    proposal.decided_at = timezone_now()
    proposal.save(update_fields=["status", "decided_by", "decided_at", "reason"])


def _review_url(proposal: TranslationProposal) -> str:
    return reverse(
        "knowledge:translation-review",
        kwargs={"slug": proposal.practice.slug, "pk": proposal.pk},
    )
