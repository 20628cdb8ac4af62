"""Every change made in the admin lands in the audit trail, whichever app registered the model."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse

from befus.core.admin_site import AdminSite, AuditedAdminMixin, AuditedMoveMixin
from befus.core.models import AuditEvent
from befus.core.verbs import VERB_LABELS
from befus.knowledge.models import Publication, Topic
from befus.members.choices import BodyKind
from tests.accounts.factories import UserFactory
from tests.accounts.test_admin_security import form_data
from tests.accounts.totp import activate_totp
from tests.members.factories import BodyFactory, SeatFactory

AUDITED_METHODS = [
    "construct_change_message",
    "log_addition",
    "log_change",
    "log_deletions",
    "get_actions",
]
# Views that admins add beside Django's own, with why they need no further audit.
EXTRA_ADMIN_VIEWS = {
    "user_change_password": "saves through log_change",
    "move_node": "django-treebeard's move, audited by AuditedMoveMixin",
    "children_view": "django-treebeard's tree, read only",
    "JavaScriptCatalog": "translations for the tree's script, read only",
}


@pytest.fixture
def superuser(db: None) -> Any:
    user = UserFactory(email="root@example.org", is_staff=True, is_superuser=True)
    activate_totp(user)
    return user


@pytest.fixture
def as_superuser(client: Any, superuser: Any) -> Any:
    client.force_login(superuser)
    return client


def admin_events(verb: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(verb=verb).order_by("pk"))


def first_definer(model_admin: Any, method: str) -> type:
    return next(cls for cls in type(model_admin).__mro__ if method in vars(cls))


def view_name(pattern: Any) -> str:
    """The admin method's name, or the class of a class-based view."""
    view = getattr(pattern.callback, "__wrapped__", pattern.callback)
    view_class = getattr(view, "view_class", None)
    return view_class.__name__ if view_class else view.__name__


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda m: m._meta.label)
def test_every_registered_model_admin_is_audited(model: Any) -> None:
    # given
    model_admin = admin.site._registry[model]
    standard = {view_name(p) for p in admin.ModelAdmin(model, admin.site).get_urls()}
    # when
    funnels = {method: first_definer(model_admin, method) for method in AUDITED_METHODS}
    extra_views = {view_name(p) for p in model_admin.get_urls()} - standard
    # then
    assert set(funnels.values()) == {AuditedAdminMixin}, "a class in front of the audit mixin"
    assert extra_views <= set(EXTRA_ADMIN_VIEWS), "an admin view that may change data unaudited"
    if "move_node" in extra_views:
        assert first_definer(model_admin, "move_node") is AuditedMoveMixin


def test_the_admin_verbs_read_as_sentences() -> None:
    assert {"admin.add", "admin.change", "admin.delete"} <= set(VERB_LABELS)


def test_adding_a_group_is_audited(as_superuser: Any, superuser: Any) -> None:
    # when
    as_superuser.post(reverse("admin:auth_group_add"), {"name": "Editors"})
    # then
    (event,) = admin_events("admin.add")
    group = Group.objects.get(name="Editors")
    assert (event.actor, event.target_id, event.target_repr) == (
        superuser,
        str(group.pk),
        "Editors",
    )
    assert event.data == {"model": "auth.group", "fields": ["name"]}


def test_changing_a_person_is_audited_with_field_names_but_no_values(
    as_superuser: Any, visitor: Any
) -> None:
    # given
    url = reverse("admin:accounts_user_change", args=[visitor.pk])
    page = as_superuser.get(url)
    data = {**form_data(page), "last_name": "Secret-Name", "profile-0-phone": "+32 470 00 00 00"}
    # when
    as_superuser.post(url, data)
    # then
    (event,) = admin_events("admin.change")
    assert event.data == {
        "model": "accounts.user",
        "fields": ["last_name"],
        "related": {"accounts.profile": {"added": 0, "changed": ["phone"], "deleted": 0}},
    }
    assert "Secret-Name" not in str(event.data)
    assert "+32" not in str(event.data)


def test_setting_a_password_in_the_admin_is_audited(as_superuser: Any, visitor: Any) -> None:
    # when
    as_superuser.post(
        reverse("admin:auth_user_password_change", args=[visitor.pk]),
        {"password1": "a new one for you 42", "password2": "a new one for you 42"},
    )
    # then
    (event,) = admin_events("admin.change")
    assert event.target_id == str(visitor.pk)
    assert "a new one" not in str(event.data)


def test_deleting_a_seat_is_audited(as_superuser: Any) -> None:
    # given
    seat = SeatFactory(body=BodyFactory(kind=BodyKind.BOARD))
    # when
    as_superuser.post(reverse("admin:members_seat_delete", args=[seat.pk]), {"post": "yes"})
    # then
    (event,) = admin_events("admin.delete")
    assert (event.target_id, event.data) == (str(seat.pk), {"model": "members.seat"})


def test_bulk_deletion_is_audited_for_each_object(as_superuser: Any) -> None:
    # given
    groups = [Group.objects.create(name=name) for name in ("One", "Two")]
    # when
    as_superuser.post(
        reverse("admin:auth_group_changelist"),
        {"action": "delete_selected", "_selected_action": [g.pk for g in groups], "post": "yes"},
    )
    # then
    assert Group.objects.filter(name__in=["One", "Two"]).exists() is False
    assert [e.target_repr for e in admin_events("admin.delete")] == ["One", "Two"]


def test_moving_a_theme_in_the_tree_is_audited(as_superuser: Any) -> None:
    # given
    parent = Topic.objects.add_root({"name": "Parent", "name_en": "Parent", "slug": "parent"})
    theme = Topic.objects.add_root({"name": "Theme", "name_en": "Theme", "slug": "theme"})
    # when
    response = as_superuser.post(
        reverse("admin:themes_topic_changelist") + "move/",
        {"node": theme.pk, "target": parent.pk, "relation": "child"},
    )
    # then
    assert response.status_code == 200
    (event,) = admin_events("admin.change")
    assert event.target_id == str(theme.pk)
    assert event.data["model"] == "themes.topic"  # the tree moved to its own app


def test_a_bulk_action_of_another_app_is_audited_for_each_object(superuser: Any) -> None:
    # given
    def rename(modeladmin: Any, request: Any, queryset: Any) -> None:
        queryset.update(name="Renamed")

    site = AdminSite(name="elsewhere")
    site.register(Group, actions=[rename])
    group = Group.objects.create(name="Editors")
    request = RequestFactory().post("/")
    request.user = superuser
    model_admin = site._registry[Group]
    action = model_admin.get_actions(request)["rename"][0]
    # when
    action(model_admin, request, Group.objects.filter(pk=group.pk))
    # then
    (event,) = admin_events("admin.change")
    assert event.data == {"model": "auth.group", "action": "rename"}


def test_admin_forms_take_a_link_without_scheme_as_https(as_superuser: Any) -> None:
    # when (a form assuming http warns of Django 6, and warnings are errors in the tests)
    as_superuser.post(
        reverse("admin:knowledge_publication_add"),
        {
            "title_nl": "Gids",
            "title_en": "Guide",
            "original_language": "nl",
            "year": 2024,
            "kind": "guide",
            "languages": "nl",
            "url": "example.org/gids",
        },
    )
    # then
    assert Publication.objects.get().url == "https://example.org/gids"


def test_the_theme_tree_answers_a_post_without_an_action(client: Any, db: None) -> None:
    """Found by the access matrix: treebeard drew the tree of a POST without its level (500)."""
    from tests.accounts.factories import UserFactory
    from tests.accounts.totp import activate_totp

    root = UserFactory(email="root-tree@example.org", is_staff=True, is_superuser=True)
    activate_totp(root)
    client.force_login(root)
    response = client.post(reverse("admin:themes_topic_changelist"), {})
    assert response.status_code == 200
