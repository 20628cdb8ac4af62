from typing import Any

from django.contrib import admin
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from modeltranslation.admin import TranslationAdmin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory
from typing_extensions import override

from befus.knowledge.models import Practice, Publication, Recommendation, Topic, TopicRedirect


@admin.register(Topic)
class TopicAdmin(TreeAdmin, TranslationAdmin):
    """The secretariat adds, renames and moves nodes here (drag and drop in the tree)."""

    form = movenodeform_factory(Topic)
    list_display = ["name", "slug", "source"]
    search_fields = ["name_nl", "name_fr", "name_en", "slug"]

    @override
    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        # treebeard sets the level shown on a GET only; a POST (an action sent without a
        # choice) would draw the tree without it and fail. It is the whole tree either way.
        if request.method != "GET":
            request._treebeard_parent = None  # type: ignore[attr-defined]
        return super().changelist_view(request, extra_context)


class ReindexOnSave:
    """Admin edits reach the search at once (services index their own writes)."""

    search_kind = ""

    def save_related(self, request: Any, form: Any, formsets: Any, change: Any) -> None:
        super().save_related(request, form, formsets, change)  # type: ignore[misc]
        from befus.core.search.engine import index_objects

        obj = form.instance
        transaction.on_commit(
            lambda: index_objects(self.search_kind, type(obj).objects.filter(pk=obj.pk))
        )

    def delete_model(self, request: Any, obj: Any) -> None:
        from befus.core.search.engine import remove_objects

        pk = obj.pk
        super().delete_model(request, obj)  # type: ignore[misc]
        remove_objects(self.search_kind, [pk])


@admin.register(Recommendation)
class RecommendationAdmin(ReindexOnSave, TranslationAdmin):
    """The secretariat records the Forum's recommendations per phenomenon here."""

    search_kind = "recommendation"
    list_display = ["__str__", "topic", "source", "issued_on", "is_priority"]
    list_filter = ["is_priority", "source"]
    search_fields = ["text_nl", "text_fr", "text_en", "source_name"]


@admin.register(Publication)
class PublicationAdmin(ReindexOnSave, TranslationAdmin):
    """The publications library: title, year, kind, authors, languages, file or link, ISBN."""

    search_kind = "publication"
    list_display = ["title", "year", "kind", "languages"]
    list_filter = ["kind", "year"]
    search_fields = ["title_nl", "title_fr", "title_en", "authors", "isbn"]
    filter_horizontal = ["topics"]


@admin.register(Practice)
class PracticeAdmin(ReindexOnSave, TranslationAdmin):
    """Read and correct; the review steps go through the practice's pages (audited)."""

    search_kind = "practice"
    list_display = ["title", "ref", "original_language", "status", "visibility", "published_at"]
    list_filter = ["status", "visibility", "original_language"]
    search_fields = ["title_nl", "title_fr", "title_en", "ref", "places"]
    readonly_fields = ["status", "submitted_at", "published_at", "translations"]
    filter_horizontal = ["topics", "organisations"]
    raw_id_fields = ["author", "contact", "network"]


admin.site.register(TopicRedirect)
