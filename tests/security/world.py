"""The world of the access matrix: one person per role and one object of every kind a URL needs.

Built once per test module (inside a transaction that is rolled back at the end) by the ``world``
fixture of ``tests/security/conftest.py``; each request of the matrix then runs in a savepoint
of its own, so that what one role's POST changes, the next role does not see.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps as django_apps
from django.contrib.admin import site as admin_site
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import TestCase
from django.utils.timezone import localdate
from django.utils.timezone import now as timezone_now

from befus.accounts.models import ErasureRequest
from befus.core.models import Notification, OutgoingEmail
from befus.interpellations import services as request_services
from befus.knowledge import services as knowledge_services
from befus.knowledge.models import (
    Practice,
    PracticeAttachment,
    Publication,
    Recommendation,
    Topic,
    TopicRedirect,
)
from befus.members.choices import BodyKind, ContactRole, SeatRole
from befus.networks import services as network_services
from befus.networks.choices import MemberRole, NetworkStatus
from tests.accounts.factories import UserFactory
from tests.accounts.totp import activate_totp
from tests.members.factories import (
    BodyFactory,
    ContactFactory,
    MembershipFactory,
    OrganisationFactory,
    SeatFactory,
)
from tests.networks.factories import NetworkFactory, NetworkMembershipFactory

PDF = b"%PDF-1.4\n% a page of minutes\n"

# The columns of the matrix, in the order of the table. "visitor" is nobody logged in.
ROLES = (
    "visitor",
    "no-org",
    "unconfirmed",
    "member",
    "referent",
    "mayor",
    "delegate",
    "board",
    "chairman",
    "secretariat",
    "superuser",
)


@dataclass
class World:
    people: dict[str, Any] = field(default_factory=dict)
    things: dict[str, Any] = field(default_factory=dict)
    sessions: dict[str, str] = field(default_factory=dict)  # role -> session cookie

    def __getitem__(self, name: str) -> Any:
        return self.things[name]

    def admin_object(self, model: type[models.Model]) -> models.Model:
        """The row whose admin pages the matrix opens: the Chairman's account for users (the
        account a takeover would aim at), the first row of the table otherwise."""
        if model is type(self.people["chairman"]):
            return self.people["chairman"]
        row = model._default_manager.order_by("pk").first()
        assert row is not None, (
            f"the world of tests/security/world.py has no {model._meta.label}: "
            "build one so that its admin pages are in the matrix"
        )
        return row


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, "application/pdf")


def _employee(email: str, city: Any, affiliation: str = "confirmed") -> Any:
    """A professional who names ``city`` as employer, confirmed there or not yet."""
    return UserFactory(
        email=email, profile__organisation=city, profile__affiliation_status=affiliation
    )


def build_world() -> World:
    """Every role and every object; notifications and e-mails run as after a commit."""
    world = World()
    with TestCase.captureOnCommitCallbacks(execute=True):
        _cities(world)
        _professionals(world)
        _office_holders(world)
        _networks(world)
        _knowledge(world)
        _requests(world)
        _account_things(world)
    return world


def _cities(world: World) -> None:
    city = OrganisationFactory(name_en="Ghent", slug="gent", nis_code="44021")
    MembershipFactory(organisation=city)
    liege = OrganisationFactory(
        name_en="Liège", slug="liege", region="wallonia", province="liege", nis_code="62063"
    )
    MembershipFactory(organisation=liege)
    world.things.update(city=city, liege=liege)


def _professionals(world: World) -> None:
    city, people = world["city"], world.people
    people["no-org"] = UserFactory(email="no-org@example.org")
    people["unconfirmed"] = _employee("unconfirmed@example.org", city, affiliation="pending")
    people["member"] = _employee("member@example.org", city)
    people["referent"] = _employee("referent@example.org", city)
    # Not roles of the matrix: the author of every practice, a professional asking to join the
    # network, a person asking for the erasure of their account.
    world.things["author"] = _employee("author@example.org", city)
    world.things["applicant"] = _employee("applicant@example.org", city)
    world.things["leaver"] = UserFactory(email="leaver@example.org")


def _office_holders(world: World) -> None:
    from befus.demo import secretariat_admin_group

    city, people = world["city"], world.people
    people["mayor"] = UserFactory(email="mayor@example.org")
    world.things["mayor_contact"] = ContactFactory(organisation=city, person=people["mayor"])
    people["delegate"] = UserFactory(email="delegate@example.org")
    ContactFactory(organisation=city, person=people["delegate"], role=ContactRole.MAYOR_DELEGATE)
    board = world.things["board_body"] = BodyFactory(kind=BodyKind.BOARD)
    people["board"] = UserFactory(email="board@example.org")
    world.things["board_seat"] = SeatFactory(body=board, person=people["board"], organisation=city)
    people["chairman"] = UserFactory(email="chair@example.org")
    SeatFactory(
        body=board, person=people["chairman"], role=SeatRole.CHAIR, organisation=world["liege"]
    )
    people["secretariat"] = UserFactory(email="secretariat@example.org", is_staff=True)
    secretariat = BodyFactory(kind=BodyKind.SECRETARIAT)
    SeatFactory(body=secretariat, person=people["secretariat"], role=SeatRole.OFFICER)
    people["secretariat"].groups.add(secretariat_admin_group())
    people["superuser"] = UserFactory(email="root@example.org", is_staff=True, is_superuser=True)
    # Without an authenticator these roles meet the second-factor set-up on every page: the
    # matrix tests the pages' rules, not that redirect.
    for role in ("board", "chairman", "secretariat", "superuser"):
        activate_totp(people[role])


def _networks(world: World) -> None:
    people, author = world.people, world["author"]
    network = NetworkFactory(recognised=True, name_en="Nightlife", slug="nightlife-network")
    world.things["referent_membership"] = NetworkMembershipFactory(
        network=network, person=people["referent"], role=MemberRole.LOCAL_REFERENT, active=True
    )
    world.things["applicant_membership"] = NetworkMembershipFactory(
        network=network, person=world["applicant"]
    )
    # A membership flagged when its employer left the Forum, for the secretariat to review.
    world.things["flagged_membership"] = NetworkMembershipFactory(
        network=network, person=author, active=True, needs_review=True
    )
    world.things["network"] = network
    for status in (
        NetworkStatus.PROPOSED,
        NetworkStatus.UNDER_REVIEW,
        NetworkStatus.CHANGES_REQUESTED,
        NetworkStatus.SUSPENDED,
        NetworkStatus.DISSOLVED,
    ):
        world.things[status] = NetworkFactory(
            status=status, proposed_by=author, slug=f"network-{status.replace('_', '-')}"
        )
    referent, today = people["referent"], localdate()
    world.things["meeting_kept"] = network_services.record_meeting(
        actor=referent,
        network=network,
        date=today,
        agenda="Round of the cities",
        attachment=_pdf("kept.pdf"),
    )
    world.things["meeting_shared"] = network_services.record_meeting(
        actor=referent,
        network=network,
        date=today,
        agenda="Shared round",
        attachment=_pdf("shared.pdf"),
        share=True,
    )
    world.things["commission"] = network_services.request_commission(
        actor=people["secretariat"],
        network=network,
        title="Minors and sanctions",
        description="Prepare a position for the Board.",
    )
    world.things["report"] = network_services.file_report(
        actor=referent,
        network=network,
        period_start=today - dt.timedelta(days=90),
        period_end=today,
        summary="Three meetings.",
    )
    world.things["city_mandate"] = network_services.record_city_mandate(
        actor=people["mayor"],
        network=network,
        organisation=world["city"],
        scope="Nightlife nuisance",
        start=today,
    )
    mandate = network_services.issue_representation_mandate(
        actor=people["chairman"],
        network=network,
        direction="forum_to_network",
        subject="Nightlife safety",
        valid_from=today - dt.timedelta(days=1),
        valid_until=today + dt.timedelta(days=30),
    )
    world.things["statement"] = network_services.publish_statement(
        actor=referent,
        network=network,
        mandate=mandate,
        title="On nightlife",
        body="The network's position.",
        language="en",
    )
    world.things["representation_mandate"] = mandate


def _knowledge(world: World) -> None:
    knowledge_services.load_topics()
    nightlife = Topic.objects.get(slug="nightlife")
    world.things["topic"] = nightlife
    world["network"].topics.set([Topic.objects.get(slug="public-space")])
    author = world["author"]
    # A practice per visibility and per step of its review, all by the same author.
    states = {
        "public": ("published", "public"),
        "members": ("published", "members"),
        "network": ("published", "network"),
        "draft": ("draft", "public"),
        "submitted": ("submitted", "public"),
        "in_review": ("in_review", "public"),
        "archived": ("archived", "public"),
    }
    for name, (status, visibility) in states.items():
        practice = knowledge_services.create_practice(
            actor=author,
            language="en",
            title=f"Night mediators ({name})",
            summary="Mediators walk the station district at night.",
            topics=[nightlife],
            attachments=[_pdf(f"{name}.pdf")],
        )
        Practice.objects.filter(pk=practice.pk).update(
            status=status,
            visibility=visibility,
            network=world["network"] if visibility == "network" else None,
            published_at=timezone_now() if status in ("published", "archived") else None,
        )
        practice.refresh_from_db()
        world.things[f"practice_{name}"] = practice
        world.things[f"file_{name}"] = PracticeAttachment.objects.get(practice=practice)
    _translation_proposal(world)
    Recommendation.objects.create(
        topic=nightlife, text="Light the streets.", original_language="en", issued_on=localdate()
    )
    Publication.objects.create(title="Nightlife guide", original_language="en", year=2025)
    TopicRedirect.objects.create(old_slug="night-life", topic=nightlife)


def _translation_proposal(world: World) -> None:
    """A member's French translation of the public practice, waiting for a reviewer."""
    proposal = django_apps.all_models["knowledge"].get("translationproposal")
    if proposal is not None:  # TODO: create it plainly once the model is committed
        world.things["translation"] = proposal.objects.create(
            practice=world["practice_public"],
            language="fr",
            texts={"title": "Médiateurs de nuit", "summary": "Ils marchent la nuit."},
            proposed_by=world.people["member"],
        )


def _requests(world: World) -> None:
    interpellation = request_services.submit_request(
        requester=None,
        subject="Nightlife safety",
        message="How do your cities organise street work at night?",
        language="en",
        networks=[world["network"]],
        requester_kind="press",
        name="Claire Journaliste",
        email="claire@example.org",
        consent=True,
        files=[_pdf("question.pdf")],
    )
    world.things["request"] = interpellation
    world.things["request_file"] = interpellation.attachments.get()
    from befus.interpellations.models import Entry, RoutingDelegate, ValidationDelegation

    chairman = world.people["chairman"]
    Entry.objects.create(interpellation=interpellation, kind="note", author=chairman, body="Seen.")
    # Someone other than the board member of the matrix: a delegate routes like the Chairman.
    router = UserFactory(email="router@example.org")
    SeatFactory(body=world["board_body"], person=router)
    RoutingDelegate.objects.create(person=router, named_by=chairman, start=localdate())
    ValidationDelegation.objects.create(network=world["network"], granted_by=chairman)


def _account_things(world: World) -> None:
    from django_tasks_db.models import DBTaskResult

    world.things["notification"] = Notification.objects.create(
        recipient=world.people["member"], kind="networks.proposal", params={}, url="/en/"
    )
    world.things["erasure"] = ErasureRequest.objects.create(user=world["leaver"])
    if not OutgoingEmail.objects.exists():
        OutgoingEmail.objects.create(payload={}, recipients="x@example.org", subject="Hello")
    now = timezone_now()
    DBTaskResult.objects.create(
        enqueued_at=now,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="befus.core.mail.send",
        backend_name="default",
        run_after=now,
        exception_class_path="",
        traceback="",
    )
    for model in admin_site._registry:
        world.admin_object(model)
