"""The thematic tree: shipped as data, browsed by theme, used to find networks."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command

from befus.knowledge.models import Topic
from befus.knowledge.services import load_topics
from befus.networks import services as networks
from befus.networks.selectors import current_charter, networks_for_directory
from tests.networks.factories import NetworkFactory


@pytest.fixture
def tree(db: None) -> dict[str, int]:
    return load_topics()


def test_the_tree_has_the_five_pillars_of_the_memorandum(tree: dict[str, int]) -> None:
    pillars = list(Topic.objects.get_root_nodes())
    assert len(pillars) == 5
    assert {p.slug for p in pillars} == {
        "local-strategy",
        "inclusion",
        "living-together",
        "nuisance",
        "rehabilitation-victims",
    }


def test_inclusion_follows_the_seed_seven_themes_and_three_migrant_sub_themes(
    tree: dict[str, int],
) -> None:
    inclusion = Topic.objects.get(slug="inclusion")
    themes = [child.slug for child in Topic.objects.get_children(inclusion)]
    assert len(themes) == 7
    assert {
        "social-inclusion",
        "youth-integration",
        "school-support",
        "migrant-publics",
        "addictions",
        "citizen-participation",
    } <= set(themes)
    migrants = Topic.objects.get(slug="migrant-publics")
    assert [c.name_en for c in Topic.objects.get_children(migrants)] == [
        "Inclusion in the host society",
        "Illegal immigration",
        "Voluntary-return procedures",
    ]  # the memorandum's order


def test_every_node_is_named_in_the_three_languages(tree: dict[str, int]) -> None:
    for node in Topic.objects.all():
        assert node.name_nl, node.slug
        assert node.name_fr, node.slug
        assert node.name_en, node.slug


def test_loading_twice_changes_nothing_and_keeps_the_secretariats_renaming(
    tree: dict[str, int],
) -> None:
    Topic.objects.filter(slug="road-safety").update(name_en="Traffic safety")
    again = load_topics()
    assert again["created"] == 0
    assert again["total"] == tree["total"]
    assert Topic.objects.get(slug="road-safety").name_en == "Traffic safety"


def test_load_topics_command(db: None, capsys: Any) -> None:
    call_command("load_topics")
    assert "topics created" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("language", "label"), [("nl", "Inclusie"), ("fr", "Inclusion"), ("en", "Inclusion")]
)
def test_the_themes_page_lists_the_pillars_in_each_language(
    client: Any, tree: dict[str, int], language: str, label: str
) -> None:
    response = client.get(f"/{language}/topics/")
    assert response.status_code == 200
    assert label in response.content.decode()


def test_a_theme_page_shows_its_place_its_children_and_the_networks_of_its_subtree(
    client: Any, tree: dict[str, int], professional: Any
) -> None:
    # given a recognised network working on a sub-theme of nightlife's phenomenon
    network = NetworkFactory(recognised=True, slug="nightlife-net", proposed_by=professional)
    network.topics.set([Topic.objects.get(slug="nightlife")])
    # when the phenomenon's page is opened
    response = client.get("/en/topics/public-space/")
    # then it sits under its pillar, lists its themes, and finds the network below it
    html = response.content.decode()
    assert response.status_code == 200
    assert "Safe living together" in html
    assert "Community guards" in html
    assert [n.slug for n in response.context["page"].networks] == ["nightlife-net"]


def test_an_unknown_theme_is_a_404(client: Any, tree: dict[str, int]) -> None:
    assert client.get("/en/topics/no-such-theme/").status_code == 404


def test_theme_page_costs_the_same_with_more_networks(
    client: Any, tree: dict[str, int], professional: Any, django_assert_max_num_queries: Any
) -> None:
    topic = Topic.objects.get(slug="nightlife")

    def add(count: int) -> None:
        for _ in range(count):
            NetworkFactory(recognised=True, proposed_by=professional).topics.set([topic])

    add(2)
    client.get("/en/topics/living-together/")
    with django_assert_max_num_queries(8) as few:
        client.get("/en/topics/living-together/")
    add(20)
    with django_assert_max_num_queries(8) as many:
        client.get("/en/topics/living-together/")
    assert len(few) == len(many)


def test_the_network_directory_filters_by_a_theme_and_its_subtree(
    visitor: Any, tree: dict[str, int], professional: Any
) -> None:
    nightlife = NetworkFactory(recognised=True, slug="n1", proposed_by=professional)
    nightlife.topics.set([Topic.objects.get(slug="nightlife")])
    drugs = NetworkFactory(recognised=True, slug="n2", proposed_by=professional)
    drugs.topics.set([Topic.objects.get(slug="harm-reduction")])
    pillar = Topic.objects.get(slug="living-together")
    assert [n.slug for n in networks_for_directory(visitor, topic=pillar.pk)] == ["n1"]
    inclusion = Topic.objects.get(slug="inclusion")
    assert [n.slug for n in networks_for_directory(visitor, topic=inclusion.pk)] == ["n2"]


def test_a_proposal_records_its_themes_and_an_edit_changes_them(
    tree: dict[str, int], professional: Any
) -> None:
    nightlife = Topic.objects.get(slug="nightlife")
    gangs = Topic.objects.get(slug="urban-gangs")
    network = networks.propose_network(
        actor=professional,
        referent_role="local_referent",
        charter=current_charter(),
        accept_charter=True,
        original_language="nl",
        name_nl="Uitgaan",
        purpose_nl="Samen.",
        scope="local",
        topics=[nightlife.pk],
    )
    assert list(network.topics.all()) == [nightlife]
    networks.update_proposal(actor=professional, network=network, topics=[gangs.pk])
    assert list(network.topics.all()) == [gangs]
    assert dt.date.today().year >= 2026  # noqa: DTZ011  (the charter is of 2026)


def test_the_themes_page_reads_the_tree_in_one_query(
    client: Any, tree: dict[str, int], django_assert_max_num_queries: Any
) -> None:
    client.get("/en/topics/")
    with django_assert_max_num_queries(2):
        response = client.get("/en/topics/")
    assert [len(phenomena) for _, phenomena in response.context["tree"]] == [4, 7, 4, 4, 4]
