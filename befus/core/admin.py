from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from typing_extensions import override

from befus.core.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Read-only: the audit trail is append-only."""

    list_display = ["created_at", "actor_label", "verb", "target_repr"]
    list_filter = ["verb"]
    search_fields = ["actor_label", "verb", "target_repr"]

    @override
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @override
    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @override
    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
