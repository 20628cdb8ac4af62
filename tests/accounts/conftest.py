"""Fixtures of the accounts tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.accounts.factories import UserFactory
from tests.accounts.totp import activate_totp

# The role fixtures (and the superuser) whose holders must have a second factor to reach pages.
SECOND_FACTOR_FIXTURES = frozenset({"secretary", "board_member", "chairman", "superuser"})


@pytest.fixture
def superuser(db: None) -> Any:
    return UserFactory(email="root@example.org", is_staff=True, is_superuser=True)


@pytest.fixture
def signed_in(
    request: pytest.FixtureRequest, as_role: Callable[[str], Any]
) -> Callable[[str], Any]:
    """Like ``as_role``, with TOTP set up for the roles that need it.

    Without it every page would answer with the redirect to TOTP set-up, and a permission test
    would test the second-factor middleware instead of the page's rule.
    """

    def login(role: str) -> Any:
        if role in SECOND_FACTOR_FIXTURES:
            activate_totp(request.getfixturevalue(role))
        return as_role(role)

    return login
