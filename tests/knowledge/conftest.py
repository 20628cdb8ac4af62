"""Fixtures of the knowledge-base tests: the thematic tree, an author, a network working on a
theme with its referent, and practices in each state of their review."""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.test import TestCase

from befus.core.search.engine import CONCEPTS_VERSION_KEY
from befus.knowledge import services
from befus.knowledge.models import Practice, Topic
from befus.knowledge.services import SHIPPED_PRACTICES, load_topics
from befus.networks.choices import MemberRole
from befus.networks.models import Network
from tests.accounts.factories import UserFactory
from tests.networks.conftest import (  # noqa: F401  (fixtures shared with the networks tests)
    _start_in_english,
    login,
)
from tests.networks.factories import NetworkFactory, NetworkMembershipFactory

SHIPPED_LINES = SHIPPED_PRACTICES.read_text(encoding="utf-8").splitlines()
_versions = itertools.count()


def fresh_concepts() -> None:
    """Start the search's table of concepts over.

    The version that tells a process its table is stale lives in the cache, which the tests keep
    in the database and roll back after each test: without a new number, a table built by an
    earlier test (whose topics had other primary keys on PostgreSQL) would pass for current.
    """
    cache.set(CONCEPTS_VERSION_KEY, time.time_ns() + next(_versions), None)


@pytest.fixture
def tree(db: None) -> dict[str, int]:
    """The shipped thematic tree, and a search that knows its concepts."""
    fresh_concepts()
    return load_topics()


@pytest.fixture
def nightlife(tree: dict[str, int]) -> Topic:
    return Topic.objects.get(slug="nightlife")


@pytest.fixture
def author(member_city: Any) -> Any:
    """A prevention worker of Ghent who shares the practices of these tests."""
    return UserFactory(
        email="author@example.org",
        first_name="Anna",
        last_name="Auteur",
        profile__organisation=member_city,
    )


@pytest.fixture
def referent(member_city: Any) -> Any:
    """A prevention worker of Ghent, active referent of ``network``."""
    return UserFactory(
        email="referent@example.org",
        first_name="Lotte",
        last_name="Aerts",
        profile__organisation=member_city,
    )


@pytest.fixture
def network(referent: Any, tree: dict[str, int]) -> Network:
    """A recognised network working on the sharing of public space (nightlife lies below it)."""
    network = NetworkFactory(
        recognised=True,
        name_nl="Nachtleven",
        name_fr="Vie nocturne",
        name_en="Nightlife",
        slug="nightlife-network",
        proposed_by=referent,
    )
    network.topics.set([Topic.objects.get(slug="public-space")])
    NetworkMembershipFactory(
        network=network, person=referent, role=MemberRole.LOCAL_REFERENT, active=True
    )
    return network


def on_commit() -> Any:
    """Run what the services leave for the commit (indexing, e-mail) as if it had happened."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def share(author: Any, *, language: str = "en", **fields: Any) -> Practice:
    """A draft, as the sharing form makes it; English unless said otherwise."""
    values: dict[str, Any] = {
        "title": "Night mediators in the station district",
        "summary": "Mediators walk the station district at night and calm conflicts.",
        "topics": list(Topic.objects.filter(slug="nightlife")),
    }
    values.update(fields)
    with on_commit():
        return services.create_practice(actor=author, language=language, **values)


def submit(practice: Practice) -> Practice:
    with on_commit():
        return services.submit_practice(actor=practice.author, practice=practice)


def publish(practice: Practice, *, by: Any) -> Practice:
    """Submitted by its author, published by ``by`` (secretariat or referent), and indexed."""
    submit(practice)
    with on_commit():
        return services.publish_practice(actor=by, practice=practice)


@pytest.fixture
def draft(author: Any, nightlife: Topic) -> Practice:
    return share(author, title="Quiet streets after closing time", summary="A draft on noise.")


@pytest.fixture
def submitted(author: Any, nightlife: Topic) -> Practice:
    return submit(
        share(author, title="Safe way home from the clubs", summary="Walking people home.")
    )


@pytest.fixture
def published(author: Any, nightlife: Topic, secretary: Any) -> Practice:
    return publish(share(author), by=secretary)


def import_lines(lines: Iterable[str]) -> services.ImportReport:
    with on_commit():
        return services.import_practices(lines=list(lines))


@pytest.fixture
def shipped(tree: dict[str, int]) -> dict[str, Practice]:
    """The 105 shipped practices, imported and indexed, by their reference."""
    report = import_lines(SHIPPED_LINES)
    assert report.created == 105
    return {practice.ref: practice for practice in Practice.objects.all() if practice.ref}


@pytest.fixture
def jsonl(tmp_path: Path) -> Any:
    """Write lines to a .jsonl file and give its path."""

    def write(lines: Iterable[str], name: str = "practices.jsonl") -> str:
        path = tmp_path / name
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return str(path)

    return write
