"""Shared checks for rasid's curated place files (places_curated.json, places_towns.json): record fields,
country boxes, and point-in-polygon on the OCHA COD admin polygons that ../shared/data holds (read at test
time, never copied into the repo)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "rasid" / "data"
PLACES = DATA / "places_curated.json"
TOWNS = DATA / "places_towns.json"

REQUIRED: dict[str, Any] = {
    "id": str, "name_ar": str, "aliases_ar": list, "name_en": str, "feature": str, "lat": float,
    "lon": float, "country": str, "admin1": (str, type(None)), "admin2": (str, type(None)),
    "radius_km": float, "source": str,
}
# Rough (generous) bounding boxes: (min_lat, max_lat, min_lon, max_lon).
BBOX = {
    "SY": (32.3, 37.4, 35.6, 42.5),
    "IQ": (29.0, 37.5, 38.7, 48.7),
    "LB": (33.0, 34.75, 35.0, 36.7),
    "PS": (31.2, 32.6, 34.2, 35.6),
    "IL": (29.4, 33.4, 34.2, 35.95),
    "JO": (29.1, 33.4, 34.9, 39.4),
    "TR": (35.8, 42.2, 25.6, 44.9),
    "YE": (12.0, 19.1, 41.8, 54.6),
    "LY": (19.4, 33.3, 9.3, 25.2),
    "SD": (8.6, 22.3, 21.8, 38.7),
    "UA": (44.3, 52.4, 22.1, 40.3),
    "AZ": (38.3, 41.95, 44.7, 50.4),
    "ET": (3.4, 14.9, 32.9, 48.0),
    "EG": (21.9, 31.8, 24.6, 36.95),
    "SA": (16.3, 32.2, 34.4, 55.7),
}
OCHA_DIR = Path("data") / "gazetteer" / "syria_ocha"
OCHA_REL = OCHA_DIR / "syr_admin4_populated_places.csv"


def load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        data = json.load(fh)
    assert isinstance(data, list)
    return data


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def field_problems(p: dict[str, Any], features: set[str]) -> list[tuple[Any, str]]:
    """What is wrong with one record's fields (empty list: nothing)."""
    bad: list[tuple[Any, str]] = []
    for key, typ in REQUIRED.items():
        if key not in p or not isinstance(p[key], typ):
            bad.append((p.get("id"), key))
    if bad:
        return bad
    if not p["id"].startswith(f"rasid:{p['country'].lower()}-"):
        bad.append((p["id"], "id prefix"))
    if not p["name_ar"].strip() or not p["source"].strip() or p["radius_km"] <= 0:
        bad.append((p["id"], "empty"))
    if not all(isinstance(a, str) and a.strip() and a != p["name_ar"] for a in p["aliases_ar"]):
        bad.append((p["id"], "aliases_ar"))
    if p["feature"] not in features:
        bad.append((p["id"], p["feature"]))
    box = BBOX.get(p["country"])
    if box is None:
        bad.append((p["id"], "no bbox for " + p["country"]))
    elif not (box[0] <= p["lat"] <= box[1] and box[2] <= p["lon"] <= box[3]):
        bad.append((p["id"], f"outside {p['country']} box"))
    return bad


# --- point in polygon (GeoJSON Polygon/MultiPolygon, holes respected) and distance to a boundary ----------

def _polygons(geom: dict[str, Any]) -> list[list[list[list[float]]]]:
    return [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]


def _in_ring(ring: list[list[float]], x: float, y: float) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def contains(geom: dict[str, Any], lat: float, lon: float) -> bool:
    return any(_in_ring(poly[0], lon, lat) and not any(_in_ring(h, lon, lat) for h in poly[1:])
               for poly in _polygons(geom))


def km_to_boundary(geom: dict[str, Any], lat: float, lon: float) -> float:
    """Distance from a point to the nearest edge (local flat projection: fine at a few km)."""
    k = math.cos(math.radians(lat))
    best = math.inf
    for poly in _polygons(geom):
        for ring in poly:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
                ax, ay, bx, by = (x1 - lon) * k, y1 - lat, (x2 - lon) * k, y2 - lat
                dx, dy = bx - ax, by - ay
                t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / (dx * dx + dy * dy)))
                best = min(best, math.hypot(ax + t * dx, ay + t * dy) * 111.2)
    return best


def ocha_polygons(shared: Path, level: int) -> dict[str, dict[str, Any]]:
    """OCHA admin polygons by English name (admin1: «Idleb»; admin2: «Ariha»)."""
    with (shared / OCHA_DIR / f"syr_admin{level}.geojson").open(encoding="utf-8") as fh:
        feats = json.load(fh)["features"]
    return {f["properties"]["NAME_EN"]: f["geometry"] for f in feats}


def outside_admin(places: list[dict[str, Any]], shared: Path, tolerance_km: float) -> list[tuple[str, str, Any]]:
    """Syrian entries whose point lies outside the admin1 (and admin2, when given) polygon they claim, by more
    than `tolerance_km` (border crossings and frontier villages sit on the line)."""
    a1, a2 = ocha_polygons(shared, 1), ocha_polygons(shared, 2)
    bad: list[tuple[str, str, Any]] = []
    for p in places:
        if p["country"] != "SY":
            continue
        for level, name, table in ((1, p["admin1"], a1), (2, p["admin2"], a2)):
            if name is None:
                continue
            geom = table.get(name)
            if geom is None:
                bad.append((p["id"], f"admin{level} {name!r} is no OCHA name", sorted(table)[:3]))
            elif not contains(geom, p["lat"], p["lon"]):
                d = km_to_boundary(geom, p["lat"], p["lon"])
                if d > tolerance_km:
                    bad.append((p["id"], f"{d:.1f} km outside admin{level} {name}", (p["lat"], p["lon"])))
    return bad
