"""Fixtures of the members tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from django.utils import translation

from befus.members.choices import BodyKind
from tests.accounts.factories import UserFactory
from tests.members.factories import (
    BodyFactory,
    ContactFactory,
    MembershipFactory,
    OrganisationFactory,
    SeatFactory,
)


@pytest.fixture(autouse=True)
def _start_in_english() -> Iterator[None]:
    """Start each test in English: a request in an earlier test may leave another language on."""
    with translation.override("en"):
        yield


@pytest.fixture
def register(db: None) -> SimpleNamespace:
    """One organisation with a membership, a mayor and a board seat, and one non-member."""
    organisation = OrganisationFactory(
        name_nl="Bergen",
        name_fr="Mons",
        name_en="Mons",
        slug="mons",
        nis_code="53053",
        region="wallonia",
        province="hainaut",
        original_language="fr",
    )
    board = BodyFactory(kind=BodyKind.BOARD)
    return SimpleNamespace(
        organisation=organisation,
        outsider=OrganisationFactory(name_nl="Aat", name_fr="Ath", name_en="Ath", slug="ath"),
        membership=MembershipFactory(organisation=organisation, start=dt.date(2010, 1, 1)),
        contact=ContactFactory(organisation=organisation, start=dt.date(2019, 1, 1)),
        board=board,
        seat=SeatFactory(body=board, organisation=organisation, start=dt.date(2025, 1, 1)),
        person=UserFactory(email="new.person@example.org"),
    )
