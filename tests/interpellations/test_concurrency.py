"""The Chairman and the delegate acting on one request at the same moment, on PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from befus.core.errors import InvalidTransition
from befus.interpellations import services
from befus.interpellations.choices import Status
from befus.interpellations.models import Interpellation, RoutingDelegate
from tests.accounts.factories import UserFactory
from tests.networks.test_concurrency import _race

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_answer_and_a_refusal_at_once_leave_one_outcome(
    outsider_request: Interpellation, chairman: Any
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite serialises writers differently")
    # given the Chairman's delegate, and both acting on the same new request
    delegate = UserFactory(email="director@example.org")
    RoutingDelegate.objects.create(person=delegate, start=outsider_request.received_at.date())
    outcomes = _race(
        lambda: services.answer_request(
            actor=chairman, interpellation=outsider_request, body="Voici la réponse."
        ),
        lambda: services.decline_request(
            actor=delegate, interpellation=outsider_request, reason="Hors de notre champ."
        ),
    )
    # then the request is either answered or declined, with one public entry, and the second
    # person is told it moved
    outsider_request.refresh_from_db()
    assert outsider_request.status in (Status.ANSWERED, Status.DECLINED)
    assert outsider_request.entries.filter(kind__in=("answer", "decline")).count() == 1
    errors = [outcome for outcome in outcomes if outcome is not None]
    assert len(errors) == 1
    assert isinstance(errors[0], InvalidTransition)
