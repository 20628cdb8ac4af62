"""Accounts in the admin: who may grant powers, and what stays with the person.

Only a superuser grants powers (superuser, staff, groups, permissions), opens a superuser's
account, creates accounts or sets passwords. Nobody sets another person's login address or
attaches a verified address to their account: the person does that on their own account pages,
where allauth verifies it, because whoever controls an account's address takes the account over
with a password reset. The admin enforces this in the forms it builds, so a field forged into a
request is ignored, and in the views it refuses.
"""

from typing import Any

from allauth.account import admin as allauth_account_admin
from allauth.account.models import EmailAddress, EmailConfirmation
from allauth.mfa import admin as allauth_mfa_admin
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from typing_extensions import override

from befus.accounts.models import ErasureRequest, Profile, User


def is_superuser(request: HttpRequest) -> bool:
    return bool(request.user.is_active and request.user.is_superuser)


class ProfileInline(admin.StackedInline):  # type: ignore[type-arg]
    model = Profile
    fk_name = "user"
    can_delete = False

    @override
    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        """The organisation and its confirmation move through the affiliation services only.

        Changing the organisation here would keep a confirmation given by another one.
        """
        decided = [f.name for f in Profile._meta.fields if f.name.startswith("affiliation_")]
        return [*super().get_readonly_fields(request, obj), "organisation", *decided]


class StaffUserChangeForm(UserChangeForm):  # type: ignore[type-arg]
    """The user form of staff who are not superusers: no password field, nor its reset link."""

    password = None  # type: ignore[assignment]


@admin.register(User)
class UserAdmin(BaseUserAdmin):  # type: ignore[type-arg]
    """People's accounts; the secretariat corrects names, profiles and whether one is active."""

    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_active", "is_staff"]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [ProfileInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    staff_fieldsets = (
        (None, {"fields": ("email",)}),
        (_("Personal info"), {"fields": ("first_name", "last_name")}),
        (_("Permissions"), {"fields": ("is_active",)}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)

    @override
    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        """Superusers' accounts are out of sight, hence out of reach, of everyone else."""
        users = super().get_queryset(request)
        return users if is_superuser(request) else users.filter(is_superuser=False)

    @override
    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None and not is_superuser(request):
            return self.staff_fieldsets
        return super().get_fieldsets(request, obj)

    @override
    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if obj is not None and not is_superuser(request):
            kwargs["form"] = StaffUserChangeForm
        return super().get_form(request, obj, change=change, **kwargs)

    @override
    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if is_superuser(request):
            return super().get_readonly_fields(request, obj)
        return ("email", "last_login", "date_joined")

    @override
    def has_add_permission(self, request: HttpRequest) -> bool:
        """People sign up themselves; an account made here would carry a password someone knows."""
        return is_superuser(request)

    @override
    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        if not is_superuser(request):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)


@admin.register(ErasureRequest)
class ErasureRequestAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Read-only: a request is carried out (or withdrawn) through its service, which erases the
    data; a status changed here would say "completed" of data still held."""

    list_display = ["requested_at", "user", "status", "decided_at"]
    list_filter = ["status"]

    @override
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @override
    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class GroupAdmin(BaseGroupAdmin):
    """A group carries admin permissions: whoever composed groups could grant themselves any."""

    @override
    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_superuser(request)

    @override
    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_superuser(request)

    @override
    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_superuser(request)


class EmailAddressAdmin(allauth_account_admin.EmailAddressAdmin):
    """Read-only for everyone, superusers included.

    A person adds and verifies addresses on their own account pages; an address attached or
    marked verified here would let its holder reset the account's password.
    """

    actions = ()

    @override
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @override
    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @override
    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AuthenticatorAdmin(allauth_mfa_admin.AuthenticatorAdmin):
    """Second factors, without their secrets; a superuser removes one when a phone is lost."""

    fields = ("user", "type", "created_at", "last_used_at")
    readonly_fields = fields

    @override
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @override
    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @override
    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_superuser(request)


for model, model_admin in [
    (Group, GroupAdmin),
    (EmailAddress, EmailAddressAdmin),
    (Authenticator, AuthenticatorAdmin),
]:
    # allauth's apps come after this one: importing their admin modules above registered them.
    admin.site.unregister(model)
    admin.site.register(model, model_admin)

# Kept only without HMAC keys; its keys would let whoever reads them confirm an address.
if admin.site.is_registered(EmailConfirmation):
    admin.site.unregister(EmailConfirmation)
