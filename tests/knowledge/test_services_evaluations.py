"""Learning evaluations of a practice: versioned, their Maryland level bounded by the kind of
evidence, written by the author, the contact person or the secretariat."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from befus.core.errors import DomainError
from befus.knowledge import services
from befus.knowledge.models import (
    Evaluation,
    Practice,
)
from tests.knowledge.conftest import on_commit
from tests.knowledge.helpers import _reload, _url


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
