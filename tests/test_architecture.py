"""The layers of the package, read from its imports: an app imports only the apps below it.

``docs/architecture.md`` draws the same layers. Where a lower app needs something of a higher one,
it offers a registry that the higher app fills in its ``AppConfig.ready()`` (search scopes, daily
jobs, personal data, audit targets, navigation, notification kinds). Every import counts, also
one inside a function or under ``TYPE_CHECKING``: an import hidden in a function is still a
dependency.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "befus"

# From the bottom up. Apps of one layer do not import each other either.
LAYERS: dict[str, int] = {
    "core": 0,
    "accounts": 1,
    "members": 2,
    "themes": 2,
    "networks": 3,
    "knowledge": 4,
    "interpellations": 4,
    "portal": 5,
    "demo": 6,
}
# The composition root wires the apps together: it may import any of them.
ROOT = {"settings", "urls", "cli", "wsgi", "__init__"}

# Imports against the direction that are still to be turned into registries. The list only
# shrinks: a line that no longer happens fails the test too, so that it is taken out.
KNOWN: set[str] = set()


def _layer_of(module: str) -> str | None:
    """The app a dotted module of the package belongs to (``befus.knowledge.services`` →
    ``knowledge``)."""
    parts = module.split(".")
    if parts[0] != "befus" or len(parts) < 2:
        return None
    return parts[1]


def _modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        yield ".".join(relative.parts), path


def _imports(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def against_the_direction() -> set[str]:
    """Every ``importer -> imported`` pair of modules that breaks the layers."""
    found = set()
    for module, path in _modules():
        source = _layer_of(module)
        if source is None or source in ROOT:
            continue
        for imported in _imports(path):
            target = _layer_of(imported)
            if target is None or target == source or target in ROOT:
                continue
            if source not in LAYERS or target not in LAYERS:
                found.add(f"{module} -> {imported} (an app missing from LAYERS)")
            elif LAYERS[target] >= LAYERS[source]:
                found.add(f"{module} -> {imported}")
    return found


# A page of an app is named by its namespace: ``{% url 'networks:network-list' %}`` in a template,
# ``reverse("networks:network-list")`` or ``redirect(...)`` in the code.
URL_NAMESPACE = re.compile(
    r"""(?:{%\s*url\s+|\b(?:reverse|reverse_lazy|redirect)\(\s*)['"]([a-z_]+):"""
)
# Template links against the direction still to be turned into registrations; only shrinks.
KNOWN_LINKS: set[str] = set()


def links_against_the_direction() -> set[str]:
    """Every ``file -> app`` link to a page of an app on the same layer as the file's or above."""
    found = set()
    for app, layer in LAYERS.items():
        for path in sorted((PACKAGE / app).rglob("*")):
            if path.suffix not in {".html", ".py", ".txt"} or "migrations" in path.parts:
                continue
            name = path.relative_to(PACKAGE / app).as_posix()
            for target in set(URL_NAMESPACE.findall(path.read_text(encoding="utf-8"))):
                if target != app and target in LAYERS and LAYERS[target] >= layer:
                    found.add(f"{name} -> {target}")
    return found


def test_every_app_is_placed_in_a_layer() -> None:
    apps = {path.name for path in PACKAGE.iterdir() if (path / "apps.py").exists()}
    assert apps - set(LAYERS) == set()


def test_apps_import_only_the_apps_below_them() -> None:
    # given the imports of every module of the package
    found = against_the_direction()
    # then none goes up or sideways, but those still listed to be mended
    assert sorted(found - KNOWN) == [], "import against the layers: register from above instead"


def test_the_list_of_imports_to_mend_only_shrinks() -> None:
    assert sorted(KNOWN - against_the_direction()) == [], "mended: take it out of KNOWN"


def test_templates_link_only_to_the_pages_of_apps_below_them() -> None:
    # given every {% url %} of every app's templates (core's layout included)
    found = links_against_the_direction()
    # then none names a page of an app above: the menus and homes are registered by the apps
    assert sorted(found - KNOWN_LINKS) == [], "link against the layers: register a menu entry"


def test_the_list_of_links_to_mend_only_shrinks() -> None:
    assert sorted(KNOWN_LINKS - links_against_the_direction()) == [], "mended: take it out"


@pytest.mark.parametrize(
    ("module", "expected"),
    [
        ("befus.core.search.engine", "core"),
        ("befus.knowledge.services.review", "knowledge"),
        ("befus.demo.bench", "demo"),
        ("django.db", None),
    ],
)
def test_a_module_is_placed_in_its_app(module: str, expected: str | None) -> None:
    """Guard: the reading of module names the test relies on."""
    assert _layer_of(module) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("""<a href="{% url 'knowledge:topic-detail' topic.slug %}">""", ["knowledge"]),
        ("""return reverse("interpellations:new")""", ["interpellations"]),
        ("""return redirect('members:governance')""", ["members"]),
        ("""{% url 'set_language' %} reverse("health")""", []),
    ],
)
def test_a_link_is_read_to_its_app(text: str, expected: list[str]) -> None:
    """Guard: the reading of page names the link test relies on."""
    assert URL_NAMESPACE.findall(text) == expected
