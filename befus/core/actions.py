"""One way for a page to take a step on an object: a table of actions, and ``take_action``.

Each action names the form it reads (or none), the service call and the message on success. The
page posts the action's name; ``take_action`` binds the form, runs the service as the person,
puts a refusal on the form (or in the messages when there is none) and says the success. Whether
the step is possible is the service's (through ``befus.core.workflow``) to decide; which buttons a
page shows is ``available_actions``'s.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest

from befus.core.errors import DomainError
from befus.core.forms import add_domain_error


@dataclass(frozen=True)
class Action:
    run: Callable[[Any, Any, dict[str, Any]], Any]  # (person, object, the form's data)
    success: Any  # a message, translated when shown
    form: type[forms.Form] | None = None


@dataclass
class Outcome:
    done: bool
    form: forms.Form | None = None  # bound, with its errors when not done: nothing typed is lost
    result: Any = None


def take_action(
    request: HttpRequest,
    obj: Any,
    name: str,
    actions: Mapping[str, Action],
    *,
    refusal_on_form: bool = True,
) -> Outcome:
    """Take the action ``name`` of ``actions`` on ``obj`` for the person of ``request``.

    A refusal goes onto the form, next to what was typed; in the messages when the action has no
    form, or when the page shows the form elsewhere (``refusal_on_form=False``).
    """
    action = actions.get(name)
    if action is None:
        raise Http404
    form = action.form(request.POST, request.FILES or None) if action.form else None
    if form is not None and not form.is_valid():
        return Outcome(False, form)
    data = dict(form.cleaned_data) if form is not None else {}
    try:
        result = action.run(request.user, obj, data)
    except DomainError as error:
        if form is not None and refusal_on_form:
            add_domain_error(form, error)
        else:
            messages.error(request, error.message)
        return Outcome(False, form)
    messages.success(request, str(action.success))
    return Outcome(True, form, result)
