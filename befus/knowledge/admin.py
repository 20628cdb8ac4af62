from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from befus.knowledge.models import Topic


@admin.register(Topic)
class TopicAdmin(TreeAdmin, TranslationAdmin):
    """The secretariat adds, renames and moves nodes here (drag and drop in the tree)."""

    form = movenodeform_factory(Topic)
    list_display = ["name", "slug", "source"]
    search_fields = ["name_nl", "name_fr", "name_en", "slug"]
