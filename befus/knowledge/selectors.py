"""Reads on the thematic tree."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    F,
    Func,
    IntegerField,
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse

from befus.accounts.models import User
from befus.accounts.roles import Role, roles_for
from befus.accounts.types import Person
from befus.core.audit import int_ids
from befus.core.permissions import Perm
from befus.knowledge.choices import PracticeStatus, ProposalStatus
from befus.knowledge.models import (
    Adoption,
    Evaluation,
    Practice,
    PracticeAttachment,
    Publication,
    Recommendation,
    Topic,
    TranslationProposal,
)
from befus.knowledge.permissions import (
    openable_practices,
    readable_practices,
    reviewing_topic_paths,
)
from befus.networks.selectors import networks_for_directory

if TYPE_CHECKING:
    from befus.members.models import Organisation
    from befus.networks.models import Network


def pillars_with_phenomena() -> list[tuple[Topic, list[Topic]]]:
    """The pillars, each with its phenomena, read in one query."""
    nodes = list(Topic.objects.get_tree().filter(depth__lte=2))
    return [
        (root, [node for node in nodes if node.depth == 2 and node.path.startswith(root.path)])
        for root in nodes
        if root.depth == 1
    ]


def get_topic(slug: str) -> Topic:
    topic = Topic.objects.filter(slug=slug).first()
    if topic is None:
        raise Http404
    return topic


# --- practices, recommendations, publications -----------------------------------------------------


def practices_for(user: Person) -> QuerySet[Practice]:
    return Practice.objects.filter(readable_practices(user))


class PracticeFilters(TypedDict, total=False):
    """The filters of a practice list (``PracticeFilterForm.filters``)."""

    region: str
    organisation: Organisation | None
    year: int | None
    language: str
    evidence: str


def filtered_practices(
    user: Person,
    *,
    topic: Topic | None = None,
    region: str = "",
    organisation: Organisation | None = None,
    year: int | None = None,
    language: str = "",
    evidence: str = "",
) -> QuerySet[Practice]:
    """The practices ``user`` may read, narrowed by the filters; newest first."""
    practices = practices_for(user)
    if topic is not None:
        practices = practices.filter(
            pk__in=Practice.topics.through.objects.filter(
                topic__path__startswith=topic.path
            ).values("practice_id")
        )
    # Subqueries, not joins: a practice of two cities is listed once, with no DISTINCT over
    # every column (which PostgreSQL sorts in full).
    places = Practice.organisations.through.objects
    if region:
        practices = practices.filter(
            pk__in=places.filter(organisation__region=region).values("practice_id")
        )
    if organisation is not None:
        practices = practices.filter(
            pk__in=places.filter(organisation=organisation).values("practice_id")
        )
    if year:
        practices = practices.filter(
            Q(year_start__lte=year) & (Q(year_end__gte=year) | Q(year_end__isnull=True))
        )
    if language:
        practices = practices.filter(original_language=language)
    if evidence:
        latest = Evaluation.objects.filter(practice=OuterRef("pk")).order_by("-version")
        practices = practices.annotate(
            latest_evidence=Subquery(latest.values("evidence")[:1])
        ).filter(latest_evidence=evidence)
    return practices.order_by("-published_at", "-id")


def _count_under(user: Person) -> Subquery:
    """For a node (outer ``path``): how many readable practices are classified in its subtree."""
    under = (
        practices_for(user)
        .filter(
            pk__in=Practice.topics.through.objects.filter(
                topic__path__startswith=OuterRef(OuterRef("path"))
            ).values("practice_id")
        )
        .order_by()
        .annotate(total=Func(F("pk"), function="COUNT"))
        .values("total")[:1]
    )
    return Subquery(under, output_field=IntegerField())


@dataclass
class NodePage:
    topic: Topic
    ancestors: list[Topic]
    children: list[Topic]
    networks: list[Network]
    practices: Page[Practice]
    practice_count: int
    recommendations: list[Recommendation]
    publications: list[Publication]


def node_page(
    topic: Topic, user: Person, filters: PracticeFilters, page_number: int | str | None
) -> NodePage:
    """A node: what is done together and why. Its practices (filtered, paginated), the
    recommendations still a priority, the publications, the networks, the sub-nodes with counts."""
    children = list(
        Topic.objects.get_children(topic).annotate(practice_count=Coalesce(_count_under(user), 0))
    )
    practices = filtered_practices(user, topic=topic, **filters).prefetch_related(
        Prefetch("organisations"),
    )
    page = Paginator(practices, 10).get_page(page_number)
    subtree = Q(topic__path__startswith=topic.path)
    return NodePage(
        topic=topic,
        ancestors=list(Topic.objects.get_ancestors(topic)),
        children=children,
        networks=list(
            networks_for_directory(user).filter(topics__path__startswith=topic.path).distinct()
        ),
        practices=page,
        practice_count=page.paginator.count,
        recommendations=list(
            Recommendation.objects.filter(subtree, is_priority=True).select_related("topic")[:20]
        ),
        publications=list(
            Publication.objects.filter(topics__path__startswith=topic.path).distinct()[:10]
        ),
    )


def get_practice_for_user(user: Person, slug: str) -> Practice:
    practice = (
        Practice.objects.select_related("contact", "network", "author").filter(slug=slug).first()
    )
    if practice is None or not user.has_perm(Perm.PRACTICE_VIEW, practice):
        raise Http404
    return practice


@dataclass
class PracticePage:
    practice: Practice
    evaluation: Evaluation | None
    earlier_evaluations: list[Evaluation]
    topics: list[Topic]
    organisations: list[Organisation]
    adoptions: list[Adoption]
    attachments: list[PracticeAttachment]


def practice_page(practice: Practice) -> PracticePage:
    evaluations = list(practice.evaluations.order_by("-version"))
    return PracticePage(
        practice=practice,
        evaluation=evaluations[0] if evaluations else None,
        earlier_evaluations=evaluations[1:],
        topics=list(practice.topics.order_by("path")),
        organisations=list(practice.organisations.all()),
        adoptions=list(practice.adoptions.select_related("organisation")),
        attachments=list(practice.attachments.all()),
    )


def publications() -> QuerySet[Publication]:
    return Publication.objects.prefetch_related("topics").order_by("-year", "id")


@dataclass
class ReviewQueue:
    """What waits for a reviewer: practices and proposed translations they may decide, and
    their own practices in review, which another reviewer decides (four eyes)."""

    practices: list[Practice]
    translations: list[TranslationProposal]
    own: list[Practice]


def review_queue(user: Person) -> ReviewQueue:
    """The practices and translations waiting for review that ``user`` may review, oldest first."""
    waiting = Practice.objects.filter(status__in=("submitted", "in_review")).select_related(
        "author"
    )
    proposals = TranslationProposal.objects.filter(
        status=ProposalStatus.PROPOSED, practice__status=PracticeStatus.PUBLISHED
    ).select_related("practice", "proposed_by")
    under = _reviewed_by(user)
    if under is None:
        return ReviewQueue([], [], [])
    mine = Q(author=user.pk)
    return ReviewQueue(
        practices=list(waiting.filter(under).exclude(mine).order_by("submitted_at", "id")),
        translations=list(
            proposals.filter(practice__in=Practice.objects.filter(under).exclude(mine))
            .exclude(proposed_by=user.pk)
            .order_by("proposed_at", "id")
        ),
        own=list(waiting.filter(mine).order_by("submitted_at", "id")),
    )


def _reviewed_by(user: Person) -> Q | None:
    """The practices ``user`` reviews by role, as a filter (their own included: callers take
    them out); ``None`` when they review none."""
    if Role.SECRETARIAT in roles_for(user):
        return Q()
    paths = reviewing_topic_paths(user)
    if not paths:
        return None
    under = Q()
    for path in paths:
        under |= Q(topic__path__startswith=path)
    return Q(pk__in=Practice.topics.through.objects.filter(under).values("practice_id"))


def pending_translation(
    user: User, practice: Practice, language: str
) -> TranslationProposal | None:
    """``user``'s translation of ``practice`` into ``language`` still waiting for review."""
    return TranslationProposal.objects.filter(
        practice=practice, language=language, proposed_by=user, status=ProposalStatus.PROPOSED
    ).first()


def pending_translation_languages(user: User, practice: Practice) -> list[str]:
    """The languages ``user`` has a proposed translation of ``practice`` waiting in."""
    return list(
        TranslationProposal.objects.filter(
            practice=practice, proposed_by=user, status=ProposalStatus.PROPOSED
        ).values_list("language", flat=True)
    )


def get_translation_proposal(practice: Practice, pk: int) -> TranslationProposal:
    proposal = (
        TranslationProposal.objects.select_related("proposed_by", "decided_by")
        .filter(practice=practice, pk=pk)
        .first()
    )
    if proposal is None:
        raise Http404
    return proposal


def openable_practice_links(user: Person, ids: list[str]) -> dict[str, str]:
    """Of the practices ``ids``, those ``user`` may open, with the address of their page (for
    the audit trail: one query for a page of events, the reader's roles aside)."""
    found = Practice.objects.filter(openable_practices(user), pk__in=int_ids(ids)).values_list(
        "pk", "slug"
    )
    return {
        str(pk): reverse("knowledge:practice-detail", kwargs={"slug": slug}) for pk, slug in found
    }


def openable_through_practice(model: type[Model]) -> Callable[[Person, list[str]], dict[str, str]]:
    """The audit rule of a model that belongs to a practice (an evaluation, a file, a proposed
    translation...): named to whoever may open its practice, with a link to the practice."""

    def openable(user: Person, ids: list[str]) -> dict[str, str]:
        found = model._default_manager.filter(
            pk__in=int_ids(ids), practice__in=Practice.objects.filter(openable_practices(user))
        ).values_list("pk", "practice__slug")
        return {
            str(pk): reverse("knowledge:practice-detail", kwargs={"slug": slug})
            for pk, slug in found
        }

    return openable


def practices_of(user: User) -> QuerySet[Practice]:
    return Practice.objects.filter(author=user).order_by("-updated_at", "-id")


def most_adopted(user: Person, limit: int = 5) -> list[Practice]:
    """The practices most cities recorded adopting: which practices spread."""
    return list(
        practices_for(user)
        .annotate(adoption_count=Count("adoptions", distinct=True))
        .filter(adoption_count__gt=0)
        .order_by("-adoption_count", "-published_at")[:limit]
    )
