"""`rasid eval`: run the pipeline on gold articles and print the table we steer by."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from rasid.commands.common import add_ner_arg


def register(sub: Any) -> None:
    p = sub.add_parser(
        "eval", help="score rasid against gold annotations (entities, places, events, dates, certainty)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Run the pipeline on every gold file in GOLD_DIR (format in SCHEMA.md) and print precision, "
                    "recall and F1 for entities by type, places found and within 25 km, events (lenient, strict), "
                    "and the accuracy of event dates, certainty and fatalities. The figures agree with "
                    "../shared/eval/score.py on the same output.",
        epilog="examples:\n  rasid eval ../shared/gold/dev\n  rasid eval ../shared/gold/dev --save pred.jsonl\n"
               "  rasid eval ../shared/gold/dev --pred pred.jsonl --json")
    p.add_argument("gold_dir", metavar="GOLD_DIR", help="folder of gold .json files")
    p.add_argument("--pred", metavar="PRED.jsonl", help="score this output instead of running the pipeline")
    p.add_argument("--save", metavar="PRED.jsonl", help="also write the pipeline's output here")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    add_ner_arg(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rasid.errors import InputError
    from rasid.evaluate import format_table, load_gold, score
    from rasid.ingest import article_from_record, check_article
    from rasid.pipeline import load_pipeline

    folder = Path(args.gold_dir)
    if not folder.is_dir():
        raise InputError("not a folder of gold files", "give the folder, e.g. ../shared/gold/dev", path=str(folder))
    golds = load_gold(folder)
    if not golds:
        raise InputError("no .json gold files here", "see SCHEMA.md for the gold format", path=str(folder))
    preds: dict[str, dict[str, Any]] = {}
    if args.pred:
        for line in Path(args.pred).read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                preds[str(d.get("id"))] = d
    else:
        from rasid.resources import Resources

        pipeline = load_pipeline(resources=Resources(ner_mode=args.ner))
        for g in golds:
            art = check_article(article_from_record(g, origin=str(g.get("id"))))
            preds[str(g["id"])] = pipeline(art).to_json()
        if args.save:
            with open(args.save, "w", encoding="utf-8") as fh:
                for d in preds.values():
                    fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    sc = score(golds, preds)
    if args.json:
        print(json.dumps({**sc.summary(), "counts": sc.counts, "by_type": sc.by_type}, indent=1))
    else:
        print(format_table(sc))
    return 0
