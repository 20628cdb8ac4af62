"""The admin grants no powers and no one else's address: escalation attempts, forged posts included.

The secretariat works with the demo's admin group; what the admin's forms do not show, a forged
post must not change either.
"""

from __future__ import annotations

from typing import Any

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.forms import MultiWidget
from django.test import Client
from django.urls import reverse

from befus.demo import secretariat_admin_group
from befus.members.choices import BodyKind, SeatRole
from tests.accounts.factories import UserFactory
from tests.accounts.totp import activate_totp
from tests.members.factories import BodyFactory, SeatFactory

PASSWORD = "correct horse battery"


def staff(email: str, **flags: Any) -> Any:
    """A staff account with its second factor set up (the admin requires one)."""
    user = UserFactory(email=email, is_staff=True, **flags)
    activate_totp(user)
    return user


@pytest.fixture
def secretariat(db: None) -> Any:
    user = staff("officer@example.org")
    SeatFactory(body=BodyFactory(kind=BodyKind.SECRETARIAT), person=user, role=SeatRole.OFFICER)
    user.groups.add(secretariat_admin_group())
    return user


@pytest.fixture
def superuser(db: None) -> Any:
    return staff("root@example.org", is_superuser=True, first_name="Root")


@pytest.fixture
def account_keeper(db: None) -> Any:
    """Staff holding every permission of allauth's apps and of Django's groups."""
    user = staff("keeper@example.org")
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["account", "mfa", "auth"])
    )
    return user


def form_data(response: Any) -> dict[str, Any]:
    """What the admin's change page would post back unchanged: its form and inline formsets."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data: dict[str, Any] = {}
    for form in forms:
        for name, field in form.fields.items():
            value = form[name].value()
            data.update(field_data(field, form.add_prefix(name), value))
            if field.show_hidden_initial:  # fields with a callable default carry their initial
                data.update(field_data(field, form.add_initial_prefix(name), value))
    return data


def field_data(field: Any, key: str, value: Any) -> dict[str, Any]:
    """What a browser posts for one field's widget."""
    if isinstance(field.widget, MultiWidget):
        parts = field.widget.decompress(value)
        return {f"{key}_{i}": "" if part is None else part for i, part in enumerate(parts)}
    if isinstance(value, bool):
        return {key: "on"} if value else {}
    return {} if value is None else {key: value}


def post_user_form(client: Any, person: Any, **changes: Any) -> Any:
    url = reverse("admin:accounts_user_change", args=[person.pk])
    return client.post(url, {**form_data(client.get(url)), **changes})


def test_secretariat_cannot_make_itself_superuser_by_a_forged_post(
    secretariat: Any, client: Any
) -> None:
    # given
    client.force_login(secretariat)
    everything = list(Permission.objects.values_list("pk", flat=True))
    group = Group.objects.create(name="Everything")
    group.permissions.set(everything)
    # when
    post_user_form(
        client,
        secretariat,
        first_name="Renamed",
        is_superuser="on",
        groups=[group.pk],
        user_permissions=everything,
    )
    # then
    secretariat.refresh_from_db()
    assert secretariat.first_name == "Renamed"
    assert secretariat.is_superuser is False
    assert list(secretariat.groups.values_list("name", flat=True)) == ["Secretariat"]
    assert secretariat.user_permissions.count() == 0


def test_secretariat_cannot_make_another_person_staff_by_a_forged_post(
    secretariat: Any, visitor: Any, client: Any
) -> None:
    # given
    client.force_login(secretariat)
    # when
    post_user_form(client, visitor, is_staff="on", is_superuser="on")
    # then
    visitor.refresh_from_db()
    assert (visitor.is_staff, visitor.is_superuser) == (False, False)


def test_secretariat_sees_no_power_login_or_password_on_the_user_page(
    secretariat: Any, visitor: Any, client: Any
) -> None:
    # given
    client.force_login(secretariat)
    # when
    response = client.get(reverse("admin:accounts_user_change", args=[visitor.pk]))
    # then
    fields = set(response.context["adminform"].form.fields)
    assert fields.isdisjoint(
        {"email", "password", "is_staff", "is_superuser", "groups", "user_permissions"}
    )
    assert {"first_name", "last_name", "is_active"} <= fields


def test_secretariat_cannot_change_the_chairmans_login_address(
    secretariat: Any, chairman: Any, client: Any
) -> None:
    # given
    client.force_login(secretariat)
    # when
    post_user_form(client, chairman, email="officer+chair@example.org")
    # then
    chairman.refresh_from_db()
    assert chairman.email == "chair@example.org"


def test_secretariat_cannot_set_a_password_in_the_admin(
    secretariat: Any, chairman: Any, client: Any
) -> None:
    # given
    client.force_login(secretariat)
    url = reverse("admin:auth_user_password_change", args=[chairman.pk])
    # when
    page = client.get(url)
    response = client.post(url, {"password1": "taken over 123!", "password2": "taken over 123!"})
    # then
    assert (page.status_code, response.status_code) == (403, 403)
    chairman.refresh_from_db()
    assert chairman.check_password(PASSWORD) is True


def test_secretariat_can_neither_open_nor_change_a_superusers_account(
    secretariat: Any, superuser: Any, client: Any
) -> None:
    # given
    url = reverse("admin:accounts_user_change", args=[superuser.pk])
    own_page = Client()
    own_page.force_login(superuser)
    forged = {**form_data(own_page.get(url)), "first_name": "Renamed", "is_active": ""}
    client.force_login(secretariat)
    # when
    page = client.get(url)
    client.post(url, forged)
    listing = client.get(reverse("admin:accounts_user_changelist"))
    # then
    assert page.status_code == 302  # the admin's answer for an object it does not know
    superuser.refresh_from_db()
    assert (superuser.first_name, superuser.is_active) == ("Root", True)
    assert superuser.email not in listing.content.decode()


def test_secretariat_cannot_confirm_an_affiliation_or_move_a_person_in_the_admin(
    secretariat: Any, visitor: Any, member_city: Any, client: Any
) -> None:
    # given
    client.force_login(secretariat)
    # when
    post_user_form(
        client,
        visitor,
        **{"profile-0-organisation": member_city.pk, "profile-0-affiliation_status": "confirmed"},
    )
    # then
    visitor.profile.refresh_from_db()
    assert visitor.profile.organisation is None
    assert visitor.profile.affiliation_status == "pending"


@pytest.mark.parametrize("actor", ["secretariat", "account_keeper", "superuser"])
def test_nobody_attaches_a_verified_address_to_someone_elses_account(
    actor: str, chairman: Any, client: Any, request: pytest.FixtureRequest
) -> None:
    # given
    client.force_login(request.getfixturevalue(actor))
    spare = EmailAddress.objects.create(user=chairman, email="chair@spare.example")
    # when
    client.post(
        reverse("admin:account_emailaddress_add"),
        {"user": chairman.pk, "email": "attacker@example.org", "verified": "on", "primary": "on"},
    )
    client.post(
        reverse("admin:account_emailaddress_change", args=[spare.pk]),
        {"user": chairman.pk, "email": "attacker@example.org", "verified": "on", "primary": "on"},
    )
    client.post(
        reverse("admin:account_emailaddress_changelist"),
        {"action": "make_verified", "_selected_action": [spare.pk]},
    )
    # then
    assert list(chairman.emailaddress_set.order_by("email").values_list("email", "verified")) == [
        ("chair@example.org", True),
        ("chair@spare.example", False),
    ]


def test_staff_with_group_permissions_cannot_compose_a_group(
    account_keeper: Any, client: Any
) -> None:
    # given
    client.force_login(account_keeper)
    group = Group.objects.create(name="Editors")
    everything = list(Permission.objects.values_list("pk", flat=True))
    # when
    response = client.post(
        reverse("admin:auth_group_change", args=[group.pk]),
        {"name": "Editors", "permissions": everything},
    )
    # then
    assert response.status_code == 403
    assert group.permissions.count() == 0
    assert admin.site.is_registered(Permission) is False


def test_second_factors_show_no_secret_and_only_a_superuser_removes_one(
    account_keeper: Any, superuser: Any, chairman: Any, client: Any
) -> None:
    # given
    activate_totp(chairman)
    authenticator = Authenticator.objects.get(user=chairman)
    url = reverse("admin:mfa_authenticator_change", args=[authenticator.pk])
    delete_url = reverse("admin:mfa_authenticator_delete", args=[authenticator.pk])
    client.force_login(account_keeper)
    # when
    page = client.get(url)
    change = client.post(url, {"user": account_keeper.pk, "type": "totp", "data": "{}"})
    refused = client.post(delete_url, {"post": "yes"})
    client.force_login(superuser)
    client.post(delete_url, {"post": "yes"})
    # then
    assert authenticator.data["secret"] not in page.content.decode()
    assert (change.status_code, refused.status_code) == (403, 403)
    assert Authenticator.objects.filter(pk=authenticator.pk).exists() is False


def test_superuser_grants_staff_groups_and_sets_passwords(
    superuser: Any, visitor: Any, client: Any
) -> None:
    # given
    client.force_login(superuser)
    group = secretariat_admin_group()
    # when
    post_user_form(client, visitor, is_staff="on", groups=[group.pk])
    client.post(
        reverse("admin:auth_user_password_change", args=[visitor.pk]),
        {"password1": "a new one for you 42", "password2": "a new one for you 42"},
    )
    # then
    visitor.refresh_from_db()
    assert visitor.is_staff is True
    assert list(visitor.groups.all()) == [group]
    assert visitor.check_password("a new one for you 42") is True


def test_admin_login_sends_people_to_the_platforms_login(client: Any, secretariat: Any) -> None:
    # given
    admin_login = reverse("admin:login")
    # when
    page = client.get(admin_login)
    client.post(admin_login, {"username": secretariat.email, "password": PASSWORD})
    # then
    assert page.status_code == 302
    assert page.url.startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
