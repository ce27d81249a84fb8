"""Benchmark the gazetteer and the places stage; prints figures (no assertions, no timings in tests).

    .venv/bin/python bench/places.py                      # size, build, load, memory, lookups/s, ms/article
    .venv/bin/python bench/places.py --gold ../shared/gold/dev   # also: places found / within 25 km / precision
    .venv/bin/python bench/places.py --gold ../shared/gold/dev \
        --import-ocha ../shared/data/gazetteer/syria_ocha/syr_admin4_point.geojson   # with OCHA villages
    RASID_CACHE=.cache/rasid .venv/bin/python bench/places.py --sample 11 -n 40   # places on a fixed sample
        # of unseen conflict articles (full pipeline, every resolved place printed for judging, then totals)

Runs only prepare -> entities -> places, so the figures are the places stage's own. Uses a fresh temporary
cache for the build figures unless --cache is given.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from rasid.evaluate import load_gold, score
from rasid.gazetteer.index import build, fingerprint, load_or_build, read_config
from rasid.gazetteer.matcher import Cues, find_mentions
from rasid.ingest import article_from_record, check_article
from rasid.pipeline import load_pipeline
from rasid.resources import Resources
from rasid.text import normalize


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _corpus_texts(path: Path, n: int) -> list[str]:
    out: list[str] = []
    opener: Any = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            text = rec.get("full_text") or rec.get("content") or rec.get("text") or ""
            if len(text.split()) >= 150:
                out.append(" ".join(text.split()[:300]))
            if len(out) >= n:
                break
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", help="use this cache folder (default: a fresh temporary one)")
    ap.add_argument("--gold", help="score places against this gold folder")
    ap.add_argument("--corpus", default="../shared/data/corpus/almayadeen/almayadeen.jsonl.gz",
                    help="articles for the per-article timing (cut to 300 words)")
    ap.add_argument("-n", type=int, default=200, help="articles to time")
    ap.add_argument("--import-ocha", metavar="FILE",
                    help="first import this OCHA file (e.g. ../shared/data/gazetteer/syria_ocha/syr_admin4_point.geojson)")
    ap.add_argument("--sample", type=int, metavar="SEED",
                    help="print the places of -n random conflict articles of --corpus (titles with --words) and exit")
    ap.add_argument("--words", default="سوريا,لبنان,غزة,العراق,اليمن,السودان,درعا,إدلب,حلب",
                    help="title words for --sample (comma-separated)")
    args = ap.parse_args()
    if args.sample is not None:
        return _sample(Path(args.corpus), args.sample, args.n, args.words.split(","))

    tmp = tempfile.TemporaryDirectory() if not args.cache else None
    cache = Path(args.cache) if args.cache else Path(tmp.name)  # type: ignore[union-attr]
    res = Resources(cache_dir=cache)

    if args.import_ocha:
        from rasid.gazetteer.importers import read_ocha, save_import

        path = Path(args.import_ocha)
        save_import(read_ocha(path), res.cache_dir, f"ocha-{path.stem}")
        print(f"imported {path.name} into the temporary cache")
    t0 = time.perf_counter()
    gaz = build(res.data_dir, res.cache_dir)
    build_s = time.perf_counter() - t0
    load_or_build(res.data_dir, res.cache_dir)  # writes the index
    rss_before = _rss_mb()
    print(f"gazetteer: {len(gaz.entries)} places, {len(gaz.keys)} names; by source {gaz.stats()['by_source']}")
    print(f"build: {build_s:.2f} s (peak memory while building {rss_before:.0f} MB)")
    del gaz

    import subprocess

    code = ("import time,resource;t=time.perf_counter();"
            "from rasid.gazetteer.index import load_or_build;from pathlib import Path;"
            f"from rasid.resources import Resources;r=Resources(cache_dir={str(cache)!r});"
            "g=load_or_build(r.data_dir,r.cache_dir);"
            "rss=[l for l in open('/proc/self/status') if l.startswith('VmRSS')][0].split()[1];"
            "print(round(time.perf_counter()-t,3), round(int(rss)/1024))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    print(f"load (fresh process, incl. imports): {out[0]} s; process memory after load {out[1]} MB")
    gaz = load_or_build(res.data_dir, res.cache_dir)
    assert fingerprint(res.data_dir, res.cache_dir)

    names = list(gaz.keys)[:20000]
    t0 = time.perf_counter()
    for k in names:
        gaz.lookup(k)
    dt = time.perf_counter() - t0
    print(f"lookups: {len(names) / dt:,.0f} per second (lookup(name) incl. normalisation)")

    corpus = Path(args.corpus)
    if corpus.exists():
        texts = _corpus_texts(corpus, args.n)
        cues = Cues.from_config(read_config(res.data_dir, "place_cues.json"))
        pipe = load_pipeline(resources=res, stages=["prepare", "entities", "places"])
        pre = load_pipeline(resources=res, stages=["prepare", "entities"])
        docs = [pre(t) for t in texts]
        places_stage = pipe.stages[-1]
        places_stage(docs[0])
        t0 = time.perf_counter()
        found = 0
        for d in docs:
            found += len(places_stage(d).places)
        dt = time.perf_counter() - t0
        for d in docs:  # warm the per-token caches, as the stage run above did for itself
            find_mentions(normalize(d.text), gaz, cues)
        t1 = time.perf_counter()
        for d in docs:
            find_mentions(normalize(d.text), gaz, cues)
        dm = time.perf_counter() - t1
        print(f"places stage: {1000 * dt / len(docs):.2f} ms per 300-word article "
              f"(matching alone {1000 * dm / len(docs):.2f} ms); {found / len(docs):.1f} places per article "
              f"over {len(docs)} articles of {corpus.name}")

    if args.gold:
        golds = load_gold(Path(args.gold))
        pipe = load_pipeline(resources=res, stages=["prepare", "entities", "places"])
        preds = {}
        for g in golds:
            art = check_article(article_from_record(g, origin=str(g.get("id"))))
            preds[str(g["id"])] = pipe(art).to_json()
        s = score(golds, preds).summary()
        print(f"places found {s['place_found']:.3f}   within 25 km {s['place_recall_at_25km']:.3f}   "
              f"precision (50 km) {s['place_precision']:.3f}   over {len(golds)} gold articles")
    if tmp is not None:
        tmp.cleanup()
    return 0


_CONFLICT = ("قصف", "غارة", "اشتباك", "استهداف", "مقتل", "اعتقال")


def _sample(path: Path, seed: int, n: int, words: list[str]) -> int:
    """Resolved places on a fixed random sample of conflict articles, for judging by eye before/after a
    change: every place with its context, then the counts (all places, and places that are not countries)."""
    import random

    from rasid.doc import Article

    opener: Any = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    cands = [r for r in rows if any(w in (r.get("title") or "") for w in words)
             and any(w in (r.get("full_text") or "") for w in _CONFLICT)]
    random.seed(seed)
    pipe = load_pipeline()
    total = not_country = 0
    for k, r in enumerate(random.sample(cands, min(n, len(cands)))):
        art = Article(id=f"s{k}", text=r["full_text"][:2500], title=r["title"],
                      published=str(r.get("published_time"))[:10])
        d = pipe(art).to_json()
        text = d["text"]
        print(f"##### [{k}] {r['title']}")
        for p in d["places"]:
            total += 1
            not_country += p.get("feature") != "country"
            ctx = (text[max(0, p["start"] - 30):p["start"]] + "[" + p["text"] + "]"
                   + text[p["end"]:p["end"] + 30]).replace("\n", " ")
            print(f"  {p['text']} -> {p.get('name')} {p.get('country')} {p.get('feature')} "
                  f"prec={p.get('precision')} | {ctx}")
    print(f"places {total}, not countries {not_country}, over {min(n, len(cands))} articles (seed {seed})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
