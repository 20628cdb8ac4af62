"""The knowledge base's sections of a person's home (``befus.core.home``): practices and
translations to review, and the author's own practices with changes asked."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from befus.accounts.models import User
from befus.core.home import HomeLink, HomeSection, register_home_section
from befus.core.permissions import Perm
from befus.core.types import Visitor
from befus.knowledge import selectors
from befus.knowledge.choices import PracticeStatus


def register() -> None:
    register_home_section(
        HomeSection("practices", _("Good practices"), order=25, links=_practice_links)
    )


def _practice_links(person: Visitor) -> list[HomeLink]:
    if not isinstance(person, User):
        return []
    links = []
    if person.has_perm(Perm.PRACTICE_REVIEW_QUEUE):
        queue = selectors.review_queue(person)
        waiting = len(queue.practices) + len(queue.translations)
        links.append(
            HomeLink(
                _("To review (practices and translations)"),
                reverse("knowledge:review-queue"),
                waiting,
                urgent=bool(waiting),
            )
        )
    if person.has_perm(Perm.PRACTICE_SHARE):
        mine = selectors.practices_of(person)
        asked = mine.filter(status=PracticeStatus.CHANGES_REQUESTED).count()
        if asked:
            links.append(
                HomeLink(
                    _("Your practices with changes asked"),
                    reverse("knowledge:my-practices"),
                    asked,
                    urgent=True,
                )
            )
        links.append(HomeLink(_("Share a practice"), reverse("knowledge:practice-new")))
    return links
