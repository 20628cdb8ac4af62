"""The practice list's outline: a screen reader's user jumps between headings."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

from django.urls import reverse

from befus.knowledge.models import Practice


def test_the_practice_list_skips_no_heading_level(client: Any, published: Practice) -> None:
    # when a visitor opens the list, which shows the practice under its title
    html = client.get(reverse("knowledge:practice-list")).content.decode()
    assert published.title in html
    # then every heading is at most one level below the one before it
    levels = [int(level) for level in re.findall(r"<h([1-6])\b", html)]
    assert levels[0] == 1
    assert all(after - before <= 1 for before, after in pairwise(levels))
