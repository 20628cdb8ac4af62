"""Reads on the thematic tree that pages of several apps share."""

from __future__ import annotations

from befus.themes.models import Topic


def tree_choices() -> list[tuple[int, str]]:
    """Every node as a choice, indented by level, in tree order (one query)."""
    return [(node.pk, "\u2003" * (node.depth - 1) + str(node)) for node in Topic.objects.get_tree()]
