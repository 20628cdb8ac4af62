"""The pages of the requests to the networks: who may open them, the public form and its guards,
the private link, each step of a request's page, the inbox, the figures, the delegation, and what
the lists cost."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest

from befus.interpellations import services
from befus.interpellations.choices import EntryKind
from befus.interpellations.models import (
    Interpellation,
)
from befus.interpellations.urls import urlpatterns
from tests.interpellations.pages import LOGIN, _templates, _url, _url_login

# Who may open what

ROLES = [
    "anonymous",
    "visitor",
    "professional",
    "mayor",
    "board_member",
    "secretary",
    "chairman",
    "referent",
    "forwarded_referent",
    "requester",
]


def _only(
    allowed: set[str], ok: int = 200, other: int = 403, **exceptions: int
) -> dict[str, int | str]:
    """Every role gets ``other`` but the anonymous visitor (login) and the ``allowed`` (``ok``)."""
    expected: dict[str, int | str] = {
        role: LOGIN if role == "anonymous" else ok if role in allowed else other for role in ROLES
    }
    expected.update(exceptions)
    return expected


@dataclass(frozen=True)
class Page:
    """A URL of the app, the answer each role gets and, for a POST, the change it makes."""

    url: Callable[[SimpleNamespace], str]
    expected: dict[str, int | str]
    method: str = "get"
    data: dict[str, str] = field(default_factory=dict)
    changed: Callable[[SimpleNamespace], bool] | None = None


@pytest.fixture
def world(asked: Interpellation, outsider_request: Interpellation) -> SimpleNamespace:
    """The requester's request (with its public file and private link), and an outsider's."""
    return SimpleNamespace(
        request=asked,
        file=asked.attachments.get(),
        token=asked.tracking_token(),
        other=outsider_request,
    )


EVERYONE: dict[str, int | str] = dict.fromkeys(ROLES, 200)
SIGNED_IN = set(ROLES) - {"anonymous"}
ROUTER = {"chairman"}
READERS = {"chairman", "forwarded_referent", "requester"}
WORKERS = {"chairman", "forwarded_referent"}
PAGES: dict[str, Page] = {
    "new": Page(lambda w: _url("new"), EVERYONE),
    # Nothing was sent in this session: every role is sent back to the form.
    "sent": Page(lambda w: _url("sent"), dict.fromkeys(ROLES, 302)),
    "track": Page(lambda w: _url("track", token=w.token), EVERYONE),
    "track-attachment": Page(
        lambda w: _url("track-attachment", token=w.token, pk=w.file.pk), EVERYONE
    ),
    "mine": Page(lambda w: _url("mine"), _only(SIGNED_IN)),
    "inbox": Page(lambda w: _url("inbox"), _only(ROUTER)),
    "statistics": Page(lambda w: _url("statistics"), _only(ROUTER | {"secretary"})),
    "delegation": Page(lambda w: _url("delegation"), _only(ROUTER)),
    "attachment": Page(lambda w: _url("attachment", pk=w.file.pk), _only(READERS, other=404)),
    "detail": Page(
        lambda w: _url("detail", reference=w.request.reference), _only(READERS, other=404)
    ),
    "detail:note": Page(
        lambda w: _url("detail", reference=w.request.reference),
        _only(WORKERS, ok=302, other=404, requester=403),
        method="post",
        data={"action": "note", "body": "Ghent has a map."},
        changed=lambda w: w.request.entries.filter(kind=EntryKind.NOTE).exists(),
    ),
    "erase": Page(lambda w: _url("erase", reference=w.request.reference), _only(ROUTER)),
    "erase:post": Page(
        lambda w: _url("erase", reference=w.request.reference),
        _only(ROUTER, ok=302),
        method="post",
        changed=lambda w: Interpellation.objects.get(pk=w.request.pk).erased_at is not None,
    ),
}
# The POSTs that change something for the roles allowed.
CHANGED_FOR: dict[str, set[str]] = {"detail:note": WORKERS, "erase:post": ROUTER}


def test_the_matrix_covers_every_url_of_the_app() -> None:
    names = {pattern.name for pattern in urlpatterns}
    assert {name.split(":")[0] for name in PAGES} == names
    assert {name for name, page in PAGES.items() if page.changed} == set(CHANGED_FOR)


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
        assert response["Location"] == f"{_url_login()}?next={url}"
    else:
        assert response.status_code == expected
    if expected == 403:
        assert "403.html" in _templates(response)
    if page.changed is not None:
        assert page.changed(world) is (role in CHANGED_FOR[name])
    response.close()


@pytest.mark.parametrize("role", ["secretary", "referent", "board_member", "visitor"])
def test_who_may_not_read_a_request_learns_nothing_of_it(
    login: Callable[[str], Any], world: SimpleNamespace, role: str
) -> None:
    # given a request nobody passed on to the referent yet
    client = login(role)
    # when
    response = client.get(_url("detail", reference=world.request.reference))
    # then nothing of it shows, not even its subject or the requester
    assert response.status_code == 404
    content = response.content.decode()
    for secret in ("Safe routes to school", "asker@example.org", "Vrager"):
        assert secret not in content


def test_the_referent_finds_the_request_in_their_list_only_once_it_is_passed_on(
    login: Callable[[str], Any], asked: Interpellation, referent: Any, chairman: Any
) -> None:
    # given
    client = login("referent")
    assert list(client.get(_url("mine")).context["page"].object_list) == []
    # when the Chairman passes it on to the network
    services.forward_request(actor=chairman, interpellation=asked, networks=asked.networks.all())
    # then
    response = client.get(_url("mine"))
    assert list(response.context["page"].object_list) == [asked]
    content = response.content.decode()
    assert asked.get_absolute_url() in content
    assert "to answer" in content


def test_the_requester_finds_their_own_request_in_their_list(
    login: Callable[[str], Any], asked: Interpellation
) -> None:
    # given
    client = login("requester")
    # when
    response = client.get(_url("mine"))
    # then
    assert list(response.context["page"].object_list) == [asked]
    assert "you asked" in response.content.decode()


def test_the_sent_page_without_a_request_sent_leads_to_the_form(client: Any, db: None) -> None:
    # when
    response = client.get(_url("sent", "fr"))
    # then
    assert response["Location"] == _url("new", "fr")
