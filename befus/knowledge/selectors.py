"""Reads on the thematic tree."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Count,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from befus.core.permissions import Perm
from befus.knowledge.models import (
    Adoption,
    Evaluation,
    Practice,
    Publication,
    Recommendation,
    Topic,
)


def pillars_with_phenomena() -> list[tuple[Topic, list[Topic]]]:
    """The pillars, each with its phenomena, read in one query."""
    nodes = list(Topic.objects.get_tree().filter(depth__lte=2))
    return [
        (root, [node for node in nodes if node.depth == 2 and node.path.startswith(root.path)])
        for root in nodes
        if root.depth == 1
    ]


def tree_choices() -> list[tuple[int, str]]:
    """Every node as a choice, indented by level, in tree order (one query)."""
    return [(node.pk, "\u2003" * (node.depth - 1) + str(node)) for node in Topic.objects.get_tree()]


@dataclass
class TopicPage:
    topic: Topic
    ancestors: list[Topic]
    children: list[Topic]
    networks: list[Any]


def get_topic(slug: str) -> Topic:
    topic = Topic.objects.filter(slug=slug).first()
    if topic is None:
        raise Http404
    return topic


def topic_page(topic: Topic, user: Any) -> TopicPage:
    """A node with its ancestors, its children and the networks working on its subtree."""
    from befus.networks.selectors import networks_for_directory

    networks = list(
        networks_for_directory(user).filter(topics__path__startswith=topic.path).distinct()
    )
    return TopicPage(
        topic,
        list(Topic.objects.get_ancestors(topic)),
        list(Topic.objects.get_children(topic)),
        networks,
    )


# --- practices, recommendations, publications -----------------------------------------------------


def practices_for(user: Any) -> QuerySet[Practice]:
    from befus.knowledge.permissions import readable_practices

    return Practice.objects.filter(readable_practices(user))


def filtered_practices(
    user: Any,
    *,
    topic: Topic | None = None,
    region: str = "",
    organisation: Any = None,
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


def _count_under(user: Any) -> Subquery:
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
    networks: list[Any]
    practices: Any  # a page of practices
    practice_count: int
    recommendations: list[Recommendation]
    publications: list[Publication]


def node_page(topic: Topic, user: Any, filters: dict[str, Any], page_number: Any) -> NodePage:
    """A node: what is done together and why. Its practices (filtered, paginated), the
    recommendations still a priority, the publications, the networks, the sub-nodes with counts."""
    from django.core.paginator import Paginator

    from befus.networks.selectors import networks_for_directory

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


def get_practice_for_user(user: Any, slug: str) -> Practice:
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
    organisations: list[Any]
    adoptions: list[Adoption]
    attachments: list[Any]


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


def review_queue(user: Any) -> list[Practice]:
    """The practices waiting for review that ``user`` may review, oldest first."""
    from befus.accounts.roles import Role, roles_for
    from befus.knowledge.permissions import reviewing_topic_paths

    waiting = Practice.objects.filter(status__in=("submitted", "in_review")).select_related(
        "author"
    )
    if Role.SECRETARIAT not in roles_for(user):
        paths = reviewing_topic_paths(user)
        if not paths:
            return []
        under = Q()
        for path in paths:
            under |= Q(topic__path__startswith=path)
        waiting = waiting.filter(
            pk__in=Practice.topics.through.objects.filter(under).values("practice_id")
        )
    return list(waiting.order_by("submitted_at", "id"))


def practices_of(user: Any) -> QuerySet[Practice]:
    return Practice.objects.filter(author=user).order_by("-updated_at", "-id")


def most_adopted(user: Any, limit: int = 5) -> list[Practice]:
    """The practices most cities recorded adopting: which practices spread."""
    return list(
        practices_for(user)
        .annotate(adoption_count=Count("adoptions", distinct=True))
        .filter(adoption_count__gt=0)
        .order_by("-adoption_count", "-published_at")[:limit]
    )
