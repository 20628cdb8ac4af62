"""Translations by someone who is neither the author nor a reviewer: proposed, reviewed by
someone other than the proposer, and only then shown to readers and found by the search."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from befus.core.errors import DomainError, InvalidTransition
from befus.core.models import AuditEvent, Notification
from befus.core.notifications import render_title
from befus.core.search.engine import search
from befus.knowledge import services
from befus.knowledge.models import Practice
from befus.networks.models import Network
from tests.accounts.factories import UserFactory
from tests.knowledge.conftest import on_commit

FRENCH = {
    "title": "Opération Hirondelle : médiateurs de nuit autour de la gare",
    "summary": "Des médiateurs parcourent le quartier de la gare la nuit.",
}


def _url(name: str, **kwargs: Any) -> str:
    with translation.override("en"):
        return reverse(f"knowledge:{name}", kwargs=kwargs or None)


def _reload(practice: Practice) -> Practice:
    return Practice.objects.get(pk=practice.pk)


def _found(text: str) -> set[str]:
    results = search(text, user=AnonymousUser(), limit=100)
    return {hit.entry.title for hit in results.hits if hit.entry.kind == "practice"}


def _notified(kind: str) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient__email", flat=True))


def _propose(practice: Practice, by: Any, **texts: str) -> Any:
    with on_commit():
        return services.propose_translation(
            actor=by, practice=practice, language="fr", **(texts or FRENCH)
        )


# A member's translation waits for review


def test_a_members_translation_changes_nothing_readers_see_until_it_is_reviewed(
    login: Callable[[str], Any], published: Practice, client: Any
) -> None:
    # when a member professional translates the practice through its page
    with on_commit():
        response = login("professional").post(
            _url("practice-translate", slug=published.slug), {"language": "fr", **FRENCH}
        )
    # then the page, in French, and the search still show the text of before
    assert response.status_code == 302
    assert _reload(published).title_fr is None
    client.logout()
    with translation.override("fr"):
        html = client.get(published.get_absolute_url()).content.decode()
    assert FRENCH["title"] not in html
    assert _found("hirondelle") == set()


def test_a_member_may_not_write_a_translation_directly(
    published: Practice, professional: Any
) -> None:
    with pytest.raises(PermissionDenied):
        services.translate_practice(actor=professional, practice=published, language="fr", **FRENCH)
    assert _reload(published).title_fr is None


@pytest.mark.parametrize("role", ["author", "secretary", "referent"])
def test_the_author_and_the_reviewers_translate_directly(
    request: pytest.FixtureRequest, published: Practice, network: Network, role: str
) -> None:
    # when
    with on_commit():
        services.translate_practice(
            actor=request.getfixturevalue(role), practice=published, language="fr", **FRENCH
        )
    # then
    assert _reload(published).title_fr == FRENCH["title"]
    assert published.translation_proposals.exists() is False
    assert AuditEvent.objects.filter(verb="knowledge.practice.translate").count() == 1


def test_a_proposal_is_recorded_and_its_reviewers_are_told(
    published: Practice, professional: Any, secretary: Any, referent: Any, network: Network
) -> None:
    # when
    proposal = _propose(published, professional)
    # then
    assert proposal.status == "proposed"
    assert proposal.texts["title"] == FRENCH["title"]
    assert _notified("knowledge.translation_proposed") == {secretary.email, referent.email}
    event = AuditEvent.objects.get(verb="knowledge.translation.propose")
    assert (event.actor, event.data["language"]) == (professional, "fr")


def test_a_second_proposal_replaces_the_pending_one_of_the_same_person(
    published: Practice, professional: Any
) -> None:
    # given
    first = _propose(published, professional)
    # when
    second = _propose(published, professional, title="Médiateurs de nuit", summary="La nuit.")
    # then
    statuses = dict(published.translation_proposals.values_list("pk", "status"))
    assert statuses == {first.pk: "superseded", second.pk: "proposed"}


def test_a_visitor_proposes_nothing(published: Practice, visitor: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.propose_translation(actor=visitor, practice=published, language="fr", **FRENCH)


def test_the_proposer_finds_their_pending_translation_when_they_come_back(
    login: Callable[[str], Any], published: Practice, professional: Any
) -> None:
    # given
    _propose(published, professional)
    # when
    response = login("professional").get(_url("practice-translate", slug=published.slug))
    # then
    html = response.content.decode()
    assert response.context["form"].initial["language"] == "fr"
    assert FRENCH["title"] in html
    assert "waits for review" in html
    assert "Send the translation for review" in html


# A reviewer decides


def test_a_reviewer_accepts_a_proposal_and_readers_see_it(
    published: Practice, professional: Any, referent: Any, network: Network
) -> None:
    # given
    proposal = _propose(published, professional)
    # when
    with on_commit():
        services.accept_translation(actor=referent, proposal=proposal)
    # then
    practice = _reload(published)
    assert practice.title_fr == FRENCH["title"]
    assert practice.translations["fr"]["by"] == professional.pk
    assert practice.translations["fr"]["reviewed_by"] == referent.pk
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by) == ("accepted", referent)
    assert _found("hirondelle") == {practice.title_en}
    assert _notified("knowledge.translation_accepted") == {professional.email}
    assert AuditEvent.objects.filter(verb="knowledge.translation.accept").count() == 1


def test_declining_says_why_and_changes_nothing(
    published: Practice, professional: Any, secretary: Any
) -> None:
    # given
    proposal = _propose(published, professional)
    # when declined without a reason, then with one
    with pytest.raises(DomainError, match=r"Tell the translator why\."):
        services.reject_translation(actor=secretary, proposal=proposal, reason=" ")
    with on_commit():
        services.reject_translation(
            actor=secretary, proposal=proposal, reason="The summary is cut short."
        )
    # then
    proposal.refresh_from_db()
    assert (proposal.status, proposal.reason) == ("rejected", "The summary is cut short.")
    assert _reload(published).title_fr is None
    note = Notification.objects.get(kind="knowledge.translation_rejected")
    assert note.recipient == professional
    assert "The summary is cut short." in render_title(note.kind, note.params)
    assert AuditEvent.objects.filter(verb="knowledge.translation.reject").count() == 1


@pytest.mark.parametrize("decision", ["accept", "reject"])
def test_the_proposer_never_decides_on_their_own_translation(
    published: Practice, secretary: Any, decision: str
) -> None:
    # given a proposal of the secretariat (through the proposal service)
    proposal = _propose(published, secretary)
    decide = {
        "accept": lambda: services.accept_translation(actor=secretary, proposal=proposal),
        "reject": lambda: services.reject_translation(
            actor=secretary, proposal=proposal, reason="No."
        ),
    }[decision]
    # when / then
    with pytest.raises(PermissionDenied):
        decide()
    proposal.refresh_from_db()
    assert proposal.status == "proposed"


@pytest.mark.parametrize("role", ["author", "professional", "chairman"])
def test_only_a_reviewer_decides(
    request: pytest.FixtureRequest, published: Practice, member_city: Any, role: str
) -> None:
    # given a proposal by another member professional
    translator = UserFactory(email="translator@example.org", profile__organisation=member_city)
    proposal = _propose(published, translator)
    # when / then
    with pytest.raises(PermissionDenied):
        services.accept_translation(actor=request.getfixturevalue(role), proposal=proposal)
    assert _reload(published).title_fr is None


def test_a_decided_proposal_is_not_decided_again(
    published: Practice, professional: Any, secretary: Any, referent: Any, network: Network
) -> None:
    # given
    proposal = _propose(published, professional)
    services.reject_translation(actor=secretary, proposal=proposal, reason="Not yet.")
    # when / then
    with pytest.raises(InvalidTransition, match="“Not accepted”"):
        services.accept_translation(actor=referent, proposal=proposal)
    assert _reload(published).title_fr is None


# The pages of the reviewer


def test_the_review_queue_lists_the_pending_translations(
    login: Callable[[str], Any], published: Practice, professional: Any
) -> None:
    # given
    proposal = _propose(published, professional)
    # when
    response = login("secretary").get(_url("review-queue"))
    # then
    assert response.context["queue"].translations == [proposal]
    assert (
        _url("translation-review", slug=published.slug, pk=proposal.pk) in response.content.decode()
    )


def test_the_reviewer_sees_the_proposal_next_to_the_current_text(
    login: Callable[[str], Any], published: Practice, professional: Any, secretary: Any
) -> None:
    # given a French text already there, and a proposal to replace it
    services.translate_practice(
        actor=secretary, practice=published, language="fr", title="Médiateurs", summary="Nuit."
    )
    proposal = _propose(published, professional)
    # when
    response = login("secretary").get(
        _url("translation-review", slug=published.slug, pk=proposal.pk)
    )
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "Médiateurs</td>" in html
    assert FRENCH["title"] in html
    assert "Night mediators in the station district" in html


def test_the_reviewer_accepts_through_the_page(
    login: Callable[[str], Any], published: Practice, professional: Any
) -> None:
    # given
    proposal = _propose(published, professional)
    url = _url("translation-review", slug=published.slug, pk=proposal.pk)
    # when
    with on_commit():
        response = login("secretary").post(url, {"decision": "accept"})
    # then
    assert response.status_code == 302
    assert response["Location"] == _url("review-queue")
    assert _reload(published).title_fr == FRENCH["title"]


def test_declining_through_the_page_without_a_reason_keeps_the_form(
    login: Callable[[str], Any], published: Practice, professional: Any
) -> None:
    # given
    proposal = _propose(published, professional)
    url = _url("translation-review", slug=published.slug, pk=proposal.pk)
    # when
    response = login("secretary").post(url, {"decision": "reject", "reason": ""})
    # then
    assert response.status_code == 400
    assert "Tell the translator why." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == "proposed"


def test_the_practice_page_asks_a_member_to_propose_a_translation(
    login: Callable[[str], Any], published: Practice
) -> None:
    html = login("professional").get(published.get_absolute_url()).content.decode()
    assert "Propose a translation" in html
