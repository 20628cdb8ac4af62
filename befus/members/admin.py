from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from befus.members.models import Body, Contact, Membership, Organisation, Seat


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Membership
    extra = 0


class ContactInline(admin.TabularInline):  # type: ignore[type-arg]
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


class SeatInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Seat
    extra = 0
    autocomplete_fields = ["person", "organisation"]


@admin.register(Body)
class BodyAdmin(TranslationAdmin):
    list_display = ["name", "kind"]
    inlines = [SeatInline]


@admin.register(Seat)
class SeatAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["person", "body", "role", "organisation", "start", "end"]
    list_filter = ["body", "role"]
    autocomplete_fields = ["person", "organisation"]
