"""Stores: SQLite (embedded default) and PostgreSQL behind one protocol (`rasid.store.base.Store`)."""

from __future__ import annotations

from pathlib import Path

from rasid.store.base import EventFilter, Store

DEFAULT_DB = "rasid.db"

__all__ = ["DEFAULT_DB", "EventFilter", "Store", "open_store"]


def open_store(url_or_path: str | Path | None = None, *, create: bool = True) -> Store:
    """Open (and migrate) a store: ``postgresql://…`` / ``postgres://…`` for PostgreSQL, anything else is a
    SQLite file path (``sqlite:///path`` also works). None means ``rasid.db`` in the current folder."""
    target = str(url_or_path) if url_or_path else DEFAULT_DB
    if target.startswith(("postgresql://", "postgres://")):
        from rasid.store.postgres import PostgresStore

        return PostgresStore(target)
    if target.startswith("sqlite:///"):
        target = target[len("sqlite:///"):]
    from rasid.store.sqlite import SQLiteStore

    return SQLiteStore(target, create=create)
