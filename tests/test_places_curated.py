"""Checks on the hand-curated gazetteer additions (rasid/data/places_curated.json)."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLACES = ROOT / "rasid" / "data" / "places_curated.json"

FEATURES = {
    "neighbourhood", "camp", "facility", "region", "admin1", "admin2",
    "town", "village", "city", "checkpoint", "crossing",
}
REQUIRED = {
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
    "EG": (21.9, 31.8, 24.6, 36.95),
    "SA": (16.3, 32.2, 34.4, 55.7),
}
OCHA_REL = Path("data") / "gazetteer" / "syria_ocha" / "syr_admin4_populated_places.csv"
NEAR_KM = 30.0
# Desert sites on the Jordanian/Iraqi border with no OCHA community within 30 km; checked at a looser bound.
REMOTE = {
    "rasid:sy-rukban-camp", "rasid:sy-tanf-base", "rasid:sy-tanf-crossing", "rasid:sy-sayqal-airbase",
}
REMOTE_KM = 100.0
AREA_FEATURES = {"region", "admin1", "admin2"}


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def places() -> list[dict]:
    with PLACES.open(encoding="utf-8") as fh:
        data = json.load(fh)
    assert isinstance(data, list)
    return data


def test_enough_entries(places):
    assert len(places) >= 400


def test_unique_ids(places):
    ids = [p["id"] for p in places]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    assert not dupes, dupes
    assert ids == sorted(ids), "entries must be sorted by id"


def test_required_fields(places):
    bad = []
    for p in places:
        for key, typ in REQUIRED.items():
            if key not in p or not isinstance(p[key], typ):
                bad.append((p.get("id"), key))
        if not p["id"].startswith(f"rasid:{p['country'].lower()}-"):
            bad.append((p["id"], "id prefix"))
        if not p["name_ar"].strip() or not p["source"].strip() or p["radius_km"] <= 0:
            bad.append((p["id"], "empty"))
        if not all(isinstance(a, str) and a.strip() for a in p["aliases_ar"]):
            bad.append((p["id"], "aliases_ar"))
    assert not bad, bad[:20]


def test_features(places):
    bad = [(p["id"], p["feature"]) for p in places if p["feature"] not in FEATURES]
    assert not bad, bad


def test_inside_country_bbox(places):
    bad = []
    for p in places:
        box = BBOX.get(p["country"])
        if box is None:
            bad.append((p["id"], "no bbox for " + p["country"]))
            continue
        lat_min, lat_max, lon_min, lon_max = box
        if not (lat_min <= p["lat"] <= lat_max and lon_min <= p["lon"] <= lon_max):
            bad.append((p["id"], p["lat"], p["lon"]))
    assert not bad, bad


def test_aliases_not_shared_between_entries(places):
    seen: dict[str, str] = {}
    clash = []
    for p in places:
        for name in {p["name_ar"], *p["aliases_ar"]}:
            if name in seen and seen[name] != p["id"]:
                clash.append((name, seen[name], p["id"]))
            seen[name] = p["id"]
    assert not clash, clash


def test_syrian_points_near_ocha_communities(places, shared):
    path = shared / OCHA_REL
    if not path.parent.is_dir():
        pytest.skip(f"{path.parent} is absent: cannot cross-check Syrian points against OCHA communities")
    with path.open(encoding="utf-8") as fh:
        pts = [(float(r["LATITUDE"]), float(r["LONGITUDE"])) for r in csv.DictReader(fh)]
    assert pts
    bad = []
    for p in places:
        if p["country"] != "SY" or p["feature"] in AREA_FEATURES:
            continue
        limit = REMOTE_KM if p["id"] in REMOTE else NEAR_KM
        # cheap prefilter on degrees before the great-circle distance
        near = min(
            (_km(p["lat"], p["lon"], la, lo) for la, lo in pts if abs(la - p["lat"]) < 1.0 and abs(lo - p["lon"]) < 1.2),
            default=math.inf,
        )
        if near > limit:
            bad.append((p["id"], round(near, 1)))
    assert not bad, bad
