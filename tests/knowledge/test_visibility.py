"""Who reads which practice: a members-only practice and a network-only one never show, to those
who may not read them, in the list, on a theme page and its counts, in the search and its
facets, or on their own page; and they show to those who may."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from befus.knowledge.models import Practice, Topic
from befus.networks.choices import MemberRole
from befus.networks.models import Network
from tests.accounts.factories import UserFactory
from tests.knowledge.conftest import publish, share
from tests.networks.factories import NetworkFactory, NetworkMembershipFactory

PUBLIC = "Quokka patrols for everyone"
MEMBERS_ONLY = "Quokka patrols for the members"
NETWORK_ONLY = "Quokka patrols for one network"

# What each role may read of the three practices.
EVERYONE = {PUBLIC}
FORUM = {PUBLIC, MEMBERS_ONLY}
INSIDERS = {PUBLIC, MEMBERS_ONLY, NETWORK_ONLY}
READS: dict[str, set[str]] = {
    "anonymous": EVERYONE,
    "visitor": EVERYONE,
    "professional": FORUM,
    "mayor": FORUM,
    "board_member": FORUM,
    "chairman": FORUM,
    "pending_member": FORUM,
    "other_network_member": FORUM,
    "former_member": FORUM,
    "secretary": INSIDERS,
    "network_member": INSIDERS,
    "referent": INSIDERS,
}
ROLES = list(READS)


def _url(name: str, **kwargs: Any) -> str:
    with translation.override("en"):
        return reverse(f"knowledge:{name}", kwargs=kwargs or None)


def _colleague(member_city: Any, email: str) -> Any:
    """A prevention worker of Ghent: a member professional of the Forum."""
    return UserFactory(email=email, profile__organisation=member_city)


@pytest.fixture
def network_member(network: Network, member_city: Any) -> Any:
    person = _colleague(member_city, "network-member@example.org")
    NetworkMembershipFactory(network=network, person=person, active=True)
    return person


@pytest.fixture
def pending_member(network: Network, member_city: Any) -> Any:
    """Asked to join the network; the mayor has not consented yet."""
    person = _colleague(member_city, "pending@example.org")
    NetworkMembershipFactory(network=network, person=person)
    return person


@pytest.fixture
def former_member(network: Network, member_city: Any) -> Any:
    person = _colleague(member_city, "former@example.org")
    NetworkMembershipFactory(network=network, person=person, status="left")
    return person


@pytest.fixture
def other_network_member(member_city: Any, tree: Any) -> Any:
    person = _colleague(member_city, "elsewhere@example.org")
    other = NetworkFactory(recognised=True, slug="road-network")
    other.topics.set([Topic.objects.get(slug="public-space")])
    NetworkMembershipFactory(
        network=other, person=person, role=MemberRole.LOCAL_REFERENT, active=True
    )
    return person


@pytest.fixture
def practices(author: Any, secretary: Any, network: Network, nightlife: Topic) -> SimpleNamespace:
    """Three published practices on nightlife: for everyone, for members, for the network."""

    def shared(title: str, **fields: Any) -> Practice:
        return publish(
            share(author, title=title, summary="Quokka patrols walk the night.", **fields),
            by=secretary,
        )

    return SimpleNamespace(
        public=shared(PUBLIC),
        members=shared(MEMBERS_ONLY, visibility="members"),
        network=shared(NETWORK_ONLY, visibility="network", network=network),
    )


@pytest.fixture
def client_of(
    login: Callable[[str], Any], request: pytest.FixtureRequest, practices: SimpleNamespace
) -> Callable[[str], Any]:
    """A client of the role, once the three practices and every role's person exist."""

    def client_for(role: str) -> Any:
        for name in ("network_member", "pending_member", "former_member", "other_network_member"):
            request.getfixturevalue(name)
        return login(role)

    return client_for


@pytest.mark.parametrize("role", ROLES)
def test_the_practice_list_shows_what_the_role_may_read(
    client_of: Callable[[str], Any], role: str
) -> None:
    # when
    response = client_of(role).get(_url("practice-list"))
    # then
    html = response.content.decode()
    assert {p.title_en for p in response.context["page"].object_list} == READS[role]
    assert response.context["page"].paginator.count == len(READS[role])
    assert all((title in html) is (title in READS[role]) for title in INSIDERS)


@pytest.mark.parametrize("role", ROLES)
def test_the_practice_list_filtered_shows_what_the_role_may_read(
    client_of: Callable[[str], Any], role: str
) -> None:
    # when
    response = client_of(role).get(_url("practice-list"), {"language": "en", "evidence": ""})
    # then
    assert {p.title_en for p in response.context["page"].object_list} == READS[role]


@pytest.mark.parametrize("role", ROLES)
def test_a_theme_page_shows_and_counts_what_the_role_may_read(
    client_of: Callable[[str], Any], role: str
) -> None:
    # when
    response = client_of(role).get(_url("topic-detail", slug="nightlife"))
    # then
    page = response.context["page"]
    html = response.content.decode()
    assert response.status_code == 200
    assert {p.title_en for p in page.practices.object_list} == READS[role]
    assert page.practice_count == len(READS[role])
    assert all((title in html) is (title in READS[role]) for title in INSIDERS)


@pytest.mark.parametrize(
    "role",
    ROLES,
)
@pytest.mark.parametrize(
    ("slug", "child"), [("public-space", "nightlife"), ("living-together", "public-space")]
)
def test_a_theme_page_counts_under_each_sub_theme_what_the_role_may_read(
    client_of: Callable[[str], Any], role: str, slug: str, child: str
) -> None:
    # when
    response = client_of(role).get(_url("topic-detail", slug=slug))
    # then
    page = response.context["page"]
    html = response.content.decode()
    assert {p.title_en for p in page.practices.object_list} == READS[role]
    assert page.practice_count == len(READS[role])
    assert all((title in html) is (title in READS[role]) for title in INSIDERS)
    counts = {node.slug: node.practice_count for node in page.children}
    assert counts.pop(child) == len(READS[role])
    assert set(counts.values()) == {0}


@pytest.mark.parametrize("role", ROLES)
def test_the_practices_of_a_theme_page_alone_show_what_the_role_may_read(
    client_of: Callable[[str], Any], role: str
) -> None:
    # when the filter form asks for the practices only (HTMX)
    response = client_of(role).get(
        _url("topic-detail", slug="nightlife"), {"language": "en"}, HTTP_HX_REQUEST="true"
    )
    # then
    html = response.content.decode()
    assert "<h1>" not in html
    assert all((title in html) is (title in READS[role]) for title in INSIDERS)


@pytest.mark.parametrize("role", ROLES)
def test_the_search_finds_and_counts_what_the_role_may_read(
    client_of: Callable[[str], Any], role: str
) -> None:
    # when
    response = client_of(role).get(_url("search"), {"q": "quokka patrols"})
    # then
    results = response.context["results"]
    html = response.content.decode()
    assert {hit.title for hit in results.hits} == READS[role]
    assert results.total == len(READS[role])
    assert dict(results.facets["kind"]) == {"practice": len(READS[role])}
    assert dict(results.facets["language"]) == {"en": len(READS[role])}
    assert dict(results.facets["pillars"]) == {"living-together": len(READS[role])}
    assert all((title in html) is (title in READS[role]) for title in INSIDERS)


@pytest.mark.parametrize("role", ROLES)
def test_a_filtered_search_finds_what_the_role_may_read(
    client_of: Callable[[str], Any], role: str
) -> None:
    # when
    response = client_of(role).get(
        _url("search"), {"q": "quokka", "kind": "practice", "language": "en", "order": "date"}
    )
    # then
    results = response.context["results"]
    assert {hit.title for hit in results.hits} == READS[role]
    assert results.total == len(READS[role])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("which", ["public", "members", "network"])
def test_the_page_of_a_practice_opens_only_for_who_may_read_it(
    client_of: Callable[[str], Any], practices: SimpleNamespace, role: str, which: str
) -> None:
    # given
    practice = getattr(practices, which)
    # when
    response = client_of(role).get(_url("practice-detail", slug=practice.slug))
    # then
    assert response.status_code == (200 if practice.title_en in READS[role] else 404)


@pytest.mark.parametrize("role", [role for role in ROLES if role != "anonymous"])
@pytest.mark.parametrize("name", ["practice-translate", "practice-ask", "practice-adopt"])
def test_the_forms_of_a_network_practice_do_not_open_to_outsiders(
    client_of: Callable[[str], Any], practices: SimpleNamespace, role: str, name: str
) -> None:
    # when
    response = client_of(role).get(_url(name, slug=practices.network.slug))
    # then
    if NETWORK_ONLY in READS[role]:
        assert response.status_code == 200
    else:
        assert response.status_code == 404


def test_leaving_the_network_closes_its_practices(
    client_of: Callable[[str], Any], practices: SimpleNamespace, network_member: Any
) -> None:
    # given
    client = client_of("network_member")
    assert client.get(_url("practice-detail", slug=practices.network.slug)).status_code == 200
    # when
    network_member.network_memberships.update(status="left")
    # then
    assert client.get(_url("practice-detail", slug=practices.network.slug)).status_code == 404
    response = client.get(_url("search"), {"q": "quokka"})
    assert {hit.title for hit in response.context["results"].hits} == FORUM


@pytest.mark.parametrize("role", ["anonymous", "visitor"])
def test_the_correction_of_a_typo_does_not_reveal_a_hidden_word(
    client_of: Callable[[str], Any],
    author: Any,
    secretary: Any,
    network: Network,
    role: str,
) -> None:
    # given a word that only the network's practice holds
    publish(
        share(
            author,
            title="Zanzibarplan for the harbour",
            summary="Confidential.",
            visibility="network",
            network=network,
        ),
        by=secretary,
    )
    # when
    response = client_of(role).get(_url("search"), {"q": "zanzibarpln"})
    # then
    results = response.context["results"]
    assert results.total == 0
    assert results.corrections == {}
    assert "zanzibarplan" not in response.content.decode().lower()


def test_the_author_reads_their_own_network_practice(
    login: Callable[[str], Any], practices: SimpleNamespace
) -> None:
    # given
    client = login("author")
    mine = client.get(_url("my-practices")).content.decode()
    assert _url("practice-detail", slug=practices.network.slug) in mine
    # when
    response = client.get(_url("practice-detail", slug=practices.network.slug))
    # then
    assert response.status_code == 200
