"""What the networks give the search: the networks the public may see."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from befus.core.search.engine import Document, register
from befus.networks.choices import PUBLIC_STATES
from befus.networks.models import Network

LANGUAGES = ("nl", "fr", "en")


class NetworkIndexer:
    kind = "network"

    def label(self) -> str:
        return str(_("Professional network"))

    def objects(self) -> Iterable[Network]:
        return Network.objects.filter(status__in=PUBLIC_STATES).prefetch_related("topics")

    def document(self, obj: Network) -> Document | None:
        if obj.status not in PUBLIC_STATES:
            return None
        original = obj.original_language
        return Document(
            kind=self.kind,
            object_id=obj.pk,
            language=original,
            title=getattr(obj, f"name_{original}", "") or obj.name,
            titles={lang: getattr(obj, f"name_{lang}", "") or "" for lang in LANGUAGES},
            url=reverse("networks:network-detail", kwargs={"slug": obj.slug}),
            body=f"{getattr(obj, f'purpose_{original}', '') or ''}\n{obj.themes}",
            translations={
                lang: getattr(obj, f"purpose_{lang}", "") or ""
                for lang in LANGUAGES
                if lang != original
            },
            topic_ids=[topic.pk for topic in obj.topics.all()],
            region=obj.region,
        )

    def fetch(self, ids: Sequence[int]) -> dict[int, Any]:
        return {n.pk: n for n in Network.objects.filter(pk__in=ids)}

    def snippet(self, obj: Network, language: str) -> tuple[str, str]:
        return obj.purpose, obj.purpose_language


def register_all() -> None:
    register(NetworkIndexer())
