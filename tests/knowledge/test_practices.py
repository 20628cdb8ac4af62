"""Sharing a practice and its review, translation, learning evaluation, questions and adoptions:
the services' rules, then the pages (who may open what, the forms, the old addresses)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from befus.core.errors import DomainError, InvalidTransition
from befus.core.models import AuditEvent, Notification
from befus.core.search.engine import search
from befus.knowledge import services
from befus.knowledge.models import (
    Adoption,
    Evaluation,
    Practice,
    PracticeQuestion,
    ReviewComment,
    Topic,
    TopicRedirect,
)
from befus.knowledge.urls import urlpatterns
from befus.networks.choices import MemberRole
from befus.networks.models import Network
from befus.themes.services import rename_topic
from tests.accounts.factories import UserFactory
from tests.knowledge.conftest import on_commit, publish, share, submit
from tests.networks.factories import NetworkFactory, NetworkMembershipFactory

LOGIN = "login"  # a redirect to the login page, and back afterwards


def _url(name: str, language: str = "en", **kwargs: Any) -> str:
    with translation.override(language):
        return reverse(f"knowledge:{name}", kwargs=kwargs or None)


def _found(text: str, *, user: Any = None) -> set[str]:
    """The titles of the practices the search finds for ``text``."""
    results = search(text, user=user or AnonymousUser(), limit=100)
    return {hit.entry.title for hit in results.hits if hit.entry.kind == "practice"}


def _notified(kind: str) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient__email", flat=True))


def _reload(practice: Practice) -> Practice:
    return Practice.objects.get(pk=practice.pk)


@pytest.fixture
def other_referent(db: None, tree: dict[str, int]) -> Any:
    """The referent of a network on road safety, a theme far from nightlife."""
    person = UserFactory(email="road-referent@example.org")
    network = NetworkFactory(recognised=True, slug="road-network", proposed_by=person)
    network.topics.set([Topic.objects.get(slug="road-safety")])
    NetworkMembershipFactory(
        network=network, person=person, role=MemberRole.LOCAL_REFERENT, active=True
    )
    return person


# Sharing a practice


def test_a_member_professional_shares_a_draft_in_their_language(
    author: Any, nightlife: Topic
) -> None:
    # when
    practice = share(author, title="Night mediators", summary="They calm conflicts.")
    # then
    practice = _reload(practice)
    assert practice.status == "draft"
    assert practice.author == author
    assert practice.contact == author
    assert practice.original_language == "en"
    assert practice.title_en == "Night mediators"
    assert practice.slug == "night-mediators"
    assert list(practice.topics.all()) == [nightlife]
    assert AuditEvent.objects.filter(verb="knowledge.practice.create").count() == 1


def test_two_practices_with_one_title_get_two_addresses(author: Any, nightlife: Topic) -> None:
    # when
    first = share(author, title="Night mediators")
    second = share(author, title="Night mediators")
    # then
    assert (first.slug, second.slug) == ("night-mediators", "night-mediators-2")


def test_a_draft_is_not_searchable(draft: Practice) -> None:
    assert _found("quiet streets closing") == set()


@pytest.mark.parametrize("role", ["anonymous", "visitor"])
def test_a_visitor_may_not_share(request: pytest.FixtureRequest, role: str, tree: Any) -> None:
    # given
    actor = AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)
    # when / then
    with pytest.raises(PermissionDenied):
        share(actor)
    assert Practice.objects.count() == 0


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"title": "  "}, "title", "Give the practice a title."),
        ({"summary": ""}, "summary", "Summarise the practice in a few sentences."),
        ({"visibility": "network"}, "network", "Choose the network whose members may read it."),
        (
            {"year_start": 2020, "year_end": 2019},
            "year_end",
            "The practice cannot end before it starts.",
        ),
    ],
    ids=["no-title", "no-summary", "network-without-network", "ends-before-it-starts"],
)
def test_an_incomplete_practice_is_refused_with_the_reason(
    author: Any, nightlife: Topic, fields: dict[str, Any], field: str, message: str
) -> None:
    # when
    with pytest.raises(DomainError, match=message) as error:
        share(author, **fields)
    # then
    assert error.value.field == field
    assert Practice.objects.count() == 0


def test_a_practice_in_a_language_the_platform_does_not_write_is_refused(
    author: Any, nightlife: Topic
) -> None:
    with pytest.raises(DomainError, match=r"Choose the language you write in."):
        share(author, language="de")


def test_a_practice_shared_from_another_interface_language_has_no_false_translation(
    author: Any, nightlife: Topic
) -> None:
    # given the English interface
    with translation.override("en"):
        # when the author writes in French
        practice = share(author, language="fr", title="Médiateurs de nuit", summary="La nuit.")
    # then only the French columns hold the text
    practice = _reload(practice)
    assert practice.title_fr == "Médiateurs de nuit"
    assert practice.title_en in (None, "")
    assert practice.summary_en in (None, "")


def test_the_author_changes_their_draft(draft: Practice, author: Any) -> None:
    # when
    services.update_practice(
        actor=author,
        practice=draft,
        title="Quiet streets at night",
        summary="Noise after closing time.",
        topics=list(draft.topics.all()),
        year_start=2021,
    )
    # then
    draft = _reload(draft)
    assert draft.title_en == "Quiet streets at night"
    assert draft.year_start == 2021
    assert draft.slug == "quiet-streets-after-closing-time"  # the address does not move


@pytest.mark.parametrize("state", ["submitted", "published"])
def test_the_author_may_not_change_a_practice_out_of_their_hands(
    request: pytest.FixtureRequest, author: Any, state: str
) -> None:
    # given
    practice = request.getfixturevalue(state)
    # when / then
    with pytest.raises(PermissionDenied):
        services.update_practice(actor=author, practice=practice, title="Other")
    assert _reload(practice).title_en != "Other"


def test_someone_else_may_not_change_a_draft(draft: Practice, professional: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.update_practice(actor=professional, practice=draft, title="Mine now")


def test_the_secretariat_corrects_a_published_practice_and_the_search_follows(
    published: Practice, secretary: Any
) -> None:
    # given
    assert _found("mediators") == {"Night mediators in the station district"}
    # when
    with on_commit():
        services.update_practice(
            actor=secretary,
            practice=published,
            title="Peacekeepers around the railway station",
            summary=published.summary_en,
            topics=list(published.topics.all()),
        )
    # then
    assert _reload(published).status == "published"
    assert _found("peacekeepers") == {"Peacekeepers around the railway station"}


# The review


def test_a_practice_without_a_theme_cannot_be_submitted(author: Any, tree: Any) -> None:
    # given
    practice = share(author, topics=[])
    # when / then
    with pytest.raises(DomainError, match=r"Choose at least one theme before submitting.") as error:
        submit(practice)
    assert error.value.field == "topics"
    assert _reload(practice).status == "draft"


def test_submitting_tells_the_secretariat_and_the_referents_of_its_themes(
    draft: Practice, secretary: Any, referent: Any, network: Network, other_referent: Any
) -> None:
    # when
    submit(draft)
    # then
    draft = _reload(draft)
    assert draft.status == "submitted"
    assert draft.submitted_at is not None
    assert _notified("knowledge.practice_submitted") == {
        "secretary@example.org",
        "referent@example.org",
    }
    notification = Notification.objects.get(recipient=referent)
    assert notification.url == _url("practice-review", slug=draft.slug)


def test_the_referent_of_a_network_not_yet_recognised_is_not_told(
    draft: Practice, secretary: Any, tree: Any
) -> None:
    # given a proposed network on nightlife, with a referent
    person = UserFactory(email="proposer@example.org")
    proposal = NetworkFactory(slug="proposal", proposed_by=person)
    proposal.topics.set([Topic.objects.get(slug="nightlife")])
    NetworkMembershipFactory(
        network=proposal, person=person, role=MemberRole.LOCAL_REFERENT, active=True
    )
    # when
    submit(draft)
    # then
    assert _notified("knowledge.practice_submitted") == {"secretary@example.org"}


@pytest.mark.parametrize("reviewer", ["secretary", "referent"])
def test_a_reviewer_starts_the_review(
    request: pytest.FixtureRequest, submitted: Practice, network: Network, reviewer: str
) -> None:
    # when
    services.start_review(actor=request.getfixturevalue(reviewer), practice=submitted)
    # then
    assert _reload(submitted).status == "in_review"


@pytest.mark.parametrize("role", ["author", "professional", "mayor", "other_referent"])
def test_only_a_reviewer_starts_the_review(
    request: pytest.FixtureRequest, submitted: Practice, role: str
) -> None:
    with pytest.raises(PermissionDenied):
        services.start_review(actor=request.getfixturevalue(role), practice=submitted)
    assert _reload(submitted).status == "submitted"


def test_the_reviewer_comments_on_a_field(
    submitted: Practice, referent: Any, network: Network
) -> None:
    # when
    comment = services.comment_on_field(
        actor=referent, practice=submitted, field="results", text=" Give figures. "
    )
    # then
    assert (comment.field, comment.text, comment.author) == ("results", "Give figures.", referent)
    assert AuditEvent.objects.get(verb="knowledge.practice.comment").data["field"] == "results"


def test_an_empty_comment_is_refused(submitted: Practice, secretary: Any) -> None:
    with pytest.raises(DomainError, match=r"Write the comment."):
        services.comment_on_field(actor=secretary, practice=submitted, field="", text="  ")


def test_a_draft_is_not_commented(draft: Practice, secretary: Any) -> None:
    with pytest.raises(InvalidTransition, match="Comments are made while the practice is in"):
        services.comment_on_field(actor=secretary, practice=draft, field="", text="Hm.")


def test_someone_not_reviewing_may_not_comment(submitted: Practice, professional: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.comment_on_field(actor=professional, practice=submitted, field="", text="Hm.")
    assert ReviewComment.objects.count() == 0


def test_asking_for_changes_needs_a_comment(submitted: Practice, secretary: Any) -> None:
    # when / then
    with pytest.raises(DomainError, match=r"Say what to change: add a comment."):
        services.request_practice_changes(actor=secretary, practice=submitted)
    assert _reload(submitted).status == "submitted"


def test_asking_for_changes_sends_the_practice_back_to_its_author(
    submitted: Practice, secretary: Any, author: Any
) -> None:
    # when
    with on_commit():
        services.request_practice_changes(
            actor=secretary, practice=submitted, comment="Say who pays for it."
        )
    # then
    submitted = _reload(submitted)
    assert submitted.status == "changes_requested"
    assert submitted.comments.get().text == "Say who pays for it."
    notification = Notification.objects.get(kind="knowledge.practice_status")
    assert notification.recipient == author
    assert notification.url == _url("practice-edit", slug=submitted.slug)


def test_the_author_answers_the_comments_and_submits_again(
    submitted: Practice, secretary: Any, author: Any
) -> None:
    # given
    services.request_practice_changes(actor=secretary, practice=submitted, comment="Figures?")
    # when
    services.update_practice(
        actor=author,
        practice=_reload(submitted),
        title=submitted.title_en,
        summary=submitted.summary_en,
        results="Calls to the police fell by a third.",
        topics=list(submitted.topics.all()),
    )
    submit(_reload(submitted))
    # then
    submitted = _reload(submitted)
    assert submitted.status == "submitted"
    assert submitted.results_en == "Calls to the police fell by a third."


def test_a_second_round_of_changes_needs_a_new_comment(
    submitted: Practice, secretary: Any, author: Any
) -> None:
    # given a first round of comments, answered and submitted again
    services.request_practice_changes(actor=secretary, practice=submitted, comment="Figures?")
    submit(_reload(submitted))
    # when / then
    with pytest.raises(DomainError, match=r"Say what to change: add a comment."):
        services.request_practice_changes(actor=secretary, practice=submitted)


@pytest.mark.parametrize("step", ["request_changes", "submit"])
def test_someone_who_may_not_act_is_refused_before_being_told_what_is_missing(
    submitted: Practice, author: Any, professional: Any, step: str
) -> None:
    # given a submitted practice without comments, and a draft without a theme
    bare = share(author, title="Bare", topics=[])
    act = {
        "request_changes": lambda: services.request_practice_changes(
            actor=professional, practice=submitted
        ),
        "submit": lambda: services.submit_practice(actor=professional, practice=bare),
    }[step]
    # when / then
    with pytest.raises(PermissionDenied):
        act()


@pytest.mark.parametrize("reviewer", ["secretary", "referent"])
def test_publishing_makes_it_readable_and_searchable(
    request: pytest.FixtureRequest, submitted: Practice, network: Network, reviewer: str
) -> None:
    # given
    actor = request.getfixturevalue(reviewer)
    services.comment_on_field(actor=actor, practice=submitted, field="", text="Fine.")
    assert _found("clubs") == set()
    # when
    with on_commit():
        services.publish_practice(actor=actor, practice=submitted)
    # then
    submitted = _reload(submitted)
    assert submitted.status == "published"
    assert submitted.published_at is not None
    assert submitted.comments.filter(resolved_at=None).count() == 0
    assert _found("clubs") == {"Safe way home from the clubs"}
    assert _notified("knowledge.practice_status") == {"author@example.org"}


@pytest.mark.parametrize("role", ["author", "professional", "board_member", "chairman"])
def test_only_a_reviewer_publishes(
    request: pytest.FixtureRequest, submitted: Practice, role: str
) -> None:
    with pytest.raises(PermissionDenied):
        services.publish_practice(actor=request.getfixturevalue(role), practice=submitted)
    assert _reload(submitted).status == "submitted"


def test_archiving_takes_it_out_of_the_search_and_the_lists(
    published: Practice, secretary: Any, login: Callable[[str], Any]
) -> None:
    # when
    with on_commit():
        services.archive_practice(actor=secretary, practice=published)
    # then
    assert _reload(published).status == "archived"
    assert _found("mediators") == set()
    assert _found("mediators", user=secretary) == set()
    for role, status in (("professional", 404), ("author", 200), ("secretary", 200)):
        client = login(role)
        assert published.title_en not in client.get(_url("practice-list")).content.decode()
        assert client.get(_url("practice-detail", slug=published.slug)).status_code == status


def test_an_archived_practice_is_published_again(published: Practice, secretary: Any) -> None:
    # given
    published_at = _reload(published).published_at
    with on_commit():
        services.archive_practice(actor=secretary, practice=published)
    # when
    with on_commit():
        services.republish_practice(actor=secretary, practice=published)
    # then
    assert _reload(published).status == "published"
    assert _reload(published).published_at == published_at
    assert _found("mediators") == {published.title_en}


@pytest.mark.parametrize("role", ["author", "referent", "professional", "chairman"])
def test_only_the_secretariat_archives(
    request: pytest.FixtureRequest, published: Practice, network: Network, role: str
) -> None:
    with pytest.raises(PermissionDenied):
        services.archive_practice(actor=request.getfixturevalue(role), practice=published)


@pytest.mark.parametrize(
    ("state", "step"),
    [
        ("draft", services.publish_practice),
        ("draft", services.start_review),
        ("draft", services.archive_practice),
        ("submitted", services.submit_practice),
        ("submitted", services.archive_practice),
        ("published", services.publish_practice),
        ("published", services.start_review),
        ("published", services.republish_practice),
    ],
)
def test_a_step_from_the_wrong_state_is_an_invalid_transition(
    request: pytest.FixtureRequest, secretary: Any, state: str, step: Callable[..., Any]
) -> None:
    # given (only the author sends a practice for review)
    practice = request.getfixturevalue(state)
    actor = practice.author if step is services.submit_practice else secretary
    # when / then
    with pytest.raises(InvalidTransition, match=r"This practice is now “.*”"):
        step(actor=actor, practice=practice)
    assert _reload(practice).status == state


def test_starting_a_review_twice_is_an_invalid_transition(
    submitted: Practice, secretary: Any, referent: Any, network: Network
) -> None:
    # given
    services.start_review(actor=secretary, practice=submitted)
    # when / then
    with pytest.raises(InvalidTransition, match="“In review”"):
        services.start_review(actor=referent, practice=submitted)


# Translations


def test_a_reviewer_translates_a_published_practice_directly(
    published: Practice, referent: Any, network: Network
) -> None:
    # when
    with on_commit():
        services.translate_practice(
            actor=referent,
            practice=published,
            language="fr",
            title="Médiateurs de nuit autour de la gare",
            summary="Des médiateurs parcourent le quartier la nuit.",
        )
    # then
    published = _reload(published)
    assert published.title_fr == "Médiateurs de nuit autour de la gare"
    assert published.title_en == "Night mediators in the station district"
    assert published.translations["fr"]["by"] == referent.pk
    assert set(published.translations) == {"fr"}
    assert _found("médiateurs gare") == {published.title_en}


def test_the_original_language_is_not_translated(published: Practice, author: Any) -> None:
    with pytest.raises(DomainError, match=r"Choose a language other than the original."):
        services.translate_practice(
            actor=author, practice=published, language="en", title="T", summary="S"
        )
    assert _reload(published).translations == {}


def test_a_translation_needs_a_title_and_a_summary(published: Practice, author: Any) -> None:
    with pytest.raises(DomainError, match=r"Translate at least the title and the summary."):
        services.translate_practice(
            actor=author, practice=published, language="nl", title="Nachtbemiddelaars"
        )


@pytest.mark.parametrize("role", ["anonymous", "visitor"])
def test_a_visitor_may_not_translate(
    request: pytest.FixtureRequest, published: Practice, role: str
) -> None:
    actor = AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        services.translate_practice(
            actor=actor, practice=published, language="nl", title="T", summary="S"
        )


def test_a_translation_is_shown_to_the_readers_of_its_language_as_a_translation(
    author: Any, secretary: Any, nightlife: Topic, client: Any
) -> None:
    # given a Dutch practice, published, translated into English by the secretariat
    with translation.override("nl"):
        practice = publish(
            share(author, language="nl", title="Nachtbemiddelaars", summary="Zij bemiddelen."),
            by=secretary,
        )
    services.translate_practice(
        actor=secretary,
        practice=practice,
        language="en",
        title="Night mediators",
        summary="They mediate at night.",
    )
    # when
    html = client.get(_url("practice-detail", slug=practice.slug)).content.decode()
    # then
    assert "<h1>Night mediators</h1>" in html
    assert "They mediate at night." in html
    assert "Written in Dutch." in html
    assert "This is a translation." in html


def test_an_untranslated_practice_says_so_in_the_other_languages(
    login: Callable[[str], Any], author: Any, secretary: Any, nightlife: Topic
) -> None:
    # given a francophone author who uses the English interface
    client = login("author")
    client.post(
        _url("practice-new"),
        {
            "language": "fr",
            "title": "Médiateurs de nuit",
            "summary": "Ils apaisent les conflits.",
            "topics": [nightlife.pk],
            "visibility": "public",
        },
    )
    practice = Practice.objects.get()
    publish(practice, by=secretary)
    # when
    html = client.get(_url("practice-detail", slug=practice.slug)).content.decode()
    # then
    assert "Not translated yet: shown in French." in html
    assert '<h1 lang="fr">Médiateurs de nuit</h1>' in html


# Learning evaluations


def test_each_evaluation_is_a_new_version(published: Practice, author: Any) -> None:
    # when
    first = services.add_evaluation(
        actor=author, practice=published, language="en", what_worked="Night presence."
    )
    second = services.add_evaluation(
        actor=author,
        practice=published,
        language="en",
        what_worked="Night presence, with figures.",
        evidence="external",
        maryland_level=3,
    )
    # then
    assert (first.version, second.version) == (1, 2)
    assert list(published.evaluations.values_list("version", flat=True)) == [2, 1]
    assert (second.evidence, second.maryland_level, second.written_by) == ("external", 3, author)


def test_the_page_shows_the_newest_evaluation_and_keeps_the_earlier_ones(
    published: Practice, author: Any, client: Any
) -> None:
    # given
    for text in ("First lesson.", "Second lesson."):
        services.add_evaluation(actor=author, practice=published, language="en", what_worked=text)
    # when
    html = client.get(_url("practice-detail", slug=published.slug)).content.decode()
    # then
    assert html.index("Second lesson.") < html.index("First lesson.")
    assert "1 earlier version" in html


@pytest.mark.parametrize(
    ("evidence", "level", "allowed"),
    [
        ("none", 0, True),
        ("none", 1, False),
        ("monitoring", 1, True),
        ("monitoring", 2, False),
        ("internal", 2, True),
        ("internal", 3, False),
        ("external", 1, False),
        ("external", 3, True),
        ("comparison", 2, False),
        ("comparison", 5, True),
        ("comparison", 0, True),  # not rated
    ],
)
def test_the_maryland_level_must_fit_the_kind_of_evidence(
    published: Practice, secretary: Any, evidence: str, level: int, allowed: bool
) -> None:
    # given
    def evaluate() -> Evaluation:
        return services.add_evaluation(
            actor=secretary,
            practice=published,
            language="en",
            what_worked="Some.",
            evidence=evidence,
            maryland_level=level,
        )

    # when / then
    if allowed:
        assert evaluate().maryland_level == level
    else:
        with pytest.raises(DomainError, match="This kind of evidence reaches level") as error:
            evaluate()
        assert error.value.field == "maryland_level"
        assert Evaluation.objects.count() == 0


def test_an_evaluation_says_what_was_learned(published: Practice, author: Any) -> None:
    with pytest.raises(DomainError, match=r"Say what the team learned."):
        services.add_evaluation(actor=author, practice=published, language="en", evidence="none")


@pytest.mark.parametrize("role", ["professional", "mayor", "referent", "visitor"])
def test_only_the_author_the_contact_and_the_secretariat_evaluate(
    request: pytest.FixtureRequest, published: Practice, role: str
) -> None:
    with pytest.raises(PermissionDenied):
        services.add_evaluation(
            actor=request.getfixturevalue(role),
            practice=published,
            language="en",
            what_worked="x",
        )


def test_the_contact_person_evaluates(
    published: Practice, professional: Any, secretary: Any
) -> None:
    # given the secretariat names another contact
    with on_commit():
        services.update_practice(
            actor=secretary,
            practice=published,
            title=published.title_en,
            summary=published.summary_en,
            topics=list(published.topics.all()),
            contact=professional,
        )
    # when
    evaluation = services.add_evaluation(
        actor=professional, practice=_reload(published), language="en", what_worked="Works."
    )
    # then
    assert evaluation.version == 1


# Questions to the contact person


def test_a_question_reaches_the_contact_without_showing_their_address(
    published: Practice,
    professional: Any,
    author: Any,
    mailoutbox: list[Any],
    login: Callable[[str], Any],
) -> None:
    # when
    with on_commit():
        question = services.ask_contact(
            actor=professional, practice=published, text="How many mediators at night?"
        )
    # then
    assert PracticeQuestion.objects.get() == question
    notification = Notification.objects.get(kind="knowledge.practice_question")
    assert notification.recipient == author
    assert notification.params["question"] == "How many mediators at night?"
    [relayed] = [m for m in mailoutbox if m.body == "How many mediators at night?"]
    assert relayed.to == ["author@example.org"]
    assert relayed.reply_to == ["pro@example.org"]
    client = login("professional")
    for name in ("practice-detail", "practice-ask"):
        html = client.get(_url(name, slug=published.slug)).content.decode()
        assert "author@example.org" not in html


def test_an_empty_question_is_refused(published: Practice, professional: Any) -> None:
    with pytest.raises(DomainError, match=r"Write your question."):
        services.ask_contact(actor=professional, practice=published, text=" ")


def test_a_question_needs_a_contact_who_is_still_there(
    published: Practice, professional: Any, author: Any
) -> None:
    # given
    author.is_active = False
    author.save(update_fields=["is_active"])
    # when / then
    with pytest.raises(DomainError, match=r"This practice has no contact person any more."):
        services.ask_contact(actor=professional, practice=published, text="Still running?")


@pytest.mark.parametrize("role", ["anonymous", "visitor"])
def test_a_visitor_may_not_ask(
    request: pytest.FixtureRequest, published: Practice, role: str
) -> None:
    actor = AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        services.ask_contact(actor=actor, practice=published, text="?")


def test_a_draft_is_not_asked_about(draft: Practice, professional: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.ask_contact(actor=professional, practice=draft, text="?")


# Adoptions


@pytest.mark.parametrize("role", ["professional", "mayor"])
def test_a_city_records_that_it_adopted_a_practice(
    request: pytest.FixtureRequest, published: Practice, member_city: Any, role: str
) -> None:
    # when
    adoption = services.record_adoption(
        actor=request.getfixturevalue(role),
        practice=published,
        organisation=member_city,
        adopted_on=dt.date(2025, 9, 1),
        adaptations=" With volunteers. ",
    )
    # then
    assert (adoption.organisation, adoption.adaptations) == (member_city, "With volunteers.")
    assert _notified("knowledge.practice_adopted") == {"author@example.org"}


def test_a_city_adopts_a_practice_once(
    published: Practice, professional: Any, mayor: Any, member_city: Any
) -> None:
    # given
    services.record_adoption(
        actor=professional,
        practice=published,
        organisation=member_city,
        adopted_on=dt.date(2025, 9, 1),
    )
    # when / then
    with pytest.raises(DomainError, match=r"has already recorded adopting it."):
        services.record_adoption(
            actor=mayor,
            practice=published,
            organisation=member_city,
            adopted_on=dt.date(2025, 10, 1),
        )
    assert Adoption.objects.count() == 1


@pytest.mark.parametrize("role", ["professional", "mayor", "board_member", "secretary"])
def test_an_adoption_is_recorded_for_ones_own_city_only(
    request: pytest.FixtureRequest, published: Practice, chairman: Any, role: str
) -> None:
    # given Liège, the chairman's city, which none of them works for
    liege = chairman.seats.get().organisation
    # when / then
    with pytest.raises(DomainError, match="for your own municipality only") as error:
        services.record_adoption(
            actor=request.getfixturevalue(role),
            practice=published,
            organisation=liege,
            adopted_on=dt.date(2025, 9, 1),
        )
    assert error.value.field == "organisation"
    assert Adoption.objects.count() == 0


def test_a_visitor_records_no_adoption(published: Practice, visitor: Any, member_city: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.record_adoption(
            actor=visitor,
            practice=published,
            organisation=member_city,
            adopted_on=dt.date(2025, 10, 1),
        )


# Who may open what

ROLES = [
    "anonymous",
    "visitor",
    "professional",
    "mayor",
    "board_member",
    "secretary",
    "chairman",
    "author",
    "referent",
]
EVERYONE: dict[str, int | str] = dict.fromkeys(ROLES, 200)
MEMBERS = set(ROLES) - {"anonymous", "visitor"}


def _only(
    allowed: set[str], ok: int = 200, other: int = 403, **exceptions: int
) -> dict[str, int | str]:
    """Every role gets ``other`` but the anonymous visitor (login) and the ``allowed`` (``ok``)."""
    expected: dict[str, int | str] = {
        role: LOGIN if role == "anonymous" else ok if role in allowed else other for role in ROLES
    }
    expected.update(exceptions)
    return expected


def _status(state: str) -> Callable[[Practice], bool]:
    return lambda practice: _reload(practice).status == state


@dataclass(frozen=True)
class Page:
    """A URL of the app, the answer each role gets and, for a POST, the change it makes."""

    url: Callable[[SimpleNamespace], str]
    expected: dict[str, int | str]
    method: str = "get"
    data: dict[str, str] = field(default_factory=dict)
    changed: Callable[[SimpleNamespace], bool] | None = None
    changed_for: frozenset[str] = frozenset()


@pytest.fixture
def world(
    published: Practice, draft: Practice, submitted: Practice, network: Network, professional: Any
) -> SimpleNamespace:
    """The author's published practice, draft and submitted one; a network reviewing them; a
    translation of the published one proposed by a member professional."""
    proposal = services.propose_translation(
        actor=professional, practice=published, language="nl", title="Nacht", summary="Bemiddeling"
    )
    return SimpleNamespace(published=published, draft=draft, submitted=submitted, proposal=proposal)


def _proposal_status(state: str) -> Callable[[SimpleNamespace], bool]:
    return lambda w: type(w.proposal).objects.get(pk=w.proposal.pk).status == state


PAGES: dict[str, Page] = {
    "topic-list": Page(lambda w: _url("topic-list"), EVERYONE),
    "topic-detail": Page(lambda w: _url("topic-detail", slug="nightlife"), EVERYONE),
    "topic-merge": Page(lambda w: _url("topic-merge", slug="nightlife"), _only({"secretary"})),
    "practice-list": Page(lambda w: _url("practice-list"), EVERYONE),
    "practice-new": Page(lambda w: _url("practice-new"), _only(MEMBERS)),
    "my-practices": Page(lambda w: _url("my-practices"), _only(MEMBERS)),
    "review-queue": Page(lambda w: _url("review-queue"), _only({"secretary", "referent"})),
    "practice-detail": Page(lambda w: _url("practice-detail", slug=w.published.slug), EVERYONE),
    "practice-detail:draft": Page(
        lambda w: _url("practice-detail", slug=w.draft.slug),
        _only({"author", "secretary"}, other=404, anonymous=404),
    ),
    "practice-detail:submitted": Page(
        lambda w: _url("practice-detail", slug=w.submitted.slug),
        _only({"author", "secretary", "referent"}, other=404, anonymous=404),
    ),
    "practice-edit": Page(
        lambda w: _url("practice-edit", slug=w.draft.slug),
        _only({"author", "secretary"}, other=404),
    ),
    "practice-edit:published": Page(
        lambda w: _url("practice-edit", slug=w.published.slug), _only({"secretary"})
    ),
    "practice-review": Page(
        lambda w: _url("practice-review", slug=w.submitted.slug),
        _only({"secretary", "referent"}, other=404, author=403),
    ),
    "practice-translate": Page(
        lambda w: _url("practice-translate", slug=w.published.slug), _only(MEMBERS)
    ),
    "practice-evaluate": Page(
        lambda w: _url("practice-evaluate", slug=w.published.slug),
        _only({"author", "secretary"}),
    ),
    "practice-ask": Page(lambda w: _url("practice-ask", slug=w.published.slug), _only(MEMBERS)),
    "practice-adopt": Page(lambda w: _url("practice-adopt", slug=w.published.slug), _only(MEMBERS)),
    "practice-action:archive": Page(
        lambda w: _url("practice-action", slug=w.published.slug, action="archive"),
        _only({"secretary"}, ok=302),
        method="post",
        changed=lambda w: _status("archived")(w.published),
        changed_for=frozenset({"secretary"}),
    ),
    # Sending for review is the author's act; the secretariat, who reads the draft, may not.
    "practice-action:submit": Page(
        lambda w: _url("practice-action", slug=w.draft.slug, action="submit"),
        _only({"author"}, ok=302, other=404, secretary=403),
        method="post",
        changed=lambda w: _status("submitted")(w.draft),
        changed_for=frozenset({"author"}),
    ),
    "practice-action:publish": Page(
        lambda w: _url("practice-action", slug=w.submitted.slug, action="publish"),
        _only({"secretary", "referent"}, ok=302, other=404, author=403),
        method="post",
        changed=lambda w: _status("published")(w.submitted),
        changed_for=frozenset({"secretary", "referent"}),
    ),
    "translation-review": Page(
        lambda w: _url("translation-review", slug=w.published.slug, pk=w.proposal.pk),
        _only({"secretary", "referent"}),
    ),
    "translation-review:accept": Page(
        lambda w: _url("translation-review", slug=w.published.slug, pk=w.proposal.pk),
        _only({"secretary", "referent"}, ok=302),
        method="post",
        data={"decision": "accept"},
        changed=_proposal_status("accepted"),
        changed_for=frozenset({"secretary", "referent"}),
    ),
    "publication-list": Page(lambda w: _url("publication-list"), EVERYONE),
    "search": Page(lambda w: _url("search") + "?q=mediators", EVERYONE),
}


# The pages of the knowledge base and its search (the attachments of practices have their own).
COVERED = {
    "topic-list",
    "topic-detail",
    "topic-merge",
    "practice-list",
    "practice-new",
    "my-practices",
    "review-queue",
    "practice-detail",
    "practice-edit",
    "practice-review",
    "practice-translate",
    "practice-evaluate",
    "practice-ask",
    "practice-adopt",
    "practice-action",
    "translation-review",
    "publication-list",
    "search",
}


def test_the_matrix_covers_every_page_of_the_app() -> None:
    names = {pattern.name for pattern in urlpatterns}
    assert {name.split(":")[0] for name in PAGES} == COVERED
    assert names >= COVERED


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", PAGES)
def test_each_page_answers_each_role_as_its_rule_says(
    login: Callable[[str], Any], world: SimpleNamespace, name: str, role: str
) -> None:
    # given
    page = PAGES[name]
    client = login(role)
    url = page.url(world)
    # when
    response = getattr(client, page.method)(url, page.data)
    # then
    expected = page.expected[role]
    if expected == LOGIN:
        assert response.status_code == 302
        with translation.override("en"):
            assert response["Location"] == f"{reverse('account_login')}?next={url}"
    else:
        assert response.status_code == expected
    if expected == 403:
        assert "403.html" in [template.name for template in response.templates]
    if page.changed is not None:
        assert page.changed(world) is (role in page.changed_for)


def test_the_actions_take_no_get(login: Callable[[str], Any], world: SimpleNamespace) -> None:
    # given
    client = login("secretary")
    # when
    response = client.get(_url("practice-action", slug=world.published.slug, action="archive"))
    # then
    assert response.status_code == 405
    assert _reload(world.published).status == "published"


def test_an_unknown_action_is_not_found(
    login: Callable[[str], Any], world: SimpleNamespace
) -> None:
    client = login("secretary")
    response = client.post(_url("practice-action", slug=world.published.slug, action="delete"))
    assert response.status_code == 404


def test_a_refused_step_is_a_message_on_the_practice(
    login: Callable[[str], Any], author: Any, tree: Any
) -> None:
    # given a draft without a theme
    practice = share(author, topics=[])
    client = login("author")
    # when
    response = client.post(
        _url("practice-action", slug=practice.slug, action="submit"), follow=True
    )
    # then
    assert response.redirect_chain[-1][0] == _url("practice-edit", slug=practice.slug)
    assert "Choose at least one theme before submitting." in response.content.decode()
    assert _reload(practice).status == "draft"


# Old addresses of themes


def test_an_old_address_of_a_theme_leads_to_its_new_one(client: Any, nightlife: Topic) -> None:
    # given
    TopicRedirect.objects.create(old_slug="night-life", topic=nightlife)
    # when
    response = client.get(_url("topic-detail", slug="night-life"))
    # then
    assert response.status_code == 301
    assert response["Location"] == _url("topic-detail", slug="nightlife")


def test_renaming_the_address_of_a_theme_keeps_the_old_one(
    client: Any, nightlife: Topic, secretary: Any
) -> None:
    # given
    rename_topic(actor=secretary, topic=nightlife, slug="nightlife-and-harassment")
    # when
    response = client.get(_url("topic-detail", slug="nightlife"))
    # then
    assert response.status_code == 301
    assert response["Location"] == _url("topic-detail", slug="nightlife-and-harassment")


def test_an_unknown_theme_address_is_not_found(client: Any, tree: Any) -> None:
    assert client.get(_url("topic-detail", slug="no-such-theme")).status_code == 404


# The forms


def test_sharing_through_the_pages_from_draft_to_publication(
    login: Callable[[str], Any], nightlife: Topic, secretary: Any, author: Any
) -> None:
    # given
    client = login("author")
    # when the author saves a draft and sends it
    response = client.post(
        _url("practice-new"),
        {
            "language": "en",
            "title": "Night buses with a steward",
            "summary": "A steward rides the last buses.",
            "topics": [nightlife.pk],
            "visibility": "public",
        },
    )
    practice = Practice.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("practice-edit", slug=practice.slug)
    client.post(_url("practice-action", slug=practice.slug, action="submit"))
    # and the secretariat comments, then publishes
    reviewer = login("secretary")
    response = reviewer.post(
        _url("practice-review", slug=practice.slug),
        {"comment": "1", "field": "results", "text": "Any figures?"},
    )
    assert response.status_code == 302
    with on_commit():
        reviewer.post(_url("practice-action", slug=practice.slug, action="publish"))
    # then
    assert _reload(practice).status == "published"
    assert _found("steward buses") == {"Night buses with a steward"}
    assert ReviewComment.objects.get().field == "results"


def test_asking_for_changes_from_the_review_page(
    login: Callable[[str], Any], submitted: Practice
) -> None:
    # given
    client = login("secretary")
    # when
    response = client.post(
        _url("practice-review", slug=submitted.slug),
        {"request_changes": "1", "text": "Say who pays."},
    )
    # then
    assert response.status_code == 302
    assert response["Location"] == _url("review-queue")
    assert _reload(submitted).status == "changes_requested"
    html = login("author").get(_url("practice-edit", slug=submitted.slug)).content.decode()
    assert "Say who pays." in html


@dataclass(frozen=True)
class Invalid:
    """A form posted with a mistake: who posts it, where, and the text that must stay."""

    role: str
    url: Callable[[SimpleNamespace], str]
    data: dict[str, Any]
    kept: str
    error: str


INVALID: dict[str, Invalid] = {
    "new:no-summary": Invalid(
        "author",
        lambda w: _url("practice-new"),
        {"language": "en", "title": "Street lights by the river", "visibility": "public"},
        "Street lights by the river",
        "This field is required.",
    ),
    "new:network-without-network": Invalid(
        "author",
        lambda w: _url("practice-new"),
        {
            "language": "en",
            "title": "Street lights by the river",
            "summary": "Lamps that dim.",
            "visibility": "network",
        },
        "Street lights by the river",
        "Choose the network whose members may read it.",
    ),
    "edit:bad-link": Invalid(
        "author",
        lambda w: _url("practice-edit", slug=w.draft.slug),
        {
            "title": "Quiet streets after closing time",
            "summary": "A draft on noise, longer now.",
            "links": "not a web address",
            "visibility": "public",
        },
        "A draft on noise, longer now.",
        "is not a web address.",
    ),
    "review:empty-comment": Invalid(
        "secretary",
        lambda w: _url("practice-review", slug=w.submitted.slug),
        {"comment": "1", "field": "results", "text": ""},
        "Safe way home from the clubs",
        "This field is required.",
    ),
    "translate:no-title": Invalid(
        "professional",
        lambda w: _url("practice-translate", slug=w.published.slug),
        {"language": "fr", "title": "", "summary": "Des médiateurs la nuit."},
        "Des médiateurs la nuit.",
        "This field is required.",
    ),
    "evaluate:level-beyond-evidence": Invalid(
        "author",
        lambda w: _url("practice-evaluate", slug=w.published.slug),
        {
            "language": "en",
            "what_worked": "Fewer fights at closing time.",
            "evidence": "monitoring",
            "maryland_level": "4",
        },
        "Fewer fights at closing time.",
        "This kind of evidence reaches level 1 to 1 of the Maryland scale.",
    ),
    "ask:empty": Invalid(
        "professional",
        lambda w: _url("practice-ask", slug=w.published.slug),
        {"text": "   "},
        "Night mediators in the station district",
        "This field is required.",
    ),
    "adopt:another-city": Invalid(
        "professional",
        lambda w: _url("practice-adopt", slug=w.published.slug),
        {"organisation": "999999", "adopted_on": "2025-09-01", "adaptations": "Our own way."},
        "Our own way.",
        "Select a valid choice.",
    ),
}


@pytest.mark.parametrize("name", INVALID)
def test_an_invalid_form_is_shown_again_with_the_reason_and_the_text(
    login: Callable[[str], Any], world: SimpleNamespace, name: str
) -> None:
    # given
    case = INVALID[name]
    client = login(case.role)
    before = (
        Practice.objects.count(),
        Evaluation.objects.count(),
        PracticeQuestion.objects.count(),
        Adoption.objects.count(),
        ReviewComment.objects.count(),
    )
    # when
    response = client.post(case.url(world), case.data)
    # then
    html = response.content.decode()
    assert response.status_code == 400
    assert case.kept in html
    assert case.error in html
    assert before == (
        Practice.objects.count(),
        Evaluation.objects.count(),
        PracticeQuestion.objects.count(),
        Adoption.objects.count(),
        ReviewComment.objects.count(),
    )


def test_the_adoption_form_offers_only_ones_own_city(
    login: Callable[[str], Any], published: Practice, member_city: Any, chairman: Any
) -> None:
    # given
    client = login("professional")
    # when
    response = client.get(_url("practice-adopt", slug=published.slug))
    # then
    choices = list(response.context["form"].fields["organisation"].queryset)
    assert choices == [member_city]


def test_the_forms_do_their_work(
    login: Callable[[str], Any], published: Practice, member_city: Any, mailoutbox: list[Any]
) -> None:
    # given
    client = login("professional")
    slug = published.slug
    # when
    with on_commit():
        responses = [
            client.post(_url("practice-ask", slug=slug), {"text": "How many at night?"}),
            client.post(
                _url("practice-adopt", slug=slug),
                {"organisation": member_city.pk, "adopted_on": "2025-09-01"},
            ),
            client.post(
                _url("practice-translate", slug=slug),
                {"language": "nl", "title": "Nachtbemiddelaars", "summary": "Zij bemiddelen."},
            ),
        ]
    # then
    assert [r.status_code for r in responses] == [302, 302, 302]
    assert all(r["Location"] == _url("practice-detail", slug=slug) for r in responses)
    assert PracticeQuestion.objects.count() == 1
    assert Adoption.objects.get().organisation == member_city
    # a member's translation waits for a reviewer; readers keep the text they had
    assert _reload(published).title_nl is None
    assert published.translation_proposals.get().texts["title"] == "Nachtbemiddelaars"
    html = client.get(_url("practice-detail", slug=slug)).content.decode()
    assert "Cities that adopted it" in html
    assert "Ghent" in html


def test_my_practices_lists_the_authors_practices_in_every_state(
    login: Callable[[str], Any], world: SimpleNamespace
) -> None:
    # when
    response = login("author").get(_url("my-practices"))
    # then
    titles = {practice.title_en for practice in response.context["page"].object_list}
    assert titles == {
        world.published.title_en,
        world.draft.title_en,
        world.submitted.title_en,
    }


def test_the_review_queue_of_a_referent_holds_the_practices_of_their_themes(
    login: Callable[[str], Any], submitted: Practice, network: Network, author: Any, tree: Any
) -> None:
    # given a practice on road safety, submitted too
    elsewhere = submit(
        share(author, title="Slow down", topics=[Topic.objects.get(slug="road-safety")])
    )
    # when
    referent_queue = login("referent").get(_url("review-queue")).context["queue"].practices
    secretariat_queue = login("secretary").get(_url("review-queue")).context["queue"].practices
    # then
    assert referent_queue == [submitted]
    assert set(secretariat_queue) == {submitted, elsewhere}


def _queries_with_5_and_50(
    client: Any, url: str, grow: Callable[[int], None], budget: int, assert_max: Any
) -> tuple[int, int]:
    grow(5)
    client.get(url)  # once before counting: the session and the content types are loaded once
    with assert_max(budget) as few:
        response = client.get(url)
    assert response.status_code == 200
    grow(45)
    with assert_max(budget) as many:
        response = client.get(url)
    assert response.status_code == 200
    return len(few), len(many)


def test_the_practice_list_costs_the_same_with_5_or_50_practices(
    client: Any, author: Any, secretary: Any, nightlife: Topic, django_assert_max_num_queries: Any
) -> None:
    # given
    def grow(count: int) -> None:
        for n in range(count):
            publish(share(author, title=f"Practice {Practice.objects.count()} {n}"), by=secretary)

    # when
    few, many = _queries_with_5_and_50(
        client, _url("practice-list"), grow, 5, django_assert_max_num_queries
    )
    # then
    assert many == few
