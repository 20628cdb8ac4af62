from typing import Any, cast

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from modeltranslation.admin import TranslationAdmin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory
from typing_extensions import override

from befus.accounts.models import User
from befus.themes.models import Topic, TopicRedirect
from befus.themes.services import keep_old_address


@admin.register(Topic)
class TopicAdmin(TreeAdmin, TranslationAdmin):
    """The secretariat adds, renames and moves nodes here (drag and drop in the tree)."""

    form = movenodeform_factory(Topic)
    list_display = ["name", "slug", "source"]
    search_fields = ["name_nl", "name_fr", "name_en", "slug"]

    @override
    def save_model(self, request: HttpRequest, obj: Topic, form: Any, change: bool) -> None:
        """A new address keeps the old one leading here (recorded, like the change itself)."""
        old = (
            Topic.objects.filter(pk=obj.pk).values_list("slug", flat=True).first() if change else ""
        )
        super().save_model(request, obj, form, change)
        if old:
            # The admin is open to logged-in staff only: the person is a User.
            keep_old_address(actor=cast(User, request.user), topic=obj, old_slug=old)

    @override
    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        # treebeard sets the level shown on a GET only; a POST (an action sent without a
        # choice) would draw the tree without it and fail. It is the whole tree either way.
        if request.method != "GET":
            request._treebeard_parent = None  # type: ignore[attr-defined]
        return super().changelist_view(request, extra_context)


admin.site.register(TopicRedirect)
