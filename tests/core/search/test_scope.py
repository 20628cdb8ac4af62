"""Hidden content never changes what a reader who may not see it gets: results, corrections,
the fallback to some of the words."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.utils.timezone import now

from befus.core.mail import forget_old_emails
from befus.core.models import OutgoingEmail
from befus.core.search.engine import index_objects, search
from befus.knowledge.models import Practice


def _practice(slug: str, title: str, visibility: str) -> Practice:
    practice = Practice.objects.create(
        slug=slug,
        original_language="nl",
        title_nl=title,
        summary_nl=f"{title}: een aanpak in de buurt.",
        status="published",
        visibility=visibility,
        published_at=now(),
    )
    index_objects("practice", Practice.objects.filter(pk=practice.pk))
    return practice


def test_a_hidden_practice_does_not_change_the_correction_nor_the_results(db: None) -> None:
    # given a public practice about Schaarbeek, and a members-only one that says "Schaerbeek"
    _practice("public", "Buurtwerk in Schaarbeek", "public")
    before = search("schaerbeek buurtwerk", user=AnonymousUser())
    _practice("hidden", "Nachtwerk in Schaerbeek met buurtwerk", "members")
    # when a visitor searches again
    after = search("schaerbeek buurtwerk", user=AnonymousUser())
    # then they get exactly what they got before
    assert after.corrections == before.corrections
    assert [hit.entry.object_id for hit in after.hits] == [
        hit.entry.object_id for hit in before.hits
    ]
    assert after.total == before.total == 1


def test_copies_of_old_e_mails_are_forgotten(db: None) -> None:
    old = OutgoingEmail.objects.create(payload={}, subject="old", state="sent")
    OutgoingEmail.objects.filter(pk=old.pk).update(created_at=now() - dt.timedelta(days=31))
    OutgoingEmail.objects.create(payload={}, subject="new", state="sent")
    waiting = OutgoingEmail.objects.create(payload={}, subject="waiting", state="queued")
    OutgoingEmail.objects.filter(pk=waiting.pk).update(created_at=now() - dt.timedelta(days=99))
    assert forget_old_emails() == 1
    assert set(OutgoingEmail.objects.values_list("subject", flat=True)) == {"new", "waiting"}
