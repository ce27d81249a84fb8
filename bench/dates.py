"""Benchmark of the dates and quantities stages on SaudiNewsNet: ms per article and per 300 words.

    .venv/bin/python bench/dates.py [N] [--show]

Prints the time per article for each stage and, with --show, every expression found in the first articles
(to read for false positives).
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from pathlib import Path

from rasid.pipeline import load_pipeline
from rasid.resources import Resources

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpus" / "saudinewsnet"


def articles(n: int) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for f in sorted(CORPUS.glob("*.gz")):
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                text = rec.get("content") or ""
                if len(text) > 200:
                    out.append({"id": rec.get("url", ""), "title": rec.get("title", ""), "text": text,
                                "published": (rec.get("date_extracted") or "")[:10] or None})
                if len(out) >= n:
                    return out
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 300
    show = "--show" in sys.argv
    res = Resources()
    pre = load_pipeline(resources=res, stages=["prepare"])
    dates = __import__("rasid.stages.dates", fromlist=["make"]).make(res)
    quants = __import__("rasid.stages.quantities", fromlist=["make"]).make(res)
    docs = [pre(a) for a in articles(n)]
    words = sum(len(d.tokens) for d in docs)
    dates(docs[0])
    t0 = time.perf_counter()
    dated = [dates(d) for d in docs]
    t1 = time.perf_counter()
    quantified = [quants(d) for d in dated]
    t2 = time.perf_counter()
    per300 = 300 * len(docs) / max(words, 1)
    print(f"{len(docs)} articles, {words / len(docs):.0f} tokens each on average")
    print(f"dates:      {1000 * (t1 - t0) / len(docs):.2f} ms/article, {1000 * (t1 - t0) / len(docs) * per300:.2f} ms per 300 tokens,"
          f" {sum(len(d.times) for d in dated) / len(docs):.1f} times/article,"
          f" {sum(t.start is not None for d in dated for t in d.times) / max(1, sum(len(d.times) for d in dated)):.2f} resolved")
    print(f"quantities: {1000 * (t2 - t1) / len(docs):.2f} ms/article, {1000 * (t2 - t1) / len(docs) * per300:.2f} ms per 300 tokens,"
          f" {sum(len(d.quantities) for d in quantified) / len(docs):.1f} quantities/article")
    if show:
        for d in quantified[:40]:
            for t in d.times:
                print("T", d.published, "|", t.text, t.start, t.end, t.precision)
            for q in d.quantities:
                print("Q", q.kind, q.low, q.high, q.unit, "|", q.text)


if __name__ == "__main__":
    main()
