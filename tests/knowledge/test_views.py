"""The pages of the knowledge base: who may open what, the actions, the old addresses of
themes, the forms, the lists and what they cost."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

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
from befus.networks.models import Network
from befus.themes.services import rename_topic
from tests.knowledge.conftest import on_commit, publish, share, submit
from tests.knowledge.helpers import _found, _reload, _url

LOGIN = "login"  # a redirect to the login page, and back afterwards


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
