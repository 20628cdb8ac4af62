"""The allauth flows as people go through them: signup, verification, login, reset, TOTP."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.contrib.auth import get_user
from django.urls import reverse

from befus.accounts import throttle
from befus.accounts.models import Profile
from befus.demo import DEMO_ACCOUNTS
from befus.members.choices import BodyKind, SeatRole
from tests.accounts.factories import UserFactory
from tests.accounts.totp import activate_totp, current_code, tampered
from tests.members.factories import BodyFactory, SeatFactory

PASSWORD = "correct horse battery"  # the password of every UserFactory account
NEW_PASSWORD = "Kortrijk-Veilig-2026!"
LOGIN = "/en/accounts/login/"


def _link(mail: Any) -> str:
    match = re.search(r"http://testserver(/\S+/)", mail.body)
    assert match is not None, mail.body
    return match.group(1)


def _is_logged_in(client: Any) -> bool:
    return bool(get_user(client).is_authenticated)


def _log_in(client: Any, email: str, password: str = PASSWORD, path: str = LOGIN) -> Any:
    return client.post(path, {"login": email, "password": password})


def _form_errors(response: Any) -> list[str]:
    return list(response.context["form"].non_field_errors())


# Signup and e-mail verification


def test_signup_sends_a_verification_email(client: Any, db: None, mailoutbox: Any) -> None:
    # given
    # when
    response = client.post(
        "/en/accounts/signup/",
        {"email": "Lotte.Aerts@Example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    # then
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert [mail.to for mail in mailoutbox] == [["lotte.aerts@example.org"]]
    assert mailoutbox[0].subject == "[BeFUS] Please Confirm Your Email Address"
    assert _link(mailoutbox[0]).startswith("/en/accounts/confirm-email/")
    address = EmailAddress.objects.get(email="lotte.aerts@example.org")
    assert address.verified is False
    assert _is_logged_in(client) is False


def test_new_account_gets_a_profile_in_the_language_it_signed_up_in(
    client: Any, db: None, mailoutbox: Any
) -> None:
    # given
    # when
    client.post(
        "/fr/accounts/signup/",
        {"email": "marie@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    # then
    profile = Profile.objects.get(user__email="marie@example.org")
    assert profile.preferred_language == "fr"
    assert profile.in_directory is False
    assert mailoutbox[0].subject == "[BeFUS] Confirmez votre adresse e-mail"


def test_confirmation_link_verifies_the_address_and_logs_in(
    client: Any, db: None, mailoutbox: Any
) -> None:
    # given
    client.post(
        "/en/accounts/signup/",
        {"email": "lotte@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    link = _link(mailoutbox[0])
    # when the person opens the link and confirms
    assert client.get(link).status_code == 200
    response = client.post(link)
    # then
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")
    assert EmailAddress.objects.get(email="lotte@example.org").verified is True
    assert get_user(client).email == "lotte@example.org"
    assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_unverified_account_cannot_log_in_and_gets_a_new_link(
    client: Any, db: None, mailoutbox: Any
) -> None:
    # given an account whose address was never confirmed
    UserFactory(email="late@example.org", verified=False)
    # when
    response = _log_in(client, "late@example.org")
    # then
    assert response["Location"] == reverse("account_email_verification_sent")
    assert _is_logged_in(client) is False
    assert [mail.to for mail in mailoutbox] == [["late@example.org"]]


# Login and throttling


def test_login_with_the_right_password_opens_the_account(client: Any, professional: Any) -> None:
    # given
    # when
    response = _log_in(client, "pro@example.org")
    # then
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")
    assert get_user(client) == professional


def test_login_ignores_the_case_of_the_address(client: Any, professional: Any) -> None:
    # given
    # when
    response = _log_in(client, "Pro@Example.ORG")
    # then
    assert response.status_code == 302
    assert get_user(client) == professional


def test_login_with_a_wrong_password_fails_with_a_message(client: Any, professional: Any) -> None:
    # given
    # when
    response = _log_in(client, "pro@example.org", "wrong password")
    # then
    assert response.status_code == 200
    assert _form_errors(response) == [
        "The email address and/or password you specified are not correct."
    ]
    assert "The email address and/or password you specified are not correct." in (
        response.content.decode()
    )
    assert _is_logged_in(client) is False


def _failures_allowed() -> int:
    """Failed logins from one connection on one account before it must wait (the fourth sets
    the first wait, ``befus.accounts.throttle``)."""
    return throttle.FREE_FAILURES + 1


def test_login_is_throttled_after_too_many_failures_even_with_the_right_password(
    client: Any, professional: Any
) -> None:
    # given as many failed attempts from this connection as allowed
    for _ in range(_failures_allowed()):
        failed = _log_in(client, "pro@example.org", "guess")
        assert _form_errors(failed) == [
            "The email address and/or password you specified are not correct."
        ]
    # when the right password comes next
    response = _log_in(client, "pro@example.org")
    # then it is refused on the form, not by a 429 page, with the time to wait
    assert response.status_code == 200
    [error] = _form_errors(response)
    assert error.startswith(
        "Too many failed login attempts with this e-mail address from your connection. "
        "Try again in 1"  # 16 seconds, less the time the last request took
    )
    assert _is_logged_in(client) is False


def test_throttling_one_address_leaves_other_accounts_alone(
    client: Any, professional: Any, visitor: Any
) -> None:
    # given
    for _ in range(_failures_allowed()):
        _log_in(client, "pro@example.org", "guess")
    # when
    response = _log_in(client, "visitor@example.org")
    # then
    assert response.status_code == 302
    assert get_user(client) == visitor


# Password reset


def test_password_reset_link_sets_a_new_password_that_works(
    client: Any, professional: Any, mailoutbox: Any
) -> None:
    # given the person asked for a reset
    response = client.post("/en/accounts/password/reset/", {"email": "pro@example.org"})
    assert response["Location"] == reverse("account_reset_password_done")
    assert [mail.to for mail in mailoutbox] == [["pro@example.org"]]
    link = _link(mailoutbox[0])
    # when they follow the link and choose a new password
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_password_path = form_page.redirect_chain[-1][0]
    response = client.post(
        set_password_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    # then the new password opens the account, the old one does not
    assert response["Location"] == reverse("account_reset_password_from_key_done")
    client.logout()
    assert _form_errors(_log_in(client, "pro@example.org", PASSWORD)) != []
    assert _log_in(client, "pro@example.org", NEW_PASSWORD).status_code == 302
    assert get_user(client) == professional


def test_password_reset_link_works_once(client: Any, professional: Any, mailoutbox: Any) -> None:
    # given a password already reset through the link
    client.post("/en/accounts/password/reset/", {"email": "pro@example.org"})
    link = _link(mailoutbox[0])
    path = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    client.logout()
    # when the same link is opened again
    response = client.get(link, follow=True)
    # then it no longer offers to set a password
    assert response.context["token_fail"] is True


# Second factor required for the secretariat, the Board and the Chairman

TOTP_SETUP = "/en/accounts/2fa/totp/activate/"


@pytest.fixture
def logged_in(request: pytest.FixtureRequest, client: Any) -> Callable[[str], Any]:
    """A client logged in through the login form (not ``force_login``) as the role's person.

    allauth asks for the password again on the TOTP set-up page unless the login was recent, and
    only a real login records when it happened.
    """

    def login(role: str) -> Any:
        user = request.getfixturevalue(role)
        response = _log_in(client, user.email)
        assert response.status_code == 302, response.content.decode()
        return client

    return login


@pytest.mark.parametrize("role", ["secretary", "board_member", "chairman", "superuser"])
def test_roles_that_need_a_second_factor_are_sent_to_set_it_up_after_login(
    client: Any, request: pytest.FixtureRequest, role: str
) -> None:
    # given
    user = request.getfixturevalue(role)
    # when
    response = client.post(LOGIN, {"login": user.email, "password": PASSWORD}, follow=True)
    # then
    assert response.redirect_chain == [
        (reverse("accounts:dashboard"), 302),
        (TOTP_SETUP, 302),
    ]
    assert reverse("mfa_activate_totp") == TOTP_SETUP
    assert response.status_code == 200
    assert "Your role requires a second factor." in response.content.decode()


SECOND_FACTOR_ROLES = ["secretary", "board_member", "chairman"]


@pytest.mark.parametrize("role", SECOND_FACTOR_ROLES)
@pytest.mark.parametrize(
    "name",
    [
        "portal:home",
        "portal:about",
        "members:organisation-list",
        "members:governance",
        "members:manage-organisations",
        "accounts:dashboard",
        "accounts:directory",
        "accounts:data-export",
        "audit-log",
    ],
)
def test_without_second_factor_every_platform_page_sends_to_set_it_up(
    logged_in: Callable[[str], Any], role: str, name: str
) -> None:
    # given
    client = logged_in(role)
    # when
    response = client.get(reverse(name))
    # then
    assert response.status_code == 302
    assert response["Location"] == TOTP_SETUP


@pytest.mark.parametrize("role", SECOND_FACTOR_ROLES)
@pytest.mark.parametrize(
    "name",
    ["mfa_activate_totp", "mfa_index", "account_email", "account_change_password"],
)
def test_without_second_factor_account_pages_stay_reachable(
    logged_in: Callable[[str], Any], role: str, name: str
) -> None:
    # given
    client = logged_in(role)
    # when
    response = client.get(reverse(name))
    # then
    assert response.status_code == 200


def test_without_second_factor_the_language_can_be_switched(
    logged_in: Callable[[str], Any],
) -> None:
    # given
    client = logged_in("secretary")
    # when
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/fr/accounts/email/"})
    # then
    assert response.status_code == 302
    assert response["Location"] == "/fr/accounts/email/"


@pytest.mark.parametrize("role", SECOND_FACTOR_ROLES)
def test_without_second_factor_one_can_log_out(logged_in: Callable[[str], Any], role: str) -> None:
    # given
    client = logged_in(role)
    # when
    response = client.post(reverse("account_logout"))
    # then
    assert response["Location"] == reverse("portal:home")
    assert _is_logged_in(client) is False


@pytest.mark.parametrize("role", ["visitor", "professional", "mayor"])
def test_other_roles_need_no_second_factor(logged_in: Callable[[str], Any], role: str) -> None:
    # given
    client = logged_in(role)
    # when
    response = client.get(reverse("accounts:dashboard"))
    # then
    assert response.status_code == 200


def test_setting_up_totp_on_the_activation_page_lifts_the_redirect(
    logged_in: Callable[[str], Any], secretary: Any
) -> None:
    # given the secretary opened the set-up page, which shows a new secret
    client = logged_in("secretary")
    assert client.get(TOTP_SETUP).status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    # when they enter the code their authenticator app shows
    response = client.post(TOTP_SETUP, {"code": current_code(secret)})
    # then
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=secretary, type="totp").count() == 1
    assert client.get(reverse("audit-log")).status_code == 200


def _secretariat_staff(email: str) -> Any:
    user = UserFactory(email=email)
    SeatFactory(body=BodyFactory(kind=BodyKind.SECRETARIAT), person=user, role=SeatRole.OFFICER)
    return user


@pytest.mark.parametrize(
    ("demo", "email", "redirected"),
    [
        (True, DEMO_ACCOUNTS[0].email, False),
        (True, "staff@example.org", True),
        (False, DEMO_ACCOUNTS[0].email, True),
    ],
    ids=["demo-account-in-demo", "other-account-in-demo", "demo-account-outside-demo"],
)
def test_demo_accounts_skip_the_second_factor_in_the_demo_only(
    client: Any, db: None, settings: Any, demo: bool, email: str, redirected: bool
) -> None:
    # given
    settings.DEMO = demo
    client.force_login(_secretariat_staff(email))
    # when
    response = client.get(reverse("accounts:dashboard"))
    # then
    assert (response.status_code == 302) is redirected
    assert (response.get("Location") == TOTP_SETUP) is redirected


@pytest.mark.parametrize("email", [account.email for account in DEMO_ACCOUNTS])
def test_every_demo_account_is_exempt_in_the_demo(
    client: Any, db: None, settings: Any, email: str
) -> None:
    # given a demo installation, and the demo account holding a role that needs a second factor
    settings.DEMO = True
    client.force_login(_secretariat_staff(email))
    # when
    response = client.get(reverse("accounts:dashboard"))
    # then
    assert response.status_code == 200


# Login with a second factor


@pytest.fixture
def secret(secretary: Any) -> str:
    return activate_totp(secretary)


def test_login_with_totp_asks_for_the_code_after_the_password(
    client: Any, secretary: Any, secret: str
) -> None:
    # given
    # when
    response = _log_in(client, "secretary@example.org")
    # then
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "Please enter an authenticator code" in client.get(response["Location"]).content.decode()
    assert _is_logged_in(client) is False


def test_login_with_a_tampered_code_is_refused(client: Any, secretary: Any, secret: str) -> None:
    # given
    _log_in(client, "secretary@example.org")
    # when
    response = client.post(reverse("mfa_authenticate"), {"code": tampered(current_code(secret))})
    # then
    assert response.status_code == 200
    assert response.context["form"].errors["code"] == ["Incorrect code."]
    assert _is_logged_in(client) is False
    assert client.get(reverse("accounts:dashboard"))["Location"].startswith(LOGIN)


def test_right_code_after_a_mistyped_one_logs_in(client: Any, secretary: Any, secret: str) -> None:
    # given
    _log_in(client, "secretary@example.org")
    code = current_code(secret)
    client.post(reverse("mfa_authenticate"), {"code": tampered(code)})
    # when
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    # then
    assert response["Location"] == reverse("accounts:dashboard")
    assert get_user(client) == secretary


def test_login_with_the_right_code_opens_the_account(
    client: Any, secretary: Any, secret: str
) -> None:
    # given
    _log_in(client, "secretary@example.org")
    # when
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    # then
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")
    assert get_user(client) == secretary
    assert client.get(reverse("audit-log")).status_code == 200


def test_a_code_cannot_be_used_twice(client: Any, secretary: Any, secret: str) -> None:
    # given a login that used the current code
    code = current_code(secret)
    _log_in(client, "secretary@example.org")
    client.post(reverse("mfa_authenticate"), {"code": code})
    client.logout()
    # when somebody replays the same code
    _log_in(client, "secretary@example.org")
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    # then
    assert response.context["form"].errors["code"] == ["Incorrect code."]
    assert _is_logged_in(client) is False


def test_password_alone_is_not_enough_to_reach_a_page(
    client: Any, secretary: Any, secret: str
) -> None:
    # given a login stopped at the second factor
    _log_in(client, "secretary@example.org")
    # when
    response = client.get(reverse("audit-log"))
    # then
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


# Languages


def test_login_page_in_french(client: Any, db: None) -> None:
    # given
    # when
    response = client.get("/fr/accounts/login/")
    # then
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "Connexion" in html
    assert "Mot de passe" in html


def test_wrong_password_message_in_french(client: Any, professional: Any) -> None:
    # given
    # when
    response = _log_in(client, "pro@example.org", "wrong", path="/fr/accounts/login/")
    # then
    assert _form_errors(response) == ["L’adresse e-mail ou le mot de passe sont incorrects."]
