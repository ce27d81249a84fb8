"""`rasid export`: events from a database as ACLED CSV, UCDP CSV, PLOVER JSON, GeoJSON, JSONL or Parquet."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from rasid.commands.ingest import add_db_arg
from rasid.errors import ConfigError
from rasid.store.base import CERTAINTY_ORDER, EventFilter


def add_filter_args(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("filters (ANDed)")
    g.add_argument("--from", dest="date_from", metavar="DATE", help="events on or after this date (YYYY-MM-DD)")
    g.add_argument("--to", dest="date_to", metavar="DATE", help="events on or before this date")
    g.add_argument("--type", metavar="TYPE",
                   help="ACLED event type ('Battles', …) or rasid native type ('attack' also matches 'attack.*')")
    g.add_argument("--actor", metavar="NAME", help="an actor's canonical name, registry id or Arabic name")
    g.add_argument("--admin1", metavar="NAME", help="first-level region, e.g. 'Aleppo'")
    g.add_argument("--country", metavar="CC", help="ISO-2 country code, e.g. SY")
    g.add_argument("--certainty", metavar="C", choices=CERTAINTY_ORDER,
                   help="this certainty or stronger (confirmed > reported > claimed > alleged > rumored)")
    g.add_argument("--verified", action="store_true", help="only events a reviewer verified or corrected")
    g.add_argument("-q", "--query", metavar="WORDS", help="full-text search in the articles (Arabic)")


def filters_from(args: argparse.Namespace) -> EventFilter:
    from rasid.doc import ACLED_EVENT_TYPES

    f: EventFilter = {}
    if args.date_from:
        f["date_from"] = args.date_from
    if args.date_to:
        f["date_to"] = args.date_to
    if args.type:
        if args.type in ACLED_EVENT_TYPES:
            f["acled_type"] = args.type
        else:
            f["type"] = args.type
    for k in ("actor", "admin1", "country"):
        if getattr(args, k):
            f[k] = getattr(args, k)
    if args.certainty:
        f["min_certainty"] = args.certainty
    if args.verified:
        f["verified"] = True
    if args.query:
        f["q"] = args.query
    return f


def register(sub: Any) -> None:
    from rasid.export import FORMATS

    p = sub.add_parser(
        "export", help="export stored events: acled-csv, ucdp-csv, plover-json, geojson, jsonl, parquet",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Write the events of a rasid database in a standard format. Reviewers' corrections are "
                    "applied; negated and hypothetical statements are left out (--all keeps them).",
        epilog="examples:\n"
               "  rasid export --format acled-csv -o events.csv\n"
               "  rasid export --format geojson --from 2015-08-01 --to 2015-08-31 --admin1 Aleppo -o aug.geojson\n"
               "  rasid export --format parquet --verified -o verified.parquet --db postgresql://…\n\n"
               "exit status: 0 written, 1 error, 2 bad usage.")
    add_db_arg(p)
    p.add_argument("--format", "-f", required=True, choices=FORMATS, help="output format")
    p.add_argument("-o", "--output", metavar="OUT", help="file to write (default: standard output; Parquet "
                                                        "needs a file)")
    p.add_argument("--all", action="store_true", help="keep negated and hypothetical statements")
    add_filter_args(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rasid.export import export
    from rasid.store import open_store

    if args.format == "parquet" and not args.output:
        raise ConfigError("Parquet is binary and needs a file", "add -o events.parquet")
    f = filters_from(args)
    if args.all:
        f["factual"] = False
    store = open_store(args.db, create=False) if not str(args.db).startswith("postgres") else open_store(args.db)
    try:
        n = export(store, args.format, args.output or sys.stdout, f)
    finally:
        store.close()
    print(f"rasid: {n} event(s) exported", file=sys.stderr)
    return 0
