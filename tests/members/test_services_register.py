"""What every service of the register shares: only the secretariat may call it, and each
call is recorded in the audit trail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from befus.core.models import AuditEvent
from befus.members import services
from befus.members.choices import ContactRole, OrganisationKind, SeatRole
from befus.members.refnis import MunicipalityRow
from tests.members.helpers import _database_state, _last_event

NON_SECRETARIAT = ["professional", "mayor", "board_member", "chairman", "visitor"]


# Each service, called with valid arguments, the verb it records and the target of its event.
SERVICE_CALLS: dict[str, tuple[Callable[[Any, SimpleNamespace], Any], str, str]] = {
    "create_organisation": (
        lambda actor, r: services.create_organisation(
            actor=actor, kind=OrganisationKind.MUNICIPALITY, name_nl="Aalst", nis_code="41002"
        ),
        "members.organisation.create",
        "created",
    ),
    "update_organisation": (
        lambda actor, r: services.update_organisation(
            actor=actor, organisation=r.organisation, name_en="Mons (Hainaut)"
        ),
        "members.organisation.update",
        "organisation",
    ),
    "start_membership": (
        lambda actor, r: services.start_membership(
            actor=actor, organisation=r.outsider, start=dt.date(2025, 1, 1)
        ),
        "members.membership.start",
        "outsider",
    ),
    "end_membership": (
        lambda actor, r: services.end_membership(
            actor=actor, membership=r.membership, end=dt.date(2025, 6, 30)
        ),
        "members.membership.end",
        "organisation",
    ),
    "appoint_contact": (
        lambda actor, r: services.appoint_contact(
            actor=actor,
            organisation=r.organisation,
            person=r.person,
            role=ContactRole.PREVENTION_CONTACT,
            start=dt.date(2025, 1, 1),
        ),
        "members.contact.appoint",
        "organisation",
    ),
    "end_contact": (
        lambda actor, r: services.end_contact(
            actor=actor, contact=r.contact, end=dt.date(2024, 12, 1)
        ),
        "members.contact.end",
        "organisation",
    ),
    "add_seat": (
        lambda actor, r: services.add_seat(
            actor=actor,
            body=r.board,
            person=r.person,
            role=SeatRole.MEMBER,
            start=dt.date(2025, 1, 1),
        ),
        "members.seat.add",
        "board",
    ),
    "end_seat": (
        lambda actor, r: services.end_seat(actor=actor, seat=r.seat, end=dt.date(2025, 6, 30)),
        "members.seat.end",
        "board",
    ),
    "load_municipalities": (
        lambda actor, r: services.load_municipalities(
            actor=actor, rows=[MunicipalityRow(1, "35013", "Oostende", "Ostende", "Ostende")]
        ),
        "members.municipalities.load",
        "none",
    ),
}


@pytest.mark.parametrize("role", NON_SECRETARIAT)
@pytest.mark.parametrize("service", SERVICE_CALLS)
def test_services_refuse_anyone_outside_the_secretariat(
    request: pytest.FixtureRequest, register: SimpleNamespace, role: str, service: str
) -> None:
    # given a person who is not on the secretariat
    actor = request.getfixturevalue(role)
    call, _verb, _target = SERVICE_CALLS[service]
    before = _database_state()
    # when they call the service, then it refuses
    with pytest.raises(PermissionDenied):
        call(actor, register)
    # and nothing has changed, not even the audit trail
    assert _database_state() == before


@pytest.mark.parametrize("service", SERVICE_CALLS)
def test_services_record_who_did_what_in_the_audit_trail(
    register: SimpleNamespace, secretary: Any, service: str
) -> None:
    # given
    call, verb, target_name = SERVICE_CALLS[service]
    # when the secretariat calls the service
    result = call(secretary, register)
    # then one event names the secretary, the verb and what was changed
    event = _last_event()
    assert AuditEvent.objects.count() == 1
    assert event.actor == secretary
    assert event.actor_label == secretary.get_full_name()
    assert event.verb == verb
    if target_name == "none":
        assert (event.target_type, event.target_id) == (None, "")
    else:
        target = result if target_name == "created" else getattr(register, target_name)
        assert event.target_id == str(target.pk)
        target.refresh_from_db()
        assert event.target_repr == str(target)
