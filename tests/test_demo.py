from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import authenticate

from befus.accounts.models import User
from befus.accounts.roles import Role, roles_for
from befus.demo import DEMO_ACCOUNTS, load_demo
from befus.members import selectors


@pytest.fixture
def demo(db: None) -> dict[str, int]:
    return load_demo()


def test_demo_has_about_sixty_members_from_the_three_regions(demo: dict[str, int]) -> None:
    counts = selectors.member_counts_by_region()
    assert 55 <= demo["members"] <= 70
    assert set(counts) == {"flanders", "wallonia", "brussels"}
    assert all(count >= 10 for count in counts.values())


def test_demo_board_has_nine_mayors_covering_the_regions_and_a_chairman(
    demo: dict[str, int],
) -> None:
    governance = selectors.get_governance()
    assert governance.board_seat_count == 9
    assert governance.missing_regions == []
    assert governance.chairman is not None
    assert len(governance.secretariat) == 3


def test_demo_has_about_two_hundred_professionals(demo: dict[str, int]) -> None:
    professionals = User.objects.filter(profile__organisation__isnull=False).exclude(
        profile__job_function="elected_official"
    )
    assert 190 <= professionals.count() <= 220


EXPECTED_ROLES = {
    "secretariat@": Role.SECRETARIAT,
    "chairman@": Role.CHAIRMAN,
    "board@": Role.BOARD_MEMBER,
    "mayor@": Role.MAYOR,
    "delegate@": Role.MAYOR_DELEGATE,
    "professional@": Role.MEMBER_PROFESSIONAL,
    "visitor@": Role.VISITOR,
}


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda a: a.email)
def test_each_demo_account_logs_in_with_the_documented_password_and_holds_its_role(
    demo: dict[str, int], settings: Any, account: Any
) -> None:
    user = authenticate(email=account.email, password=settings.BEFUS_DEMO_PASSWORD)
    assert user is not None
    expected = next(
        role for prefix, role in EXPECTED_ROLES.items() if account.email.startswith(prefix)
    )
    assert expected in roles_for(user)


def test_demo_is_deterministic(db: None) -> None:
    load_demo()
    first = list(User.objects.order_by("email").values_list("email", "first_name", "last_name"))
    from befus.interpellations.models import Interpellation, RoutingDelegate, ValidationDelegation
    from befus.members.models import Body, Contact, Organisation, Seat
    from befus.networks.models import (
        CityMandate,
        Commission,
        Network,
        NetworkMembership,
        RepresentationMandate,
        Statement,
    )

    first_requests = list(Interpellation.objects.values_list("reference", "subject", "status"))
    for model in (
        Interpellation,
        RoutingDelegate,
        ValidationDelegation,
        Statement,
        RepresentationMandate,
        Commission,
        NetworkMembership,
        CityMandate,
        Network,
        Seat,
        Contact,
        Body,
        User,
        Organisation,
    ):
        model.objects.all().delete()
    load_demo()
    second = list(User.objects.order_by("email").values_list("email", "first_name", "last_name"))
    assert first == second
    assert list(Interpellation.objects.values_list("reference", "subject", "status")) == (
        first_requests
    )


def test_readme_lists_every_demo_account_with_the_password(settings: Any) -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert settings.BEFUS_DEMO_PASSWORD in readme
    for account in DEMO_ACCOUNTS:
        assert account.email in readme


def test_demo_secretariat_can_use_the_admin_for_the_register(
    demo: dict[str, int], client: Any, settings: Any
) -> None:
    settings.DEMO = True  # the demo accounts skip the second factor in a demo installation only
    staff = User.objects.get(email="secretariat@befus.example")
    client.force_login(staff)
    assert client.get("/en/admin/members/organisation/").status_code == 200
    assert client.get("/en/admin/core/auditevent/").status_code == 200
