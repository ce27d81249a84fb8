"""Checks on the hand-curated gazetteer additions (rasid/data/places_curated.json)."""

from __future__ import annotations

import csv
import math

import pytest
from place_files import OCHA_REL, PLACES, TOWNS, field_problems, load, outside_admin
from place_files import km as _km

FEATURES = {
    "neighbourhood", "camp", "facility", "region", "admin1", "admin2",
    "town", "village", "city", "checkpoint", "crossing",
}
NEAR_KM = 30.0
# Desert sites on the Jordanian/Iraqi border with no OCHA community within 30 km; checked at a looser bound.
REMOTE = {
    "rasid:sy-rukban-camp", "rasid:sy-tanf-base", "rasid:sy-tanf-crossing", "rasid:sy-sayqal-airbase",
}
REMOTE_KM = 100.0
AREA_FEATURES = {"region", "admin1", "admin2"}


@pytest.fixture(scope="module")
def places() -> list[dict]:
    return load(PLACES)


def test_enough_entries(places):
    assert len(places) >= 400


def test_unique_ids(places):
    ids = [p["id"] for p in places]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    assert not dupes, dupes
    assert ids == sorted(ids), "entries must be sorted by id"


def test_required_fields_features_and_country_box(places):
    bad = [x for p in places for x in field_problems(p, FEATURES)]
    assert not bad, bad[:20]


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


#: How far outside its claimed governorate/district a point may lie: border crossings and frontier villages
#: sit on the line, and the OCHA polygons are generalised.
ADMIN_TOLERANCE_KM = 5.0


def test_syrian_points_inside_the_admin_areas_they_claim(places, shared):
    """Coordinates written from knowledge go wrong by a digit or a confused namesake: every Syrian entry of both
    curated files must lie in (or within a few km of) the OCHA admin1 polygon it names, and in its admin2
    polygon when it names one. Catches a wrong point and a wrong parent alike."""
    if not (shared / OCHA_REL).parent.is_dir():
        pytest.skip("the OCHA COD files are absent: cannot check admin areas")
    bad = outside_admin(places + load(TOWNS), shared, ADMIN_TOLERANCE_KM)
    assert not bad, bad


def test_admin_check_catches_a_misplaced_point(shared):
    """The check itself: Aleppo's coordinates under Dar'a are caught; Dar'a's are not."""
    if not (shared / OCHA_REL).parent.is_dir():
        pytest.skip("the OCHA COD files are absent: cannot check admin areas")
    rec = {"id": "rasid:sy-test", "country": "SY", "admin1": "Dar'a", "admin2": None}
    assert outside_admin([{**rec, "lat": 36.2, "lon": 37.16}], shared, ADMIN_TOLERANCE_KM)
    assert not outside_admin([{**rec, "lat": 32.62, "lon": 36.1}], shared, ADMIN_TOLERANCE_KM)
