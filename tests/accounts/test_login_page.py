"""The login and sign-up pages as a person meets them."""

from __future__ import annotations

from typing import Any

from django.urls import reverse


def test_the_login_page_puts_the_cursor_in_the_email_field(client: Any, db: None) -> None:
    html = client.get(reverse("account_login")).content.decode()
    assert 'name="login"' in html
    field = html[html.index('name="login"') :].split(">", 1)[0]
    assert "autofocus" in field


def test_the_password_rules_are_announced_with_the_field(client: Any, db: None) -> None:
    # when a visitor opens the sign-up page
    html = client.get(reverse("account_signup")).content.decode()
    # then the field points to its rules, and the rules are in an element that can hold a list
    assert 'aria-describedby="id_password1_helptext"' in html
    assert '<div class="help" id="id_password1_helptext"><ul><li>' in html
