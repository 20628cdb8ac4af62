"""A person's home: the sections each app offers (what needs them, where their things are).

The account page lists the sections that have something for the person, in ``order``. An app
registers its own in ``AppConfig.ready()``::

    register_home_section(HomeSection("requests", _("Requests to the networks"), order=30,
                                      links=my_request_links))

``links(person)`` returns the section's links, each optionally with a count of what waits; an
empty list leaves the section out. It runs on the person's home page only, so it may query.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

from befus.core.types import Visitor


@dataclass(frozen=True)
class HomeLink:
    label: str | Promise
    url: str
    # How many things wait behind the link (None: not a queue); urgent ones are marked.
    count: int | None = None
    urgent: bool = False


@dataclass(frozen=True)
class HomeSection:
    name: str
    title: str | Promise
    order: int
    links: Callable[[Visitor], list[HomeLink]]
    text: str | Promise = ""


@dataclass(frozen=True)
class ShownSection:
    section: HomeSection
    links: list[HomeLink]


SECTIONS: dict[str, HomeSection] = {}


def register_home_section(section: HomeSection) -> None:
    SECTIONS[section.name] = section


def home_sections(person: Visitor) -> list[ShownSection]:
    shown = []
    for section in sorted(SECTIONS.values(), key=lambda section: section.order):
        links = section.links(person)
        if links:
            shown.append(ShownSection(section, links))
    return shown
