"""Exports: ACLED CSV, UCDP-GED-style CSV, PLOVER JSON, GeoJSON, JSONL and Parquet from a store.

Rows come from `Store.export_rows` (effective values: a reviewer's correction wins), one per event. Column names
and codes follow the public codebooks: ACLED (event_id_cnty … timestamp, inter codes 1–8 from the actors'
ACLED categories), UCDP GED (type_of_violence, side_a/side_b, date_prec, best/low/high) and PLOVER (event_type,
actor/recipient, location). Country names, ISO numeric codes and regions are a data file
(`rasid/data/countries.json`).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from rasid.errors import ConfigError
from rasid.store.base import EventDetail, EventFilter, ParticipantInfo, Store

FORMATS = ("acled-csv", "ucdp-csv", "plover-json", "geojson", "jsonl", "parquet")

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
UCDP_COLUMNS = (
    "id", "relid", "year", "active_year", "type_of_violence", "conflict_name", "dyad_name", "side_a", "side_b",
    "source_article", "source_office", "source_date", "source_headline", "source_original", "where_prec",
    "where_coordinates", "where_description", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "country",
    "country_id", "region", "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b",
    "deaths_civilians", "deaths_unknown", "best", "high", "low",
)
#: ACLED actor category -> inter code (ACLED codebook).
INTER = {"State forces": 1, "Rebel group": 2, "Political militia": 3, "Identity militia": 4, "Rioters": 5,
         "Protesters": 6, "Civilians": 7, "External/Other forces": 8}
DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Violence against civilians": "Political violence", "Riots": "Demonstrations",
            "Protests": "Demonstrations", "Strategic developments": "Strategic developments"}


@lru_cache(maxsize=1)
def countries() -> dict[str, dict[str, Any]]:
    """ISO-2 -> {name, iso (numeric), region, ucdp_id} from rasid/data/countries.json (read once, immutable)."""
    path = Path(__file__).resolve().parent / "data" / "countries.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def export(store: Store, fmt: str, out: IO[Any] | str | Path, filters: EventFilter | None = None) -> int:
    """Write the events matching `filters` in `fmt` to `out` (a text stream, or a path for parquet).
    Returns the number of events written. Negated and hypothetical statements are left out unless
    `filters["factual"]` is False."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}", f"use one of {', '.join(FORMATS)}")
    f: EventFilter = {"factual": True, **(filters or {})}
    if not f.get("factual"):
        del f["factual"]
    rows = store.export_rows(f, order="date")
    if fmt == "parquet":
        if not isinstance(out, (str, Path)):
            raise ConfigError("Parquet needs a file path", "give -o FILE.parquet")
        return write_parquet(rows, Path(out))
    if isinstance(out, (str, Path)):
        with open(out, "w", encoding="utf-8", newline="") as fh:
            return _write_text(fmt, rows, fh)
    return _write_text(fmt, rows, out)


def _write_text(fmt: str, rows: Iterable[EventDetail], out: IO[str]) -> int:
    n = 0
    if fmt in ("acled-csv", "ucdp-csv"):
        cols, conv = (ACLED_COLUMNS, acled_row) if fmt == "acled-csv" else (UCDP_COLUMNS, ucdp_row)
        w = csv.DictWriter(out, fieldnames=cols, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow(conv(r))
            n += 1
    elif fmt == "jsonl":
        for r in rows:
            out.write(json.dumps(_plain(r), ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "plover-json":
        out.write("[")
        for r in rows:
            out.write(("," if n else "") + "\n" + json.dumps(plover_record(r), ensure_ascii=False))
            n += 1
        out.write("\n]\n")
    elif fmt == "geojson":
        out.write('{"type": "FeatureCollection", "features": [')
        for r in rows:
            feat = geojson_feature(r)
            if feat is None:
                continue  # an event without coordinates has no place on a map
            out.write(("," if n else "") + "\n" + json.dumps(feat, ensure_ascii=False))
            n += 1
        out.write("\n]}\n")
    return n


# ---------------------------------------------------------------------- ACLED

def _actors(r: EventDetail, role: str) -> list[ParticipantInfo]:
    return [p for p in r["participants"] if p["role"] == role]


def _actor_name(p: ParticipantInfo) -> str:
    return p["canonical"] or p["text"]


def _inter(p: ParticipantInfo | None) -> int:
    if p is None:
        return 0
    if p["category"] in INTER:
        return INTER[p["category"]]
    # a person (a well-known one has a canonical name but no actor id) counts as a civilian
    return 7 if p["entity_type"] == "PER" and not p["actor_id"] else 0


def _country(r: EventDetail) -> dict[str, Any]:
    code = (r["place"] or {"country": None})["country"] or ""
    return {"code": code, **countries().get(code, {"name": code, "iso": "", "region": "", "ucdp_id": ""})}


def _time_precision(p: int | None) -> int:
    return 1 if p == 1 else 2 if p == 2 else 3


def _geo_precision(p: int | None) -> int | str:
    if p is None:
        return ""
    return 1 if p <= 1 else 2 if p == 2 else 3


def _timestamp(s: str | None) -> int | str:
    try:
        return int(datetime.fromisoformat(s).timestamp()) if s else ""
    except ValueError:
        return ""


def acled_row(r: EventDetail) -> dict[str, Any]:
    """One event as an ACLED row. actor1 = the first actor, actor2 = the first target; the others are
    associated actors; inter codes from the actors' ACLED categories."""
    c = _country(r)
    a1, a2 = _actors(r, "actor"), _actors(r, "target")
    inter1, inter2 = _inter(a1[0] if a1 else None), _inter(a2[0] if a2 else None)
    pair = sorted(x for x in (inter1, inter2) if x) if inter1 else []
    interaction = int("".join(map(str, pair))) if len(pair) == 2 else (inter1 * 10 if inter1 else "")
    place: dict[str, Any] = dict(r["place"] or {})
    date = r["date_start"] or ""
    civ = r["acled_event_type"] == "Violence against civilians" or any(
        p["category"] == "Civilians" for p in a2)
    tags = [f"certainty: {r['certainty']}"]
    if r["source_type"]:
        tags.append(f"source type: {r['source_type']}")
    if r["status"] != "unreviewed":
        tags.append(f"review: {r['status']}")
    return {
        "event_id_cnty": f"{c['code'] or 'XX'}-{r['id']}",
        "event_date": date[:10],
        "year": date[:4],
        "time_precision": _time_precision(r["date_precision"]),
        "disorder_type": DISORDER.get(r["acled_event_type"], ""),
        "event_type": r["acled_event_type"],
        "sub_event_type": r["acled_sub_event_type"],
        "actor1": _actor_name(a1[0]) if a1 else "",
        "assoc_actor_1": "; ".join(_actor_name(p) for p in a1[1:]),
        "inter1": inter1 or "",
        "actor2": _actor_name(a2[0]) if a2 else "",
        "assoc_actor_2": "; ".join(_actor_name(p) for p in a2[1:]),
        "inter2": inter2 or "",
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if civ else "",
        "iso": c["iso"],
        "region": c["region"],
        "country": c["name"],
        "admin1": place.get("admin1") or "",
        "admin2": place.get("admin2") or "",
        "admin3": "",
        "location": place.get("name") or place.get("text") or "",
        "latitude": place.get("lat") if place.get("lat") is not None else "",
        "longitude": place.get("lon") if place.get("lon") is not None else "",
        "geo_precision": _geo_precision(place.get("precision")),
        "source": r["article_source"] or "",
        "source_scale": "",
        "notes": r["notes_en"],
        "fatalities": r["fatalities"] if r["fatalities"] is not None else 0,
        "tags": "; ".join(tags),
        "timestamp": _timestamp(r["article"]["added"]),
    }


# ---------------------------------------------------------------------- UCDP

def ucdp_row(r: EventDetail) -> dict[str, Any]:
    """One event as a UCDP GED-style row: type of violence 1 state-based (a state on side A or B), 2 non-state,
    3 one-sided (violence against civilians)."""
    c = _country(r)
    a1, a2 = _actors(r, "actor"), _actors(r, "target")
    side_a = _actor_name(a1[0]) if a1 else ""
    side_b = _actor_name(a2[0]) if a2 else ""
    cats = {p["category"] for p in a1[:1] + a2[:1]}
    if r["acled_event_type"] == "Violence against civilians" or (a2 and a2[0]["category"] == "Civilians"):
        tov = 3
    elif "State forces" in cats:
        tov = 1
    else:
        tov = 2
    place: dict[str, Any] = dict(r["place"] or {})
    lat, lon = place.get("lat"), place.get("lon")
    deaths = r["fatalities"] if r["fatalities"] is not None else 0
    year = (r["date_start"] or "")[:4]
    return {
        "id": r["id"], "relid": r["id"], "year": year, "active_year": "", "type_of_violence": tov,
        "conflict_name": "", "dyad_name": f"{side_a} - {side_b}" if side_a and side_b else "",
        "side_a": side_a, "side_b": side_b,
        "source_article": r["article_url"] or "", "source_office": r["article_source"] or "",
        "source_date": r["published"] or "", "source_headline": r["article_title"] or "",
        "source_original": r["source_text"] or "",
        "where_prec": place.get("precision") or "",
        "where_coordinates": place.get("name") or "", "where_description": place.get("text") or "",
        "adm_1": place.get("admin1") or "", "adm_2": place.get("admin2") or "",
        "latitude": lat if lat is not None else "", "longitude": lon if lon is not None else "",
        "geom_wkt": f"POINT ({lon} {lat})" if lat is not None and lon is not None else "",
        "country": c["name"], "country_id": c.get("ucdp_id", ""), "region": c.get("ucdp_region", c["region"]),
        "event_clarity": 1 if r["certainty"] in ("confirmed", "reported") else 2,
        "date_prec": r["date_precision"] or "", "date_start": r["date_start"] or "", "date_end": r["date_end"] or "",
        "deaths_a": "", "deaths_b": "", "deaths_civilians": deaths if tov == 3 else "",
        "deaths_unknown": deaths if tov != 3 else "", "best": deaths, "high": deaths, "low": deaths,
    }


# ---------------------------------------------------------------------- PLOVER, GeoJSON, JSONL

def plover_record(r: EventDetail) -> dict[str, Any]:
    """One event in PLOVER's JSON form (event_type, actor, recipient, date, location, provenance)."""
    a1, a2 = _actors(r, "actor"), _actors(r, "target")
    place: dict[str, Any] = dict(r["place"] or {})

    def actor(ps: list[ParticipantInfo]) -> dict[str, Any] | None:
        if not ps:
            return None
        return {"name": _actor_name(ps[0]), "text": ps[0]["text"], "actor_id": ps[0]["actor_id"],
                "category": ps[0]["category"]}

    return {
        "id": r["id"], "event_type": r["plover"], "mode": r["type"], "context": [r["acled_event_type"]],
        "event_date": r["date_start"], "date_precision": r["date_precision"],
        "actor": actor(a1), "recipient": actor(a2),
        "location": {"name": place.get("name"), "lat": place.get("lat"), "lon": place.get("lon"),
                     "admin1": place.get("admin1"), "admin2": place.get("admin2"),
                     "country": place.get("country"), "precision": place.get("precision")} if place else None,
        "fatalities": r["fatalities"], "certainty": r["certainty"], "summary": r["notes_en"],
        "trigger": r["trigger"], "evidence": r["evidence"]["text"],
        "source": {"url": r["article_url"], "outlet": r["article_source"], "published": r["published"],
                   "article_id": r["article_id"]},
        "incident_id": r["incident_id"], "review_status": r["status"],
    }


def geojson_feature(r: EventDetail) -> dict[str, Any] | None:
    place: dict[str, Any] = dict(r["place"] or {})
    if place.get("lat") is None or place.get("lon") is None:
        return None
    props = {k: v for k, v in acled_row(r).items() if k not in ("latitude", "longitude")}
    props.update(id=r["id"], type=r["type"], certainty=r["certainty"], incident_id=r["incident_id"],
                 url=r["article_url"])
    return {"type": "Feature", "id": r["id"],
            "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]}, "properties": props}


def _plain(r: EventDetail) -> dict[str, Any]:
    out: dict[str, Any] = dict(r)
    art = dict(out.pop("article"))
    art.pop("text", None)
    out["article"] = art
    out.pop("reviews", None)
    return out


# ---------------------------------------------------------------------- Parquet

def flat_rows(rows: Iterable[EventDetail]) -> Iterator[dict[str, Any]]:
    """ACLED columns plus rasid's ids, native type, certainty and review status: one flat row per event."""
    for r in rows:
        row = acled_row(r)
        row.update(rasid_id=r["id"], article_id=r["article_id"], native_type=r["type"], certainty=r["certainty"],
                   status=r["status"], incident_id=r["incident_id"], url=r["article_url"],
                   date_end=r["date_end"], trigger=r["trigger"])
        for k in ("latitude", "longitude", "inter1", "inter2", "interaction", "geo_precision", "timestamp"):
            if row[k] == "":
                row[k] = None
        yield row


def write_parquet(rows: Iterable[EventDetail], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(c, pa.float64() if c in ("latitude", "longitude") else
                         pa.int64() if c in ("inter1", "inter2", "interaction", "geo_precision", "timestamp",
                                             "time_precision", "fatalities") else pa.string())
                        for c in (*ACLED_COLUMNS, "rasid_id", "article_id", "native_type", "certainty", "status",
                                  "incident_id", "url", "date_end", "trigger")])
    n = 0
    with pq.ParquetWriter(str(path), schema) as w:
        batch: list[dict[str, Any]] = []
        for row in flat_rows(rows):
            batch.append({k: (str(v) if v is not None and schema.field(k).type == pa.string() else v)
                          for k, v in row.items()})
            if len(batch) >= 5000:
                w.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            w.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n
