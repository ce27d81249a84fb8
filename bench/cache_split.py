"""Why 2 workers are not twice 1: each worker process fills its own per-word caches (features, Latin names,
clitic readings, trigger readings). This runs the pipeline in a fresh process over all N articles, then in
another fresh process over every second article (what one of two workers sees), and prints the CPU time per
article of each. The difference is the cost of caches that see half the stream, paid by each worker.

    .venv/bin/python bench/cache_split.py            # 5,000 SaudiNewsNet articles, as bench/ingest.py
    .venv/bin/python bench/cache_split.py --n 2000
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "saudinewsnet" / "saudinewsnet.jsonl.gz"


def child(path: str, step: int) -> None:
    from rasid.ingest import read_paths
    from rasid.pipeline import make_document, tune_gc_for_batch
    from rasid.store.load import default_pipeline, ready_pipeline, slim

    arts = [a for a in read_paths([path]) if not isinstance(a, Exception)][::step]
    docs = [make_document(a) for a in arts]
    t0 = time.process_time()
    pipe = ready_pipeline(default_pipeline)
    t1 = time.process_time()
    tune_gc_for_batch()
    for d in docs:
        try:
            slim(pipe(d))
        except Exception:  # noqa: BLE001 - an article the pipeline rejects costs what it cost
            pass
    t2 = time.process_time()
    print(json.dumps({"articles": len(docs), "load": t1 - t0, "cpu": t2 - t1}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=5000)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]))
        return
    import tempfile

    with tempfile.TemporaryDirectory(prefix="rasid-bench-") as d:
        src = Path(d) / "articles.jsonl"
        with gzip.open(args.corpus, "rt", encoding="utf-8") as fh, src.open("w", encoding="utf-8") as out:
            out.writelines(itertools.islice(fh, args.n))
        res = {}
        for step in (1, 2):
            printed = subprocess.run([sys.executable, __file__, "--child", str(src), str(step)], capture_output=True,
                                     text=True, check=True, cwd=ROOT).stdout
            res[step] = json.loads(printed.strip().splitlines()[-1])
    per = {s: r["cpu"] / r["articles"] * 1000 for s, r in res.items()}
    print(f"pipeline CPU per article, one fresh process (load excluded): all {args.n} articles "
          f"{per[1]:.2f} ms; every second article (one of two workers) {per[2]:.2f} ms (+{per[2] / per[1] - 1:.0%})")
    best = 2 * per[1] / per[2]
    print(f"so two workers that share nothing reach at most x{best:.2f} over one (before process start-up, "
          "pickling and the parent's store writes)")


if __name__ == "__main__":
    main()
