"""What the register gives the search: the organisations (public, like the members list)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from befus.core.search.engine import Document, register
from befus.members.models import Organisation

LANGUAGES = ("nl", "fr", "en")


class OrganisationIndexer:
    kind = "organisation"

    def label(self) -> str:
        return str(_("Organisation"))

    def objects(self) -> Iterable[Organisation]:
        return Organisation.objects.order_by("pk")

    def document(self, obj: Organisation) -> Document | None:
        original = obj.original_language or "nl"
        return Document(
            kind=self.kind,
            object_id=obj.pk,
            language=original if original in LANGUAGES else "nl",
            title=obj.name,
            titles={lang: getattr(obj, f"name_{lang}", "") or "" for lang in LANGUAGES},
            url=reverse("members:organisation-detail", kwargs={"slug": obj.slug}),
            body=f"{obj.short_name} {obj.get_kind_display()} {obj.nis_code}",
            region=obj.region,
        )

    def fetch(self, ids: Sequence[int]) -> dict[int, Any]:
        return {o.pk: o for o in Organisation.objects.filter(pk__in=ids)}

    def snippet(self, obj: Organisation, language: str) -> tuple[str, str]:
        return str(obj.get_kind_display()), language


def register_all() -> None:
    register(OrganisationIndexer())
