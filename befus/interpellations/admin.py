from django.contrib import admin

from befus.interpellations.models import (
    Assignment,
    Entry,
    Interpellation,
    RoutingDelegate,
    ValidationDelegation,
)


class AssignmentInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Assignment
    extra = 0
    raw_id_fields = ("person", "assigned_by")


@admin.register(Interpellation)
class InterpellationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Read the requests; every step goes through the request's page, where it is audited."""

    list_display = ("reference", "subject", "requester_kind", "status", "received_at", "due_date")
    list_filter = ("status", "requester_kind", "language")
    search_fields = ("reference", "subject")
    inlines = [AssignmentInline]
    readonly_fields = ("tracking_key", "erased_at", "answered_at", "finished_at")
    raw_id_fields = ("requester",)


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("interpellation", "kind", "author", "created_at")
    list_filter = ("kind",)
    raw_id_fields = ("interpellation", "author", "validated_by")


@admin.register(RoutingDelegate)
class RoutingDelegateAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("person", "start", "end", "named_by")
    raw_id_fields = ("person", "named_by")


admin.site.register(ValidationDelegation)
