"""Speed work must not change what rasid finds: this prints (or checks) a fingerprint of the entities, places,
events and warnings the default pipeline gives on N SaudiNewsNet articles.

    .venv/bin/python bench/identical.py --save /tmp/before.json     # before a change
    .venv/bin/python bench/identical.py --check /tmp/before.json    # after it: exit 1 and the differing ids
    .venv/bin/python bench/identical.py --order                     # same results in reverse order? (a
                                                                    # Dask or multi-worker run reorders)

The fingerprint is the SHA-1 of each document's JSON (entities, places, events, warnings) with sorted keys, so
any change — a span, a coordinate, an event — shows as a differing article. Also checks the token/word layers
(offsets, normalised forms, clitic pieces), which the store drops but every stage reads.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rasid.doc import Article, Document  # noqa: E402
from rasid.ingest import read_paths  # noqa: E402
from rasid.pipeline import load_pipeline  # noqa: E402

CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "saudinewsnet" / "saudinewsnet.jsonl.gz"


def fingerprint(doc: Document) -> dict[str, str]:
    data = doc.to_json()
    out = {}
    for key in ("entities", "places", "events", "warnings"):
        out[key] = hashlib.sha1(json.dumps(data[key], sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    layers = [[(t.start, t.end, t.text, t.norm, t.sentence) for t in doc.tokens],
              [(w.start, w.end, w.text, w.norm, w.token, w.kind) for w in doc.words],
              [(s.start, s.end) for s in doc.sentences]]
    out["layers"] = hashlib.sha1(json.dumps(layers, ensure_ascii=False).encode()).hexdigest()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--skip", type=int, default=0, help="start after this many articles")
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--save", type=Path)
    g.add_argument("--check", type=Path)
    g.add_argument("--order", action="store_true",
                   help="process the articles forwards with one pipeline and backwards with a fresh one, and "
                        "list the articles whose results depend on what was processed before")
    args = ap.parse_args()
    arts = [a for a in itertools.islice(read_paths([str(args.corpus)]), args.skip, args.skip + args.n * 2)
            if isinstance(a, Article)][:args.n]
    pipe = load_pipeline()
    if args.order:
        fwd = {a.id: fingerprint(pipe(a)) for a in arts}
        back = load_pipeline()
        rev = {a.id: fingerprint(back(a)) for a in reversed(arts)}
        diff = {k: [f for f in v if rev[k][f] != v[f]] for k, v in fwd.items()}
        diff = {k: v for k, v in diff.items() if v}
        for k, v in diff.items():
            print(f"order-dependent: {k}: {', '.join(v)}")
        print(f"{len(fwd) - len(diff)}/{len(fwd)} articles give the same results in either order")
        return 1 if diff else 0
    got = {}
    for i, a in enumerate(arts):
        got[f"{args.skip + i}:{a.id}"] = fingerprint(pipe(a))
    if args.save:
        args.save.write_text(json.dumps(got, indent=0, sort_keys=True), encoding="utf-8")
        print(f"saved fingerprints of {len(got)} articles to {args.save}")
        return 0
    want = json.loads(args.check.read_text(encoding="utf-8"))
    bad = {k: [f for f in v if want.get(k, {}).get(f) != v[f]] for k, v in got.items()}
    bad = {k: v for k, v in bad.items() if v}
    missing = sorted(set(want) - set(got))
    for k, v in sorted(bad.items()):
        print(f"differs: {k}: {', '.join(v)}")
    for k in missing:
        print(f"missing: {k}")
    print(f"{len(got) - len(bad)}/{len(got)} articles identical")
    return 1 if bad or missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
