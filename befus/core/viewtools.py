"""What views repeat: run the service on valid input, render with a status, mark private pages,
draw error pages."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_cache_control

from befus.core.errors import DomainError
from befus.core.forms import add_domain_error

Result = TypeVar("Result")
ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponseBase])


class NotDone:
    """The form was not submitted, was invalid, or the service refused: show it again."""


NOT_DONE = NotDone()


def submit(
    request: HttpRequest,
    form: forms.Form,
    run: Callable[[dict[str, Any]], Result],
    *,
    success: str,
) -> Result | NotDone:
    """Run ``run`` with the cleaned data of a valid POSTed form and say ``success``.

    A service's refusal goes onto the form (on its field when the service names one), so the
    person sees the reason next to what they typed and nothing they entered is lost.
    """
    if request.method != "POST" or not form.is_valid():
        return NOT_DONE
    try:
        result = run(form.cleaned_data)
    except DomainError as error:
        add_domain_error(form, error)
        return NOT_DONE
    messages.success(request, success)
    return result


def form_page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """Render a form page; 400 when the form shows errors, so tools and tests can tell."""
    form = context.get("form")
    status = 400 if form is not None and form.errors else 200
    return render(request, template, context, status=status)


def private_page(view: ViewFunc) -> ViewFunc:
    """Mark the view's answers as personal: ``Cache-Control: no-store, private``.

    For pages and files that show a request, a tracking link's content or a person's data: no
    proxy keeps them, and the browser does not keep a copy on disk for the next user of a shared
    computer (the back button asks the server again).
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        patch_cache_control(response, no_store=True, private=True)
        return response

    return wrapper  # type: ignore[return-value]


def error_page(
    request: HttpRequest,
    template: str,
    *,
    status: int,
    exception: Exception | None = None,
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """Render an error page, also for a request refused before it reached the authentication.

    A Host header the site does not answer to, or an upload over the limit, is refused before the
    middleware has set the user up (or must not trust what it would read): the page is then drawn
    for a visitor, in the language of the address or of the browser, without reading the session
    or the database.
    """
    if hasattr(request, "user") and not isinstance(exception, DisallowedHost):
        return render(request, template, context, status=status)
    language = translation.get_language_from_request(request, check_path=True)
    visitor = {**(context or {}), "user": AnonymousUser(), "nav": {}}
    with translation.override(language):
        return render(request, template, visitor, status=status)
