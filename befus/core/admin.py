from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from typing_extensions import override

from befus.core.models import AuditEvent, OutgoingEmail


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


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """What waits for the mail server, and what it refused (with the last error)."""

    list_display = ["created_at", "subject", "recipients", "state", "attempts", "last_error"]
    list_filter = ["state"]
    search_fields = ["subject", "recipients"]
    readonly_fields = ["payload", "attempts", "last_error", "sent_at"]

    @override
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
