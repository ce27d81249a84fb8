"""Throughput of the whole default pipeline on SaudiNewsNet articles, on one core.

    .venv/bin/python bench/pipeline.py [N] [--stages]

Reads the first N (default 300) articles with rasid.ingest.read_paths, builds the pipeline as `rasid ingest`
does (`default_pipeline`, warmed up: model and gazetteer loading is not throughput; the garbage collector tuned
with `batch_gc`) but runs it one article at a time, so that each stage can be timed (`rasid ingest` runs 16 at a
time, `Pipeline.run_many`, which romanizes their names together and is faster: bench/ingest.py), then prints articles/s for two passes over the articles (the first fills per-word caches)
and, with --stages, the mean milliseconds per article of each stage. With --cpu the clock is this process's CPU
time (`time.process_time`), for A/B comparisons on a machine that others are using too.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import time
from pathlib import Path

from rasid.doc import Article
from rasid.ingest import read_paths
from rasid.pipeline import batch_gc, make_document
from rasid.store.load import default_pipeline, ready_pipeline

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared/data/corpus/saudinewsnet/saudinewsnet.jsonl.gz"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=300)
    ap.add_argument("--stages", action="store_true", help="also print milliseconds per article per stage")
    ap.add_argument("--corpus", default=str(CORPUS))
    ap.add_argument("--cpu", action="store_true", help="measure CPU time of this process, not wall-clock time")
    args = ap.parse_args()
    clock = time.process_time if args.cpu else time.perf_counter
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    arts = [a for a in itertools.islice(read_paths([args.corpus]), args.n * 2) if isinstance(a, Article)][:args.n]
    if not arts:
        print(f"no articles read from {args.corpus}", file=sys.stderr)
        return 1
    pipe = ready_pipeline(default_pipeline)  # load models, gazetteer and lexicons
    words = sum(len(a.text.split()) for a in arts)
    per = {s.name: 0.0 for s in pipe.stages}
    with batch_gc():
        # first pass: per-word caches (clitic splits, trigger readings) fill up; second pass: steady state
        for label in ("first pass", "second pass"):
            t0 = clock()
            for a in arts:
                pipe(a)
            dt = clock() - t0
            print(f"{label}: {len(arts)} articles ({words / len(arts):.0f} words on average) in {dt:.2f} s: "
                  f"{len(arts) / dt:.1f} articles/s on one core" + (" (CPU time)" if args.cpu else ""))
        if args.stages:
            for a in arts:
                doc = make_document(a)
                for st in pipe.stages:
                    t = clock()
                    doc = st(doc)
                    per[st.name] += clock() - t
    if args.stages:
        for name, total in per.items():
            print(f"  {name:12} {1000 * total / len(arts):7.2f} ms/article")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
