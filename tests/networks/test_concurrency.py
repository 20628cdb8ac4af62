"""Two people deciding at the same moment, on PostgreSQL with real threads and row locks."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections

from befus.core.errors import InvalidTransition
from befus.networks import services
from befus.networks.choices import MembershipStatus
from befus.networks.models import NetworkMembership

pytestmark = pytest.mark.django_db(transaction=True)


def _race(*actions: Any) -> list[BaseException | None]:
    """Run the actions in threads released together; return what each raised (or None)."""
    barrier = threading.Barrier(len(actions))
    outcomes: list[BaseException | None] = [None] * len(actions)

    def run(index: int, action: Any) -> None:
        try:
            barrier.wait()
            action()
        except BaseException as error:
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_a_consent_and_a_withdrawal_at_once_leave_one_consistent_state(
    mayor: Any, mayor_delegate: Any, professional: Any, network: Any
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite serialises writers differently")
    # given a request waiting for the mayor, and the mayor and the delegate both consenting
    membership = NetworkMembership.objects.create(
        network=network, person=professional, organisation=professional.profile.organisation
    )
    outcomes = _race(
        lambda: services.consent_membership(actor=mayor, membership=membership),
        lambda: services.consent_membership(actor=mayor_delegate, membership=membership),
    )
    # then exactly one consent counts; the other is told it came second
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE
    errors = [outcome for outcome in outcomes if outcome is not None]
    assert len(errors) == 1
    assert isinstance(errors[0], InvalidTransition)
