"""Sharing a practice: the draft, its changes, its files."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from befus.accounts.models import User
from befus.core.audit import record_event
from befus.core.errors import DomainError
from befus.core.permissions import Perm
from befus.core.permissions import require_perm as _require
from befus.core.uploads import MAX_ATTACHMENTS, attachment_type
from befus.knowledge.choices import TEXT_FIELDS, Visibility
from befus.knowledge.models import Practice, PracticeAttachment, Topic
from befus.knowledge.services._common import _reindex, _unique_practice_slug

if TYPE_CHECKING:
    from befus.members.models import Organisation
    from befus.networks.models import Network


class PracticeFields(TypedDict, total=False):
    """What an author fills in: the texts (``TEXT_FIELDS``) in the language they write in, the
    rest (``PLAIN_FIELDS``) as given, the themes, places and files."""

    title: str
    summary: str
    problem: str
    objectives: str
    approach: str
    partners_why: str
    results: str
    partners: str
    target_groups: str
    keywords: str
    places: str
    country: str
    year_start: int | None
    year_end: int | None
    cost: Decimal | None
    funding: str
    staff: Decimal | None
    links: str
    visibility: str
    network: Network | None
    contact: User | None
    topics: Iterable[Topic]
    organisations: Iterable[Organisation]
    attachments: Iterable[File[bytes]]


PLAIN_FIELDS = {
    "partners",
    "target_groups",
    "keywords",
    "places",
    "country",
    "year_start",
    "year_end",
    "cost",
    "funding",
    "staff",
    "links",
    "visibility",
    "network",
    "contact",
}


def _apply(
    practice: Practice, language: str, fields: PracticeFields
) -> tuple[list[Topic], list[Organisation]]:
    """Set a practice's fields from a form: texts in ``language``, the rest as given. Returns the
    topics and organisations to set once it is saved."""
    topics = list(fields.get("topics") or [])
    organisations = list(fields.get("organisations") or [])
    values: dict[str, object] = {
        name: value for name, value in fields.items() if name not in ("topics", "organisations")
    }
    if "contact" in values and values["contact"] is None:
        values["contact"] = practice.author  # the author answers unless a colleague is named
    for name in TEXT_FIELDS:
        if name in values:
            setattr(practice, f"{name}_{language}", str(values.pop(name) or "").strip())
    unknown = set(values) - PLAIN_FIELDS
    if unknown:
        raise TypeError(f"unknown practice fields: {sorted(unknown)}")
    for name, value in values.items():
        setattr(practice, name, value)
    if not getattr(practice, f"title_{practice.original_language}", ""):
        raise DomainError(_("Give the practice a title."), field="title")
    if not getattr(practice, f"summary_{practice.original_language}", ""):
        raise DomainError(_("Summarise the practice in a few sentences."), field="summary")
    if practice.visibility == Visibility.NETWORK and practice.network_id is None:
        raise DomainError(_("Choose the network whose members may read it."), field="network")
    if practice.year_start and practice.year_end and practice.year_end < practice.year_start:
        raise DomainError(_("The practice cannot end before it starts."), field="year_end")
    return topics, organisations


def add_attachments(*, actor: User, practice: Practice, files: Iterable[File[bytes]]) -> int:
    """Attach documents or pictures to a practice (checked by content and size)."""
    _require(actor, Perm.PRACTICE_EDIT, practice)
    files = list(files)
    if practice.attachments.count() + len(files) > MAX_ATTACHMENTS * 2:
        raise DomainError(
            _("A practice has at most %(count)s files.") % {"count": MAX_ATTACHMENTS * 2},
            field="attachments",
        )
    with transaction.atomic():
        for upload in files:
            try:
                content_type = attachment_type(upload)
            except ValidationError as error:
                raise DomainError(" ".join(error.messages), field="attachments") from error
            PracticeAttachment.objects.create(
                practice=practice,
                file=upload,
                name=str(upload.name)[:200],
                content_type=content_type,
                size=upload.size,
                uploaded_by=actor,
            )
        if files:
            record_event(
                actor=actor,
                verb="knowledge.practice.attach",
                target=practice,
                data={"files": [str(f.name)[:200] for f in files]},
            )
    return len(files)


def remove_attachment(*, actor: User, attachment: PracticeAttachment) -> None:
    _require(actor, Perm.PRACTICE_EDIT, attachment.practice)
    with transaction.atomic():
        record_event(
            actor=actor,
            verb="knowledge.practice.detach",
            target=attachment.practice,
            data={"file": attachment.name},
        )
        file = attachment.file
        attachment.delete()
        transaction.on_commit(lambda: file.delete(save=False))


def create_practice(*, actor: User, language: str, **fields: Unpack[PracticeFields]) -> Practice:
    """A member professional starts describing a practice: a draft only they (and the
    secretariat) see, in the language they write in."""
    _require(actor, Perm.PRACTICE_SHARE)
    if language not in ("nl", "fr", "en"):
        raise DomainError(_("Choose the language you write in."), field="language")
    practice = Practice(original_language=language, author=actor, contact=actor)
    files = fields.pop("attachments", None) or []
    topics, organisations = _apply(practice, language, fields)
    title = getattr(practice, f"title_{language}")
    with transaction.atomic():
        practice.slug = _unique_practice_slug(title)
        practice.save()
        practice.topics.set(topics)
        practice.organisations.set(organisations)
        record_event(actor=actor, verb="knowledge.practice.create", target=practice)
        add_attachments(actor=actor, practice=practice, files=files)
    return practice


def update_practice(
    *, actor: User, practice: Practice, **fields: Unpack[PracticeFields]
) -> Practice:
    """Change a practice in its original language (the author while it is a draft or changes
    are asked; the secretariat at any time). A published one is indexed again."""
    _require(actor, Perm.PRACTICE_EDIT, practice)
    files = fields.pop("attachments", None) or []
    with transaction.atomic():
        practice = Practice.objects.select_for_update().get(pk=practice.pk)
        topics, organisations = _apply(practice, practice.original_language, fields)
        practice.save()
        practice.topics.set(topics)
        practice.organisations.set(organisations)
        add_attachments(actor=actor, practice=practice, files=files)
        record_event(actor=actor, verb="knowledge.practice.update", target=practice)
        _reindex(practice)
    return practice
