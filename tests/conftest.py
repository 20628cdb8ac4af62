"""Fixtures shared by the whole suite: one person per role, built from real rows."""

from __future__ import annotations

from typing import Any

import pytest

from befus.members.choices import BodyKind, SeatRole
from tests.accounts.factories import UserFactory
from tests.members.factories import (
    BodyFactory,
    ContactFactory,
    MembershipFactory,
    OrganisationFactory,
    SeatFactory,
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Give every test but the browser ones the database.

    pytest-django creates only the databases that collected tests ask for by name; a test that
    reaches its role fixture through ``request.getfixturevalue`` would otherwise, run alone, find
    the real database file instead of the test one.
    """
    for item in items:
        in_browser = "tests/browser/" in str(item.fspath).replace("\\", "/")
        if not in_browser and item.get_closest_marker("django_db") is None:
            item.add_marker(pytest.mark.django_db)


@pytest.fixture(autouse=True)
def _fast_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english(settings: Any) -> None:
    settings.LANGUAGE_CODE = "en"


@pytest.fixture(autouse=True)
def _no_kept_pages() -> Any:
    """Pages a process keeps (befus.core.pagecache) never outlive the test that made them."""
    from befus.core.pagecache import forget_local

    forget_local()
    yield
    forget_local()


@pytest.fixture
def member_city(db: None) -> Any:
    city = OrganisationFactory(
        name_nl="Gent",
        name_fr="Gand",
        name_en="Ghent",
        slug="gent",
        nis_code="44021",
        region="flanders",
        province="east_flanders",
    )
    MembershipFactory(organisation=city)
    return city


@pytest.fixture
def visitor(db: None) -> Any:
    return UserFactory(email="visitor@example.org")


@pytest.fixture
def professional(member_city: Any) -> Any:
    return UserFactory(email="pro@example.org", profile__organisation=member_city)


@pytest.fixture
def secretary(db: None) -> Any:
    user = UserFactory(email="secretary@example.org")
    SeatFactory(body=BodyFactory(kind=BodyKind.SECRETARIAT), person=user, role=SeatRole.OFFICER)
    return user


@pytest.fixture
def board_member(member_city: Any) -> Any:
    user = UserFactory(email="board@example.org")
    SeatFactory(body=BodyFactory(kind=BodyKind.BOARD), person=user, organisation=member_city)
    return user


@pytest.fixture
def chairman(db: None) -> Any:
    city = OrganisationFactory(
        name_nl="Luik",
        name_fr="Liège",
        slug="liege",
        region="wallonia",
        province="liege",
        nis_code="62063",
    )
    MembershipFactory(organisation=city)
    user = UserFactory(email="chair@example.org")
    SeatFactory(
        body=BodyFactory(kind=BodyKind.BOARD), person=user, role=SeatRole.CHAIR, organisation=city
    )
    return user


@pytest.fixture
def mayor(member_city: Any) -> Any:
    user = UserFactory(email="mayor@example.org")
    ContactFactory(organisation=member_city, person=user)
    return user


ROLE_FIXTURES = [
    "anonymous",
    "visitor",
    "professional",
    "mayor",
    "board_member",
    "chairman",
    "secretary",
]


@pytest.fixture
def as_role(request: pytest.FixtureRequest, client: Any) -> Any:
    """A test client logged in as the person of the role named by the test's parameter."""

    def login(role: str) -> Any:
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return login
