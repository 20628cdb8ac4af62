"""Reads on the thematic tree."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404

from befus.knowledge.models import Topic


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
