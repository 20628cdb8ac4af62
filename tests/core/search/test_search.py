"""The search over the 105 shipped practices: across languages, accents, word forms and typos;
snippets that mark the words and escape the text; facets and order; any input at all; and what
a search or a theme page costs."""

from __future__ import annotations

import contextlib
import json
from collections import Counter
from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from befus.core.models import SearchEntry
from befus.core.search.engine import Results, concepts, parse, search
from befus.core.search.text import analyse, fold, query_words, stem
from befus.core.search.typos import allowed_errors, distance
from befus.knowledge.models import Practice, Topic
from tests.knowledge import conftest as knowledge
from tests.knowledge.conftest import SHIPPED_LINES, import_lines

# The fixtures of the knowledge tests: the tree, the shipped practices, the logins in English.
tree = knowledge.tree
shipped = knowledge.shipped
login = knowledge.login
_start_in_english = knowledge._start_in_english


def _url(name: str, **kwargs: Any) -> str:
    with translation.override("en"):
        return reverse(f"knowledge:{name}", kwargs=kwargs or None)


def _search(text: str, **options: Any) -> Results:
    return search(text, user=AnonymousUser(), limit=200, **options)


def _refs(text: str, **options: Any) -> list[str]:
    """The references of the practices found, best first."""
    return [hit.obj.ref for hit in _search(text, **options).hits if hit.entry.kind == "practice"]


def _language(ref: str) -> str:
    return str(json.loads(SHIPPED_LINES[int(ref[1:]) - 1])["language"])


def _rebuild() -> str:
    out = StringIO()
    call_command("rebuild_search_index", stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def indexed(shipped: dict[str, Practice]) -> dict[str, Practice]:
    """The shipped practices, and everything else indexed again (themes, organisations)."""
    _rebuild()
    return shipped


# Across languages


def test_a_dutch_word_finds_the_french_practices_on_the_same_work(
    shipped: dict[str, Practice],
) -> None:
    # when
    refs = _refs("straathoekwerk")
    # then the Dutch ones, and the French ones about "travail de rue"
    assert {"p003", "p004", "p005"} <= set(refs)
    assert {"p059", "p083"} <= set(refs)
    assert {_language(ref) for ref in refs} >= {"nl", "fr", "en"}


def test_a_dutch_word_finds_the_english_and_french_practices_on_burglary(
    shipped: dict[str, Practice],
) -> None:
    # when
    refs = set(_refs("inbraak"))
    # then
    assert {"p022", "p023", "p024", "p042"} <= refs  # Dutch
    assert {"p049", "p080"} <= refs  # French: cambriolage
    assert {"p084", "p088"} <= refs  # English: burglary


@pytest.mark.parametrize("query", ["burglary", "cambriolage", "inbraak"])
def test_each_language_finds_the_practices_of_the_others(
    shipped: dict[str, Practice], query: str
) -> None:
    refs = set(_refs(query))
    assert {"p024", "p049", "p088"} <= refs


def test_a_french_query_finds_the_dutch_street_workers(shipped: dict[str, Practice]) -> None:
    refs = _refs("travail de rue")
    assert {"p059", "p083"} <= set(refs)
    assert {"p003", "p005"} <= set(refs)


# Accents, word forms, typos


@pytest.mark.parametrize("variant", ["securite", "SÉCURITÉ", "Sécurité", "sécurite"])
def test_accents_and_case_do_not_matter(shipped: dict[str, Practice], variant: str) -> None:
    # given
    expected = _refs("sécurité")
    # when
    refs = _refs(variant)
    # then
    assert refs == expected
    assert "p049" in refs


@pytest.mark.parametrize(
    ("form", "other"),
    [("inbraken", "inbraak"), ("cambriolages", "cambriolage"), ("burglaries", "burglary")],
)
def test_the_forms_of_a_word_find_the_same_practices(
    shipped: dict[str, Practice], form: str, other: str
) -> None:
    # when
    refs = _refs(form)
    # then
    assert refs
    assert set(refs) == set(_refs(other))


def test_the_plural_finds_the_practice_written_in_the_singular(
    shipped: dict[str, Practice],
) -> None:
    # p042's title says "inbraken", p023's "Inbraak"
    assert {"p023", "p042"} <= set(_refs("inbraken"))
    assert {"p023", "p042"} <= set(_refs("inbraak"))


@pytest.mark.parametrize(
    ("typo", "finds"),
    [("inbrakn", {"p042"}), ("cambriolge", {"p049", "p080"}), ("straathoekwrk", {"p005"})],
)
def test_a_typo_is_corrected_and_the_correction_reported(
    shipped: dict[str, Practice], typo: str, finds: set[str]
) -> None:
    # when
    results = _search(typo)
    # then
    assert set(results.corrections) == {typo}
    assert finds <= {hit.obj.ref for hit in results.hits}


def test_the_page_says_what_it_searched_for_instead(
    client: Any, shipped: dict[str, Practice]
) -> None:
    # when
    html = client.get(_url("search"), {"q": "inbrakn"}).content.decode()
    # then
    assert "Searched for:" in html
    assert "<del>inbrakn</del> → <strong>inbraken</strong>" in html


def test_the_correction_shown_is_a_word(shipped: dict[str, Practice]) -> None:
    assert _search("cambriolge").corrections == {"cambriolge": "cambriolage"}


def test_a_corrected_word_finds_what_the_word_finds(shipped: dict[str, Practice]) -> None:
    # when
    corrected = set(_refs("inbrakn"))
    # then
    assert {"p022", "p023", "p024", "p042", "p049", "p088"} <= corrected


def test_a_known_word_is_not_corrected(shipped: dict[str, Practice]) -> None:
    assert _search("inbraak").corrections == {}
    assert _search("bemiddeling").corrections == {}


def test_a_short_unknown_word_is_not_corrected(shipped: dict[str, Practice]) -> None:
    # given a four-letter word: too short to guess what was meant
    results = _search("qzxw")
    # then
    assert results.corrections == {}
    assert results.total == 0


# Snippets


def test_the_snippet_marks_the_words_searched(shipped: dict[str, Practice]) -> None:
    # when
    hits = _search("cambriolages").hits
    # then
    marked = [hit for hit in hits if "<mark>" in hit.snippet]
    assert marked
    assert any("<mark>cambriolages</mark>" in hit.snippet for hit in marked)
    for hit in marked:
        assert hit.snippet.count("<mark>") == hit.snippet.count("</mark>")


def test_the_snippet_and_the_page_escape_the_text(client: Any, tree: dict[str, int]) -> None:
    # given a practice whose text holds markup
    record = {
        "ref": "x001",
        "language": "en",
        "title": "Zorbleplan <b>against</b> burglary",
        "summary": 'The zorbleplan answers <script>alert("x")</script> & <img src=x onerror=y>.',
    }
    import_lines([json.dumps(record)])
    # when
    [hit] = _search("zorbleplan").hits
    html = client.get(_url("search"), {"q": "zorbleplan"}).content.decode()
    # then
    assert "&lt;script&gt;" in hit.snippet
    assert "<script>" not in hit.snippet
    assert "<mark>zorbleplan</mark>" in hit.snippet
    assert "&lt;script&gt;alert" in html
    assert '<script>alert("x")' not in html
    assert "<img src=x" not in html
    assert "Zorbleplan &lt;b&gt;against&lt;/b&gt; burglary" in html


# Facets, filters and order


def test_the_facets_count_the_kinds_and_languages_of_what_is_found(
    indexed: dict[str, Practice],
) -> None:
    # when
    results = _search("nachtleven")
    # then
    hits = results.hits
    assert results.total == len(hits)
    assert dict(results.facets["kind"]) == Counter(hit.entry.kind for hit in hits)
    assert dict(results.facets["language"]) == Counter(hit.entry.language for hit in hits)
    assert {"practice", "topic"} <= set(dict(results.facets["kind"]))


@pytest.mark.parametrize(("name", "value"), [("kind", "practice"), ("language", "fr")])
def test_a_facet_filter_keeps_what_the_facet_counted(
    indexed: dict[str, Practice], name: str, value: str
) -> None:
    # given
    counted = dict(_search("straathoekwerk").facets[name])[value]
    # when
    results = _search("straathoekwerk", filters={name: value})
    # then
    assert results.total == counted
    assert all(str(getattr(hit.entry, name)) == value for hit in results.hits)
    assert dict(results.facets[name])[value] == counted  # the facets still show every value


def test_the_facets_on_the_page_link_to_their_filter(
    client: Any, indexed: dict[str, Practice]
) -> None:
    # when
    response = client.get(_url("search"), {"q": "nachtleven"})
    # then
    groups = {name: values for name, _heading, values in response.context["facets"]}
    assert {label for _value, label, _count, _chosen in groups["kind"]} >= {
        "Good practice",
        "Theme",
    }
    assert "Written in" in response.content.decode()
    assert "kind=practice" in response.content.decode()


def test_order_by_date_puts_the_newest_first(shipped: dict[str, Practice]) -> None:
    # given
    newest = Practice.objects.get(ref="p024")
    Practice.objects.filter(ref="p024").update(published_at=newest.published_at.replace(year=2099))
    _rebuild()
    # when
    by_date = _search("inbraak", order="date", filters={"kind": "practice"}).hits
    # then
    dates = [hit.entry.date for hit in by_date if hit.entry.date is not None]
    assert dates == sorted(dates, reverse=True)
    assert by_date[0].obj.ref == "p024"
    assert {hit.obj.ref for hit in by_date} == set(_refs("inbraak"))


def test_the_page_orders_by_date_when_asked(client: Any, shipped: dict[str, Practice]) -> None:
    # when
    response = client.get(_url("search"), {"q": "inbraak", "order": "date"})
    # then
    dates = [hit.entry.date for hit in response.context["results"].hits]
    assert response.status_code == 200
    assert dates == sorted(dates, reverse=True)
    assert "Most relevant first" in response.content.decode()


def test_the_results_come_page_by_page(client: Any, shipped: dict[str, Practice]) -> None:
    # given
    total = _search("inbraak").total
    assert total > 20
    # when
    first = client.get(_url("search"), {"q": "inbraak"}).context["results"].hits
    second = client.get(_url("search"), {"q": "inbraak", "page": "2"}).context["results"].hits
    # then
    assert len(first) == 20
    assert len(second) == min(20, total - 20)
    assert not {hit.entry.pk for hit in first} & {hit.entry.pk for hit in second}


# Any input at all

ODD_INPUTS = [
    "",
    " ",
    "a",
    '"',
    '"unclosed',
    "AND OR NOT",
    "NEAR(a b)",
    "*",
    "a*",
    "col:term",
    "'; DROP TABLE x; --",
    "x" * 10000,
    "🙂🙂",
    "Ελληνικά кириллица 中文",
    "\x00",
    "%",
    "_",
    "(((",
    "^",
    "-",
    "a -b",
    "title:foo",
]


@pytest.mark.parametrize("query", ODD_INPUTS, ids=range(len(ODD_INPUTS)))
def test_any_input_is_searched_without_an_error(
    client: Any, shipped: dict[str, Practice], query: str
) -> None:
    # when
    results = _search(query)
    response = client.get(_url("search"), {"q": query})
    # then (a NUL character is refused as a bad request before the search, as on every page)
    assert isinstance(results.total, int)
    assert response.status_code == (400 if "\x00" in query else 200)
    assert SearchEntry.objects.filter(kind="practice").count() == 105


@pytest.mark.parametrize(
    "params",
    [
        {"q": "inbraak", "page": "abc"},
        {"q": "inbraak", "page": "999999"},
        {"q": "inbraak", "page": "-1"},
        {"q": "inbraak", "order": "random"},
        {"q": "inbraak", "kind": "x" * 500, "pillars": "%", "year": "(("},
        {"q": "x" * 10001},
        {"q": ["a", "b"]},
    ],
    ids=[
        "page-text",
        "page-far",
        "page-negative",
        "order-unknown",
        "odd-filters",
        "too-long",
        "twice",
    ],
)
def test_any_parameters_give_a_page(
    client: Any, shipped: dict[str, Practice], params: dict[str, Any]
) -> None:
    assert client.get(_url("search"), params).status_code == 200


def test_a_search_from_the_page_itself_answers_with_the_results_only(
    client: Any, shipped: dict[str, Practice]
) -> None:
    # when
    response = client.get(_url("search"), {"q": "inbraak"}, HTTP_HX_REQUEST="true")
    # then
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results"')
    assert "<h1>" not in html
    assert "<mark>" in html


def test_an_empty_query_asks_for_words(client: Any, shipped: dict[str, Practice]) -> None:
    html = client.get(_url("search"), {"q": "  "}).content.decode()
    assert "Type one or more words to search." in html


def test_nothing_found_says_so(client: Any, shipped: dict[str, Practice]) -> None:
    html = client.get(_url("search"), {"q": "xylophone"}).content.decode()
    assert "0 results" in html
    assert "Nothing found." in html


# The parts


def test_the_text_is_folded_and_stemmed_per_language() -> None:
    assert fold("Sécurité Œuvre Straße") == "securite oeuvre strasse"
    assert analyse("Les cambriolages de la ville", "fr") == analyse("cambriolage ville", "fr")
    assert stem("inbraken", "nl") == stem("inbraak", "nl")
    assert query_words("de het the le") == ["de", "het", "the", "le"]  # stop words only: kept


def test_the_distance_counts_a_swap_as_one_error() -> None:
    assert distance("inbraak", "inbraka", 2) == 1
    assert distance("inbraak", "nibraak", 2) == 1
    assert distance("inbraak", "xxxxxxx", 2) == 3  # beyond the limit: limit + 1
    assert [allowed_errors(w) for w in ("abcd", "abcde", "abcdefghi")] == [0, 1, 2]


def test_rebuilding_the_index_finds_the_same(shipped: dict[str, Practice]) -> None:
    # given
    before = set(_refs("straathoekwerk"))
    # when
    out = _rebuild()
    # then
    assert out.strip() == f"{SearchEntry.objects.count()} entries indexed."
    assert set(_refs("straathoekwerk")) == before  # the order may move: there are more entries


def test_a_rolled_back_rename_leaves_no_stale_concepts(tree: dict[str, int]) -> None:
    # given a rename read by the search, then rolled back
    nightlife = Topic.objects.get(slug="nightlife")
    with contextlib.suppress(RuntimeError), transaction.atomic():
        nightlife.name_en = "Zorblax"
        nightlife.save()
        assert f"zct{nightlife.pk}" in _tokens("zorblax")
        raise RuntimeError
    # when another theme is renamed for good
    harm = Topic.objects.get(slug="harm-reduction")
    harm.name_en = "Quuxify"
    harm.save()
    # then the search knows the new name, and no longer the rolled-back one
    assert f"zct{harm.pk}" in _tokens("quuxify")
    assert f"zct{nightlife.pk}" not in _tokens("zorblax")


def _tokens(text: str) -> set[str]:
    return {token for group in parse(text).groups for token in group}


def test_a_renamed_theme_is_found_by_its_new_name(tree: dict[str, int]) -> None:
    # given
    harm = Topic.objects.get(slug="harm-reduction")
    assert f"zct{harm.pk}" not in _tokens("quuxify")
    # when
    harm.name_en = "Quuxify"
    harm.save()
    # then
    assert f"zct{harm.pk}" in _tokens("quuxify")
    assert concepts().find([stem("quuxify", "en")], "en")


# What a page costs

# What a logged-in person adds to any page: the session, the user, their roles and the flags of
# the layout (unread notifications, networks).
LOGGED_IN = {"anonymous": 0, "professional": 10}


def _queries_with_5_and_50(client: Any, url: str, budget: int, assert_max: Any) -> tuple[int, int]:
    import_lines(SHIPPED_LINES[:5])
    client.get(url)  # once before counting: the session and the concepts are loaded once
    with assert_max(budget) as few:
        response = client.get(url)
    assert response.status_code == 200
    import_lines(SHIPPED_LINES[5:50])
    client.get(url)  # the concepts do not change, but a new import may load them again
    with assert_max(budget) as many:
        response = client.get(url)
    assert response.status_code == 200
    return len(few), len(many)


@pytest.mark.parametrize("role", ["anonymous", "professional"])
def test_the_search_page_costs_the_same_with_5_or_50_practices(
    login: Callable[[str], Any],
    tree: dict[str, int],
    role: str,
    django_assert_max_num_queries: Any,
) -> None:
    # given
    client = login(role)
    # when
    few, many = _queries_with_5_and_50(
        client,
        _url("search") + "?q=jongeren",
        # the concepts' version, the vocabulary, the match, the entries, the practices, the pillars
        LOGGED_IN[role] + 6,
        django_assert_max_num_queries,
    )
    # then
    assert many == few


@pytest.mark.parametrize(
    ("role", "slug"),
    [
        ("anonymous", "young-adults"),
        ("professional", "young-adults"),
        ("anonymous", "rehabilitation-victims"),
        ("professional", "rehabilitation-victims"),
    ],
)
def test_a_theme_page_costs_the_same_with_5_or_50_practices(
    login: Callable[[str], Any],
    tree: dict[str, int],
    role: str,
    slug: str,
    django_assert_max_num_queries: Any,
) -> None:
    # given
    client = login(role)
    # when
    few, many = _queries_with_5_and_50(
        client,
        _url("topic-detail", slug=slug),
        LOGGED_IN[role] + 9,  # with the counts per sub-theme, the networks, the recommendations
        django_assert_max_num_queries,
    )
    # then
    assert many == few
