"""Exports for the web app: the formats of `rasid.export` when it is installed, JSONL and GeoJSON always.

The app must not grow its own copy of the export formats (ACLED/UCDP CSV, PLOVER…): those belong to
`rasid.export`. This module only adapts: it asks `rasid.export` for its writers and falls back to the
two formats that are plain serialisations of the store's rows (JSONL, GeoJSON) so the endpoint works
on any build.
"""

from __future__ import annotations

import importlib
import io
import json
from collections.abc import Callable, Iterable
from typing import Any

from rasid.errors import InputError
from rasid.store.base import EventFilter, Store

#: media type and file extension per format name
MEDIA = {
    "jsonl": ("application/x-ndjson", "jsonl"),
    "geojson": ("application/geo+json", "geojson"),
    "json": ("application/json", "json"),
    "csv": ("text/csv; charset=utf-8", "csv"),
}


def _rasid_export() -> Any:
    try:
        return importlib.import_module("rasid.export")
    except ModuleNotFoundError as exc:
        if exc.name == "rasid.export":
            return None
        raise


def _library_writers() -> dict[str, Callable[..., Any]]:
    """`rasid.export.WRITERS` / `FORMATS`: name -> writer(rows, out) (the export module's registry)."""
    mod = _rasid_export()
    if mod is None:
        return {}
    for attr in ("WRITERS", "FORMATS", "EXPORTERS"):
        table = getattr(mod, attr, None)
        if isinstance(table, dict):
            return {str(k): v for k, v in table.items() if callable(v) or hasattr(v, "write")}
    return {}


def formats() -> list[str]:
    return sorted({"jsonl", "geojson", *_library_writers()})


def _jsonl(rows: Iterable[Any], out: io.StringIO) -> None:
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False))
        out.write("\n")


def _geojson(rows: Iterable[Any], out: io.StringIO) -> None:
    feats = []
    for row in rows:
        place = row.get("place") or {}
        if place.get("lat") is None or place.get("lon") is None:
            continue
        props = {k: v for k, v in row.items() if k not in ("spans", "article", "reviews", "evidence")}
        props["evidence"] = (row.get("evidence") or {}).get("text")
        feats.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
                      "properties": props})
    json.dump({"type": "FeatureCollection", "features": feats}, out, ensure_ascii=False)


def export_bytes(store: Store, fmt: str, filters: EventFilter) -> tuple[bytes, str, str]:
    """(body, media type, extension) for the matching events in `fmt`."""
    writers = _library_writers()
    if fmt in writers:
        mod = _rasid_export()
        export_fn = getattr(mod, "export", None)
        buf = io.StringIO()
        if callable(export_fn):
            export_fn(store, buf, format=fmt, filters=filters)
        else:
            writers[fmt](store.export_rows(filters), buf)
        media, ext = MEDIA.get(_family(fmt), ("text/plain; charset=utf-8", fmt))
        return buf.getvalue().encode("utf-8"), media, ext
    if fmt not in ("jsonl", "geojson"):
        raise InputError(f"unknown export format {fmt!r}", f"use one of {', '.join(formats())}")
    buf = io.StringIO()
    (_jsonl if fmt == "jsonl" else _geojson)(store.export_rows(filters), buf)
    media, ext = MEDIA[fmt]
    return buf.getvalue().encode("utf-8"), media, ext


def _family(fmt: str) -> str:
    for fam in ("geojson", "jsonl", "csv", "json"):
        if fam in fmt:
            return fam
    return fmt
