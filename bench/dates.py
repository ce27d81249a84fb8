"""Benchmark of the dates and quantities stages on SaudiNewsNet: ms per article and per 300 words.

    .venv/bin/python bench/dates.py [N] [--show]
    .venv/bin/python bench/dates.py --gold ../shared/gold/dev
    .venv/bin/python bench/dates.py --wojood ../shared/data/ner/wojood_sample

Prints the time per article for each stage and, with --show, every expression found in the first articles
(to read for false positives). With --gold it scores the two stages alone against the gold events:
how many gold `date_text`s are found as a time expression and how many of those resolve to a range that
overlaps the gold dates (±1 day, as `rasid eval` does); how many gold quantities are found with the same
low and high (text overlapping the gold span). With --wojood it compares spans with the Wojood sample's
DATE (times) and CARDINAL/MONEY/QUANTITY/PERCENT (quantities) mentions: recall = gold mentions overlapped by
a found span, precision = found spans overlapping a gold mention of those types (TIME counts for dates too).
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


def _overlap(a: tuple[str, str], b: tuple[str, str]) -> bool:
    from datetime import date, timedelta

    (s1, e1), (s2, e2) = ((date.fromisoformat(x), date.fromisoformat(y)) for x, y in (a, b))
    return s1 <= e2 + timedelta(days=1) and s2 <= e1 + timedelta(days=1)


def gold(folder: Path) -> None:
    from rasid.text import normalize

    res = Resources()
    pipe = load_pipeline(resources=res, stages=["prepare", "entities", "dates", "quantities"])
    n_dt = found_dt = right_dt = n_q = found_q = 0
    misses: list[str] = []
    for f in sorted(folder.glob("*.json")):
        g = json.loads(f.read_text(encoding="utf-8"))
        doc = pipe({k: g.get(k) for k in ("id", "title", "text", "published")})
        times = [(normalize(t.text or ""), t) for t in doc.times]
        for ev in g["gold"]["events"]:
            dt = ev.get("date_text")
            if dt:
                n_dt += 1
                hit = [t for nt, t in times if normalize(dt) in nt or nt in normalize(dt)]
                if hit:
                    found_dt += 1
                    if not ev.get("date_start"):
                        right_dt += int(all(t.start is None for t in hit))
                    elif any(t.start and _overlap((t.start, t.end or t.start), (ev["date_start"], ev["date_end"] or ev["date_start"])) for t in hit):
                        right_dt += 1
                    else:
                        misses.append(f"{f.name} date {dt} gold {ev['date_start']}..{ev['date_end']} got "
                                      f"{[(t.start, t.end) for t in hit]}")
                else:
                    misses.append(f"{f.name} date not found: {dt}")
            for q in ev.get("quantities", []):
                n_q += 1
                nq = normalize(q["text"])
                ok = [x for x in doc.quantities if (normalize(x.text) in nq or nq in normalize(x.text))
                      and x.low == q["low"] and x.high == q["high"]]
                found_q += bool(ok)
                if not ok:
                    near = [(x.text, x.low, x.high) for x in doc.quantities if normalize(x.text) in nq or nq in normalize(x.text)]
                    misses.append(f"{f.name} quantity {q['text']} {q['low']}-{q['high']} got {near}")
    print(f"gold date_text found:   {found_dt}/{n_dt}; resolved right (overlap ±1 day, or None when gold is null): {right_dt}/{found_dt}")
    print(f"gold quantities found:  {found_q}/{n_q} (same low/high, overlapping text)")
    for m in misses:
        print("  ", m)


def _wojood_sentences(folder: Path) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Sentences of the Wojood sample as (text, [(start, end, type)]) from its nested IOB2 columns."""
    out: list[tuple[str, list[tuple[int, int, str]]]] = []
    for name in ("train.txt", "val.txt", "test.txt"):
        toks: list[tuple[int, int, list[str]]] = []
        text = ""
        for line in (folder / name).read_text(encoding="utf-8").splitlines() + [""]:
            parts = line.split()
            if parts and parts[0] != "$#$":
                start = len(text) + (1 if text else 0)
                text = (text + " " if text else "") + parts[0]
                toks.append((start, len(text), parts[1:]))
                continue
            if not parts and toks:
                spans: list[tuple[int, int, str]] = []
                open_: dict[str, int] = {}
                last_end: dict[str, int] = {}
                for s0, e0, tags in toks:
                    cur = {t[2:]: t[0] for t in tags if t != "O"}
                    for typ in list(open_):
                        if cur.get(typ) != "I":
                            spans.append((open_.pop(typ), last_end[typ], typ))
                    for typ, bio in cur.items():
                        if bio == "B" or typ not in open_:
                            if typ in open_:
                                spans.append((open_[typ], last_end[typ], typ))
                            open_[typ] = s0
                        last_end[typ] = e0
                spans.extend((st, last_end[t], t) for t, st in open_.items())
                out.append((text, spans))
                toks, text = [], ""
    return out


def wojood(folder: Path) -> None:
    res = Resources()
    pipe = load_pipeline(resources=res, stages=["prepare", "dates", "quantities"])
    counts = {"dates": [0, 0, 0, 0], "quantities": [0, 0, 0, 0]}  # gold, gold hit, found, found hit
    gold_types = {"dates": ("DATE",), "quantities": ("CARDINAL", "MONEY", "QUANTITY", "PERCENT")}
    ok_types = {"dates": ("DATE", "TIME"), "quantities": ("CARDINAL", "MONEY", "QUANTITY", "PERCENT", "DATE", "TIME")}
    for text, spans in _wojood_sentences(folder):
        doc = pipe({"text": text, "published": "2020-06-15"})
        found = {"dates": [(t.span_start or 0, t.span_end or 0) for t in doc.times],
                 "quantities": [(q.start, q.end) for q in doc.quantities]}
        for layer, c in counts.items():
            gold_spans = [(s, e) for s, e, t in spans if t in gold_types[layer]]
            ok_spans = [(s, e) for s, e, t in spans if t in ok_types[layer]]
            c[0] += len(gold_spans)
            c[1] += sum(any(a < e and s < b for a, b in found[layer]) for s, e in gold_spans)
            c[2] += len(found[layer])
            c[3] += sum(any(a < e and s < b for s, e in ok_spans) for a, b in found[layer])
    for layer, (g, gh, f, fh) in counts.items():
        print(f"wojood {layer:10}: recall {gh}/{g} = {gh / max(g, 1):.2f}, precision {fh}/{f} = {fh / max(f, 1):.2f}")


def main() -> None:
    if "--wojood" in sys.argv:
        wojood(Path(sys.argv[sys.argv.index("--wojood") + 1]))
        return
    if "--gold" in sys.argv:
        gold(Path(sys.argv[sys.argv.index("--gold") + 1]))
        return
    n = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 300
    show = "--show" in sys.argv
    res = Resources()
    pre = load_pipeline(resources=res, stages=["prepare"])
    dates = __import__("rasid.stages.dates", fromlist=["make"]).make(res)
    quants = __import__("rasid.stages.quantities", fromlist=["make"]).make(res)
    docs = [pre(a) for a in articles(n)]
    words = sum(len(d.tokens) for d in docs)
    dates(docs[0])
    quants(dates(docs[0]))
    # the best of three runs: the machine is shared, the minimum is the least disturbed figure
    td = tq = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        dated = [dates(d) for d in docs]
        t1 = time.perf_counter()
        quantified = [quants(d) for d in dated]
        t2 = time.perf_counter()
        td, tq = min(td, t1 - t0), min(tq, t2 - t1)
    t0, t1, t2 = 0.0, td, td + tq
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
