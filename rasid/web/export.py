"""Exports for the web app: `rasid.export` writes every format; this only picks media types and buffers.

The app must not grow its own copy of the formats (ACLED/UCDP CSV, PLOVER JSON, GeoJSON, JSONL,
Parquet), so it calls `rasid.export.export` with the page's filters. Parquet needs a file, so it is
written to a temporary one and read back.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from rasid.errors import InputError
from rasid.export import FORMATS, export
from rasid.store.base import EventFilter, Store

#: format -> (media type, file extension)
MEDIA = {
    "acled-csv": ("text/csv; charset=utf-8", "acled.csv"),
    "ucdp-csv": ("text/csv; charset=utf-8", "ucdp.csv"),
    "plover-json": ("application/json", "plover.json"),
    "geojson": ("application/geo+json", "geojson"),
    "jsonl": ("application/x-ndjson", "jsonl"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
}


def formats() -> list[str]:
    return list(FORMATS)


def export_bytes(store: Store, fmt: str, filters: EventFilter) -> tuple[bytes, str, str]:
    """(body, media type, file extension) for the events matching `filters` in `fmt`."""
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}", f"use one of {', '.join(FORMATS)}")
    media, ext = MEDIA.get(fmt, ("application/octet-stream", fmt))
    if fmt == "parquet":
        with tempfile.TemporaryDirectory(prefix="rasid-export-") as tmp:
            path = Path(tmp) / "events.parquet"
            export(store, fmt, path, filters)
            return path.read_bytes(), media, ext
    buf = io.StringIO()
    export(store, fmt, buf, filters)
    return buf.getvalue().encode("utf-8"), media, ext
