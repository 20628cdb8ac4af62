"""What the fuzz sends: odd values for every field of the public forms and every parameter of the
list pages, and the pages themselves with the person who opens them.

A value is text in any script (NUL bytes included), a huge or negative number, a float's odd
spellings, a date that does not exist, an overlong string, or a fragment of an injection; a
parameter may come several times (``?page=1&page=x``). Forms start from a valid submission whose
fields the fuzz then replaces or removes, so that it reaches past the first check.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from befus.core.search.engine import FACETS
from befus.interpellations.forms import InboxFilterForm, PublicRequestForm
from befus.knowledge.forms import PracticeFilterForm, SearchForm
from befus.members.forms import OrganisationFilterForm
from befus.networks.forms import NetworkFilterForm

# A few dozen examples per parameter (ALWAYS and a dozen drawn), the same ones on every run: CI
# stays stable and fast. BEFUS_FUZZ_EXAMPLES=500 draws more, for a longer hunt by hand.
FUZZ = settings(
    max_examples=int(os.environ.get("BEFUS_FUZZ_EXAMPLES", "12")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

ODD = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "0",
    "-1",
    "-0",
    "99999999999999999999999",
    "-99999999999999999999999",
    "1e309",
    "NaN",
    "inf",
    "0x1F",
    "１２",
    "2024-02-30",
    "0000-00-00",
    "9999-12-31T25:61:61",
    "31/12/99999",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    '"quoted" AND -term*',
    "%00%ff",
    "\u202e\u200b\ufeff",
    "😀" * 30,
]

# Sent to every parameter on every run, whatever the random draw: what broke or nearly broke.
ALWAYS = [
    ["99999999999999999999999"],
    ["-99999999999999999999999"],
    ["\x00"],
    ["a\x00b"],
    ["x" * 5000],
    ["2024-02-30"],
    ["１２"],
    ["1", "-1"],
]

text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=60)
value = st.one_of(
    st.sampled_from(ODD),
    text,
    st.integers().map(str),
    st.floats().map(repr),
    st.dates(min_value=dt.date(1, 1, 1)).map(lambda d: d.strftime("%d/%m/%Y")),
    st.integers(min_value=250, max_value=20_000).map(lambda n: "x" * n),
)


values = st.lists(value, min_size=1, max_size=3)


def parameters(names: list[str]) -> st.SearchStrategy[dict[str, list[str]]]:
    """Some of ``names`` (and one the page does not know), each once or several times."""
    return st.dictionaries(st.sampled_from([*names, "unknown"]), values, max_size=3)


def fields_of(form: type[Any]) -> list[str]:
    return list(form.base_fields)


@dataclass(frozen=True)
class Page:
    """A list page and the parameters it reads, opened by ``role`` (see tests/security/world.py)."""

    path: str
    names: list[str]
    role: str = "visitor"


def _filters(*names: str) -> list[str]:
    return [*names, "page"]


LIST_PAGES = {
    "search": Page("/en/search/", _filters(*fields_of(SearchForm), *FACETS)),
    "practices": Page("/en/practices/", _filters(*fields_of(PracticeFilterForm))),
    "practices as a member": Page(
        "/en/practices/", _filters(*fields_of(PracticeFilterForm)), role="member"
    ),
    "topic": Page("/en/topics/nightlife/", _filters(*fields_of(PracticeFilterForm))),
    "members": Page("/en/members/", _filters(*fields_of(OrganisationFilterForm))),
    "networks": Page("/en/networks/", _filters(*fields_of(NetworkFilterForm))),
    "publications": Page("/en/publications/", _filters()),
    "inbox as the Chairman": Page(
        "/en/requests/inbox/", _filters("view", *fields_of(InboxFilterForm)), role="chairman"
    ),
    "request statistics": Page("/en/requests/statistics/", ["months"], role="chairman"),
    "audit log": Page("/en/audit/", _filters("scope"), role="chairman"),
    "representation register": Page("/en/networks/mandates/", _filters("current"), role="member"),
    "general assembly": Page("/en/networks/general-assembly/", ["year"], role="board"),
    "request form's network": Page("/en/requests/new/", ["network"]),
    # Pages whose only parameter is the page number.
    "directory": Page("/en/me/directory/", _filters(), role="member"),
    "notifications": Page("/en/notifications/", _filters(), role="member"),
    "my practices": Page("/en/practices/mine/", _filters(), role="member"),
    "my requests": Page("/en/requests/mine/", _filters(), role="member"),
    "affiliations": Page("/en/staff/", _filters(), role="mayor"),
    "organisations to manage": Page("/en/manage/organisations/", _filters(), role="secretariat"),
}


@dataclass(frozen=True)
class Form:
    """A form a visitor can post, a valid submission of it, and the models it writes."""

    path: str
    names: list[str]
    valid: Callable[[Any], dict[str, Any]]
    writes: list[str]


def _request(world: Any) -> dict[str, Any]:
    return {
        "name": "Ann Peeters",
        "organisation": "Le Soir",
        "email": "ann@example.org",
        "requester_kind": "press",
        "networks": [str(world["network"].pk)],
        "website": "",
        "subject": "Nightlife",
        "message": "How do cities organise it?",
        "language": "en",
        "consent": "on",
    }


FORMS = {
    "public request": Form(
        "/en/requests/new/",
        fields_of(PublicRequestForm),
        _request,
        writes=["interpellations.Interpellation", "interpellations.Attachment"],
    ),
    "sign-up": Form(
        "/en/accounts/signup/",
        ["email", "password1", "password2"],
        lambda w: {
            "email": "new@example.org",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
        },
        writes=["accounts.User", "account.EmailAddress", "accounts.Profile"],
    ),
    "login": Form(
        "/en/accounts/login/",
        ["login", "password", "remember"],
        lambda w: {"login": "member@example.org", "password": "not the password", "remember": ""},
        writes=["accounts.User", "account.EmailAddress"],
    ),
    "password reset": Form(
        "/en/accounts/password/reset/",
        ["email"],
        lambda w: {"email": "member@example.org"},
        writes=["accounts.User", "account.EmailAddress"],
    ),
    "language": Form(
        "/i18n/setlang/",
        ["language", "next"],
        lambda w: {"language": "fr", "next": "/fr/"},
        writes=["accounts.User"],
    ),
}


def _upload(name: str, content: bytes) -> io.BytesIO:
    """A file as the test client sends it; unlike an UploadedFile, any name goes."""
    upload = io.BytesIO(content)
    upload.name = name
    return upload


files = st.builds(
    _upload,
    st.one_of(st.sampled_from(["plan.pdf", "x.exe", "a\x00.pdf", ".pdf", "é" * 300]), text),
    st.one_of(st.just(b"%PDF-1.4\n%\n"), st.binary(max_size=300)),
)


values_or_files = st.lists(st.one_of(value, files), min_size=1, max_size=3)


def changes(names: list[str]) -> st.SearchStrategy[dict[str, list[Any]]]:
    """Other fields to replace with odd values, or files; an empty list leaves the field out."""
    return st.dictionaries(
        st.sampled_from([*names, "unknown"]), st.one_of(values_or_files, st.just([])), max_size=3
    )
