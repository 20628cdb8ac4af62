"""The notification pages: the list, opening one, marking all read, e-mail settings, the header."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.timezone import now as timezone_now

from befus.core.models import Delivery, EmailState, Notification, NotificationPreference
from befus.core.notifications import KINDS
from befus.core.services import notify
from tests.accounts.factories import UserFactory

PROPOSAL = "networks.proposal"
DECISION = "networks.decision"


def _notification(recipient: Any, network: str, **fields: Any) -> Notification:
    return Notification.objects.create(
        recipient=recipient,
        kind=PROPOSAL,
        params={"network": network},
        email_state=EmailState.SKIPPED,
        **fields,
    )


def _many(recipient: Any, count: int) -> None:
    Notification.objects.bulk_create(
        Notification(recipient=recipient, kind=PROPOSAL, params={"network": f"Network {i}"})
        for i in range(count)
    )


def _unread_badge(count: int) -> str:
    unread = translation.gettext("unread")
    return (
        f'<span class="badge badge-count">{count}'
        f'<span class="visually-hidden"> {unread}</span></span>'
    )


# The list


def test_list_shows_only_the_users_own_notifications(client: Any, professional: Any) -> None:
    # given
    _notification(professional, "Nightlife")
    _notification(UserFactory(), "Harbour")
    client.force_login(professional)
    # when
    response = client.get(reverse("notification-list"))
    # then
    assert response.status_code == 200
    assert [n.recipient_id for n in response.context["page"]] == [professional.pk]
    content = response.content.decode()
    assert "“Nightlife”" in content
    assert "Harbour" not in content


def test_list_shows_the_newest_first(client: Any, professional: Any) -> None:
    # given notifications created in another order than their dates
    start = timezone_now() - dt.timedelta(days=3)
    for network, days in (("Middle", 1), ("Newest", 2), ("Oldest", 0)):
        notification = _notification(professional, network)
        Notification.objects.filter(pk=notification.pk).update(
            created_at=start + dt.timedelta(days=days)
        )
    client.force_login(professional)
    # when
    response = client.get(reverse("notification-list"))
    # then
    shown = [n.params["network"] for n in response.context["page"]]
    assert shown == ["Newest", "Middle", "Oldest"]
    content = response.content.decode()
    positions = [content.index(f"“{network}”") for network in shown]
    assert positions == sorted(positions)


def test_list_shows_thirty_notifications_a_page(client: Any, professional: Any) -> None:
    # given
    _many(professional, 31)
    client.force_login(professional)
    # when
    first = client.get(reverse("notification-list"))
    second = client.get(reverse("notification-list"), {"page": 2})
    # then
    assert len(first.context["page"].object_list) == 30
    assert len(second.context["page"].object_list) == 1
    assert 'rel="next"' in first.content.decode()
    assert 'rel="prev"' in second.content.decode()


def test_list_says_when_there_is_nothing_yet(client: Any, professional: Any) -> None:
    # given someone else's notification only
    _notification(UserFactory(), "Harbour")
    client.force_login(professional)
    # when
    response = client.get(reverse("notification-list"))
    # then
    assert response.status_code == 200
    assert (
        translation.gettext(
            "No notification yet. You will find here what concerns you: requests to answer, "
            "decisions on your networks, reminders."
        )
        in response.content.decode()
    )


def test_list_marks_unread_notifications_as_new(client: Any, professional: Any) -> None:
    # given
    _notification(professional, "Nightlife", read_at=timezone_now())
    _notification(professional, "Harbour")
    client.force_login(professional)
    # when
    response = client.get(reverse("notification-list"))
    # then
    content = response.content.decode()
    assert content.count('<li class="unread">') == 1
    assert content.index('<li class="unread">') < content.index("“Harbour”")


def test_list_costs_the_same_queries_for_five_or_fifty(
    client: Any, professional: Any, django_assert_num_queries: Any
) -> None:
    # given
    _many(professional, 5)
    client.force_login(professional)
    client.get(reverse("notification-list"))
    with CaptureQueriesContext(connection) as five:
        client.get(reverse("notification-list"))
    _many(professional, 45)
    # when / then
    with django_assert_num_queries(len(five.captured_queries)):
        response = client.get(reverse("notification-list"))
    assert len(response.context["page"].object_list) == 30


# Opening one


def test_opening_marks_read_and_goes_to_the_page_in_the_current_language(
    client: Any, professional: Any
) -> None:
    # given a link stored in Dutch, opened from the French list
    notification = _notification(professional, "Nightlife", url="/nl/networks/7/")
    client.force_login(professional)
    with translation.override("fr"):
        url = reverse("notification-open", args=[notification.pk])
    # when
    response = client.get(url)
    # then
    assert url.startswith("/fr/")
    assert response.status_code == 302
    assert response["Location"] == "/fr/networks/7/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_opening_a_notification_without_a_link_returns_to_the_list(
    client: Any, professional: Any
) -> None:
    # given
    notification = _notification(professional, "Nightlife")
    client.force_login(professional)
    # when
    response = client.get(reverse("notification-open", args=[notification.pk]))
    # then
    assert response.status_code == 302
    assert response["Location"] == reverse("notification-list")
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_opening_again_keeps_the_first_reading_time(client: Any, professional: Any) -> None:
    # given
    first_read = timezone_now() - dt.timedelta(days=2)
    notification = _notification(professional, "Nightlife", read_at=first_read)
    client.force_login(professional)
    # when
    response = client.get(reverse("notification-open", args=[notification.pk]))
    # then
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.read_at == first_read


def test_opening_someone_elses_notification_is_not_found(
    client: Any, professional: Any, visitor: Any
) -> None:
    # given
    theirs = _notification(visitor, "Harbour", url="/nl/networks/7/")
    client.force_login(professional)
    # when
    response = client.get(reverse("notification-open", args=[theirs.pk]))
    # then
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


# Mark all read


def test_mark_all_read_refuses_get(client: Any, professional: Any) -> None:
    # given
    _notification(professional, "Nightlife")
    client.force_login(professional)
    # when
    response = client.get(reverse("notification-read-all"))
    # then
    assert response.status_code == 405
    assert Notification.objects.filter(read_at__isnull=True).count() == 1


def test_mark_all_read_marks_only_the_users_own(
    client: Any, professional: Any, visitor: Any
) -> None:
    # given
    _notification(professional, "Nightlife")
    _notification(professional, "Harbour")
    already = _notification(professional, "Schools", read_at=timezone_now() - dt.timedelta(days=1))
    theirs = _notification(visitor, "Docks")
    client.force_login(professional)
    # when
    response = client.post(reverse("notification-read-all"), follow=True)
    # then
    assert response.redirect_chain == [(reverse("notification-list"), 302)]
    assert Notification.objects.filter(recipient=professional, read_at__isnull=True).exists() is (
        False
    )
    assert "2 notifications marked as read." in response.content.decode()
    theirs.refresh_from_db()
    assert theirs.read_at is None
    before = already.read_at
    already.refresh_from_db()
    assert already.read_at == before


# Settings


def test_settings_page_offers_one_choice_per_registered_kind(
    client: Any, professional: Any
) -> None:
    # given
    client.force_login(professional)
    # when
    response = client.get(reverse("notification-settings"))
    # then
    assert response.status_code == 200
    assert list(response.context["form"].fields) == list(KINDS)
    content = response.content.decode()
    assert content.count("<select") == len(KINDS)
    for key, kind in KINDS.items():
        assert f'name="{key}"' in content
        assert escape(str(kind.label)[1:]) in content  # the page capitalises the first letter


def test_settings_page_shows_the_saved_choices(client: Any, professional: Any) -> None:
    # given
    NotificationPreference.objects.create(user=professional, kind=PROPOSAL, delivery=Delivery.DAILY)
    client.force_login(professional)
    # when
    response = client.get(reverse("notification-settings"))
    # then
    form = response.context["form"]
    assert form[PROPOSAL].value() == Delivery.DAILY
    assert form[DECISION].value() == Delivery.IMMEDIATE


def test_saved_settings_decide_how_notify_delivers(client: Any, professional: Any) -> None:
    # given
    choices = dict.fromkeys(KINDS, Delivery.IMMEDIATE)
    choices[PROPOSAL] = Delivery.DAILY
    choices[DECISION] = Delivery.NONE
    client.force_login(professional)
    # when
    response = client.post(reverse("notification-settings"), choices)
    notify(recipients=[professional], kind=PROPOSAL, params={"network": "Nightlife"})
    notify(
        recipients=[professional],
        kind=DECISION,
        params={"network": "Nightlife", "status": "recognised"},
    )
    # then
    assert response.status_code == 302
    assert response["Location"] == reverse("notification-settings")
    saved = dict(
        NotificationPreference.objects.filter(user=professional).values_list("kind", "delivery")
    )
    assert saved == choices
    states = dict(Notification.objects.values_list("kind", "email_state"))
    assert states == {PROPOSAL: EmailState.DIGEST, DECISION: EmailState.SKIPPED}


def test_settings_refuse_an_unknown_delivery(client: Any, professional: Any) -> None:
    # given
    choices = dict.fromkeys(KINDS, Delivery.IMMEDIATE)
    choices[PROPOSAL] = "weekly"
    client.force_login(professional)
    # when
    response = client.post(reverse("notification-settings"), choices)
    # then
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {PROPOSAL}
    assert NotificationPreference.objects.exists() is False


# Anonymous visitors


@pytest.mark.parametrize(
    ("method", "name", "needs_pk"),
    [
        ("get", "notification-list", False),
        ("get", "notification-open", True),
        ("post", "notification-read-all", False),
        ("get", "notification-settings", False),
        ("post", "notification-settings", False),
    ],
)
def test_anonymous_visitor_is_sent_to_login(
    client: Any, visitor: Any, method: str, name: str, needs_pk: bool
) -> None:
    # given
    notification = _notification(visitor, "Nightlife")
    url = reverse(name, args=[notification.pk] if needs_pk else [])
    # when
    response = getattr(client, method)(url)
    # then
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert f"next={url}" in response["Location"]
    notification.refresh_from_db()
    assert notification.read_at is None


# The header


def test_header_shows_the_unread_count(client: Any, visitor: Any) -> None:
    # given
    _notification(visitor, "Nightlife")
    _notification(visitor, "Harbour")
    _notification(visitor, "Schools", read_at=timezone_now())
    _notification(UserFactory(), "Docks")
    client.force_login(visitor)
    # when
    response = client.get(reverse("notification-settings"))
    # then
    assert _unread_badge(2) in response.content.decode()


def test_header_count_disappears_once_all_are_read(client: Any, visitor: Any) -> None:
    # given
    _notification(visitor, "Nightlife")
    client.force_login(visitor)
    client.post(reverse("notification-read-all"))
    # when
    response = client.get(reverse("notification-settings"))
    # then
    content = response.content.decode()
    assert "badge-count" not in content
    assert f'<span class="visually-hidden"> {translation.gettext("unread")}' not in content
