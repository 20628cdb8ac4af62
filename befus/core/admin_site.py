"""The admin site: every change made there lands in the audit trail, like any other decision.

Django's admin writes its own ``LogEntry`` rows, which the platform's audit page never shows.
Rather than ask each ``ModelAdmin`` (ours, allauth's, django-tasks', ``Group``'s) to remember the
audit trail, the site's ``register()`` puts :class:`AuditedAdminMixin` in front of every admin
class it receives: Django funnels each add, change, deletion and bulk action through the methods
that mixin overrides. ``tests/core/test_admin_audit.py`` walks the registry to keep it so.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models, router, transaction
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from typing_extensions import override

from befus.core.audit import record_event

ADMIN_ADD = "admin.add"
ADMIN_CHANGE = "admin.change"
ADMIN_DELETE = "admin.delete"

# The bulk action that audits itself through ``log_deletions``.
DELETE_ACTION = "delete_selected"


class ChangeMessage(list[Any]):
    """Django's change message (for ``LogEntry``), carrying the names of what changed.

    The message itself names fields by their labels in the default language and objects by
    their text (often a person's name); the audit trail keeps the stable field names only.
    """

    def __init__(self, message: Iterable[Any], *, changes: dict[str, Any]) -> None:
        super().__init__(message)
        self.changes = changes


def describe_changes(form: BaseForm, formsets: Iterable[Any] | None) -> dict[str, Any]:
    """The names of the fields a form changed, and what its inline formsets added or removed."""
    changes: dict[str, Any] = {"fields": sorted(form.changed_data)}
    related: dict[str, dict[str, Any]] = {}
    for formset in formsets or ():
        counts: dict[str, Any] = {
            "added": len(getattr(formset, "new_objects", [])),
            "changed": sorted(
                {name for _obj, names in getattr(formset, "changed_objects", []) for name in names}
            ),
            "deleted": len(getattr(formset, "deleted_objects", [])),
        }
        if any(counts.values()):
            related[formset.model._meta.label_lower] = counts
    if related:
        changes["related"] = related
    return changes


def audit_admin_change(
    request: HttpRequest, verb: str, obj: models.Model, data: dict[str, Any]
) -> None:
    """Record one admin decision on ``obj``: the model's label first, then what changed."""
    record_event(
        actor=request.user,
        verb=verb,
        target=obj,
        data={"model": obj._meta.label_lower, **data},
    )


class AuditedAdminMixin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Write an ``AuditEvent`` beside each ``LogEntry`` Django's admin writes.

    ``log_addition``, ``log_change`` and ``log_deletions`` are the funnel Django itself uses for
    the add and change forms, the list's inline editing, the password form of users and the
    delete page and bulk deletion; other bulk actions are wrapped in ``get_actions``.
    """

    @override
    def construct_change_message(
        self,
        request: HttpRequest,
        form: Any,
        formsets: Iterable[Any],
        add: bool = False,
    ) -> list[dict[str, dict[str, list[str]]]]:
        message = super().construct_change_message(request, form, formsets, add)
        return ChangeMessage(message, changes=describe_changes(form, formsets))

    @override
    def log_addition(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        audit_admin_change(request, ADMIN_ADD, obj, getattr(message, "changes", {}))
        return super().log_addition(request, obj, message)

    @override
    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        audit_admin_change(request, ADMIN_CHANGE, obj, getattr(message, "changes", {}))
        return super().log_change(request, obj, message)

    @override
    def log_deletions(self, request: HttpRequest, queryset: Any) -> Any:
        # Called before the rows go, so that each still has its primary key and its text.
        for obj in queryset:
            audit_admin_change(request, ADMIN_DELETE, obj, {})
        return super().log_deletions(request, queryset)

    @override
    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        return {
            name: (self._audited_action(name, entry[0]), *entry[1:])
            for name, entry in actions.items()
            if entry is not None
        }

    def _audited_action(self, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        """Run a bulk action in one transaction and audit each object it was given.

        An action that answers with a page (a confirmation, a download) has changed nothing yet;
        one that returns nothing or a redirect has done its work. Bulk deletion audits itself.
        """
        using = router.db_for_write(self.model)

        @functools.wraps(func)
        def run(modeladmin: Any, request: HttpRequest, queryset: Any) -> HttpResponseBase | None:
            with transaction.atomic(using=using):
                objects = [] if name == DELETE_ACTION else list(queryset)
                response: HttpResponseBase | None = func(modeladmin, request, queryset)
                if response is None or isinstance(response, HttpResponseRedirect):
                    for obj in objects:
                        audit_admin_change(request, ADMIN_CHANGE, obj, {"action": name})
            return response

        return run


class AuditedMoveMixin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Audit django-treebeard's drag-and-drop move, a view of its own outside Django's funnel."""

    def move_node(self, request: HttpRequest) -> HttpResponse:
        with transaction.atomic(using=router.db_for_write(self.model)):
            response: HttpResponse = super().move_node(request)  # type: ignore[misc]
            if response.status_code == 200:
                node = self.model._default_manager.get(pk=request.POST["node"])
                audit_admin_change(
                    request,
                    ADMIN_CHANGE,
                    node,
                    {"fields": ["position"], "relation": request.POST.get("relation", "")},
                )
        return response


class HttpsLinksMixin(admin.ModelAdmin):  # type: ignore[type-arg]
    """A link typed without its scheme is https, as in the platform's own forms and Django 6."""

    @override
    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")
        return super().formfield_for_dbfield(db_field, request, **kwargs)


def audited(admin_class: type[admin.ModelAdmin]) -> type[admin.ModelAdmin]:  # type: ignore[type-arg]
    """``admin_class`` with the audit mixins (and https links) in front of it, once."""
    if issubclass(admin_class, AuditedAdminMixin):
        return admin_class
    mixins: tuple[type, ...] = (AuditedAdminMixin, HttpsLinksMixin)
    if hasattr(admin_class, "move_node"):
        mixins = (AuditedMoveMixin, *mixins)
    return type(
        admin_class.__name__,
        (*mixins, admin_class),
        {"__module__": admin_class.__module__, "__qualname__": admin_class.__qualname__},
    )


class AdminSite(admin.AdminSite):
    """Django's admin site, audited, and entered only through the platform's own login."""

    @override
    def register(
        self,
        model_or_iterable: type[models.Model] | Iterable[type[models.Model]],
        admin_class: type[admin.ModelAdmin] | None = None,  # type: ignore[type-arg]
        **options: Any,
    ) -> None:
        super().register(model_or_iterable, audited(admin_class or admin.ModelAdmin), **options)

    @override
    @method_decorator(never_cache)
    def login(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """Send people to the platform's login, never show the admin's password-only form.

        The admin's form would let a stolen password in without the second factor and around
        the login throttle; logged in, anyone who is not staff is refused here.
        """
        if not request.user.is_authenticated:
            next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse(
                "admin:index", current_app=self.name
            )
            return redirect_to_login(next_url, settings.LOGIN_URL)
        if not self.has_permission(request):
            raise PermissionDenied
        return redirect(reverse("admin:index", current_app=self.name))

    @override
    def password_change(  # type: ignore[override]  # the stubs narrow Django's redirect away
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """Change one's password on allauth's page, which checks it and tells the person."""
        return redirect("account_change_password")
