from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.members.factories import MembershipFactory, OrganisationFactory


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_home_page_is_served_in_each_language(client: Any, db: None, language: str) -> None:
    # given
    city = OrganisationFactory(region="wallonia")
    MembershipFactory(organisation=city)
    # when
    response = client.get(f"/{language}/")
    # then
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


def test_home_counts_members_per_region(client: Any, db: None) -> None:
    # given two members in Wallonia, one in Brussels, and a former member
    for region in ["wallonia", "wallonia", "brussels"]:
        MembershipFactory(organisation=OrganisationFactory(region=region))
    import datetime as dt

    MembershipFactory(organisation=OrganisationFactory(region="flanders"), end=dt.date(2010, 1, 1))
    # when
    response = client.get(reverse("portal:home"))
    # then
    assert response.context["member_total"] == 3
    counts = {region.value: count for region, count in response.context["regions"]}
    assert counts == {"flanders": 0, "wallonia": 2, "brussels": 1}


def test_home_query_count_does_not_grow_with_members(
    client: Any, db: None, django_assert_max_num_queries: Any
) -> None:
    for _ in range(30):
        MembershipFactory()
    with django_assert_max_num_queries(4):
        client.get("/en/")


def test_the_home_page_leads_into_the_platform(client: Any, db: None) -> None:
    # given a pillar of the tree with a phenomenon
    from befus.themes.models import Topic

    pillar = Topic.objects.add_root(
        create_kwargs={"name": "Living together", "name_en": "Living together", "slug": "living"}
    )
    Topic.objects.add_child(
        pillar, create_kwargs={"name": "Polarisation", "name_en": "Polarisation", "slug": "polar"}
    )
    # when a visitor opens the home page
    html = client.get(reverse("portal:home")).content.decode()
    # then the pillar is a link to its page, and the search, the practices and the form to ask
    # the networks are one step away
    assert f'<a href="{pillar.get_absolute_url()}">Living together</a>' in html
    assert "Polarisation" in html
    assert f'action="{reverse("knowledge:search")}"' in html
    assert f'href="{reverse("knowledge:practice-list")}"' in html
    assert f'href="{reverse("interpellations:new")}"' in html
