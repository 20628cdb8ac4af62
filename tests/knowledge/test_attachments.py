"""Files of a practice: checked on the way in, served only to those who may read the practice."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from befus.knowledge import services
from befus.knowledge.models import Practice, Topic
from befus.knowledge.services import load_topics

PDF = b"%PDF-1.4\n% the night teams\n"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def shared(professional: Any) -> Practice:
    load_topics()
    return services.create_practice(
        actor=professional,
        language="fr",
        title="Travail de rue de nuit",
        summary="Des équipes rencontrent les jeunes la nuit.",
        topics=[Topic.objects.get(slug="youth-integration")],
        attachments=[SimpleUploadedFile("plan.pdf", PDF, "application/pdf")],
    )


def test_a_pdf_shared_with_a_practice_is_served_to_its_readers_only(
    shared: Practice, secretary: Any, client: Any
) -> None:
    # given a members-only practice, published, with a PDF
    Practice.objects.filter(pk=shared.pk).update(status="published", visibility="members")
    attachment = shared.attachments.get()
    url = f"/en/practices/files/{attachment.pk}/"
    # then a visitor gets nothing, the secretariat gets the file
    assert client.get(url).status_code == 404
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(user=secretary, type=Authenticator.Type.TOTP, data={})
    client.force_login(secretary)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_file_that_is_not_what_its_name_says_is_refused_and_the_text_kept(
    as_role: Any, member_city: Any
) -> None:
    load_topics()
    client = as_role("professional")
    response = client.post(
        "/en/practices/new/",
        {
            "language": "en",
            "title": "Night street work",
            "summary": "Teams meet young people at night.",
            "visibility": "public",
            "attachments": SimpleUploadedFile("plan.pdf", b"MZ not a pdf", "application/pdf"),
        },
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "is not really a PDF file" in content
    assert "Teams meet young people at night." in content
    assert not Practice.objects.exists()


@pytest.mark.parametrize(
    ("status", "visibility", "kept"),
    [
        ("published", "public", True),
        ("published", "members", False),
        ("published", "network", False),
        ("draft", "public", False),
    ],
)
def test_only_the_file_of_a_public_practice_may_be_kept_by_a_cache(
    shared: Practice, professional: Any, client: Any, status: str, visibility: str, kept: bool
) -> None:
    # given the author's practice, in each state
    Practice.objects.filter(pk=shared.pk).update(status=status, visibility=visibility)
    client.force_login(professional)
    # when
    response = client.get(f"/en/practices/files/{shared.attachments.get().pk}/")
    response.close()
    # then
    assert response.status_code == 200
    cache_control = response.get("Cache-Control", "")
    assert ("no-store" not in cache_control) is kept
    assert ("private" not in cache_control) is kept
