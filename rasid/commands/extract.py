"""`rasid extract`: articles in, one JSON document per article out (SCHEMA.md)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import IO, Any

from rasid.commands.common import ErrorReport, add_input_args, open_output, progress


def register(sub: Any) -> None:
    p = sub.add_parser(
        "extract", help="extract entities, places and events from articles (JSON / JSONL out)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Read Arabic articles and print one JSON document per article: entities, places with "
                    "coordinates, events with participants, dates, quantities and attribution.\n"
                    "One article gives one JSON document; several give JSONL (one document per line).",
        epilog="inputs by extension: .txt .html .json .jsonl .jsonl.gz .warc(.gz) .rss/.atom/.xml, folders, "
               "and '-' for stdin.\n\nexamples:\n"
               "  rasid extract examples/eqtisad-hajar-aswad.txt --pretty\n"
               "  rasid extract corpus.jsonl.gz -o events.jsonl\n"
               "  rasid extract page.html --published 2015-08-09 --source aawsat\n\n"
               "exit status: 0 all articles read, 1 some could not be read (each is named on stderr), "
               "2 bad usage.")
    add_input_args(p)
    p.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output")
    p.add_argument("--pretty", action="store_true", help="indent the JSON (when the output is one document)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rasid.ingest import read_paths
    from rasid.pipeline import load_pipeline
    from rasid.resources import Resources

    report = ErrorReport()
    pipeline = load_pipeline(resources=Resources(ner_mode=args.ner))
    items = read_paths(args.paths, published=args.published, source=args.source)
    docs = pipeline.pipe(progress(items, args), on_error=report.add)
    n = 0
    with open_output(args.output) as out:
        first: dict[str, Any] | None = None
        for doc in docs:
            n += 1
            data = doc.to_json()
            if n == 1:
                first = data  # held back: one document is printed whole, several as JSONL
                continue
            if first is not None:
                _write(out, first, pretty=False)
                first = None
            _write(out, data, pretty=False)
        if first is not None:
            _write(out, first, pretty=args.pretty)
    return report.finish(n)


def _write(out: IO[str], data: dict[str, Any], pretty: bool) -> None:
    out.write(json.dumps(data, ensure_ascii=False, indent=1 if pretty else None))
    out.write("\n")
    if out is sys.stdout:
        out.flush()
