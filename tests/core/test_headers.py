"""The headers that protect pages: a strict Content-Security-Policy on every answer (and so no
inline script or style in any page), no-store on personal pages and files, and uploads larger
than any form accepts refused before they are read."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from befus.accounts import services as account_services
from befus.accounts.models import User
from befus.core.uploads import MAX_ATTACHMENTS, MAX_DOCUMENT_BYTES
from befus.demo import load_demo
from befus.interpellations import services as request_services
from befus.networks.choices import MemberRole, NetworkStatus
from befus.networks.models import Network, NetworkMembership
from befus.networks.services.reporting import record_meeting
from tests.accounts.factories import UserFactory
from tests.networks.factories import NetworkFactory, NetworkMembershipFactory

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
PDF = b"%PDF-1.4\n% minutes\n"
# <script> elements that hold data, not code: the policy does not apply to them.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


def _url(name: str, language: str = "en", **kwargs: Any) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


# The Content-Security-Policy


@pytest.mark.parametrize(
    "path", ["/en/", "/fr/networks/", "/nl/no-such-page/", "/health/", "/en/accounts/login/"]
)
def test_pages_errors_and_the_health_check_carry_the_policy(client: Client, path: str) -> None:
    # when
    response = client.get(path)
    # then
    assert response["Content-Security-Policy"] == POLICY


def test_the_admin_may_use_inline_style_but_never_inline_script(client: Client) -> None:
    # when
    response = client.get("/en/admin/login/")
    # then
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in response["Content-Security-Policy"].split(";")
    )
    assert policy["style-src"] == "'self' 'unsafe-inline'"
    assert policy["script-src"] == "'self'"


class _InlineCode(HTMLParser):
    """What a strict policy would refuse in a page: inline script, handlers, inline style."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script" and "src" not in names and names.get("type") not in DATA_SCRIPT_TYPES:
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style>")
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.found.append(f"<{tag} {name}={value!r}>")
            if (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")


def _inline_code(html: str) -> list[str]:
    parser = _InlineCode()
    parser.feed(html)
    return parser.found


def test_no_template_of_a_page_holds_inline_script_or_style() -> None:
    # given every template of the platform's pages (e-mails may style inline: they are no page)
    package = Path(django_settings.PACKAGE_DIR)
    templates = [
        path
        for path in package.glob("*/templates/**/*.html")
        if "email" not in path.relative_to(package).parts
    ]
    assert len(templates) > 50
    # when
    found = {
        str(path.relative_to(package)): _inline_code(path.read_text(encoding="utf-8"))
        for path in templates
    }
    # then
    assert {name: code for name, code in found.items() if code} == {}


def _plain_urls() -> Iterator[str]:
    """Every named URL of the platform that takes no argument (the admin aside)."""

    def walk(patterns: list[Any], namespace: list[str]) -> Iterator[str]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace != "admin":
                    inner = [*namespace, pattern.namespace] if pattern.namespace else namespace
                    yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name and not _arguments(pattern):
                yield _url(":".join([*namespace, pattern.name]))

    yield from walk(get_resolver().url_patterns, [])


def _arguments(pattern: URLPattern) -> int:
    return int(pattern.pattern.regex.groups)


NETWORK_PAGES = [
    "network-detail",
    "network-edit",
    "general-assembly-network",
    "mandate-create",
    "report-create",
    "meeting-create",
    "representation-create",
    "statement-create",
    "commission-create",
]


@pytest.fixture
def demo_pages(db: None, settings: Any) -> SimpleNamespace:
    """The demo, with a network the professional belongs to and an erasure waiting."""
    load_demo()
    settings.DEMO = True  # the demo accounts need no second factor in the demo
    accounts = {role: User.objects.get(email=f"{role}@befus.example") for role in ROLES}
    network = Network.objects.filter(status=NetworkStatus.RECOGNISED).order_by("pk").first()
    assert network is not None
    professional = accounts["professional"]
    if not NetworkMembership.objects.filter(network=network, person=professional).exists():
        NetworkMembershipFactory(
            network=network, person=professional, role=MemberRole.MEMBER, active=True
        )
    account_services.request_erasure(actor=accounts["visitor"], reason="Moving abroad.")
    urls = [*_plain_urls()]
    urls += [_url(f"networks:{name}", slug=network.slug) for name in NETWORK_PAGES]
    organisation = professional.profile.organisation
    for name in ("members:organisation-detail", "members:manage-organisation"):
        urls.append(_url(name, slug=organisation.slug))
    for model in apps.get_app_config("knowledge").get_models():
        instance = model._default_manager.order_by("pk").first()
        if instance is not None and hasattr(instance, "get_absolute_url"):
            urls.append(instance.get_absolute_url())
    return SimpleNamespace(accounts=accounts, urls=urls)


ROLES = ["visitor", "professional", "mayor", "board", "chairman", "secretariat"]


def test_no_rendered_page_holds_inline_script_or_style(
    demo_pages: SimpleNamespace, client: Client
) -> None:
    # given the main pages, for a visitor without account and for each role of the demo
    found: dict[str, list[str]] = {}
    pages = 0
    for role in [None, *ROLES]:
        if role is not None:
            client.force_login(demo_pages.accounts[role])
        # when each page is rendered
        for url in demo_pages.urls:
            response = client.get(url)
            if response.status_code != 200 or "text/html" not in response["Content-Type"]:
                continue
            pages += 1
            code = _inline_code(response.content.decode())
            if code:
                found[f"{role or 'anonymous'} {url}"] = code
    # then none holds script or style that the policy refuses
    assert pages > 100
    assert found == {}


def test_htmx_is_told_to_inject_no_style_and_evaluate_nothing(client: Client) -> None:
    # when
    content = client.get("/en/").content.decode()
    # then
    config = re.search(r'<meta name="htmx-config" content=\'([^\']*)\'>', content)
    assert config is not None
    assert '"includeIndicatorStyles":false' in config.group(1)
    assert '"allowEval":false' in config.group(1)


# Personal pages and files are not stored


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def private(member_city: Any, chairman: Any) -> SimpleNamespace:
    """A member's request with a file, and a network's meeting with its minutes in PDF."""
    Authenticator.objects.create(user=chairman, type=Authenticator.Type.TOTP, data={})
    requester = UserFactory(email="asker@example.org", profile__organisation=member_city)
    network = NetworkFactory(recognised=True, slug="street")
    referent = UserFactory(email="referent@example.org", profile__organisation=member_city)
    NetworkMembershipFactory(
        network=network,
        person=referent,
        organisation=member_city,
        role=MemberRole.NATIONAL_REFERENT,
        active=True,
    )
    asked = request_services.submit_request(
        requester=requester,
        subject="Safe routes to school",
        message="Which cities map the routes children walk?",
        language="en",
        networks=[network],
        files=[SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")],
    )
    meeting = record_meeting(
        actor=referent,
        network=network,
        date=dt.date(2026, 5, 4),
        agenda="Night work",
        attachment=SimpleUploadedFile("pv.pdf", PDF, content_type="application/pdf"),
    )
    return SimpleNamespace(
        people={"requester": requester, "chairman": chairman, "referent": referent},
        request=asked,
        file=asked.attachments.get(),
        token=asked.tracking_token(),
        meeting=meeting,
    )


PRIVATE_PAGES: dict[str, tuple[str | None, Callable[[SimpleNamespace], str]]] = {
    "request form": (None, lambda w: _url("interpellations:new")),
    "request sent": (None, lambda w: _url("interpellations:sent")),
    "tracking page": (None, lambda w: _url("interpellations:track", token=w.token)),
    "tracking file": (
        None,
        lambda w: _url("interpellations:track-attachment", token=w.token, pk=w.file.pk),
    ),
    "my requests": ("requester", lambda w: _url("interpellations:mine")),
    "request page": (
        "requester",
        lambda w: _url("interpellations:detail", reference=w.request.reference),
    ),
    "request file": ("requester", lambda w: _url("interpellations:attachment", pk=w.file.pk)),
    "inbox": ("chairman", lambda w: _url("interpellations:inbox")),
    "delegation": ("chairman", lambda w: _url("interpellations:delegation")),
    "erasure": (
        "chairman",
        lambda w: _url("interpellations:erase", reference=w.request.reference),
    ),
    "meeting file": ("referent", lambda w: _url("networks:meeting-attachment", pk=w.meeting.pk)),
}


@pytest.mark.parametrize("page", PRIVATE_PAGES)
def test_personal_pages_and_files_are_never_stored(
    private: SimpleNamespace, client: Client, page: str
) -> None:
    # given
    person, url = PRIVATE_PAGES[page]
    if person is not None:
        client.force_login(private.people[person])
    # when
    response = client.get(url(private))
    # then neither a proxy nor the browser keeps a copy
    assert response.status_code in (200, 302)
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    assert {"no-store", "private"} <= directives
    response.close()


def test_public_pages_may_still_be_kept(client: Client) -> None:
    response = client.get(_url("portal:home"))
    assert "no-store" not in response.get("Cache-Control", "")


# Uploads larger than any form accepts


class _Body(io.RawIOBase):
    """A request body that records whether anything read it."""

    def __init__(self) -> None:
        self.was_read = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        self.was_read = True
        return 0


def _post(client: Client, url: str, length: int, body: _Body) -> Any:
    return client.generic(
        "POST",
        url,
        CONTENT_TYPE="multipart/form-data; boundary=befus",
        CONTENT_LENGTH=str(length),
        **{"wsgi.input": body},
    )


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_an_upload_of_a_gigabyte_is_refused_unread(client: Client, language: str) -> None:
    # given
    body = _Body()
    # when a gigabyte is posted to the public request form
    response = _post(client, _url("interpellations:new", language), 1024**3, body)
    # then it is refused with a page in the visitor's language, and nothing of it was read
    assert response.status_code == 413
    assert body.was_read is False
    assert f'<html lang="{language}">' in response.content.decode()
    assert response["Content-Security-Policy"] == POLICY


@pytest.mark.parametrize(("over", "refused"), [(0, False), (1, True)])
def test_the_limit_is_the_setting(client: Client, settings: Any, over: int, refused: bool) -> None:
    # when a body of the limit, or one byte more, is posted
    length = settings.BEFUS_MAX_UPLOAD_BYTES + over
    response = _post(client, _url("interpellations:new"), length, _Body())
    # then only the larger one is refused before it is read
    assert (response.status_code == 413) is refused


def test_the_limit_lets_the_largest_form_through(settings: Any) -> None:
    # five files of 10 MB, with the text of the form
    largest = MAX_ATTACHMENTS * MAX_DOCUMENT_BYTES + settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert largest <= settings.BEFUS_MAX_UPLOAD_BYTES
