"""A Host header the site does not answer to (a scanner, a health check that sends the server's
address) gets the 400 page in the visitor's language, drawn without the user, the session or the
database, never a server error."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

BAD_REQUEST = {"nl": "Ongeldig verzoek", "fr": "Requête incorrecte", "en": "Bad request"}


@pytest.fixture
def browser(client: Client) -> Client:
    """The test client, answering as a server would rather than raising the view's error."""
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
@pytest.mark.parametrize("path", ["/health/", "/{language}/", "/{language}/networks/"])
def test_a_disallowed_host_gets_the_translated_400_page(
    browser: Client, django_assert_num_queries: Any, path: str, language: str
) -> None:
    # given a request for a host the site does not serve, in the browser's language
    url = path.format(language=language)
    # when
    with django_assert_num_queries(0):
        response = browser.get(url, HTTP_HOST="10.0.0.5", HTTP_ACCEPT_LANGUAGE=language)
    # then
    assert response.status_code == 400
    content = response.content.decode()
    assert f'<html lang="{language}">' in content
    assert BAD_REQUEST[language] in content
    assert "Content-Security-Policy" in response


def test_the_address_prefix_chooses_the_language_over_the_browser(browser: Client) -> None:
    # when a French page is asked of a wrong host by a Dutch browser
    response = browser.get("/fr/", HTTP_HOST="10.0.0.5", HTTP_ACCEPT_LANGUAGE="nl")
    # then
    assert response.status_code == 400
    assert BAD_REQUEST["fr"] in response.content.decode()


@pytest.mark.parametrize("method", ["get", "post", "head", "options"])
@pytest.mark.parametrize("host", ["10.0.0.5", "10.0.0.5:8000", "evil.example", "[::2]"])
def test_a_bad_host_never_causes_a_server_error(browser: Client, method: str, host: str) -> None:
    # when
    response = getattr(browser, method)("/en/accounts/login/", HTTP_HOST=host)
    # then
    assert response.status_code == 400


def test_a_bad_host_refused_by_the_https_redirect_still_gets_the_page(
    browser: Client, settings: Any
) -> None:
    # given production's redirect to HTTPS, which reads the host before the language is known
    settings.SECURE_SSL_REDIRECT = True
    # when
    response = browser.get("/health/", HTTP_HOST="10.0.0.5", HTTP_ACCEPT_LANGUAGE="fr")
    # then
    assert response.status_code == 400
    assert BAD_REQUEST["fr"] in response.content.decode()


def test_a_form_with_an_expired_token_gets_a_page_that_says_what_to_do(db: None) -> None:
    """The CSRF refusal is the platform's page, under its Content-Security-Policy, translated."""
    from django.test import Client

    # given a browser whose form token no longer matches
    browser = Client(enforce_csrf_checks=True)
    # when it sends the public request form
    response = browser.post("/fr/requests/new/", {"subject": "Bonjour"})
    # then it is told, in its language, that nothing was saved and how to send it again
    assert response.status_code == 403
    page = response.content.decode()
    assert '<html lang="fr">' in page
    with translation.override("fr"):
        assert gettext("The form could not be sent") in page
        assert gettext("The form could not be sent") != "The form could not be sent"
    assert "<style" not in page
    assert "Content-Security-Policy" in response
