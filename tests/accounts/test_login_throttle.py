"""Login throttling that a stranger cannot turn against a known person, and proxy trust.

Failures are counted per connection and account (with growing waits), per address across
accounts, and per account across addresses; a device that logged in before, or the second
factor, still gets in during an attack. The visitor's address comes from ``X-Forwarded-For``
only behind a proxy listed in ``BEFUS_FORWARDED_ALLOW_IPS``.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth import get_user
from django.test import Client
from django.urls import reverse
from django.utils import translation

from befus.accounts import throttle
from befus.accounts.known_devices import COOKIE_NAME
from befus.interpellations.models import Interpellation
from tests.accounts.totp import activate_totp, current_code

PASSWORD = "correct horse battery"  # the password of every UserFactory account
NEW_PASSWORD = "Kortrijk-Veilig-2026!"
LOGIN = "/en/accounts/login/"
WRONG = "The email address and/or password you specified are not correct."
HOME = "198.51.100.7"  # where the person usually logs in from
STRANGER = "203.0.113.9"
PROXY = "10.0.0.5"


class Clock:
    """The throttle's time, moved by the test instead of waited for."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(throttle, "current_time", fake)
    return fake


def _log_in(
    client: Any,
    email: str,
    password: str = PASSWORD,
    *,
    address: str = HOME,
    path: str = LOGIN,
    **headers: str,
) -> Any:
    return client.post(path, {"login": email, "password": password}, REMOTE_ADDR=address, **headers)


def _errors(response: Any) -> list[str]:
    return list(response.context["form"].non_field_errors())


def _is_logged_in(client: Any) -> bool:
    return bool(get_user(client).is_authenticated)


def _attack(email: str, *, addresses: int = 10) -> None:
    """A botnet: one wrong guess at ``email`` from each of ``addresses`` addresses."""
    for n in range(addresses):
        _log_in(Client(), email, "guess", address=f"192.0.2.{n + 1}")


def _protected() -> str:
    return throttle._protected_message()


# A stranger cannot lock a person out


def test_a_strangers_failures_from_elsewhere_leave_the_owner_free_to_log_in(
    client: Any, professional: Any
) -> None:
    # given a stranger who guessed the address's password more than five times from elsewhere
    stranger = Client()
    for _ in range(8):
        _log_in(stranger, "pro@example.org", "guess", address=STRANGER)
    # when the owner logs in from home
    response = _log_in(client, "pro@example.org")
    # then
    assert response.status_code == 302
    assert get_user(client) == professional


def test_during_an_attack_the_owner_logs_in_from_a_device_that_logged_in_before(
    client: Any, professional: Any
) -> None:
    # given the owner logged in once on this laptop, and the account is attacked from everywhere
    assert _log_in(client, "pro@example.org").status_code == 302
    client.post(reverse("account_logout"))
    _attack("pro@example.org")
    # when the owner logs in on the same laptop from a hotel
    response = _log_in(client, "pro@example.org", address="192.0.2.200")
    # then
    assert response.status_code == 302
    assert get_user(client) == professional


@pytest.mark.parametrize("email", ["pro@example.org", "nobody@example.org"])
def test_during_an_attack_a_new_device_needs_more_than_the_password(
    client: Any, professional: Any, email: str
) -> None:
    # given an account (or an address no account has) attacked from everywhere
    _attack(email)
    # when a device that never logged in tries the right password (or any, for nobody)
    response = _log_in(client, email, address="192.0.2.200")
    # then it is told what to do instead, the same whether the account exists or not
    assert response.status_code == 200
    assert _errors(response) == [_protected()]
    assert "reset your password by e-mail" in response.content.decode()
    assert _is_logged_in(client) is False


def test_during_an_attack_a_forged_device_cookie_does_not_pass(
    client: Any, professional: Any
) -> None:
    # given an attacked account, and a browser presenting a cookie it made up
    _attack("pro@example.org")
    client.cookies[COOKIE_NAME] = "eyJkZXZpY2UiOiJ4In0:forged:signature"
    # when
    response = _log_in(client, "pro@example.org", address="192.0.2.200")
    # then
    assert _errors(response) == [_protected()]
    assert _is_logged_in(client) is False


def test_during_an_attack_the_chairman_logs_in_with_password_and_second_factor(
    client: Any, chairman: Any
) -> None:
    # given the Chairman has TOTP, and strangers guess at the Chairman's address from everywhere
    secret = activate_totp(chairman)
    _attack("chair@example.org")
    # when the Chairman logs in on a new computer with the password, then the code
    response = _log_in(client, "chair@example.org", address="192.0.2.200")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    # then
    assert response["Location"] == reverse("accounts:dashboard")
    assert get_user(client) == chairman


def test_during_an_attack_a_password_reset_by_email_lets_that_browser_in(
    client: Any, professional: Any, mailoutbox: Any
) -> None:
    # given an attacked account, and its owner on a new computer following a reset link
    _attack("pro@example.org")
    client.post("/en/accounts/password/reset/", {"email": "pro@example.org"})
    link = re.search(r"http://testserver(/\S+/)", mailoutbox[0].body).group(1)  # type: ignore[union-attr]
    form_path = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(form_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    # when they log in with the new password in the same browser
    response = _log_in(client, "pro@example.org", NEW_PASSWORD, address="192.0.2.200")
    # then
    assert response.status_code == 302
    assert get_user(client) == professional


# Growing waits for one connection on one account


@pytest.mark.parametrize("email", ["pro@example.org", "nobody@example.org"])
def test_failures_from_one_connection_make_it_wait_longer_each_time(
    client: Any, professional: Any, clock: Clock, email: str
) -> None:
    # given four failures in a row from one connection: the first three cost nothing
    for _ in range(4):
        assert _errors(_log_in(client, email, "guess")) == [WRONG]
    # when it tries again ten seconds after the fourth
    clock.advance(10)
    early = _log_in(client, email, "guess")
    # then it is told to wait the rest of 16 seconds, and after that one more failure costs 32
    assert _errors(early) == [throttle.wait_message(6)]
    assert "Try again in 6 seconds." in early.content.decode()
    clock.advance(6)
    assert _errors(_log_in(client, email, "guess")) == [WRONG]
    clock.advance(31)
    assert _errors(_log_in(client, email, "guess")) == [throttle.wait_message(1)]


def test_during_the_wait_even_the_right_password_is_refused_then_accepted(
    client: Any, professional: Any, clock: Clock
) -> None:
    # given a connection that failed four times
    for _ in range(4):
        _log_in(client, "pro@example.org", "guess")
    # when the right password comes during the wait, and again after it
    during = _log_in(client, "pro@example.org")
    clock.advance(16)
    after = _log_in(client, "pro@example.org")
    # then
    assert _errors(during) == [throttle.wait_message(16)]
    assert after.status_code == 302
    assert get_user(client) == professional


def test_the_wait_stops_growing_at_fifteen_minutes(
    client: Any, professional: Any, clock: Clock
) -> None:
    # given a connection that kept guessing, waiting each time as long as it was told
    for _ in range(12):
        _log_in(client, "pro@example.org", "guess")
        clock.advance(throttle.delay_after(12))
    _log_in(client, "pro@example.org", "guess")
    # when it tries again at once
    response = _log_in(client, "pro@example.org", "guess")
    # then
    assert _errors(response) == [throttle.wait_message(900)]
    assert "Try again in 15 minutes." in response.content.decode()


def test_the_wait_message_is_in_the_language_of_the_page(
    client: Any, professional: Any, clock: Clock
) -> None:
    # given a connection that failed four times
    for _ in range(4):
        _log_in(client, "pro@example.org", "guess")
    # when it tries again at once on the French page
    response = _log_in(client, "pro@example.org", "guess", path="/fr/accounts/login/")
    # then the wait is told in French
    with translation.override("fr"):
        french = throttle.wait_message(16)
    with translation.override("en"):
        assert french != throttle.wait_message(16)
    assert _errors(response) == [french]


# Password spraying from one address


def test_spraying_passwords_from_one_address_is_refused_but_not_a_known_colleague(
    client: Any, professional: Any, visitor: Any, settings: Any, clock: Clock
) -> None:
    # given a colleague who logged in before, and a stranger at the same (office) address who
    # tried one password on each of many accounts
    settings.BEFUS_LOGIN_FAILURES_PER_ADDRESS = 5
    assert _log_in(client, "visitor@example.org", address=STRANGER).status_code == 302
    client.post(reverse("account_logout"))
    stranger = Client()
    for n in range(5):
        _log_in(stranger, f"person{n}@example.org", "Welcome2026", address=STRANGER)
    # when the stranger tries the next account, and the colleague logs in
    refused = _log_in(stranger, "pro@example.org", address=STRANGER)
    colleague = _log_in(client, "visitor@example.org", address=STRANGER)
    # then (failures count for this hour and the next)
    assert _errors(refused) == [throttle._address_message(7200)]
    assert "Try again in 120 minutes." in refused.content.decode()
    assert _is_logged_in(stranger) is False
    assert colleague.status_code == 302
    assert get_user(client) == visitor


# The visitor's address behind a proxy


def test_x_forwarded_for_from_an_untrusted_address_is_the_visitors_own_claim(
    client: Any, professional: Any
) -> None:
    # given a stranger (not a proxy) who claims to be at the owner's address while guessing
    stranger = Client()
    for _ in range(8):
        _log_in(stranger, "pro@example.org", "guess", address=STRANGER, HTTP_X_FORWARDED_FOR=HOME)
    # when the owner logs in from that address
    response = _log_in(client, "pro@example.org", address=HOME)
    # then the stranger's failures were counted where they came from
    assert response.status_code == 302
    assert get_user(client) == professional


@pytest.mark.parametrize("trusted", [[PROXY], ["10.0.0.0/8"]], ids=["address", "network"])
def test_behind_a_trusted_proxy_each_visitor_is_counted_apart(
    client: Any, professional: Any, settings: Any, trusted: list[str]
) -> None:
    # given a stranger behind the proxy, who also forges the start of the header
    settings.BEFUS_FORWARDED_ALLOW_IPS = trusted
    stranger = Client()
    forged = f"{HOME}, {STRANGER}"  # nginx appends the address it saw
    for _ in range(8):
        _log_in(stranger, "pro@example.org", "guess", address=PROXY, HTTP_X_FORWARDED_FOR=forged)
    # when the owner logs in through the same proxy
    response = _log_in(client, "pro@example.org", address=PROXY, HTTP_X_FORWARDED_FOR=HOME)
    # then
    assert response.status_code == 302
    assert get_user(client) == professional


def test_behind_a_trusted_proxy_spraying_refuses_only_the_sprayer(
    client: Any, professional: Any, settings: Any, clock: Clock
) -> None:
    # given a stranger behind the proxy who tried one password on each of many accounts
    settings.BEFUS_FORWARDED_ALLOW_IPS = [PROXY]
    settings.BEFUS_LOGIN_FAILURES_PER_ADDRESS = 5
    stranger = Client()
    for n in range(5):
        _log_in(stranger, f"person{n}@example.org", address=PROXY, HTTP_X_FORWARDED_FOR=STRANGER)
    # when the stranger goes on, and another visitor logs in through the same proxy
    refused = _log_in(stranger, "x@example.org", address=PROXY, HTTP_X_FORWARDED_FOR=STRANGER)
    response = _log_in(client, "pro@example.org", address=PROXY, HTTP_X_FORWARDED_FOR=HOME)
    # then
    assert _errors(refused) == [throttle._address_message(7200)]
    assert response.status_code == 302


def test_allauths_own_limits_count_the_visitor_behind_a_trusted_proxy(
    client: Any, db: None, settings: Any, mailoutbox: Any
) -> None:
    # given one signup per minute and address, and a first visitor who signed up via the proxy
    settings.BEFUS_FORWARDED_ALLOW_IPS = [PROXY]
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "1/m/ip"}
    first = {"email": "a@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    proxied = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": STRANGER}
    assert Client().post("/en/accounts/signup/", first, **proxied).status_code == 302
    # when another visitor signs up through the same proxy, and the first one again
    second = {**first, "email": "b@example.org"}
    other = client.post(
        "/en/accounts/signup/", second, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=HOME
    )
    again = Client().post("/en/accounts/signup/", {**first, "email": "c@example.org"}, **proxied)
    # then
    assert other.status_code == 302
    assert again.status_code == 429


def _request_form(email: str) -> dict[str, str]:
    return {
        "name": "Claire Dubois",
        "email": email,
        "requester_kind": "press",
        "subject": "Night buses and safety",
        "message": "Which cities run night buses, and what changed since?",
        "language": "fr",
        "consent": "on",
        "website": "",
    }


@pytest.mark.parametrize(
    ("trusted", "chain"),
    [(["10.0.0.0/8"], ""), ([PROXY, "10.0.0.6"], ", 10.0.0.6")],
    ids=["proxy-network", "two-proxies"],
)
def test_the_request_form_counts_visitors_behind_trusted_proxies_apart(
    client: Any, db: None, settings: Any, trusted: list[str], chain: str
) -> None:
    # given a visitor behind the proxies who used up the form's limit per address
    settings.BEFUS_FORWARDED_ALLOW_IPS = trusted
    url = reverse("interpellations:new")
    for n in range(settings.BEFUS_REQUEST_RATE_PER_ADDRESS):
        sent = Client().post(
            url,
            _request_form(f"p{n}@example.org"),
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"{STRANGER}{chain}",
        )
        assert sent.status_code == 302
    # when another visitor asks through the same proxies
    response = client.post(
        url,
        _request_form("other@example.org"),
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=f"{HOME}{chain}",
    )
    # then
    assert response.status_code == 302
    assert Interpellation.objects.count() == settings.BEFUS_REQUEST_RATE_PER_ADDRESS + 1


def test_the_request_form_ignores_x_forwarded_for_from_an_untrusted_address(
    client: Any, db: None, settings: Any
) -> None:
    # given a visitor (not a proxy) who used up the limit, naming another address each time
    url = reverse("interpellations:new")
    limit = settings.BEFUS_REQUEST_RATE_PER_ADDRESS
    for n in range(limit):
        Client().post(
            url,
            _request_form(f"p{n}@example.org"),
            REMOTE_ADDR=STRANGER,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
    # when they ask once more, naming yet another address
    response = client.post(
        url,
        _request_form("again@example.org"),
        REMOTE_ADDR=STRANGER,
        HTTP_X_FORWARDED_FOR="192.0.2.99",
    )
    # then
    assert response.status_code == 429
    assert Interpellation.objects.count() == limit
