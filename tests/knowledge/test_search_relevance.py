"""How good the search is, measured: nDCG@10 over human judgments of the shipped practices.

The judgments (tests/knowledge/relevance.json) were written by reading the 105 records, without
looking at the search. The test prints the figures per kind of query; docs/search.md records
them. It runs on whichever database the suite runs on (SQLite, then PostgreSQL in CI).
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from befus.core.search.engine import search
from befus.knowledge.services import SHIPPED_PRACTICES, import_practices, load_topics

JUDGMENTS = json.loads((Path(__file__).parent / "relevance.json").read_text(encoding="utf-8"))
FLOOR = 0.55  # the mean nDCG@10 below which the search has regressed


def ndcg_at_10(ranked: list[str], grades: dict[str, int]) -> float:
    gains = [grades.get(ref, 0) for ref in ranked[:10]]
    dcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sorted(grades.values(), reverse=True)[:10]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


@pytest.fixture
def knowledge_base(db: None) -> None:
    load_topics()
    report = import_practices(lines=SHIPPED_PRACTICES.read_text(encoding="utf-8").splitlines())
    assert report.created == 105


def test_the_search_ranks_what_people_judged_relevant(
    knowledge_base: None, capsys: pytest.CaptureFixture[str]
) -> None:
    scores: dict[str, list[float]] = defaultdict(list)
    details = []
    for item in JUDGMENTS["queries"]:
        results = search(
            item["query"], user=AnonymousUser(), filters={"kind": "practice"}, limit=10
        )
        ranked = [hit.obj.ref for hit in results.hits]
        score = ndcg_at_10(ranked, item["relevant"])
        scores["all"].append(score)
        scores[item["kind"]].append(score)
        scores[item["language"]].append(score)
        details.append((score, item["query"], item["language"], item["kind"]))
    mean = {name: sum(values) / len(values) for name, values in scores.items()}
    with capsys.disabled():
        print(f"\nnDCG@10 on {connection.vendor} over {len(scores['all'])} queries:")  # noqa: T201
        for name in sorted(mean, key=lambda n: (n != "all", n)):
            print(f"  {name:<16} {mean[name]:.3f}  ({len(scores[name])} queries)")  # noqa: T201
        for score, query, language, kind in sorted(details)[:8]:
            print(f"  weakest: {score:.2f} {query!r} ({language}, {kind})")  # noqa: T201
    assert len(scores["all"]) >= 30
    assert mean["all"] >= FLOOR
    assert mean["cross-language"] >= FLOOR - 0.1


def test_ndcg_is_one_for_the_ideal_ranking_and_lower_otherwise() -> None:
    grades = {"a": 3, "b": 2, "c": 1}
    assert ndcg_at_10(["a", "b", "c"], grades) == pytest.approx(1.0)
    assert ndcg_at_10(["c", "b", "a"], grades) < 1.0
    assert ndcg_at_10(["x", "y"], grades) == 0.0
