"""What each URL pattern of the matrix is opened on: its arguments, taken from the world.

A pattern with parameters needs an entry here (by URL name), except the admin's, whose
arguments follow from the model in the route. A pattern opened on several objects (a practice
in each visibility, a network in the state each step starts from) has a row per variant.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType

from tests.security.world import World

if TYPE_CHECKING:
    from tests.security.matrix import Pattern

Arguments = Callable[[World], dict[str, Any]]


def _one(make: Arguments) -> dict[str, Arguments]:
    return {"": make}


def _slug(thing: str) -> Arguments:
    return lambda world: {"slug": world[thing].slug}


def _pk(thing: str) -> Arguments:
    return lambda world: {"pk": world[thing].pk}


def _with(make: Arguments, **fixed: Any) -> Arguments:
    return lambda world: {**make(world), **fixed}


def _unconfirmed_profile(world: World) -> dict[str, Any]:
    return {"pk": world.people["unconfirmed"].profile.pk}


def _city_membership(world: World) -> dict[str, Any]:
    return {"pk": world["city"].memberships.get().pk}


def _request_file(world: World) -> dict[str, Any]:
    return {"token": world["request"].tracking_token(), "pk": world["request_file"].pk}


VISIBILITIES = ("public", "members", "network", "draft")
PRACTICE_PAGES = ("detail", "edit", "review", "translate", "evaluate", "ask", "adopt")

# The object each step starts from: a state where the step is legal, so that the matrix shows
# who may take it rather than a refusal for the state.
NETWORK_ACTIONS = {
    "resubmit": "changes_requested",
    "start_review": "proposed",
    "request_changes": "proposed",
    "forward_to_board": "under_review",
    "recognise": "under_review",
    "reject": "under_review",
    "suspend": "network",
    "reinstate": "suspended",
    "dissolve": "network",
    "join": "network",
}
PRACTICE_ACTIONS = {
    "submit": "practice_draft",
    "start_review": "practice_submitted",
    "publish": "practice_in_review",
    "archive": "practice_public",
    "republish": "practice_archived",
}

TARGETS: dict[str, dict[str, Arguments]] = {
    "members:organisation-detail": _one(_slug("city")),
    "members:manage-organisation": _one(_slug("city")),
    "members:organisation-edit": _one(_slug("city")),
    "members:membership-end": _one(_city_membership),
    "members:contact-end": _one(_pk("mayor_contact")),
    "members:manage-body": _one(_pk("board_body")),
    "members:seat-end": _one(_pk("board_seat")),
    "members:affiliation-decide": {
        action: _with(_unconfirmed_profile, action=action) for action in ("confirm", "refuse")
    },
    "networks:general-assembly-network": _one(_slug("network")),
    "networks:consent-action": {
        action: _with(_pk("applicant_membership"), action=action)
        for action in ("consent", "refuse", "withdraw")
    },
    "networks:membership-leave": _one(_pk("referent_membership")),
    "networks:membership-review": _one(_pk("flagged_membership")),
    "networks:network-detail": {"recognised": _slug("network"), "proposed": _slug("proposed")},
    "networks:network-edit": {"proposed": _slug("proposed")},
    **{
        f"networks:{page}-create": _one(_slug("network"))
        for page in ("mandate", "report", "meeting", "representation", "statement", "commission")
    },
    "networks:commission-detail": _one(_pk("commission")),
    "networks:meeting-detail": {kind: _pk(f"meeting_{kind}") for kind in ("kept", "shared")},
    "networks:meeting-share": {"kept": _pk("meeting_kept")},
    "networks:meeting-attachment": {kind: _pk(f"meeting_{kind}") for kind in ("kept", "shared")},
    "networks:network-action": {
        action: _with(_slug(on), action=action) for action, on in NETWORK_ACTIONS.items()
    },
    "knowledge:topic-detail": _one(_slug("topic")),
    "knowledge:topic-merge": _one(_slug("topic")),
    **{
        f"knowledge:practice-{page}": {name: _slug(f"practice_{name}") for name in VISIBILITIES}
        for page in PRACTICE_PAGES
    },
    "knowledge:practice-action": {
        action: _with(_slug(on), action=action) for action, on in PRACTICE_ACTIONS.items()
    },
    "knowledge:practice-attachment": {name: _pk(f"file_{name}") for name in VISIBILITIES},
    "knowledge:practice-attachment-remove": {
        name: _pk(f"file_{name}") for name in ("public", "draft")
    },
    "knowledge:translation-review": _one(
        lambda world: {"slug": world["practice_public"].slug, "pk": world["translation"].pk}
    ),
    "interpellations:track": _one(lambda world: {"token": world["request"].tracking_token()}),
    "interpellations:track-attachment": _one(_request_file),
    "interpellations:attachment": _one(_pk("request_file")),
    "interpellations:detail": _one(lambda world: {"reference": world["request"].reference}),
    "interpellations:erase": _one(lambda world: {"reference": world["request"].reference}),
    "account_confirm_email": _one(lambda world: {"key": "not-a-key"}),
    "account_reset_password_from_key": _one(lambda world: {"uidb36": "0", "key": "not-a-key"}),
    "accounts:erasure-complete": _one(_pk("erasure")),
    "notification-open": _one(_pk("notification")),
}


def targets(pattern: Pattern) -> dict[str, Arguments]:
    """The objects ``pattern`` is opened on, by variant ("" when there is one)."""
    if "<" not in pattern.route:
        return _one(lambda world: {})
    if pattern.name in TARGETS:
        return TARGETS[pattern.name]
    made = _admin_target(pattern.route) if pattern.route.startswith("/admin/") else None
    if made is not None:
        return _one(made)
    raise LookupError(
        f"the access matrix does not know what to open {pattern.route} "
        f"({pattern.name or 'no name'}) on: add its arguments to TARGETS in "
        "tests/security/targets.py (and the object to tests/security/world.py)"
    )


def _admin_target(route: str) -> Arguments | None:
    """The admin's pages of a model open the world's row of that model."""
    fixed: dict[str, Arguments] = {
        "/admin/<url>": lambda world: {"url": "nowhere/"},
        "/admin/<app_label>/": lambda world: {"app_label": "accounts"},
        "/admin/r/<path:content_type_id>/<path:object_id>/": _view_on_site,
    }
    if route in fixed:
        return fixed[route]
    parts = route.split("/")  # "", "admin", app label, model name, …
    model = _registered_model(parts[2], parts[3]) if len(parts) > 4 else None
    if model is None:
        return None
    names = ("object_id", "id", "parent_id")
    return lambda world: dict.fromkeys(names, world.admin_object(model).pk)


def _view_on_site(world: World) -> dict[str, Any]:
    draft = world["practice_draft"]
    return {"content_type_id": ContentType.objects.get_for_model(draft).pk, "object_id": draft.pk}


def _registered_model(app_label: str, model_name: str) -> Any:
    for model in admin.site._registry:
        if (model._meta.app_label, model._meta.model_name) == (app_label, model_name):
            return model
    return None
