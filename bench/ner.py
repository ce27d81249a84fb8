"""Entity recogniser benchmark: exact-span (CoNLL) P/R/F1 on CLEANANERCorp TEST, load time, tokens/s.

    .venv/bin/python bench/ner.py [--ner fast|accurate|both] [--data ../shared/data/ner/cleananercorp] [--articles 200]

Both recognisers by default: `fast`, the CRF (the default of every command), and `accurate`, the CRF
combined with the BiLSTM net (`--ner accurate`). Both were trained on TRAIN only (`rasid train-ner [--net]`).
Speed is measured on one core: the tagger alone over TEST in 30-sentence calls, as the entities stage tags an
article (first pass with cold caches, then warm), and the whole entities stage (tagger, registry, people
rules, Latin names) over Al Mayadeen articles, excluding the prepare stage.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path

from rasid.ner.crf import evaluate, propagate, read_conll
from rasid.pipeline import load_pipeline
from rasid.resources import Resources
from rasid.text import normalize

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared/data/ner/cleananercorp"))
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared/data/corpus/almayadeen"))
    ap.add_argument("--articles", type=int, default=200, help="Al Mayadeen articles for the stage speed (0: skip)")
    ap.add_argument("--ner", choices=("fast", "accurate", "both"), default="both",
                    help="which recogniser to measure: the CRF (fast, the default one), CRF + net (accurate)")
    args = ap.parse_args()
    modes = ["fast", "accurate"] if args.ner == "both" else [args.ner]
    sents = read_conll(Path(args.data) / "cleananercorp_TEST.txt")
    for mode in modes:
        res = Resources(ner_mode=mode)
        print(f"=== --ner {mode}: " + ("the CRF" if mode == "fast" else "the CRF combined with the BiLSTM net"))
        measure(res, sents, args)
        print()


def measure(res: Resources, sents: list[tuple[list[str], list[str]]], args: argparse.Namespace) -> None:
    t0 = time.perf_counter()
    words = res.get("lexicon")
    t1 = time.perf_counter()
    ner = res.get("ner").bind(words)
    registry = res.get("actors")
    t2 = time.perf_counter()
    print(f"load: NER model + actor registry ({len(registry)} actors) {t2 - t1:.2f} s "
          f"(shared word-frequency lexicon, loaded once for the prepare stage too: {t1 - t0:.2f} s)")

    t = time.perf_counter()
    ner.romanizer.person("محمد")
    print(f"romanizer (opened lazily on the first name): {time.perf_counter() - t:.2f} s")

    norms = [[normalize(t) for t in toks] for toks, _ in sents]
    ntok = sum(len(n) for n in norms)
    crf = getattr(ner.tagger, "crf", ner.tagger)
    for label in ("cold", "warm"):
        if label == "cold":  # no word seen yet: neither feature strings nor the tagger's attribute ids
            crf.featurizer._cache.clear()
            crf._ids.clear()
            if hasattr(ner.tagger, "net"):
                ner.tagger.net._x.clear()
        t = time.perf_counter()
        # 30 sentences at a time: the entities stage tags an article's sentences in one call
        pred = [tags for a in range(0, len(norms), 30) for tags in ner.tagger.tag_many(norms[a:a + 30])]
        dt = time.perf_counter() - t
        print(f"tagging on one core, {label} caches: {ntok / dt:,.0f} tokens/s ({ntok} tokens, {dt:.2f} s)")
    raw = evaluate([tags for _, tags in sents], pred)["ALL"]
    print(f"\nCLEANANERCorp TEST, tagger alone: P {raw.p:.3f} R {raw.r:.3f} F1 {raw.f1:.3f}")
    # what the entities stage does per article; TEST has no article boundaries, so ±15 sentences stand in
    pred = propagate(norms, pred, words.get, window=15, surnames=True)
    scores = evaluate([tags for _, tags in sents], pred)
    print(f"CLEANANERCorp TEST, tagger + label propagation (±15 sentences), exact span (CoNLL), {len(sents)} "
          "sentences")
    print(f"{'type':8}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}")
    for typ in sorted(scores, key=lambda k: (k == "ALL", k)):
        s = scores[typ]
        print(f"{typ:8}{s.p:7.3f}{s.r:7.3f}{s.f1:7.3f}{s.ngold:7d}{s.npred:7d}")

    def drop_misc(seqs: list[list[str]]) -> list[list[str]]:
        return [[t if not t.endswith("MISC") else "O" for t in tags] for tags in seqs]

    s = evaluate(drop_misc([g for _, g in sents]), drop_misc(pred))["ALL"]
    print(f"{'PER+ORG+LOC':12}{s.p:7.3f}{s.r:7.3f}{s.f1:7.3f}  (MISC left out, as rasid outputs)")
    files = sorted(Path(args.corpus).glob("*.jsonl.gz")) if args.articles else []
    if files:
        print()
        prepare = load_pipeline(resources=res, stages=["prepare"])
        entities = load_pipeline(resources=res, stages=["prepare", "entities"]).stages[1]
        docs = []
        with gzip.open(files[0], "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                text = rec.get("full_text") or rec.get("content") or ""
                if len(text) > 200:
                    docs.append(prepare({"text": text, "title": rec.get("title")}))
                if len(docs) >= args.articles:
                    break
        ntok = sum(len(d.tokens) for d in docs)
        for label in ("first pass, romanizer cold", "second pass, name caches warm"):
            t = time.perf_counter()
            nent = sum(len(entities(d).entities) for d in docs)
            dt = time.perf_counter() - t
            print(f"entities stage on {len(docs)} Al Mayadeen articles, {label}: {ntok / dt:,.0f} tokens/s "
                  f"({ntok} tokens, {nent} entities, {dt:.2f} s)")


if __name__ == "__main__":
    main()
