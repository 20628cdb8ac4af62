from __future__ import annotations

from django.db.models import QuerySet

from befus.core.models import AuditEvent


def audit_events(*, verb_prefix: str = "") -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.select_related("target_type").order_by("-created_at", "-id")
    if verb_prefix:
        events = events.filter(verb__startswith=verb_prefix)
    return events
