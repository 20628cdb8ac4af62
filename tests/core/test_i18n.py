from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])


@contextmanager
def _working_directory(path: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


@pytest.mark.parametrize(
    ("accept", "expected"), [("fr-BE,fr;q=0.9", "/fr/"), ("nl-BE", "/nl/"), ("en-GB", "/en/")]
)
def test_root_picks_the_language_of_the_browser(
    client: Any, db: None, accept: str, expected: str
) -> None:
    response = client.get("/", headers={"accept-language": accept})
    assert response.status_code == 302
    assert response["Location"] == expected


def test_root_defaults_to_dutch_for_an_unknown_browser_language(
    client: Any, db: None, settings: Any
) -> None:
    from befus import settings as project_settings

    settings.LANGUAGE_CODE = project_settings.LANGUAGE_CODE
    response = client.get("/", headers={"accept-language": "ja"})
    assert project_settings.LANGUAGE_CODE == "nl"
    assert response["Location"] == "/nl/"


def test_a_visitor_switches_language_by_a_link_to_the_same_page(client: Any, db: None) -> None:
    # given a visitor on the Dutch governance page, the switcher links to its French version
    page = client.get("/nl/governance/").content.decode()
    assert 'href="/fr/governance/" lang="fr" hreflang="fr"' in page
    # and the page holds no form token (so that it can be kept for other visitors)
    assert "csrfmiddlewaretoken" not in page
    assert client.get("/fr/governance/").status_code == 200


def test_switching_language_stays_on_the_same_page(client: Any, visitor: Any) -> None:
    # given a logged-in person on the Dutch governance page
    # when they choose French in the switcher
    client.force_login(visitor)
    page = client.get("/nl/governance/").content.decode()
    assert 'name="next" value="/fr/governance/"' in page
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/fr/governance/"})
    # then they land on the French version of the same page, and the choice is remembered
    assert response.status_code == 302
    assert response["Location"] == "/fr/governance/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"


def test_switcher_is_on_every_page_with_the_current_page_as_target(client: Any, db: None) -> None:
    response = client.get("/en/members/?region=wallonia")
    html = response.content.decode()
    for code in ("nl", "fr", "en"):
        assert f'href="/{code}/members/?region=wallonia"' in html
        assert f'lang="{code}"' in html


@pytest.mark.parametrize(
    ("prefix", "text"),
    [("nl", "Pagina niet gevonden"), ("fr", "Page introuvable"), ("en", "Page not found")],
)
def test_unknown_page_gets_a_translated_404(client: Any, db: None, prefix: str, text: str) -> None:
    response = client.get(f"/{prefix}/no-such-page/")
    assert response.status_code == 404
    assert text in response.content.decode()


def test_unknown_language_prefix_gets_a_404_page_not_a_500(client: Any, db: None) -> None:
    response = client.get("/xx/members/", headers={"accept-language": "fr"})
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_message_catalogue_is_complete(language: str) -> None:
    """No untranslated or fuzzy entry, and the compiled catalogue matches the source."""
    po = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    entries = re.split(r"\n\n", po.read_text(encoding="utf-8"))[1:]  # after the header
    assert [entry for entry in entries if "#, fuzzy" in entry] == []
    untranslated = [
        entry
        for entry in entries
        if re.search(r'^msgstr(\[\d\])? ""$(?!\n")', entry, flags=re.MULTILINE)
    ]
    assert untranslated == []


def test_compiled_catalogues_are_up_to_date(tmp_path: Path) -> None:
    msgfmt = subprocess.run(["which", "msgfmt"], capture_output=True, check=False)
    if msgfmt.returncode != 0:
        pytest.skip("gettext's msgfmt is not installed")
    for language in ("nl", "fr", "en"):
        folder = LOCALE_DIR / language / "LC_MESSAGES"
        fresh = tmp_path / f"{language}.mo"
        subprocess.run(["msgfmt", "-o", str(fresh), str(folder / "django.po")], check=True)
        assert fresh.read_bytes() == (folder / "django.mo").read_bytes(), f"recompile {language}"


def test_server_error_page_is_translated_and_standalone(rf: Any, settings: Any) -> None:
    from django.utils import translation

    from befus.core.views import server_error

    with translation.override("fr"):
        response = server_error(rf.get("/fr/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "Erreur du serveur" in html or "Erreur serveur" in html


def _messages(po_file: Path) -> set[tuple[str, str, str]]:
    return {
        (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")
        for entry in polib.pofile(str(po_file))
        if not entry.obsolete
    }


def test_the_catalogues_hold_every_message_of_the_code_and_no_other(
    tmp_path: Path, settings: Any
) -> None:
    """What ``makemessages`` would add or drop fails here (an alias it cannot see, a message
    changed in the code but not in the catalogue), before a page shows English."""
    if shutil.which("xgettext") is None:
        pytest.skip("gettext's xgettext is not installed")
    # given a copy of the package's sources, without its catalogues
    sources = tmp_path / "befus"
    shutil.copytree(
        LOCALE_DIR.parent,
        sources,
        ignore=shutil.ignore_patterns("locale", "static", "migrations", "__pycache__", "data"),
    )
    settings.LOCALE_PATHS = [str(tmp_path / "locale")]
    # when makemessages reads it as scripts/update-translations does
    with _working_directory(sources):
        call_command("makemessages", locale=["en"], no_obsolete=True, verbosity=0)
    # then the shipped catalogues hold exactly its messages, in every language
    extracted = _messages(tmp_path / "locale" / "en" / "LC_MESSAGES" / "django.po")
    for language in ("nl", "fr", "en"):
        shipped = _messages(LOCALE_DIR / language / "LC_MESSAGES" / "django.po")
        assert sorted(extracted - shipped) == [], f"{language}: run scripts/update-translations"
        assert sorted(shipped - extracted) == [], f"{language}: messages the code no longer has"


# The names under which makemessages finds a message (Django's keywords and xgettext's own).
EXTRACTED_NAMES = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}


def _aliases_of_gettext(source: str) -> list[str]:
    """Names a module gives to a gettext function that makemessages does not look for."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
            found += [
                alias.asname
                for alias in node.names
                if alias.name in EXTRACTED_NAMES
                and alias.asname
                and alias.asname not in EXTRACTED_NAMES
            ]
        elif (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Name)
            and node.value.id in EXTRACTED_NAMES
        ):
            found += [target.id for target in node.targets if isinstance(target, ast.Name)]
    return found


def test_no_module_hides_a_message_behind_an_alias_of_gettext() -> None:
    package = LOCALE_DIR.parent
    hidden = {
        str(path.relative_to(package)): aliases
        for path in sorted(package.rglob("*.py"))
        if (aliases := _aliases_of_gettext(path.read_text(encoding="utf-8")))
    }
    assert hidden == {}, "makemessages would miss their messages: use _ or gettext_lazy"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from django.utils.translation import gettext_lazy as _lazy", ["_lazy"]),
        ("from django.utils.translation import gettext as _, pgettext_lazy", []),
        ("later = gettext_lazy", ["later"]),
    ],
)
def test_an_alias_is_recognised(source: str, expected: list[str]) -> None:
    """Guard: the reading the alias test relies on."""
    assert _aliases_of_gettext(source) == expected
