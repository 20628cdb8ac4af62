"""Notifications: who gets one, how each is e-mailed, in which language, and the daily digest."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import translation
from django.utils.html import escape

from befus.core.models import Delivery, EmailState, Notification, NotificationPreference
from befus.core.notifications import KINDS
from befus.core.services import notify, send_digests, send_notification_emails
from befus.networks.choices import NetworkStatus
from tests.accounts.factories import UserFactory

PROPOSAL = "networks.proposal"
DECISION = "networks.decision"
REPORT_DUE = "networks.report_due"
# A date parameter is shown in the reader's date format, with a month name of the reader's
# language: it tells the languages apart whatever the state of the project's catalogues.
DUE = {"network": "Nightlife", "due": "2031-03-04"}
MONTH = {"nl": "maart", "fr": "mars", "en": "March"}


def _title(kind: str, params: dict[str, Any], language: str) -> str:
    with translation.override(language):
        return KINDS[kind].render(params)


def _reader(language: str = "en", **kwargs: Any) -> Any:
    return UserFactory(profile__preferred_language=language, **kwargs)


def _prefer(user: Any, kind: str, delivery: str) -> None:
    NotificationPreference.objects.create(user=user, kind=kind, delivery=delivery)


def _notify_then_fail(recipient: Any) -> None:
    with transaction.atomic():
        notify(recipients=[recipient], kind=PROPOSAL, params={"network": "Nightlife"})
        raise RuntimeError("decision undone")


# notify()


def test_notify_creates_one_notification_per_active_recipient() -> None:
    # given two active people, one deactivated and a missing one
    ana, ben = _reader(), _reader()
    gone = _reader(is_active=False)
    # when
    created = notify(
        recipients=[ana, None, gone, ben],
        kind=PROPOSAL,
        params={"network": "Nightlife"},
        url="/nl/networks/7/",
    )
    # then
    assert created == 2
    rows = Notification.objects.order_by("recipient_id")
    assert [n.recipient_id for n in rows] == sorted([ana.pk, ben.pk])
    assert {(n.kind, n.url) for n in rows} == {(PROPOSAL, "/nl/networks/7/")}
    assert [n.params for n in rows] == [{"network": "Nightlife"}] * 2
    assert [n.read_at for n in rows] == [None, None]


def test_notify_counts_a_person_listed_twice_once() -> None:
    # given
    ana = _reader()
    # when
    created = notify(recipients=[ana, ana], kind=PROPOSAL, params={"network": "Nightlife"})
    # then
    assert created == 1
    assert Notification.objects.filter(recipient=ana).count() == 1


def test_notify_without_an_active_recipient_creates_nothing() -> None:
    # given
    gone = _reader(is_active=False)
    # when
    created = notify(recipients=[gone, None], kind=PROPOSAL, params={"network": "Nightlife"})
    # then
    assert created == 0
    assert Notification.objects.exists() is False


def test_notify_refuses_an_unknown_kind() -> None:
    # given
    ana = _reader()
    # when / then
    with pytest.raises(ValueError, match=r"unknown notification kind 'networks\.nope'"):
        notify(recipients=[ana], kind="networks.nope", params={})
    assert Notification.objects.exists() is False


def test_email_state_follows_each_recipients_preference() -> None:
    # given one person per delivery choice, and one who chose only for another kind
    immediate, daily, silent, other_kind = _reader(), _reader(), _reader(), _reader()
    _prefer(immediate, PROPOSAL, Delivery.IMMEDIATE)
    _prefer(daily, PROPOSAL, Delivery.DAILY)
    _prefer(silent, PROPOSAL, Delivery.NONE)
    _prefer(other_kind, DECISION, Delivery.NONE)
    # when, before the transaction commits
    notify(
        recipients=[immediate, daily, silent, other_kind],
        kind=PROPOSAL,
        params={"network": "Nightlife"},
    )
    # then
    states = dict(Notification.objects.values_list("recipient_id", "email_state"))
    assert states == {
        immediate.pk: EmailState.PENDING,
        daily.pk: EmailState.DIGEST,
        silent.pk: EmailState.SKIPPED,
        other_kind.pk: EmailState.PENDING,
    }


def test_only_immediate_recipients_are_emailed_after_commit(
    django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    # given
    immediate, daily, silent = _reader(), _reader(), _reader()
    _prefer(daily, PROPOSAL, Delivery.DAILY)
    _prefer(silent, PROPOSAL, Delivery.NONE)
    # when
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            recipients=[immediate, daily, silent],
            kind=PROPOSAL,
            params={"network": "Nightlife"},
        )
    # then
    assert [m.to for m in mailoutbox] == [[immediate.email]]
    states = dict(Notification.objects.values_list("recipient_id", "email_state"))
    assert states == {
        immediate.pk: EmailState.SENT,
        daily.pk: EmailState.DIGEST,
        silent.pk: EmailState.SKIPPED,
    }
    emailed = dict(Notification.objects.values_list("recipient_id", "emailed_at"))
    assert emailed[immediate.pk] is not None
    assert emailed[daily.pk] is None
    assert emailed[silent.pk] is None


def test_immediate_email_waits_for_the_commit(
    django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    # given
    ana = _reader()
    # when
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify(recipients=[ana], kind=PROPOSAL, params={"network": "Nightlife"})
        # then nothing leaves before the commit
        assert mailoutbox == []
        assert Notification.objects.get().email_state == EmailState.PENDING
    # and everything after it
    assert len(callbacks) == 1
    assert len(mailoutbox) == 1
    notification = Notification.objects.get()
    assert notification.email_state == EmailState.SENT
    assert notification.emailed_at is not None


def test_nothing_is_sent_when_the_transaction_rolls_back(
    django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    # given
    ana = _reader()
    # when the decision that notified fails
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError, match="decision undone"),
    ):
        _notify_then_fail(ana)
    # then
    assert callbacks == []
    assert mailoutbox == []
    assert Notification.objects.exists() is False


def test_a_sent_notification_is_not_emailed_again(
    django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    # given a notification already e-mailed
    ana = _reader()
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[ana], kind=PROPOSAL, params={"network": "Nightlife"})
    notification = Notification.objects.get()
    # when the task runs again for it
    sent = send_notification_emails.call([notification.pk])
    # then
    assert sent == 0
    assert len(mailoutbox) == 1


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_email_is_written_in_the_recipients_language(
    language: str, django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    # given a reader of that language, while the sender's page is in another one
    reader = _reader(language, first_name="Inès", last_name="Claes")
    title = _title(REPORT_DUE, DUE, language)
    assert MONTH[language] in title
    with translation.override(language):
        greeting = translation.gettext("Hello %(name)s,") % {"name": "Inès Claes"}
    # when
    with (
        translation.override("nl" if language != "nl" else "fr"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        notify(recipients=[reader], kind=REPORT_DUE, params=DUE, url="/nl/networks/7/")
    # then
    [message] = mailoutbox
    assert message.to == [reader.email]
    assert message.subject == f"[BeFUS] {title}"
    assert greeting in message.body
    assert f"- {title}\n" in message.body
    html, _mimetype = message.alternatives[0]
    assert escape(title) in html
    assert all(MONTH[other] not in message.body for other in MONTH if other != language)


def test_each_recipient_reads_their_own_language(
    django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    # given
    french, dutch = _reader("fr"), _reader("nl")
    # when one decision notifies both
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[french, dutch], kind=REPORT_DUE, params=DUE)
    # then
    subjects = {message.to[0]: message.subject for message in mailoutbox}
    assert subjects == {
        french.email: f"[BeFUS] {_title(REPORT_DUE, DUE, 'fr')}",
        dutch.email: f"[BeFUS] {_title(REPORT_DUE, DUE, 'nl')}",
    }


def test_sending_leaves_the_active_language_alone(
    django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    # given
    french = _reader("fr")
    # when
    with translation.override("nl"):
        with django_capture_on_commit_callbacks(execute=True):
            notify(recipients=[french], kind=REPORT_DUE, params=DUE)
        language = translation.get_language()
    # then
    assert language == "nl"
    assert len(mailoutbox) == 1


def test_email_link_is_absolute_in_the_readers_language(
    settings: Any, django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    # given a site address with a trailing slash and a link stored in Dutch
    settings.BEFUS_SITE_URL = "https://befus.example.org/"
    french = _reader("fr")
    # when
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[french], kind=PROPOSAL, params={"network": "X"}, url="/nl/networks/7/")
    # then the French reader is sent to the French page
    [message] = mailoutbox
    link = "https://befus.example.org/fr/networks/7/"
    assert f"  {link}\n" in message.body
    assert "/nl/networks/7/" not in message.body
    html, _mimetype = message.alternatives[0]
    assert f'<a href="{link}">' in html
    assert "https://befus.example.org/fr/notifications/settings/" in message.body


def test_email_without_a_link_points_to_the_readers_home(
    settings: Any, django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    # given
    settings.BEFUS_SITE_URL = "https://befus.example.org"
    dutch = _reader("nl")
    # when
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[dutch], kind=PROPOSAL, params={"network": "X"})
    # then
    assert "  https://befus.example.org/nl/\n" in mailoutbox[0].body


def test_email_has_an_html_alternative(
    django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    # given
    ana = _reader(first_name="Ana", last_name="Peeters")
    # when
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[ana], kind=PROPOSAL, params={"network": "<b>Nightlife</b>"})
    # then the HTML part exists and escapes what the parameters contain
    [message] = mailoutbox
    assert len(message.alternatives) == 1
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert html.startswith("<!DOCTYPE html>")
    assert "&lt;b&gt;Nightlife&lt;/b&gt;" in html
    assert "<b>Nightlife</b>" not in html
    assert "Ana Peeters" in html


def test_html_email_declares_the_readers_language(
    django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    # given
    french = _reader("fr")
    # when
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[french], kind=REPORT_DUE, params=DUE)
    # then
    html, _mimetype = mailoutbox[0].alternatives[0]
    assert '<html lang="fr">' in html


def test_subject_shows_the_parameters_as_written(
    django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    # given a network name with an apostrophe and an ampersand, common in French names
    french = _reader("fr")
    params = {"network": "Prévention d'abord & co"}
    # when
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[french], kind=PROPOSAL, params=params)
    # then
    assert mailoutbox[0].subject == f"[BeFUS] {_title(PROPOSAL, params, 'fr')}"


# Rendering


def test_notification_is_rendered_in_the_active_language() -> None:
    # given one stored notification
    ana = _reader()
    notify(recipients=[ana], kind=REPORT_DUE, params=DUE)
    notification = Notification.objects.get()
    # when
    shown = {}
    for language in MONTH:
        with translation.override(language):
            shown[language] = str(notification)
    # then
    assert shown == {language: _title(REPORT_DUE, DUE, language) for language in MONTH}
    assert all(MONTH[language] in shown[language] for language in MONTH)


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_status_is_shown_as_its_translated_label(language: str) -> None:
    # given
    ana = _reader()
    notify(recipients=[ana], kind=DECISION, params={"network": "Nightlife", "status": "recognised"})
    notification = Notification.objects.get()
    # when
    with translation.override(language):
        shown = str(notification)
        label = str(NetworkStatus.RECOGNISED.label)
        expected = str(KINDS[DECISION].title) % {"network": "Nightlife", "status": label}
    # then
    assert shown == expected
    assert "recognised" not in shown


def test_status_outside_the_choices_is_shown_as_stored() -> None:
    # given
    ana = _reader()
    notify(recipients=[ana], kind=DECISION, params={"network": "Nightlife", "status": "moved"})
    # when
    shown = str(Notification.objects.get())
    # then
    assert shown == str(KINDS[DECISION].title) % {"network": "Nightlife", "status": "moved"}


def test_notification_of_an_unregistered_kind_shows_its_key() -> None:
    # given a row left by a kind that no longer exists
    ana = _reader()
    notification = Notification.objects.create(recipient=ana, kind="old.kind", params={"a": 1})
    # when
    shown = str(notification)
    # then
    assert shown == "old.kind"


# Daily digest


def test_digest_sends_each_person_one_email_listing_their_waiting_notifications(
    mailoutbox: list[Any],
) -> None:
    # given two people on the daily digest, and notifications that must not be in it
    ana, ben, carl = _reader(), _reader(), _reader()
    for person in (ana, ben):
        _prefer(person, PROPOSAL, Delivery.DAILY)
        _prefer(person, DECISION, Delivery.DAILY)
    notify(recipients=[ana, ben, carl], kind=PROPOSAL, params={"network": "Nightlife"})
    notify(recipients=[ana], kind=PROPOSAL, params={"network": "Harbour"})
    notify(recipients=[ana], kind=DECISION, params={"network": "Schools", "status": "rejected"})
    _prefer(ana, REPORT_DUE, Delivery.NONE)
    notify(recipients=[ana], kind=REPORT_DUE, params=DUE)
    # when
    sent = send_digests()
    # then
    assert sent == 2
    by_person = {message.to[0]: message for message in mailoutbox}
    assert sorted(by_person) == sorted([ana.email, ben.email])
    ana_mail = by_person[ana.email]
    assert ana_mail.subject == "[BeFUS] 3 new notifications"
    for network in ("Nightlife", "Harbour", "Schools"):
        assert f"“{network}”" in ana_mail.body
        assert f"“{network}”" in ana_mail.alternatives[0][0]
    rejected = {"network": "Schools", "status": "rejected"}
    assert f"- {_title(DECISION, rejected, 'en')}\n" in ana_mail.body
    assert "rejected" not in ana_mail.body
    ben_mail = by_person[ben.email]
    assert ben_mail.subject == "[BeFUS] 1 new notification"
    assert "“Nightlife”" in ben_mail.body
    assert "Harbour" not in ben_mail.body
    assert "Schools" not in ben_mail.body


def test_digest_marks_what_it_sent_and_leaves_the_rest() -> None:
    # given
    ana, carl = _reader(), _reader()
    _prefer(ana, PROPOSAL, Delivery.DAILY)
    _prefer(carl, PROPOSAL, Delivery.NONE)
    notify(recipients=[ana, carl], kind=PROPOSAL, params={"network": "Nightlife"})
    # when
    send_digests()
    # then
    states = dict(Notification.objects.values_list("recipient_id", "email_state"))
    assert states == {ana.pk: EmailState.SENT, carl.pk: EmailState.SKIPPED}
    assert Notification.objects.get(recipient=ana).emailed_at is not None
    assert Notification.objects.get(recipient=carl).emailed_at is None


def test_digest_is_not_sent_twice(mailoutbox: list[Any]) -> None:
    # given
    ana = _reader()
    _prefer(ana, PROPOSAL, Delivery.DAILY)
    notify(recipients=[ana], kind=PROPOSAL, params={"network": "Nightlife"})
    send_digests()
    # when
    sent_again = send_digests()
    # then
    assert sent_again == 0
    assert len(mailoutbox) == 1


def test_digest_is_written_in_the_readers_language(settings: Any, mailoutbox: list[Any]) -> None:
    # given
    settings.BEFUS_SITE_URL = "https://befus.example.org"
    french = _reader("fr")
    _prefer(french, REPORT_DUE, Delivery.DAILY)
    notify(recipients=[french], kind=REPORT_DUE, params=DUE, url="/nl/networks/7/")
    notify(recipients=[french], kind=REPORT_DUE, params={**DUE, "network": "Harbour"})
    # when
    send_digests()
    # then
    [message] = mailoutbox
    with translation.override("fr"):
        count = translation.ngettext(
            "%(counter)s new notification", "%(counter)s new notifications", 2
        ) % {"counter": 2}
    assert message.subject == f"[BeFUS] {count}"
    assert _title(REPORT_DUE, DUE, "fr") in message.body
    assert "https://befus.example.org/fr/networks/7/" in message.body
    assert "March" not in message.body


def test_digest_skips_people_no_longer_active(mailoutbox: list[Any]) -> None:
    # given someone who left after being notified
    ana = _reader()
    _prefer(ana, PROPOSAL, Delivery.DAILY)
    notify(recipients=[ana], kind=PROPOSAL, params={"network": "Nightlife"})
    ana.is_active = False
    ana.save(update_fields=["is_active"])
    # when
    sent = send_digests()
    # then
    assert sent == 0
    assert mailoutbox == []


def test_daily_command_sends_the_digests_once(mailoutbox: list[Any]) -> None:
    # given
    ana, ben = _reader(), _reader()
    for person in (ana, ben):
        _prefer(person, PROPOSAL, Delivery.DAILY)
    notify(recipients=[ana, ben], kind=PROPOSAL, params={"network": "Nightlife"})
    notify(recipients=[ana], kind=PROPOSAL, params={"network": "Harbour"})
    first, second = StringIO(), StringIO()
    # when
    call_command("befus_daily", stdout=first)
    call_command("befus_daily", stdout=second)
    # then
    assert "2 digest(s) sent." in first.getvalue()
    assert "0 digest(s) sent." in second.getvalue()
    assert sorted(message.to[0] for message in mailoutbox) == sorted([ana.email, ben.email])
    assert set(Notification.objects.values_list("email_state", flat=True)) == {EmailState.SENT}
