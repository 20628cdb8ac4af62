"""Property-based fuzz of what a visitor can post and of every search and filter parameter: no
answer is a server error, and a refused form stores nothing. Each parameter and each field is a
test of its own, with the values of ``ALWAYS`` and a few dozen drawn ones (tests/security/fuzz.py).
"""

from __future__ import annotations

from collections.abc import Callable
from http.cookies import SimpleCookie
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.test import Client
from hypothesis import example, given

from tests.security.fuzz import (
    ALWAYS,
    FORMS,
    FUZZ,
    LIST_PAGES,
    changes,
    parameters,
    values,
    values_or_files,
)
from tests.security.matrix import finish

PAGE_PARAMETERS = [(page, name) for page, spec in LIST_PAGES.items() for name in spec.names]
FORM_FIELDS = [(form, name) for form, spec in FORMS.items() for name in spec.names]


def _client(world: Any, role: str) -> Client:
    client = Client()
    if role != "visitor":
        client.cookies = SimpleCookie({settings.SESSION_COOKIE_NAME: world.sessions[role]})
    return client


def _counts(labels: list[str]) -> dict[str, int]:
    return {label: apps.get_model(label)._default_manager.count() for label in labels}


def _fuzz(check: Callable[..., None], strategies: dict[str, Any]) -> Callable[[], None]:
    """``check`` with the values every run sends, then drawn ones."""
    run = FUZZ(given(**strategies)(check))
    for sent in ALWAYS:
        run = example(sent, {})(run)
    return run


@pytest.mark.parametrize(("page", "name"), PAGE_PARAMETERS, ids=map(" ".join, PAGE_PARAMETERS))
def test_no_value_of_a_search_or_filter_parameter_makes_a_list_page_fail(
    world: Any, page: str, name: str
) -> None:
    spec = LIST_PAGES[page]
    client = _client(world, spec.role)

    def check(sent: list[str], others: dict[str, list[str]]) -> None:
        query = {**others, name: sent}
        # when the page is asked with odd values of the parameter (and maybe of others)
        with transaction.atomic():
            response = client.get(spec.path, query)
            finish(response)
            transaction.set_rollback(True)
        # then it answers, and not with a server error
        assert response.status_code < 500

    _fuzz(check, {"sent": values, "others": parameters(spec.names)})()


@pytest.mark.parametrize(("form", "name"), FORM_FIELDS, ids=map(" ".join, FORM_FIELDS))
def test_a_public_form_never_fails_and_stores_nothing_it_refuses(
    world: Any, form: str, name: str
) -> None:
    spec = FORMS[form]
    client = _client(world, "visitor")
    valid = spec.valid(world)
    watched = [*spec.writes, "core.AuditEvent"]

    def check(sent: list[Any], others: dict[str, list[Any]]) -> None:
        data = {key: value for key, value in {**valid, **others, name: sent}.items() if value}
        # when a visitor posts the form with odd values in the field (and maybe in others)
        with transaction.atomic():
            before = _counts(watched)
            response = client.post(spec.path, data)
            finish(response)
            after = _counts(watched)
            transaction.set_rollback(True)
        # then it answers, not with a server error, and a refusal stores nothing
        assert response.status_code < 500
        if response.status_code != 302:
            assert after == before, f"{spec.path} refused ({response.status_code}) yet stored"

    _fuzz(check, {"sent": values_or_files, "others": changes(spec.names)})()


def test_the_forms_fuzzed_are_accepted_when_filled_in_properly(world: Any) -> None:
    """Guard: the fuzz starts from a submission that is accepted, so it reaches past the first
    check of the form."""
    form = FORMS["public request"]
    with transaction.atomic():
        before = _counts(form.writes)
        response = _client(world, "visitor").post(form.path, form.valid(world))
        after = _counts(form.writes)
        transaction.set_rollback(True)
    assert response.status_code == 302
    assert after["interpellations.Interpellation"] == before["interpellations.Interpellation"] + 1
