from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from modeltranslation.admin import TranslationAdmin

from befus.members.models import Body, Contact, Membership, Organisation, Seat


class ReadOnlyBelowSuperuser:
    """Seats and contacts carry rights (the Chairman's, a mayor's consent): staff change them on
    the register's pages, whose services refuse a role recorded for oneself; here only a
    superuser may."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Membership
    extra = 0


class ContactInline(ReadOnlyBelowSuperuser, admin.TabularInline):  # type: ignore[type-arg]
    model = Contact
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Organisation)
class OrganisationAdmin(TranslationAdmin):
    list_display = ["name", "kind", "nis_code", "region", "province"]
    list_filter = ["kind", "region", "province"]
    search_fields = ["name_nl", "name_fr", "name_en", "name_de", "nis_code"]
    prepopulated_fields = {"slug": ["name_nl"]}
    inlines = [MembershipInline, ContactInline]


class SeatInline(ReadOnlyBelowSuperuser, admin.TabularInline):  # type: ignore[type-arg]
    model = Seat
    extra = 0
    autocomplete_fields = ["person", "organisation"]


@admin.register(Body)
class BodyAdmin(TranslationAdmin):
    list_display = ["name", "kind"]
    inlines = [SeatInline]


@admin.register(Seat)
class SeatAdmin(ReadOnlyBelowSuperuser, admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["person", "body", "role", "organisation", "start", "end"]
    list_filter = ["body", "role"]
    autocomplete_fields = ["person", "organisation"]
