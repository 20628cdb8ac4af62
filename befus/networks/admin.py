from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from befus.networks.models import Charter, CityMandate, Network, NetworkMembership


@admin.register(Charter)
class CharterAdmin(TranslationAdmin):
    list_display = ["version", "published_on"]


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = NetworkMembership
    extra = 0
    autocomplete_fields = ["person", "organisation"]
    readonly_fields = ["requested_at", "decided_by", "decided_at", "ended_at"]


class MandateInline(admin.TabularInline):  # type: ignore[type-arg]
    model = CityMandate
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Network)
class NetworkAdmin(TranslationAdmin):
    list_display = ["name", "scope", "status", "proposed_at"]
    list_filter = ["status", "scope"]
    search_fields = ["name_nl", "name_fr", "name_en"]
    readonly_fields = [
        "status",
        "decided_by",
        "decided_at",
        "charter_accepted_by",
        "charter_accepted_at",
    ]
    inlines = [MembershipInline, MandateInline]
