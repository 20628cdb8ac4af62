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
