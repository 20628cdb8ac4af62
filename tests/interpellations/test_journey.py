"""The whole way of a request: an outsider asks, the Chairman routes, a referent answers."""

from __future__ import annotations

from typing import Any

from django.core import mail

from befus.interpellations import selectors, services
from befus.interpellations.choices import Status
from befus.interpellations.models import Interpellation


def test_an_outsiders_request_goes_through_the_chairman_to_an_answer(
    outsider_request: Interpellation,
    chairman: Any,
    referent: Any,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given a request the press sent to a network: it lands with the Chairman alone
    request = outsider_request
    assert request.status == Status.RECEIVED
    assert not referent.has_perm("interpellations:request:view", request)
    assert chairman.notifications.filter(kind="interpellations.received").exists()
    # when the Chairman passes it on to the network's referents
    with django_capture_on_commit_callbacks(execute=True):
        services.forward_request(
            actor=chairman, interpellation=request, networks=request.networks.all()
        )
    request.refresh_from_db()
    assert request.status == Status.FORWARDED
    assert referent.has_perm("interpellations:request:view", request)
    # and the referent proposes an answer, which the Chairman validates
    with django_capture_on_commit_callbacks(execute=True):
        draft = services.propose_answer(
            actor=referent, interpellation=request, body="Voici notre réponse."
        )
        services.validate_draft(actor=chairman, draft=draft)
    request.refresh_from_db()
    # then the requester has the answer, by e-mail in French and on the tracking page
    assert request.status == Status.ANSWERED
    page = selectors.request_page(
        selectors.get_by_token(request.tracking_token()), public_only=True
    )
    assert [e.body for e in page.entries if e.kind == "answer"] == ["Voici notre réponse."]
    year = request.reference[:4]
    subjects = [m.subject for m in mail.outbox if m.to == ["claire@example.org"]]
    assert subjects == [
        f"[BeFUS] Votre demande {year}-0001 : Transmise",
        f"[BeFUS] Votre demande {year}-0001 : Répondue",
    ]
