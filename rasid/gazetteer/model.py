"""The gazetteer record and the key names are compared in."""

from __future__ import annotations

from typing import NamedTuple

from rasid.text import match_key

#: Features, most specific first; `precision_for` maps them to SCHEMA.md precision codes.
POINT_FEATURES = frozenset({"neighbourhood", "camp", "facility", "checkpoint", "crossing", "village", "town", "city"})

#: Source ranks: a curated or user-imported entry knows more than a bare GeoNames point.
SOURCE_RANK = {"rasid": 3, "ocha": 2, "geonames": 1, "country": 1}


class Entry(NamedTuple):
    """One place. `names` are Arabic names as written; `population` 0 when unknown."""

    id: str  # "geonames:ID" | "ocha:PCODE" | "rasid:…" | "country:SY"
    names: tuple[str, ...]
    name_en: str | None
    feature: str
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None = None
    admin2: str | None = None
    population: int = 0
    radius_km: float = 0.0

    @property
    def source(self) -> str:
        return self.id.split(":", 1)[0]


def name_key(name: str) -> str:
    """Normalised name with «ال» dropped from every word, so «الحجر الأسود» and «حجر الاسود» meet.

    The article is optional in how Arabic writers spell many place names («الحسكة»/«حسكة»), and the
    reference scorer compares the same way."""
    words = []
    for w in match_key(name).split():
        if w.startswith("ال") and len(w) > 3:
            w = w[2:]
        words.append(w)
    return " ".join(words)


def precision_for(feature: str, radius_km: float = 0.0) -> int:
    """SCHEMA.md precision: 1 the place itself, 3 admin2, 4 admin1, 5 country; regions by size."""
    if feature == "country":
        return 5
    if feature == "admin1":
        return 4
    if feature == "admin2":
        return 3
    if feature == "region":
        return 4 if radius_km >= 40 else 3
    return 1
