from __future__ import annotations

from typing import Any

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from befus.members.choices import BodyKind, SeatRole
from tests.accounts.factories import UserFactory
from tests.accounts.totp import current_code
from tests.members.factories import BodyFactory, SeatFactory

PASSWORD = "correct horse battery"


def _current_code(secret: str) -> str:
    # the code stays valid until the request arrives: a code computed at the end of its period
    # expired on the way to the server (seen once in CI)
    return current_code(secret)


def test_secretary_logs_in_with_password_and_totp_and_a_tampered_code_is_refused(
    page: Any, check_page: Any, transactional_db: None
) -> None:
    # given a secretary with an authenticator app
    secretary = UserFactory(email="nathalie@example.org", first_name="Nathalie", last_name="Dubois")
    SeatFactory(
        body=BodyFactory(kind=BodyKind.SECRETARIAT), person=secretary, role=SeatRole.OFFICER
    )
    secret = generate_totp_secret()
    TOTP.activate(secretary, secret)

    # when she logs in with her e-mail and password
    page.goto("/en/accounts/login/")
    check_page(page, "login")
    page.get_by_label("Email").fill("nathalie@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()

    # then she is asked for the code of her authenticator app
    page.wait_for_url("**/accounts/2fa/authenticate/")
    check_page(page, "code")

    # when she types a wrong code, she is refused and stays logged out
    code = _current_code(secret)
    tampered = f"{(int(code) + 1) % 1_000_000:06d}"
    page.locator("input[name=code]").fill(tampered)
    page.get_by_role("button", name="Sign In").click()
    assert "Incorrect code" in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Log in").count() == 1

    # when she types the right code, she reaches her account page
    page.locator("input[name=code]").fill(code)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/en/me/")
    assert "Welcome, Nathalie Dubois" in page.locator("h1").inner_text()
    check_page(page, "dashboard")


def test_board_member_without_totp_is_sent_to_set_it_up(
    page: Any, check_page: Any, transactional_db: None
) -> None:
    # given a board member who has no second factor yet
    member = UserFactory(email="bart@example.org")
    SeatFactory(body=BodyFactory(kind=BodyKind.BOARD), person=member)
    # when he logs in
    page.goto("/nl/accounts/login/")
    page.locator("input[name=login]").fill("bart@example.org")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=password]").press("Enter")
    # then every platform page sends him to the authenticator set-up, in Dutch
    page.wait_for_url("**/accounts/2fa/totp/activate/")
    page.goto("/nl/members/")
    page.wait_for_url("**/accounts/2fa/totp/activate/")
    assert page.locator("html").get_attribute("lang") == "nl"
    check_page(page, "activate")
