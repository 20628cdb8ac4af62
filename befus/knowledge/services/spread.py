"""How a practice spreads: questions to its contact, cities that adopt it."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.mail import EmailMessage
from django.db import transaction
from django.utils.translation import gettext as _

from befus.accounts.models import User
from befus.core.audit import record_event
from befus.core.errors import DomainError
from befus.core.permissions import Perm
from befus.core.permissions import require_perm as _require
from befus.core.services import notify
from befus.knowledge.models import Adoption, Practice, PracticeQuestion
from befus.knowledge.permissions import may_act_for
from befus.knowledge.services._common import _practice_params

if TYPE_CHECKING:
    from befus.members.models import Organisation


def ask_contact(*, actor: User, practice: Practice, text: str) -> PracticeQuestion:
    """A question to the practice's contact: relayed by the platform, neither side's address
    shown; the contact answers by e-mail to the person who asked."""
    _require(actor, Perm.PRACTICE_ASK, practice)
    if not text.strip():
        raise DomainError(_("Write your question."), field="text")
    contact = practice.contact or practice.author
    if contact is None or not contact.is_active:
        raise DomainError(_("This practice has no contact person any more."))
    with transaction.atomic():
        question = PracticeQuestion.objects.create(
            practice=practice, asked_by=actor, text=text.strip()
        )
        notify(
            recipients=[contact],
            kind="knowledge.practice_question",
            params=_practice_params(
                practice, person=actor.get_full_name() or actor.email, question=text.strip()[:300]
            ),
            url=practice.get_absolute_url(),
        )
        message = EmailMessage(
            subject=" ".join(f"[BeFUS] {practice.title}".split())[:200],
            body=text.strip(),
            to=[contact.email],
            reply_to=[actor.email],
        )
        transaction.on_commit(message.send)
        record_event(actor=actor, verb="knowledge.practice.ask", target=practice)
    return question


def record_adoption(
    *,
    actor: User,
    practice: Practice,
    organisation: Organisation,
    adopted_on: dt.date,
    adaptations: str = "",
) -> Adoption:
    """A member city records that it adopted the practice, with its own adaptations."""
    _require(actor, Perm.PRACTICE_ADOPT, practice)
    if not may_act_for(actor, organisation):
        raise DomainError(
            _("You can record an adoption for your own municipality only."), field="organisation"
        )
    with transaction.atomic():
        if Adoption.objects.filter(practice=practice, organisation=organisation).exists():
            raise DomainError(
                _("%(city)s has already recorded adopting it.") % {"city": organisation},
                field="organisation",
            )
        adoption = Adoption.objects.create(
            practice=practice,
            organisation=organisation,
            adopted_on=adopted_on,
            adaptations=adaptations.strip(),
            recorded_by=actor,
        )
        record_event(
            actor=actor,
            verb="knowledge.practice.adopt",
            target=practice,
            data={"organisation": organisation.pk},
        )
        notify(
            recipients=[p for p in (practice.author, practice.contact) if p],
            kind="knowledge.practice_adopted",
            params=_practice_params(practice, city=str(organisation)),
            url=practice.get_absolute_url(),
        )
    return adoption
