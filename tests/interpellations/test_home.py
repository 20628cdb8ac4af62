"""The requests' sections of a person's home: the Chairman is told what is overdue and new."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.urls import reverse
from django.utils.timezone import localdate

from befus.interpellations.models import Entry, Interpellation
from tests.interpellations.pages import _ask, _url


def _home(client: Any) -> str:
    return client.get(reverse("accounts:dashboard")).content.decode()


def test_the_chairmans_home_leads_to_the_overdue_and_the_new_requests(
    login: Callable[[str], Any], chairman: Any
) -> None:
    # given one new request and one overdue
    _ask("New")
    late = _ask("Late")
    Interpellation.objects.filter(pk=late.pk).update(due_date=localdate() - dt.timedelta(days=2))
    # when the Chairman opens his home
    html = _home(login("chairman"))
    # then it leads to each view with its count, the urgent ones marked
    assert (
        f'<a href="{_url("inbox")}?view=overdue">Overdue</a> <span class="badge badge-warn">1'
        in (html)
    )
    assert f'<a href="{_url("inbox")}?view=new">New</a> <span class="badge badge-warn">2' in html


def test_the_drafts_to_validate_are_one_click_from_the_home_and_the_inbox(
    login: Callable[[str], Any], draft: Entry
) -> None:
    # given a draft answer waiting for the Chairman
    client = login("chairman")
    # when he follows the link from his home
    drafts = f"{_url('inbox')}?view=drafts"
    assert f'<a href="{drafts}">Draft answers to validate</a>' in _home(client)
    response = client.get(drafts)
    # then the inbox lists the request whose draft waits, and the badge is that link
    assert list(response.context["page"].object_list) == [draft.interpellation]
    assert 'href="?view=drafts" aria-current="page" class="badge badge-warn"' in (
        response.content.decode()
    )


def test_a_person_sees_what_was_passed_on_to_them_and_a_visitor_no_inbox(
    login: Callable[[str], Any], forwarded: Interpellation, professional: Any
) -> None:
    # given a request passed on to the referent
    # then the referent's home counts it, and a professional's home offers no inbox
    referent_home = _home(login("referent"))
    assert "Passed on to you, open" in referent_home
    assert "Requests to route" not in _home(login("professional"))
