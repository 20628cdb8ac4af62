"""The Forum's thematic tree (seed 001): pillars, phenomena, themes and sub-themes.

Below the networks and the knowledge base, which both classify their work in it; a node's old
addresses (renamed, merged) keep leading to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node
from typing_extensions import override

from befus.themes.pages import topic_url

LEVELS = {
    1: _("pillar"),
    2: _("phenomenon"),
    3: _("theme"),
    4: _("sub-theme"),
}


class Topic(MP_Node):
    """A node of the tree; its level (pillar, phenomenon, theme, sub-theme) is its depth."""

    if TYPE_CHECKING:
        name_nl: str
        name_fr: str
        name_en: str

    name: models.CharField[str, str] = models.CharField(_("name"), max_length=300)
    slug: models.SlugField[str, str] = models.SlugField(
        _("address on the site"), max_length=80, unique=True
    )
    description: models.TextField[str, str] = models.TextField(_("description"), blank=True)
    synonyms: models.TextField[str, str] = models.TextField(
        _("synonyms"), blank=True, help_text=_("Other words for it, one per line, in any language.")
    )
    source: models.CharField[str, str] = models.CharField(_("source"), max_length=20, blank=True)

    class Meta:
        # The table keeps the name it had when the tree lived in the knowledge app.
        db_table = "knowledge_topic"
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    @override
    def __str__(self) -> str:
        return self.name

    @property
    def level_label(self) -> str:
        return str(LEVELS.get(self.depth, LEVELS[4]))

    def get_absolute_url(self) -> str:
        # The theme's page lists what is done on it, across the apps: its app registers it.
        return topic_url(self.slug)


class TopicRedirect(models.Model):
    """An old address of a node (renamed or merged), sent on to the node that holds it now."""

    old_slug: models.SlugField[str, str] = models.SlugField(max_length=80, unique=True)
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="redirects")

    class Meta:
        db_table = "knowledge_topicredirect"
        verbose_name = _("old address of a topic")
        verbose_name_plural = _("old addresses of topics")

    @override
    def __str__(self) -> str:
        return f"{self.old_slug} → {self.topic.slug}"
