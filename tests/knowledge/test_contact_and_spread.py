"""The contact person of a practice, and the list of practices that spread."""

from __future__ import annotations

import datetime as dt
from typing import Any

from befus.knowledge import services
from befus.knowledge.models import Practice, Topic
from befus.knowledge.services import load_topics
from tests.accounts.factories import UserFactory


def test_a_colleague_can_be_named_contact_and_the_author_is_the_default(
    professional: Any, member_city: Any
) -> None:
    load_topics()
    colleague = UserFactory(email="colleague@example.org", profile__organisation=member_city)
    topic = Topic.objects.get(slug="youth-integration")
    named = services.create_practice(
        actor=professional,
        language="en",
        title="A",
        summary="S",
        topics=[topic],
        contact=colleague,
    )
    default = services.create_practice(
        actor=professional, language="en", title="B", summary="S", topics=[topic], contact=None
    )
    assert named.contact == colleague
    assert default.contact == professional


def test_the_practice_list_shows_the_practices_most_cities_adopted(
    professional: Any, member_city: Any, client: Any
) -> None:
    load_topics()
    practice = Practice.objects.create(
        slug="night-teams",
        original_language="en",
        title_en="Night teams",
        summary_en="Teams at night.",
        status="published",
    )
    services.record_adoption(
        actor=professional,
        practice=practice,
        organisation=member_city,
        adopted_on=dt.date(2026, 3, 1),
    )
    content = client.get("/en/practices/").content.decode()
    assert "Practices that spread" in content
    assert "adopted by 1 city" in content
