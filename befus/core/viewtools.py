"""The two steps every form page repeats: run the service on valid input, render with a status."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from befus.core.errors import DomainError
from befus.core.forms import add_domain_error

Result = TypeVar("Result")


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
