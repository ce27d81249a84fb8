"""PostgreSQL store (psycopg 3) for teams: the same schema and SQL as SQLite, full text through a GIN index
on `to_tsvector('simple', …)` over the normalised text."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator, Sequence
from typing import Any

from rasid.errors import StoreError
from rasid.store.sql import SQLStore


class PostgresStore(SQLStore):
    dialect = "postgres"

    def __init__(self, url: str) -> None:
        try:
            import psycopg
            from psycopg.rows import dict_row
        except ImportError as exc:  # pragma: no cover - an optional extra
            raise StoreError("PostgreSQL needs the 'psycopg' package", "pip install 'rasid[postgres]'") from exc
        self.url = url
        self._psycopg = psycopg
        try:
            self.conn = psycopg.connect(url, autocommit=True, row_factory=dict_row)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to PostgreSQL: {str(exc).strip()}",
                             "check the URL (postgresql://user:password@host:port/db) and that the server runs"
                             ) from exc
        self._depth = 0
        self._lock = threading.RLock()
        self.migrate()

    def close(self) -> None:
        self.conn.close()

    @staticmethod
    def _sql(sql: str) -> str:
        # the shared SQL uses '?' placeholders and never a literal '?' or '%'
        return sql.replace("%", "%%").replace("?", "%s").replace("LIMIT -1 ", "")

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        try:
            return self.conn.execute(self._sql(sql), tuple(params))
        except self._psycopg.Error as exc:
            raise StoreError(f"database error: {str(exc).strip()}", "check the database is a rasid store") from exc

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            try:
                with self.conn.cursor() as cur:
                    cur.executemany(self._sql(sql), rows)
            except self._psycopg.Error as exc:
                raise StoreError(f"database error: {str(exc).strip()}",
                                 "check the database is a rasid store") from exc

    @contextlib.contextmanager
    def _tx(self) -> Iterator[None]:
        with self._lock:
            yield from self._tx_unlocked()

    def _tx_unlocked(self) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._depth = 1
        try:
            with self.conn.transaction():
                yield
        finally:
            self._depth = 0

    def _fts_clause(self) -> str:
        return ("SELECT article_id FROM article_fts "
                "WHERE to_tsvector('simple', body) @@ plainto_tsquery('simple', ?)")

    def _fts_insert(self, article_id: str, body: str) -> None:
        self._execute("INSERT INTO article_fts (article_id, body) VALUES (?, ?)", (article_id, body))
