"""The two full-text indexes: SQLite's FTS5 and PostgreSQL's tsvector, fed the same tokens.

Both receive three weighted columns of pre-analysed tokens (title, concepts, body) and a query
already written as groups of alternatives: ``[["inbraak", "inbraak*"], ["zct12"]]`` means
(inbraak OR inbraak…) AND (concept 12). They return (entry id, score), best first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection

from befus.core.models import SearchEntry

# A query is a list of groups; each group a list of alternatives; an alternative ending in "*"
# matches by prefix. Only [0-9a-z] reach the backends (the analysis guarantees it).
Query = Sequence[Sequence[str]]


@dataclass(frozen=True)
class Scope:
    """What a reader may see, applied inside the match so that hidden entries never count."""

    everything: bool = False
    members: bool = False
    networks: tuple[int, ...] = ()

    def sql(self, alias: str) -> tuple[str, list[Any]]:
        if self.everything:
            return "1 = 1", []
        parts = [f"{alias}.visibility = 'public'"]
        params: list[Any] = []
        if self.members:
            parts.append(f"{alias}.visibility = 'members'")
        if self.networks:
            marks = ", ".join(["%s"] * len(self.networks))
            parts.append(f"({alias}.visibility = 'network' AND {alias}.network_id IN ({marks}))")
            params += list(self.networks)
        return "(" + " OR ".join(parts) + ")", params


PUBLIC = Scope()
SAFE = re.compile(r"^[0-9a-z]+\*?$")


def _clean(query: Query) -> list[list[str]]:
    groups = [[alt for alt in group if SAFE.match(alt)] for group in query]
    return [group for group in groups if group]


class SQLiteIndex:
    @classmethod
    def create(cls, schema_editor: object = None) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS befus_search_fts USING fts5("
                "title, concepts, body, tokenize='unicode61 remove_diacritics 0')"
            )

    @classmethod
    def drop(cls) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS befus_search_fts")

    def store(self, entries: Iterable[SearchEntry]) -> None:
        rows = [(e.pk, e.title_tokens, e.concept_tokens, e.body_tokens) for e in entries]
        with connection.cursor() as cursor:
            cursor.executemany(
                "DELETE FROM befus_search_fts WHERE rowid = %s", [(r[0],) for r in rows]
            )
            cursor.executemany(
                "INSERT INTO befus_search_fts (rowid, title, concepts, body) "
                "VALUES (%s, %s, %s, %s)",
                rows,
            )

    def remove(self, ids: Sequence[int]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany("DELETE FROM befus_search_fts WHERE rowid = %s", [(i,) for i in ids])

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM befus_search_fts")

    def match(self, query: Query, limit: int, scope: Scope = PUBLIC) -> list[tuple[int, float]]:
        groups = _clean(query)
        if not groups:
            return []
        expression = " AND ".join(
            "(" + " OR ".join(self._term(alt) for alt in group) + ")" for group in groups
        )
        visible, params = scope.sql("e")
        # bm25 weights of the columns title, concepts, body: a concept counts as a title word.
        sql = (
            "SELECT f.rowid, -bm25(befus_search_fts, 6.0, 6.0, 1.0) AS score "  # noqa: S608
            "FROM befus_search_fts f JOIN core_searchentry e ON e.id = f.rowid "
            f"WHERE befus_search_fts MATCH %s AND {visible} ORDER BY score DESC LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [expression, *params, limit])
            return [(int(row[0]), float(row[1])) for row in cursor.fetchall()]

    @staticmethod
    def _term(alternative: str) -> str:
        if alternative.endswith("*"):
            return f'"{alternative[:-1]}"*'
        return f'"{alternative}"'


class PostgresIndex:
    @classmethod
    def create(cls, schema_editor: object = None) -> None:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE core_searchentry ADD COLUMN IF NOT EXISTS tsv tsvector")
            cursor.execute(
                "CREATE INDEX IF NOT EXISTS core_searchentry_tsv "
                "ON core_searchentry USING GIN (tsv)"
            )

    @classmethod
    def drop(cls) -> None:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE core_searchentry DROP COLUMN IF EXISTS tsv")

    def store(self, entries: Iterable[SearchEntry]) -> None:
        ids = [e.pk for e in entries]
        if not ids:
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE core_searchentry SET tsv = "
                "setweight(to_tsvector('simple', title_tokens), 'A') || "
                "setweight(to_tsvector('simple', concept_tokens), 'B') || "
                "setweight(to_tsvector('simple', body_tokens), 'D') "
                "WHERE id = ANY(%s)",
                [ids],
            )

    def remove(self, ids: Sequence[int]) -> None:
        return None  # the rows go with their SearchEntry

    def clear(self) -> None:
        return None

    def match(self, query: Query, limit: int, scope: Scope = PUBLIC) -> list[tuple[int, float]]:
        groups = _clean(query)
        if not groups:
            return []
        expression = " & ".join(
            "(" + " | ".join(self._term(alt) for alt in group) + ")" for group in groups
        )
        visible, params = scope.sql("core_searchentry")
        # Weights D, C, B, A: body 0.1, -, concepts 0.5, title 1.0 (the same ratios as SQLite's).
        sql = (
            "SELECT id, ts_rank('{0.1, 0.1, 0.5, 1.0}', tsv, query, 1) AS score "  # noqa: S608
            "FROM core_searchentry, to_tsquery('simple', %s) query "
            f"WHERE tsv @@ query AND {visible} ORDER BY score DESC, id LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [expression, *params, limit])
            return [(int(row[0]), float(row[1])) for row in cursor.fetchall()]

    @staticmethod
    def _term(alternative: str) -> str:
        if alternative.endswith("*"):
            return f"{alternative[:-1]}:*"
        return alternative


def index() -> SQLiteIndex | PostgresIndex:
    return PostgresIndex() if connection.vendor == "postgresql" else SQLiteIndex()


def create_index(apps: object = None, schema_editor: object = None) -> None:
    """Migration step: create this database's full-text index."""
    (PostgresIndex if connection.vendor == "postgresql" else SQLiteIndex).create()


def drop_index(apps: object = None, schema_editor: object = None) -> None:
    (PostgresIndex if connection.vendor == "postgresql" else SQLiteIndex).drop()
