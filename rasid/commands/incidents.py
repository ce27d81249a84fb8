"""`rasid incidents`: reports of the same incident merged across articles, with why they were merged."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from rasid.commands.export import add_filter_args, filters_from
from rasid.commands.ingest import add_db_arg


def register(sub: Any) -> None:
    p = sub.add_parser(
        "incidents", help="list incidents: events merged across articles, with counts and the reason",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="List incidents: reports of the same event (compatible type, place within a distance or the "
                    "same admin2, overlapping dates, compatible actors) merged into one record that keeps every "
                    "supporting event and article, the low/best/high fatalities and the strongest certainty.",
        epilog="examples:\n"
               "  rasid incidents --merged                    only incidents reported by 2+ events\n"
               "  rasid incidents --rebuild --max-km 5        merge again with a tighter distance\n"
               "  rasid incidents --json --admin1 Aleppo      one JSON object per line\n\n"
               "exit status: 0 listed, 1 error, 2 bad usage.")
    add_db_arg(p)
    p.add_argument("--rebuild", action="store_true", help="recompute the automatic incidents first")
    p.add_argument("--max-km", type=float, default=None, help="merge distance in km (with --rebuild; default 10)")
    p.add_argument("--slack-days", type=int, default=None, help="date tolerance in days (with --rebuild; default 1)")
    p.add_argument("--merged", action="store_true", help="only incidents with two or more member events")
    p.add_argument("--limit", type=int, default=50, help="how many to list (default 50)")
    p.add_argument("--json", action="store_true", help="JSON lines with members instead of a table")
    add_filter_args(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rasid.store import open_store

    store = open_store(args.db, create=False) if not str(args.db).startswith("postgres") else open_store(args.db)
    try:
        if args.rebuild:
            opts = {k: v for k, v in (("max_km", args.max_km), ("slack_days", args.slack_days)) if v is not None}
            store.rebuild_incidents(**opts)
        f = filters_from(args)
        rows = store.list_incidents(f, limit=args.limit, min_events=2 if args.merged else 1)
        total = store.count_incidents(f, min_events=2 if args.merged else 1)
        out = sys.stdout
        for inc in rows:
            if args.json:
                detail = store.get_incident(inc["id"])
                data: dict[str, Any] = dict(detail or inc)
                data["events"] = [e["id"] for e in data.get("events", [])]
                data["articles"] = [{"id": a["id"], "url": a["url"], "source": a["source"]}
                                    for a in data.get("articles", [])]
                out.write(json.dumps(data, ensure_ascii=False) + "\n")
                continue
            place = (inc["place"] or {"name": None})["name"] or "?"
            fat = "" if inc["fatalities_best"] is None else (
                f" killed {inc['fatalities_low']}/{inc['fatalities_best']}/{inc['fatalities_high']}")
            out.write(f"{inc['id']}  {inc['date_start'] or '?'}  {inc['acled_event_type']}  {place}  "
                      f"{inc['n_events']} event(s) in {inc['n_articles']} article(s){fat}  [{inc['certainty']}]\n"
                      f"    why: {inc['reason']}\n")
        print(f"rasid: {len(rows)} of {total} incident(s) shown", file=sys.stderr)
    finally:
        store.close()
    return 0
