"""Writes on the knowledge base: the thematic tree, practices and their import."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils.text import slugify
from django.utils.timezone import now as timezone_now
from django.utils.translation import gettext as _

from befus.core.audit import record_event
from befus.core.errors import DomainError, InvalidTransition
from befus.core.permissions import Perm
from befus.core.permissions import require_perm as _require
from befus.core.services import notify
from befus.knowledge.choices import EvidenceKind, PracticeStatus, Visibility
from befus.knowledge.models import Evaluation, Practice, Topic

SHIPPED_TREE = Path(__file__).resolve().parent / "data" / "topics.json"
# 105 real practices in nl/fr/en (the format is documented in docs/search.md).
SHIPPED_PRACTICES = Path(__file__).resolve().parent / "data" / "practices.jsonl"


def load_topics(*, actor: Any = None, path: Path = SHIPPED_TREE) -> dict[str, int]:
    """Create the shipped tree's missing nodes; nodes already there (by slug) keep what the
    secretariat made of them, and only get the descriptions and synonyms they lack. Loading
    twice changes nothing."""
    tree = json.loads(path.read_text(encoding="utf-8"))["tree"]
    existing = set(Topic.objects.values_list("slug", flat=True))
    created = completed = 0

    def add(items: list[dict[str, Any]], parent: Topic | None) -> None:
        nonlocal created, completed
        for item in items:
            texts = _texts(item)
            if item["slug"] in existing:
                node = Topic.objects.get(slug=item["slug"])
                missing = {k: v for k, v in texts.items() if v and not getattr(node, k)}
                if missing:
                    Topic.objects.filter(pk=node.pk).update(**missing)
                    completed += 1
            else:
                values = {
                    "slug": item["slug"],
                    "source": item.get("source", ""),
                    "name": item["nl"],
                    "name_nl": item["nl"],
                    "name_fr": item["fr"],
                    "name_en": item["en"],
                    **texts,
                }
                node = (
                    Topic.objects.add_root(create_kwargs=values)
                    if parent is None
                    else Topic.objects.add_child(parent, create_kwargs=values)
                )
                created += 1
            add(item.get("children", []), node)

    with transaction.atomic():
        add(tree, None)
        if created or completed:
            record_event(
                actor=actor,
                verb="knowledge.topics.load",
                data={"created": created, "completed": completed},
            )
    if created or completed:
        from befus.core.search.engine import concepts_changed

        concepts_changed()
    return {"created": created, "completed": completed, "total": Topic.objects.count()}


def _texts(item: dict[str, Any]) -> dict[str, str]:
    """The description and synonyms of a shipped node, per language column."""
    texts: dict[str, str] = {}
    for language in ("nl", "fr", "en"):
        texts[f"description_{language}"] = str(item.get("description", {}).get(language, ""))
        synonyms = item.get("synonyms", {}).get(language, [])
        texts[f"synonyms_{language}"] = "\n".join(str(s) for s in synonyms)
    return texts


# --- importing practices -------------------------------------------------------------------------

PILLARS = {
    "strategy": "local-strategy",
    "inclusion": "inclusion",
    "living-together": "living-together",
    "nuisance": "nuisance",
    "rehabilitation-victims": "rehabilitation-victims",
}
REQUIRED = ("ref", "language", "title", "summary")


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


def import_practices(
    *, actor: Any = None, lines: Iterable[str], progress: Callable[[int], None] | None = None
) -> ImportReport:
    """Import practices written as JSON lines (the format of the shipped data, see the data's
    README). Idempotent by ``ref``: a known ref is updated, an unknown one created, an unchanged
    one left alone. A bad line is reported with its number; the good ones are imported."""
    from befus.core.search.engine import concepts, index_objects

    report = ImportReport()
    pillars = {topic.slug: topic for topic in Topic.objects.filter(depth=1)}
    table = concepts()
    touched: list[int] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("not a JSON object")
            with transaction.atomic():
                outcome, practice = _import_one(record, pillars, table, actor)
        except (ValueError, TypeError, KeyError, DatabaseError) as error:
            report.errors.append((number, str(error).splitlines()[0][:200]))
            continue
        setattr(report, outcome, getattr(report, outcome) + 1)
        touched.append(practice.pk)  # indexed again even if unchanged: the index may lag
        if progress:
            progress(number)
    if touched:
        # One pass for the whole file, after the practices are in.
        index_objects(
            "practice",
            Practice.objects.filter(pk__in=touched).prefetch_related(
                "topics", "organisations", "evaluations"
            ),
        )
    if report.created or report.updated:
        record_event(
            actor=actor,
            verb="knowledge.practices.import",
            data={"created": report.created, "updated": report.updated},
        )
    return report


def _import_one(
    record: dict[str, Any], pillars: dict[str, Topic], table: Any, actor: Any
) -> tuple[str, Practice]:
    missing = [key for key in REQUIRED if not str(record.get(key) or "").strip()]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    language = record["language"]
    if language not in ("nl", "fr", "en"):
        raise ValueError(f"unknown language {language!r}")
    pillar_slug = PILLARS.get(str(record.get("pillar", "")))
    if record.get("pillar") and pillar_slug is None:
        raise ValueError(f"unknown pillar {record['pillar']!r}")
    for key in ("year_start", "year_end"):
        year = record.get(key)
        if year is not None and (
            isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2100
        ):
            raise ValueError(f"{key} must be a year between 1900 and 2100")
    ref = str(record["ref"]).strip()[:40]
    values: dict[str, Any] = {
        f"title_{language}": str(record["title"]).strip()[:250],
        f"summary_{language}": str(record["summary"]).strip(),
        f"approach_{language}": str(record.get("description") or "").strip(),
        "original_language": language,
        "places": str(record.get("city") or "")[:300],
        "country": str(record.get("country") or "BE")[:2],
        "year_start": record.get("year_start"),
        "year_end": record.get("year_end"),
        "keywords": "\n".join(_strings(record.get("keywords"))),
        "partners": "\n".join(_strings(record.get("partners"))),
        "target_groups": "\n".join(_strings(record.get("target_groups"))),
        "source_url": str(record.get("source_url") or "")[:500],
    }
    topics = _topics_for(record, language, pillars.get(pillar_slug or ""), table)
    practice = Practice.objects.filter(ref=ref).first()
    evaluation_text = str(record.get("evaluation") or "").strip()
    if practice is None:
        # Only the original language's columns are written (never through the translated
        # ``title`` attribute, which writes the active language's column).
        practice = Practice(
            ref=ref,
            slug=_unique_practice_slug(f"{record['title']} {ref}"),
            status=PracticeStatus.PUBLISHED,
            visibility=Visibility.PUBLIC,
            published_at=timezone_now(),
            author=actor if getattr(actor, "is_authenticated", False) else None,
        )
        outcome = "created"
    else:
        changed = any(getattr(practice, name) != value for name, value in values.items())
        changed |= set(practice.topics.values_list("pk", flat=True)) != {t.pk for t in topics}
        latest = practice.evaluations.order_by("-version").first()
        changed |= (latest.what_worked if latest else "") != evaluation_text
        if not changed:
            return "unchanged", practice
        outcome = "updated"
    for name, value in values.items():
        setattr(practice, name, value)
    practice.save()
    practice.topics.set(topics)
    practice.organisations.set(_organisations_named(values["places"]))
    latest = practice.evaluations.order_by("-version").first()
    if evaluation_text and (latest is None or latest.what_worked != evaluation_text):
        Evaluation.objects.create(
            practice=practice,
            version=(latest.version + 1) if latest else 1,
            language=language,
            what_worked=evaluation_text,
            evidence=EvidenceKind.NONE,
        )
    return outcome, practice


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, list):
        return [str(item).strip() for item in value if str(item).strip()]
    return []


def _topics_for(
    record: dict[str, Any], language: str, pillar: Topic | None, table: Any
) -> list[Topic]:
    """The nodes the record's keywords (and title) name, inside its pillar; the pillar itself
    when none is named."""
    from befus.core.search.text import analyse

    texts = [*_strings(record.get("keywords")), str(record.get("title") or "")]
    ids: set[int] = set()
    for text in texts:
        for _start, _end, token in table.find(analyse(text, language), language):
            if token.startswith("zct"):
                ids.add(int(token[3:]))
    found = list(Topic.objects.filter(pk__in=ids))
    if pillar is not None:
        found = [topic for topic in found if topic.path.startswith(pillar.path)]
        if not found:
            found = [pillar]
    return found


def _organisations_named(places: str) -> list[Any]:
    from django.db.models import Q

    from befus.members.models import Organisation

    names = {part.strip() for part in places.replace(" en ", ",").replace(" et ", ",").split(",")}
    names = {name for name in names if len(name) > 2}
    if not names:
        return []
    query = Q()
    for name in names:
        query |= Q(name_nl__iexact=name) | Q(name_fr__iexact=name) | Q(name_en__iexact=name)
    return list(Organisation.objects.filter(query, kind="municipality"))


# --- sharing and reviewing practices -------------------------------------------------------

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


def _practice_params(practice: Practice, **extra: Any) -> dict[str, Any]:
    return {"practice": str(practice.title)[:120], **extra}


def _apply(
    practice: Practice, language: str, fields: dict[str, Any]
) -> tuple[list[Any], list[Any]]:
    """Set a practice's fields from a form: texts in ``language``, the rest as given. Returns the
    topics and organisations to set once it is saved."""
    from befus.knowledge.choices import TEXT_FIELDS

    fields = dict(fields)
    if "contact" in fields and fields["contact"] is None:
        fields["contact"] = practice.author  # the author answers unless a colleague is named
    topics = list(fields.pop("topics", []) or [])
    organisations = list(fields.pop("organisations", []) or [])
    for name in TEXT_FIELDS:
        if name in fields:
            setattr(practice, f"{name}_{language}", (fields.pop(name) or "").strip())
    unknown = set(fields) - PLAIN_FIELDS
    if unknown:
        raise TypeError(f"unknown practice fields: {sorted(unknown)}")
    for name, value in fields.items():
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


def add_attachments(*, actor: Any, practice: Practice, files: Iterable[Any]) -> int:
    """Attach documents or pictures to a practice (checked by content and size)."""
    from django.core.exceptions import ValidationError

    from befus.core.uploads import MAX_ATTACHMENTS, attachment_type
    from befus.knowledge.models import PracticeAttachment

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


def remove_attachment(*, actor: Any, attachment: Any) -> None:
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


def create_practice(*, actor: Any, language: str, **fields: Any) -> Practice:
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


def update_practice(*, actor: Any, practice: Practice, **fields: Any) -> Practice:
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


def _unique_practice_slug(title: str) -> str:
    base = slugify(title)[:80] or "practice"
    slug, n = base, 2
    while Practice.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _reindex(practice: Practice) -> None:
    from befus.core.search.engine import index_objects

    transaction.on_commit(
        lambda: index_objects(
            "practice",
            Practice.objects.filter(pk=practice.pk).prefetch_related(
                "topics", "organisations", "evaluations"
            ),
        )
    )


def _move_practice(
    actor: Any, practice: Practice, verb: str, *, perm: str, comment: str = ""
) -> Practice:
    from befus.knowledge.choices import PRACTICE_TRANSITIONS

    allowed_from, target = PRACTICE_TRANSITIONS[verb]
    with transaction.atomic():
        practice = Practice.objects.select_for_update().get(pk=practice.pk)
        _require(actor, perm, practice)
        if practice.status not in allowed_from:
            raise InvalidTransition(
                _("This practice is now “%(status)s”: someone may have acted before you.")
                % {"status": practice.get_status_display()}
            )
        practice.status = target
        now = timezone_now()
        if target == PracticeStatus.SUBMITTED:
            practice.submitted_at = now
        if target == PracticeStatus.PUBLISHED and practice.published_at is None:
            practice.published_at = now
        practice.save(update_fields=["status", "submitted_at", "published_at", "updated_at"])
        record_event(
            actor=actor,
            verb=f"knowledge.practice.{verb}",
            target=practice,
            data={"status": target, "comment": comment} if comment else {"status": target},
        )
        _reindex(practice)
    return practice


def submit_practice(*, actor: Any, practice: Practice) -> Practice:
    """The author sends the practice for review: the secretariat and the referents of the
    networks working on its themes are told."""
    _require(actor, Perm.PRACTICE_EDIT, practice)
    if not practice.topics.exists():
        raise DomainError(_("Choose at least one theme before submitting."), field="topics")
    practice = _move_practice(actor, practice, "submit", perm=Perm.PRACTICE_EDIT)
    with transaction.atomic():
        # The remarks of the earlier round were answered by this new version.
        resolve_comments(actor=actor, practice=practice)
        notify(
            recipients=reviewers_of(practice),
            kind="knowledge.practice_submitted",
            params=_practice_params(practice),
            url=reverse("knowledge:practice-review", kwargs={"slug": practice.slug}),
        )
    return practice


def reviewers_of(practice: Practice) -> list[Any]:
    from befus.networks.choices import REFERENT_ROLES
    from befus.networks.models import NetworkMembership
    from befus.networks.selectors import secretariat_people

    paths = list(practice.topics.values_list("path", flat=True))
    people = {person.pk: person for person in secretariat_people()}
    memberships = NetworkMembership.objects.filter(
        status="active", role__in=REFERENT_ROLES, network__status="recognised"
    ).select_related("person")
    for membership in memberships.prefetch_related("network__topics"):
        network_paths = [t.path for t in membership.network.topics.all()]
        if any(p.startswith(n) for p in paths for n in network_paths):
            people.setdefault(membership.person_id, membership.person)
    return [person for person in people.values() if person.pk != practice.author_id]


def start_review(*, actor: Any, practice: Practice) -> Practice:
    return _move_practice(actor, practice, "start_review", perm=Perm.PRACTICE_REVIEW)


def comment_on_field(*, actor: Any, practice: Practice, field: str, text: str) -> Any:
    """A reviewer's remark on one field; the author sees it next to that field."""
    from befus.knowledge.models import ReviewComment

    _require(actor, Perm.PRACTICE_REVIEW, practice)
    if not text.strip():
        raise DomainError(_("Write the comment."), field="text")
    if practice.status not in (PracticeStatus.SUBMITTED, PracticeStatus.IN_REVIEW):
        raise InvalidTransition(_("Comments are made while the practice is in review."))
    with transaction.atomic():
        comment = ReviewComment.objects.create(
            practice=practice, field=field[:40], text=text.strip(), author=actor
        )
        record_event(
            actor=actor,
            verb="knowledge.practice.comment",
            target=practice,
            data={"field": field, "comment": text.strip()[:500]},
        )
    return comment


def request_practice_changes(*, actor: Any, practice: Practice, comment: str = "") -> Practice:
    """Send the practice back to its author with the reviewers' comments."""
    _require(actor, Perm.PRACTICE_REVIEW, practice)
    if comment.strip():
        comment_on_field(actor=actor, practice=practice, field="", text=comment)
    if not practice.comments.filter(resolved_at__isnull=True).exists():
        raise DomainError(_("Say what to change: add a comment."), field="text")
    practice = _move_practice(
        actor, practice, "request_changes", perm=Perm.PRACTICE_REVIEW, comment=comment.strip()
    )
    with transaction.atomic():
        notify(
            recipients=[practice.author] if practice.author else [],
            kind="knowledge.practice_status",
            params=_practice_params(practice, status=practice.status),
            url=reverse("knowledge:practice-edit", kwargs={"slug": practice.slug}),
        )
    return practice


def publish_practice(*, actor: Any, practice: Practice) -> Practice:
    """Publish: readable as its visibility says, found by the search; open comments close."""
    practice = _move_practice(actor, practice, "publish", perm=Perm.PRACTICE_REVIEW)
    with transaction.atomic():
        practice.comments.filter(resolved_at__isnull=True).update(resolved_at=timezone_now())
        notify(
            recipients=[practice.author] if practice.author else [],
            kind="knowledge.practice_status",
            params=_practice_params(practice, status=practice.status),
            url=practice.get_absolute_url(),
        )
    return practice


def archive_practice(*, actor: Any, practice: Practice) -> Practice:
    """Archive: it leaves lists and search; its page stays for the secretariat and the author."""
    return _move_practice(actor, practice, "archive", perm=Perm.KNOWLEDGE_MANAGE)


def republish_practice(*, actor: Any, practice: Practice) -> Practice:
    return _move_practice(actor, practice, "republish", perm=Perm.KNOWLEDGE_MANAGE)


def resolve_comments(*, actor: Any, practice: Practice) -> int:
    """The author resubmits: the comments they answered are marked resolved."""
    return practice.comments.filter(resolved_at__isnull=True).update(resolved_at=timezone_now())


def translate_practice(*, actor: Any, practice: Practice, language: str, **texts: str) -> Practice:
    """Add or correct the practice's text in another language, marked as a translation."""
    from befus.knowledge.choices import TEXT_FIELDS

    _require(actor, Perm.PRACTICE_TRANSLATE, practice)
    if language not in ("nl", "fr", "en") or language == practice.original_language:
        raise DomainError(_("Choose a language other than the original."), field="language")
    unknown = set(texts) - set(TEXT_FIELDS)
    if unknown:
        raise TypeError(f"unknown text fields: {sorted(unknown)}")
    if not (texts.get("title", "").strip() and texts.get("summary", "").strip()):
        raise DomainError(_("Translate at least the title and the summary."), field="title")
    with transaction.atomic():
        practice = Practice.objects.select_for_update().get(pk=practice.pk)
        for name, value in texts.items():
            setattr(practice, f"{name}_{language}", value.strip())
        translations = dict(practice.translations or {})
        translations[language] = {"by": actor.pk, "at": timezone_now().date().isoformat()}
        practice.translations = translations
        practice.save()
        record_event(
            actor=actor,
            verb="knowledge.practice.translate",
            target=practice,
            data={"language": language},
        )
        _reindex(practice)
    return practice


def add_evaluation(*, actor: Any, practice: Practice, language: str, **fields: Any) -> Evaluation:
    """A new version of the practice's learning evaluation; the earlier ones stay readable."""
    from befus.knowledge.choices import MARYLAND_RANGE

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


def ask_contact(*, actor: Any, practice: Practice, text: str) -> Any:
    """A question to the practice's contact: relayed by the platform, neither side's address
    shown; the contact answers by e-mail to the person who asked."""
    from django.core.mail import EmailMessage

    from befus.knowledge.models import PracticeQuestion

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
    *, actor: Any, practice: Practice, organisation: Any, adopted_on: Any, adaptations: str = ""
) -> Any:
    """A member city records that it adopted the practice, with its own adaptations."""
    from befus.knowledge.models import Adoption
    from befus.knowledge.permissions import may_act_for

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


# --- the tree -------------------------------------------------------------------------------------


def merge_topics(*, actor: Any, source: Topic, target: Topic) -> Topic:
    """Merge ``source`` into ``target``: everything classified under it moves to the target,
    its sub-nodes move under the target, its address redirects there. Nothing is lost."""
    from befus.core.search.engine import concepts_changed, index_objects, remove_objects
    from befus.knowledge.models import Publication, Recommendation, TopicRedirect
    from befus.networks.models import Network

    _require(actor, Perm.KNOWLEDGE_MANAGE)
    if source.pk == target.pk:
        raise DomainError(_("Choose another theme to merge into."), field="target")
    if target.path.startswith(source.path):
        raise DomainError(
            _("A theme cannot be merged into one of its own sub-themes."), field="target"
        )
    with transaction.atomic():
        moved: dict[str, list[int]] = {}
        for model, name in (
            (Practice, "practice"),
            (Network, "network"),
            (Publication, "publication"),
        ):
            through = model.topics.through
            column = f"{model._meta.model_name}_id"
            ids = list(through.objects.filter(topic=source).values_list(column, flat=True))
            through.objects.bulk_create(
                [through(topic_id=target.pk, **{column: pk}) for pk in ids], ignore_conflicts=True
            )
            through.objects.filter(topic=source).delete()
            moved[name] = ids
        moved["recommendation"] = list(
            Recommendation.objects.filter(topic=source).values_list("pk", flat=True)
        )
        Recommendation.objects.filter(topic=source).update(topic=target)
        for child in Topic.objects.get_children(source):
            child = Topic.objects.get(pk=child.pk)
            Topic.objects.move(child, Topic.objects.get(pk=target.pk), "last-child")
        TopicRedirect.objects.filter(topic=source).update(topic=target)
        TopicRedirect.objects.update_or_create(old_slug=source.slug, defaults={"topic": target})
        record_event(
            actor=actor,
            verb="knowledge.topic.merge",
            target=target,
            data={"source": source.slug, "moved": {k: len(v) for k, v in moved.items()}},
        )
        Topic.objects.get(pk=source.pk).delete()
        remove_objects("topic", [source.pk])
    concepts_changed()
    index_objects(
        "practice",
        Practice.objects.filter(pk__in=moved["practice"]).prefetch_related(
            "topics", "organisations", "evaluations"
        ),
    )
    index_objects("network", Network.objects.filter(pk__in=moved["network"]))
    index_objects("publication", Publication.objects.filter(pk__in=moved["publication"]))
    index_objects("recommendation", Recommendation.objects.filter(pk__in=moved["recommendation"]))
    return Topic.objects.get(pk=target.pk)
