"""Direct translations of a published practice, and how readers of each language see them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils import translation

from befus.core.errors import DomainError
from befus.knowledge import services
from befus.knowledge.models import (
    Practice,
    Topic,
)
from befus.networks.models import Network
from tests.knowledge.conftest import on_commit, publish, share
from tests.knowledge.helpers import _found, _reload, _url


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
