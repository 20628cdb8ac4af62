from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from befus.knowledge.models import Practice, Publication, Recommendation, Topic, TopicRedirect


@admin.register(Topic)
class TopicAdmin(TreeAdmin, TranslationAdmin):
    """The secretariat adds, renames and moves nodes here (drag and drop in the tree)."""

    form = movenodeform_factory(Topic)
    list_display = ["name", "slug", "source"]
    search_fields = ["name_nl", "name_fr", "name_en", "slug"]


@admin.register(Recommendation)
class RecommendationAdmin(TranslationAdmin):
    """The secretariat records the Forum's recommendations per phenomenon here."""

    list_display = ["__str__", "topic", "source", "issued_on", "is_priority"]
    list_filter = ["is_priority", "source"]
    search_fields = ["text_nl", "text_fr", "text_en", "source_name"]


@admin.register(Publication)
class PublicationAdmin(TranslationAdmin):
    """The publications library: title, year, kind, authors, languages, file or link, ISBN."""

    list_display = ["title", "year", "kind", "languages"]
    list_filter = ["kind", "year"]
    search_fields = ["title_nl", "title_fr", "title_en", "authors", "isbn"]
    filter_horizontal = ["topics"]


@admin.register(Practice)
class PracticeAdmin(TranslationAdmin):
    """Read and correct; the review steps go through the practice's pages (audited)."""

    list_display = ["title", "ref", "original_language", "status", "visibility", "published_at"]
    list_filter = ["status", "visibility", "original_language"]
    search_fields = ["title_nl", "title_fr", "title_en", "ref", "places"]
    readonly_fields = ["status", "submitted_at", "published_at", "translations"]
    filter_horizontal = ["topics", "organisations"]
    raw_id_fields = ["author", "contact", "network"]


admin.site.register(TopicRedirect)
