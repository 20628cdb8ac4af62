from typing import Any

from django.contrib import admin
from django.db import transaction
from modeltranslation.admin import TranslationAdmin

from befus.core.search.engine import index_objects, remove_objects
from befus.knowledge.models import Practice, Publication, Recommendation


class ReindexOnSave:
    """Admin edits reach the search at once (services index their own writes)."""

    search_kind = ""

    def save_related(self, request: Any, form: Any, formsets: Any, change: Any) -> None:
        super().save_related(request, form, formsets, change)  # type: ignore[misc]

        obj = form.instance
        transaction.on_commit(
            lambda: index_objects(self.search_kind, type(obj).objects.filter(pk=obj.pk))
        )

    def delete_model(self, request: Any, obj: Any) -> None:
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
