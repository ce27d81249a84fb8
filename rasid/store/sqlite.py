"""SQLite store: the embedded default (`rasid.db`), WAL journal, FTS5 over the normalised article text."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from rasid.errors import StoreError
from rasid.store.sql import SQLStore


class SQLiteStore(SQLStore):
    """A SQLite file. WAL lets the web app read while `rasid ingest` writes; each transaction is atomic, so a
    killed ingest leaves only whole articles behind."""

    dialect = "sqlite"

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = Path(path)
        self.url = str(self.path)
        if not create and not self.path.exists():
            raise StoreError(f"no database at {self.path}", "run `rasid ingest PATH --db FILE` first",
                             path=str(self.path))
        try:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves, so a batch is exactly one transaction
            self.conn = sqlite3.connect(str(self.path), isolation_level=None, timeout=30.0,
                                        check_same_thread=False)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")  # durable across process crashes in WAL mode
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA busy_timeout=30000")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the SQLite database: {exc}", "check the path and its permissions",
                             path=str(self.path)) from exc
        self._depth = 0
        self._lock = threading.RLock()
        self.migrate()

    def close(self) -> None:
        self.conn.close()

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        try:
            return self.conn.execute(sql, tuple(params))
        except sqlite3.Error as exc:
            raise StoreError(f"database error: {exc}", "check the database file is a rasid store",
                             path=str(self.path)) from exc

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            try:
                self.conn.executemany(sql, rows)
            except sqlite3.Error as exc:
                raise StoreError(f"database error: {exc}", "check the database file is a rasid store",
                                 path=str(self.path)) from exc

    @contextlib.contextmanager
    def _tx(self) -> Iterator[None]:
        with self._lock:
            yield from self._tx_unlocked()

    def _tx_unlocked(self) -> Iterator[None]:
        """One transaction; nested calls join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")
        finally:
            self._depth = 0

    def _fts_clause(self) -> str:
        return "SELECT article_id FROM article_fts WHERE article_fts MATCH ?"

    def _fts_param(self, q: str) -> str:
        # each normalised word as a quoted FTS5 string: words are ANDed and no FTS syntax leaks in
        words = super()._fts_param(q).split()
        return " ".join('"' + w.replace('"', '""') + '"' for w in words) or '""'
