"""An id past the database's integer range names no row: the form says so, it never answers 500."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from befus.core.forms import ModelChoiceField, ModelMultipleChoiceField
from befus.interpellations.models import Interpellation
from befus.members.models import Organisation
from tests.networks.factories import NetworkFactory

TOO_LARGE = "99999999999999999999999"


@pytest.mark.parametrize("value", [TOO_LARGE, "-1", "1.5", "１２", " 7e3", "\x00"])
def test_a_multiple_choice_refuses_what_cannot_be_an_id(member_city: Any, value: str) -> None:
    # given a field listing organisations by id
    field = ModelMultipleChoiceField(queryset=Organisation.objects.all())
    # when a forged value is chosen
    with pytest.raises(Exception, match="valid choice") as refused:
        field.clean([str(member_city.pk), value])
    # then it is a validation error, not a database error
    assert type(refused.value).__name__ == "ValidationError"


@pytest.mark.parametrize("value", [TOO_LARGE, "-1", "abc"])
def test_a_single_choice_refuses_what_cannot_be_an_id(member_city: Any, value: str) -> None:
    field = ModelChoiceField(queryset=Organisation.objects.all())
    with pytest.raises(Exception, match="valid choice"):
        field.clean(value)


def test_a_real_id_is_still_chosen(member_city: Any) -> None:
    field = ModelMultipleChoiceField(queryset=Organisation.objects.all())
    assert list(field.clean([str(member_city.pk)])) == [member_city]


def test_the_public_request_form_answers_a_huge_network_id_with_a_message(
    client: Any, member_city: Any
) -> None:
    # given a recognised network and a visitor on the public form
    NetworkFactory(status="recognised")
    # when the form comes back with a network id no database can hold
    response = client.post(
        reverse("interpellations:new"),
        {
            "name": "Ann Peeters",
            "email": "ann@example.org",
            "requester_kind": "citizen",
            "networks": [TOO_LARGE],
            "website": "",
            "subject": "Nightlife",
            "message": "How do cities organise it?",
            "language": "en",
            "consent": "on",
        },
    )
    # then the form is shown again with a message (400: the platform's answer to a form with
    # errors), and nothing is stored
    assert response.status_code == 400
    assert "<form" in response.content.decode()
    assert "valid choice" in response.content.decode()
    assert Interpellation.objects.count() == 0


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_a_nul_character_in_a_parameter_answers_400(client: Any, db: None, language: str) -> None:
    """Found by the fuzz: ``?network=%00`` reached a query and failed on PostgreSQL."""
    # when a page is asked with a NUL character in its query
    response = client.get(f"/{language}/requests/new/", {"network": "\x00"})
    # then it is refused as a bad request, with the page in the visitor's language
    assert response.status_code == 400
    assert f'<html lang="{language}">' in response.content.decode()


def test_a_nul_character_in_a_form_field_stores_nothing(client: Any, member_city: Any) -> None:
    # given the public form with a NUL character in the message
    response = client.post(
        reverse("interpellations:new"),
        {
            "name": "Ann",
            "email": "ann@example.org",
            "requester_kind": "citizen",
            "subject": "Nightlife",
            "message": "How\x00?",
            "language": "en",
            "consent": "on",
            "website": "",
        },
    )
    # then it is refused and nothing is kept
    assert response.status_code == 400
    assert Interpellation.objects.count() == 0


def test_the_chairmans_pass_on_form_refuses_a_huge_person_id(member_city: Any) -> None:
    from befus.interpellations.forms import ForwardForm

    # when the form comes back with a person id no database can hold
    form = ForwardForm(data={"people": [TOO_LARGE], "due_date": "2030-01-15"})
    # then it is an error on that field, not a database error
    assert form.is_valid() is False
    assert "people" in form.errors


def test_a_practices_municipalities_refuse_a_huge_id(member_city: Any, professional: Any) -> None:
    from befus.knowledge.forms import PracticeForm

    form = PracticeForm(
        data={"title": "T", "summary": "S", "organisations": [TOO_LARGE]}, author=professional
    )
    assert form.is_valid() is False
    assert "organisations" in form.errors
