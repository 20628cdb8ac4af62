"""The permission mechanism every view goes through.

A view declares its rule with :func:`permission_required`; the test
``tests/core/test_url_permissions.py`` walks every URL pattern and fails on a view that declares
none. The rules themselves are predicates registered with django-rules in each app's
``permissions.py``; their names are the members of :class:`Perm` (``<scope>:<resource>:<action>``).

Role matrix (also update docs/architecture.md when it changes):

=========================== ======= ======= ========= ===== ========== ===========
perm                        visitor member  secretar. board chairman   superuser
=========================== ======= ======= ========= ===== ========== ===========
core:site:view              yes     yes     yes       yes   yes        yes
core:account:use            -       yes     yes       yes   yes        yes
core:audit:view             -       -       yes       -     yes        yes
members:directory:view      -       yes     yes       yes   yes        yes
members:organisation:manage -       -       yes       -     -          yes
members:body:manage         -       -       yes       -     -          yes
=========================== ======= ======= ========= ===== ========== ===========

"member" is any logged-in person with a verified e-mail; the directory further requires that they
work for a member organisation or hold a seat (see ``befus.members.permissions``).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import TypeVar

import rules
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from befus.core.types import Visitor

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponseBase])


class Perm(StrEnum):
    SITE_VIEW = "core:site:view"
    ACCOUNT_USE = "core:account:use"
    AUDIT_VIEW = "core:audit:view"
    DIRECTORY_VIEW = "members:directory:view"
    ORGANISATION_MANAGE = "members:organisation:manage"
    BODY_MANAGE = "members:body:manage"
    AFFILIATIONS_VIEW = "members:affiliation:view"
    AFFILIATION_DECIDE = "members:affiliation:decide"
    NETWORK_VIEW = "networks:network:view"
    NETWORK_PROPOSE = "networks:network:propose"
    NETWORK_EDIT_PROPOSAL = "networks:network:edit-proposal"
    NETWORK_REVIEW = "networks:network:review"
    NETWORK_DECIDE = "networks:network:decide"
    NETWORK_JOIN = "networks:network:join"
    NETWORK_MEMBERSHIP_CONSENT = "networks:membership:consent"
    NETWORK_MEMBERSHIP_LEAVE = "networks:membership:leave"
    NETWORK_MANDATE_RECORD = "networks:mandate:record"
    NETWORK_CONSENTS_VIEW = "networks:consents:view"
    NETWORK_REPORT = "networks:report:file"
    NETWORK_REPORTS_VIEW = "networks:report:view"
    NETWORK_MEETING_RECORD = "networks:meeting:record"
    NETWORK_MEETING_VIEW = "networks:meeting:view"
    GENERAL_ASSEMBLY_COMPILE = "networks:general-assembly:compile"
    REPRESENTATION_ISSUE = "networks:representation:issue"
    REPRESENTATION_REGISTER_VIEW = "networks:representation:view"
    STATEMENT_PUBLISH = "networks:statement:publish"
    COMMISSION_REQUEST = "networks:commission:request"
    COMMISSION_RESPOND = "networks:commission:respond"
    COMMISSION_VIEW = "networks:commission:view"
    REQUEST_SUBMIT = "interpellations:request:submit"
    REQUEST_TRACK = "interpellations:request:track"
    REQUEST_LIST_OWN = "interpellations:request:list-own"
    REQUEST_VIEW = "interpellations:request:view"
    REQUEST_WORK = "interpellations:request:work"
    REQUEST_ROUTE = "interpellations:inbox:route"
    REQUEST_STATISTICS = "interpellations:statistics:view"
    REQUEST_DELEGATE = "interpellations:delegation:manage"
    THEMES_MANAGE = "themes:tree:manage"
    PRACTICE_VIEW = "knowledge:practice:view"
    KNOWLEDGE_MANAGE = "knowledge:base:manage"
    PRACTICE_SHARE = "knowledge:practice:share"
    PRACTICE_EDIT = "knowledge:practice:edit"
    PRACTICE_SUBMIT = "knowledge:practice:submit"
    PRACTICE_REVIEW = "knowledge:practice:review"
    PRACTICE_REVIEW_QUEUE = "knowledge:practice:review-queue"
    PRACTICE_TRANSLATE = "knowledge:practice:translate"
    PRACTICE_EVALUATE = "knowledge:practice:evaluate"
    PRACTICE_ASK = "knowledge:practice:ask"
    PRACTICE_ADOPT = "knowledge:practice:adopt"


# Views of other packages, with the reason they need no rule of ours. The URL walk accepts them.
EXTERNAL_VIEW_POLICIES: dict[str, str] = {
    "allauth.": "django-allauth guards its own account, e-mail and MFA views",
    "django.views.i18n.": "switching language is open to everyone",
    "django.views.static.": "static files in development only",
    "django.contrib.staticfiles.": "static files in development only",
}

rules.add_perm(Perm.SITE_VIEW, rules.always_allow)
OPEN_TO_ALL = frozenset({Perm.SITE_VIEW})
rules.add_perm(Perm.ACCOUNT_USE, rules.is_authenticated & rules.is_active)


def require_perm(actor: Visitor | None, perm: str, obj: Model | None = None) -> None:
    """A service's guard: ``PermissionDenied`` unless ``actor`` holds ``perm`` (on ``obj``)."""
    if actor is None or not actor.has_perm(perm, obj):
        raise PermissionDenied


def check_perm(request: HttpRequest, perm: str, obj: Model | None = None) -> None:
    """Raise ``PermissionDenied`` unless the user holds ``perm`` (on ``obj``)."""
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def permission_required(perm: str) -> Callable[[ViewFunc], ViewFunc]:
    """Declare and enforce the rule a view needs.

    An anonymous visitor who lacks it is sent to the login page (and back afterwards); a
    logged-in user who lacks it gets the 403 page. Object-level checks happen in the view with
    :func:`check_perm` once the object is fetched.
    """

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
            # A rule granted to everyone needs no user (and so no session or database read).
            if perm not in OPEN_TO_ALL and not request.user.has_perm(perm):
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.befus_permission = perm  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorator
