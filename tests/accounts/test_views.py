"""The account pages: who may open them, profile, data export, erasure, the directory."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.timezone import localdate
from django.utils.translation import gettext, override

from befus.accounts.choices import ErasureStatus, JobFunction
from befus.accounts.models import ErasureRequest, Profile
from befus.accounts.services import cancel_erasure, request_erasure
from befus.core.audit import record_event
from befus.core.models import AuditEvent
from tests.accounts.factories import UserFactory

ROLES = [
    "anonymous",
    "visitor",
    "professional",
    "mayor",
    "board_member",
    "chairman",
    "secretary",
    "superuser",
]
SIGNED_IN = set(ROLES) - {"anonymous"}

# Pages opened with GET, and the roles that may open them (the others: login or 403).
PAGES = {
    "accounts:dashboard": SIGNED_IN,
    "accounts:profile-edit": SIGNED_IN,
    "accounts:data-export": SIGNED_IN,
    "accounts:erasure-request": SIGNED_IN,
    "accounts:directory": SIGNED_IN - {"visitor"},
    "accounts:erasure-list": {"secretary", "superuser"},
    "audit-log": {"secretary", "chairman", "superuser"},
}


def _expected(name: str, role: str) -> str:
    if role in PAGES[name]:
        return "ok"
    return "login" if role == "anonymous" else "forbidden"


def _assert_outcome(response: Any, outcome: str, path: str) -> None:
    if outcome == "login":
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('account_login')}?next={path}"
    elif outcome == "forbidden":
        assert response.status_code == 403
    else:
        assert response.status_code == 200


@pytest.mark.parametrize(
    ("name", "role", "outcome"),
    [(name, role, _expected(name, role)) for name in PAGES for role in ROLES],
)
def test_page_permission_matrix(
    signed_in: Callable[[str], Any], name: str, role: str, outcome: str
) -> None:
    # given
    client = signed_in(role)
    path = reverse(name)
    # when
    response = client.get(path)
    # then
    _assert_outcome(response, outcome, path)


@pytest.mark.parametrize("role", sorted(SIGNED_IN))
def test_everyone_signed_in_may_withdraw_their_erasure_request(
    request: pytest.FixtureRequest, signed_in: Callable[[str], Any], role: str
) -> None:
    # given
    client = signed_in(role)
    erasure = request_erasure(actor=request.getfixturevalue(role))
    # when
    response = client.post(reverse("accounts:erasure-cancel"))
    # then
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")
    erasure.refresh_from_db()
    assert erasure.status == ErasureStatus.CANCELLED


def test_anonymous_visitor_is_sent_to_login_to_withdraw_an_erasure_request(client: Any) -> None:
    # given
    path = reverse("accounts:erasure-cancel")
    # when
    response = client.post(path)
    # then
    _assert_outcome(response, "login", path)


@pytest.fixture
def open_erasure(db: None) -> ErasureRequest:
    return request_erasure(actor=UserFactory(email="leaving@example.org"))


@pytest.mark.parametrize(
    ("role", "outcome"),
    [("anonymous", "login")]
    + [(role, "forbidden") for role in ["visitor", "professional", "mayor", "board_member"]]
    + [("chairman", "forbidden")]
    + [("secretary", "done"), ("superuser", "done")],
)
def test_erasure_complete_permission_matrix(
    signed_in: Callable[[str], Any], open_erasure: ErasureRequest, role: str, outcome: str
) -> None:
    # given
    client = signed_in(role)
    path = reverse("accounts:erasure-complete", args=[open_erasure.pk])
    # when
    response = client.post(path)
    # then
    open_erasure.refresh_from_db()
    if outcome == "done":
        assert response.status_code == 302
        assert response["Location"] == reverse("accounts:erasure-list")
        assert open_erasure.status == ErasureStatus.COMPLETED
    else:
        _assert_outcome(response, outcome, path)
        assert open_erasure.status == ErasureStatus.REQUESTED


@pytest.mark.parametrize("name", ["accounts:erasure-cancel", "accounts:erasure-complete"])
def test_actions_refuse_get(signed_in: Callable[[str], Any], name: str) -> None:
    # given
    client = signed_in("secretary")
    args = [1] if name == "accounts:erasure-complete" else []
    # when
    response = client.get(reverse(name, args=args))
    # then
    assert response.status_code == 405


# Profile


def _profile_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "first_name": "Karim",
        "last_name": "Benali",
        "organisation": "",
        "job_function": JobFunction.COMMUNITY_GUARD,
        "job_title": "Gardien de la paix",
        "languages": ["fr", "nl"],
        "expertise": "Espace public\nÉvénements",
        "phone": "+32 71 86 00 00",
        "in_directory": "on",
        "preferred_language": "fr",
    }
    data.update(overrides)
    return data


def test_profile_form_saves_and_says_so(client: Any, professional: Any, member_city: Any) -> None:
    # given
    client.force_login(professional)
    # when
    response = client.post(
        reverse("accounts:profile-edit"),
        _profile_data(organisation=member_city.pk),
        follow=True,
    )
    # then
    assert response.redirect_chain == [(reverse("accounts:dashboard"), 302)]
    assert "Your profile has been saved." in response.content.decode()
    professional.refresh_from_db()
    profile = Profile.objects.get(user=professional)
    assert professional.get_full_name() == "Karim Benali"
    assert profile.organisation == member_city
    assert profile.job_function == JobFunction.COMMUNITY_GUARD
    assert profile.languages == ["fr", "nl"]
    assert profile.in_directory is True
    assert profile.preferred_language == "fr"


def test_profile_saved_message_is_in_the_language_of_the_page(
    client: Any, professional: Any
) -> None:
    # given a professional using the French pages
    client.force_login(professional)
    with override("fr"):
        expected = gettext("Your profile has been saved.")
    # when
    response = client.post("/fr/me/profile/", _profile_data(), follow=True)
    # then
    assert response.redirect_chain == [("/fr/me/", 302)]
    assert [str(message) for message in response.context["messages"]] == [expected]


def test_invalid_profile_is_shown_again_with_the_error_and_changes_nothing(
    client: Any, professional: Any
) -> None:
    # given
    client.force_login(professional)
    name_before = professional.get_full_name()
    # when
    response = client.post(reverse("accounts:profile-edit"), _profile_data(first_name=""))
    # then
    assert response.status_code == 200
    assert response.context["form"].errors["first_name"] == ["This field is required."]
    assert "This field is required." in response.content.decode()
    professional.refresh_from_db()
    assert professional.get_full_name() == name_before
    profile = Profile.objects.get(user=professional)
    assert (profile.job_title, profile.phone, profile.in_directory) == ("", "", False)
    assert AuditEvent.objects.exists() is False


def test_profile_form_records_only_the_fields_that_changed(client: Any, professional: Any) -> None:
    # given the form as the page shows it, where only the job title is filled in
    client.force_login(professional)
    form = client.get(reverse("accounts:profile-edit")).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {name: value for name, value in data.items() if value not in (None, False)}
    data["job_title"] = "Coordinator"
    # when
    client.post(reverse("accounts:profile-edit"), data)
    # then
    event = AuditEvent.objects.get(verb="accounts.profile.update")
    assert event.data == {"fields": ["job_title"]}


def test_profile_form_starts_from_the_current_name(client: Any, professional: Any) -> None:
    # given
    client.force_login(professional)
    # when
    response = client.get(reverse("accounts:profile-edit"))
    # then
    form = response.context["form"]
    assert form["first_name"].value() == professional.first_name
    assert form["last_name"].value() == professional.last_name


# Data export


def test_data_export_is_a_json_attachment_with_the_persons_data(
    client: Any, professional: Any, member_city: Any
) -> None:
    # given
    client.force_login(professional)
    # when
    response = client.get(reverse("accounts:data-export"))
    # then
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == (
        f'attachment; filename="befus-my-data-{localdate()}.json"'
    )
    data = json.loads(response.content)
    assert data["account"]["email"] == "pro@example.org"
    assert data["profile"]["organisation"] == str(member_city)
    assert data["roles"] == ["member_professional"]


def test_data_export_holds_only_the_persons_own_data(
    client: Any, professional: Any, secretary: Any
) -> None:
    # given an action by somebody else
    record_event(actor=secretary, verb="members.organisation.update")
    client.force_login(professional)
    # when
    response = client.get(reverse("accounts:data-export"))
    # then
    data = json.loads(response.content)
    assert data["actions"] == []
    assert "secretary@example.org" not in response.content.decode()
    assert secretary.last_name not in response.content.decode()


# Erasure


def test_erasure_request_needs_the_confirmation_box(client: Any, visitor: Any) -> None:
    # given
    client.force_login(visitor)
    # when
    response = client.post(reverse("accounts:erasure-request"), {"reason": "Leaving"})
    # then
    assert response.status_code == 200
    assert response.context["form"].errors["confirm"] == ["This field is required."]
    assert ErasureRequest.objects.exists() is False


def test_confirmed_erasure_request_is_sent(client: Any, visitor: Any) -> None:
    # given
    client.force_login(visitor)
    # when
    response = client.post(
        reverse("accounts:erasure-request"), {"reason": "Leaving", "confirm": "on"}, follow=True
    )
    # then
    assert response.redirect_chain == [(reverse("accounts:dashboard"), 302)]
    assert "The secretariat erases the account within 30 days." in response.content.decode()
    erasure = ErasureRequest.objects.get(user=visitor)
    assert (erasure.status, erasure.reason) == (ErasureStatus.REQUESTED, "Leaving")


def test_erasure_form_with_an_open_request_sends_no_second_one(client: Any, visitor: Any) -> None:
    # given
    request_erasure(actor=visitor)
    client.force_login(visitor)
    # when
    response = client.post(reverse("accounts:erasure-request"), {"confirm": "on"})
    # then
    assert response.status_code == 200
    assert "You have already asked for your account to be erased." in response.content.decode()
    assert ErasureRequest.objects.filter(user=visitor).count() == 1


def test_person_withdraws_the_erasure_request_from_the_dashboard(client: Any, visitor: Any) -> None:
    # given
    erasure = request_erasure(actor=visitor)
    client.force_login(visitor)
    # when
    response = client.post(reverse("accounts:erasure-cancel"), follow=True)
    # then
    assert "Your erasure request has been withdrawn." in response.content.decode()
    erasure.refresh_from_db()
    assert erasure.status == ErasureStatus.CANCELLED


def test_erased_person_is_logged_out_everywhere(
    signed_in: Callable[[str], Any], visitor: Any
) -> None:
    # given the person is still logged in on their own browser
    own_browser = Client()
    own_browser.force_login(visitor)
    erasure = request_erasure(actor=visitor)
    secretariat = signed_in("secretary")
    # when
    secretariat.post(reverse("accounts:erasure-complete", args=[erasure.pk]))
    # then
    response = own_browser.get(reverse("accounts:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_erasure_list_shows_open_requests_only(
    signed_in: Callable[[str], Any], open_erasure: ErasureRequest
) -> None:
    # given a request that was withdrawn
    stays = UserFactory(email="stays@example.org", first_name="Stays", last_name="Here")
    cancel_erasure(actor=stays, erasure=request_erasure(actor=stays))
    client = signed_in("secretary")
    # when
    response = client.get(reverse("accounts:erasure-list"))
    # then
    assert list(response.context["requests"]) == [open_erasure]
    assert str(open_erasure.user) in response.content.decode()
    assert "Stays Here" not in response.content.decode()


def test_secretary_erases_an_account_from_the_list(
    signed_in: Callable[[str], Any], open_erasure: ErasureRequest
) -> None:
    # given
    client = signed_in("secretary")
    # when
    response = client.post(
        reverse("accounts:erasure-complete", args=[open_erasure.pk]), follow=True
    )
    # then
    assert "The account has been erased." in response.content.decode()
    assert "No request is waiting." in response.content.decode()


def test_erasing_a_handled_request_again_shows_an_error(
    signed_in: Callable[[str], Any], open_erasure: ErasureRequest
) -> None:
    # given
    client = signed_in("secretary")
    path = reverse("accounts:erasure-complete", args=[open_erasure.pk])
    client.post(path)
    # when
    response = client.post(path, follow=True)
    # then
    assert "This request has already been handled." in response.content.decode()


def test_erasing_an_unknown_request_is_not_found(signed_in: Callable[[str], Any]) -> None:
    # given
    client = signed_in("secretary")
    # when
    response = client.post(reverse("accounts:erasure-complete", args=[999999]))
    # then
    assert response.status_code == 404


# Directory


def _directory_person(number: int, organisation: Any, *, in_directory: bool = True) -> Any:
    return UserFactory(
        email=f"colleague{number}@example.org",
        first_name=f"First{number}",
        last_name=f"Colleague{number}",
        profile__organisation=organisation,
        profile__in_directory=in_directory,
        profile__expertise="Street work",
    )


def test_directory_shows_only_people_who_chose_to_appear(
    client: Any, professional: Any, member_city: Any
) -> None:
    # given
    listed = _directory_person(1, member_city)
    hidden = _directory_person(2, member_city, in_directory=False)
    gone = _directory_person(3, member_city)
    gone.is_active = False
    gone.save()
    client.force_login(professional)
    # when
    response = client.get(reverse("accounts:directory"))
    # then
    html = response.content.decode()
    assert [profile.user for profile in response.context["page"]] == [listed]
    assert listed.get_full_name() in html
    assert hidden.get_full_name() not in html
    assert gone.get_full_name() not in html


def test_directory_never_shows_e_mail_addresses(
    client: Any, professional: Any, member_city: Any
) -> None:
    # given
    people = [_directory_person(number, member_city) for number in range(3)]
    client.force_login(professional)
    # when
    response = client.get(reverse("accounts:directory"))
    # then
    html = response.content.decode()
    assert len(response.context["page"]) == 3
    assert [person.email for person in people if person.email in html] == []
    assert "@example.org" not in html


def test_directory_never_shows_the_e_mail_of_a_person_without_a_name(
    client: Any, professional: Any, member_city: Any
) -> None:
    # given a person who opted in but whose account has no name (names are optional on User)
    UserFactory(
        email="noname@example.org",
        first_name="",
        last_name="",
        profile__organisation=member_city,
        profile__in_directory=True,
    )
    client.force_login(professional)
    # when
    response = client.get(reverse("accounts:directory"))
    # then
    assert "noname@example.org" not in response.content.decode()


def test_directory_query_count_does_not_grow_with_the_people_listed(
    client: Any, professional: Any, member_city: Any, django_assert_num_queries: Any
) -> None:
    # given five people in the directory, and the number of queries the page needs for them
    for number in range(5):
        _directory_person(number, member_city)
    client.force_login(professional)
    client.get(reverse("accounts:directory"))
    with CaptureQueriesContext(connection) as five:
        assert len(client.get(reverse("accounts:directory")).context["page"]) == 5
    # when fifty people are listed
    for number in range(5, 50):
        _directory_person(number, member_city)
    # then the page needs the same number of queries
    with django_assert_num_queries(len(five.captured_queries)):
        assert len(client.get(reverse("accounts:directory")).context["page"]) == 50
