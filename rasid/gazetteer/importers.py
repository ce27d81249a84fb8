"""Importers for the gazetteer files people actually have. Each turns a file into `Entry` records and
stores them as JSONL in the user's cache (`<cache>/gazetteer/imports/`), where the index picks them up
on its next load (the fingerprint changes, so it rebuilds). Imports persist across runs.

- OCHA COD populated places (points), as GeoJSON or CSV: the Arabic name, p-code and coordinates, with the
  admin parents. Field names differ between CODs (NAME_ARA / admin4Name_ar / ADM4_AR …); we look for them.
- The GeoNames dump (`SY.txt`, tab-separated, 19 columns) and optionally `alternateNamesV2.txt` for the
  Arabic names, streamed (the alternate names file is large).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from rasid.errors import InputError
from rasid.gazetteer.index import imports_folder
from rasid.gazetteer.model import Entry
from rasid.gazetteer.sources import _ARABIC, record_from_entry

#: Field-name patterns, tried in order (case-insensitive), for the OCHA formats seen in the wild.
OCHA_FIELDS: dict[str, tuple[str, ...]] = {
    "name_ar": ("NAME_ARA", "NAME_AR", r"admin\dName_ar", r"ADM\d_AR", r"ADM\d_NAME_AR", "name_ar", "Arabic"),
    "name_en": ("NAME_EN", r"admin\dName_en", r"ADM\d_EN", r"ADM\d_NAME", "name_en", "NAME"),
    "pcode": ("PCODE", r"admin\dPcode", r"ADM\d_PCODE", "P_CODE", "pcode"),
    "lat": ("LATITUDE", "LAT", "lat", "Y", "latitude"),
    "lon": ("LONGITUDE", "LONG", "LON", "lon", "X", "longitude"),
    "admin1": ("ADMIN1_EN", "admin1Name_en", "ADM1_EN", "ADM1_NAME"),
    "admin2": ("ADMIN2_EN", "admin2Name_en", "ADM2_EN", "ADM2_NAME"),
    "capital": ("CAPIT_LVL", "CAPITAL"),
}


def _field(keys: Iterable[str], patterns: tuple[str, ...]) -> str | None:
    keys = list(keys)
    for pat in patterns:
        rx = re.compile(f"^{pat}$", re.IGNORECASE)
        for k in keys:
            if rx.match(k):
                return k
    return None


def read_ocha(path: Path, country: str = "SY") -> list[Entry]:
    """OCHA populated places from a GeoJSON FeatureCollection of points or a CSV with coordinates."""
    rows = list(_ocha_rows(path))
    if not rows:
        raise InputError("no rows in this file", "give an OCHA COD populated-places CSV or GeoJSON", path=str(path))
    fields = {k: _field(rows[0][0].keys(), pats) for k, pats in OCHA_FIELDS.items()}
    if not fields["name_ar"] or not fields["pcode"]:
        raise InputError(f"cannot find the Arabic name and p-code columns (have: {', '.join(rows[0][0])})",
                         "OCHA COD files have NAME_ARA/admin4Name_ar and PCODE/admin4Pcode", path=str(path))
    out: list[Entry] = []
    for props, point in rows:
        name = str(props.get(fields["name_ar"]) or "").replace("\ufffd", "").strip()
        pcode = str(props.get(fields["pcode"]) or "").strip()
        lat, lon = point if point else (_num(props, fields["lat"]), _num(props, fields["lon"]))
        if not name or not pcode or lat is None or lon is None or not _ARABIC.search(name):
            continue
        capital = str(props.get(fields["capital"]) or "") if fields["capital"] else ""
        feature = "city" if capital.strip() in ("1", "2", "Capital", "Admin1") else "town" if capital.strip() else "village"
        out.append(Entry(f"ocha:{pcode}", ocha_names(name), _str(props, fields["name_en"]), feature, lat, lon, country,
                         _str(props, fields["admin1"]), _str(props, fields["admin2"]), 0, 2.0))
    if not out:
        raise InputError("no populated place with an Arabic name and coordinates", "is this a points file?",
                         path=str(path))
    return out


#: Words that tell apart two halves of one village («رميلان فوقاني», «رميلان تحتاني»); news uses the bare name.
_QUALIFIERS = frozenset({"فوقاني", "تحتاني", "الفوقاني", "التحتاني", "الكبير", "الصغير", "الكبيرة", "الصغيرة",
                         "كبير", "صغير", "شرقي", "غربي", "الشرقي", "الغربي", "الشمالي", "الجنوبي", "القديمة",
                         "الجديدة", "الفوقا", "التحتا"})


def ocha_names(name: str) -> tuple[str, ...]:
    """The OCHA name and the names news will use for it: «الملاجة-خريجة الصليبي» is two places' names
    joined, «رميلان فوقاني» is upper Rmeilan."""
    names = [name]
    parts = [p.strip() for p in re.split(r"[_\-–]", name) if p.strip()]
    if len(parts) > 1:
        names.extend(parts)
    for n in list(names):
        words = n.split()
        if len(words) > 1 and words[-1] in _QUALIFIERS:
            names.append(" ".join(words[:-1]))
    return tuple(dict.fromkeys(names))


def _ocha_rows(path: Path) -> Iterator[tuple[Mapping[str, Any], tuple[float, float] | None]]:
    try:
        if path.suffix.lower() in (".geojson", ".json"):
            # shapefile-born files cut long names mid-character: keep the file, drop the broken bytes
            raw = path.read_bytes().decode("utf-8-sig", errors="replace").replace("\ufffd", "")
            data = json.loads(raw)
            for feat in data.get("features", []):
                yield feat.get("properties") or {}, _point(feat.get("geometry"))
        else:
            with path.open(encoding="utf-8-sig", errors="replace", newline="") as f:
                for row in csv.DictReader(f):
                    yield row, None
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read this file: {exc}", "give a UTF-8 CSV or GeoJSON file", path=str(path)) from exc


def _point(geom: Mapping[str, Any] | None) -> tuple[float, float] | None:
    if not geom:
        return None
    c = geom.get("coordinates")
    if geom.get("type") == "MultiPoint" and c:
        c = c[0]
    if geom.get("type") in ("Point", "MultiPoint") and c and len(c) >= 2:
        return float(c[1]), float(c[0])
    return None


def _num(props: Mapping[str, Any], key: str | None) -> float | None:
    try:
        return float(props[key]) if key and props.get(key) not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _str(props: Mapping[str, Any], key: str | None) -> str | None:
    v = props.get(key) if key else None
    return str(v).strip() or None if v is not None else None


#: GeoNames feature codes -> rasid features (populated places, admin areas, some facilities).
_GEONAMES_FEATURES = {"PPLC": "city", "PPLA": "city", "PPLA2": "town", "PPLA3": "town", "PPLX": "neighbourhood",
                      "ADM1": "admin1", "ADM2": "admin2", "AIRP": "facility", "AIRB": "facility",
                      "CMPRF": "camp", "RGN": "region", "PPL": "village", "PPLL": "village", "PPLQ": "village"}


def read_geonames(path: Path, alternate_names: Path | None = None) -> list[Entry]:
    """Places from a GeoNames dump file, with Arabic names from its own column or alternateNamesV2."""
    rows: dict[int, list[str]] = {}
    try:
        with path.open(encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                cols = line.rstrip("\n").split("\t")
                if len(cols) < 15:
                    raise InputError(f"expected 19 tab-separated columns, found {len(cols)}",
                                     "give a GeoNames dump file such as SY.txt", path=str(path), line=n)
                if cols[6] in ("P", "A") or cols[7] in _GEONAMES_FEATURES:
                    rows[int(cols[0])] = cols
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read this file: {exc}", "give a UTF-8 GeoNames dump", path=str(path)) from exc
    arabic: dict[int, list[str]] = {}
    if alternate_names is not None:
        with alternate_names.open(encoding="utf-8") as f:
            for line in f:
                cols = line.split("\t", 4)
                if len(cols) >= 4 and cols[2] == "ar":
                    gid = int(cols[1])
                    if gid in rows:
                        arabic.setdefault(gid, []).append(cols[3].strip())
    out: list[Entry] = []
    for gid, c in rows.items():
        names = arabic.get(gid) or [n for n in c[3].split(",") if _ARABIC.search(n)]
        if not names:
            continue
        feature = _GEONAMES_FEATURES.get(c[7], "village" if c[6] == "P" else "region")
        pop = int(c[14]) if c[14].isdigit() else 0
        if feature == "village" and pop >= 100000:
            feature = "city"
        elif feature == "village" and pop >= 10000:
            feature = "town"
        out.append(Entry(f"geonames:{gid}", tuple(dict.fromkeys(names)), c[1], feature, float(c[4]), float(c[5]),
                         c[8] or None, None, None, pop))
    if not out:
        raise InputError("no place with an Arabic name in this file",
                         "also give alternateNamesV2.txt (the Arabic names live there)", path=str(path))
    return out


def save_import(entries: list[Entry], cache_dir: Path, name: str) -> Path:
    """Store imported entries in the user's cache; the gazetteer index includes them from now on."""
    folder = imports_folder(cache_dir)
    folder.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^\w.-]+", "_", name) or "import"
    path = folder / f"{safe}.jsonl"
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        for e in entries:
            f.write(json.dumps(record_from_entry(e), ensure_ascii=False) + "\n")
    tmp.replace(path)
    return path
