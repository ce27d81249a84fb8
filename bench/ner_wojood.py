"""A second, out-of-domain test of rasid's entities: the Wojood sample (never used for training or tuning).

    .venv/bin/python bench/ner_wojood.py [--data ../shared/data/ner/wojood_sample]

Wojood (SinaLab, MIT) is nested NER over mixed Arabic text (news, dialogue, history). All three files of the
sample (train/val/test, 27k tokens) are unseen by rasid, so all are scored. Only the outermost layer is read,
mapped to rasid's types: PERS → PER, ORG → ORG, GPE/LOC/FAC → LOC; every other label (NORP, EVENT, DATE, …) is O.
The whole entities stage runs (CRF, actor registry, people rules), one paragraph at a time, and is scored two ways:
exact span (recall over the outermost layer; a prediction counts as right when it is exactly a span of any
layer, since «نابلس» inside the ORG «بلدية نابلس» is a right place) and overlap (same type, spans share a token,
against the outermost layer). Wojood puts cue words inside place spans
(«قرية المجدل») and rasid keeps them out, so exact span understates agreement; the overlap figure shows how much.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from rasid.doc import Document
from rasid.pipeline import load_pipeline

ROOT = Path(__file__).resolve().parent.parent
MAP = {"PERS": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
Span = tuple[str, int, int]  # type, first token, last token + 1


def read_paragraphs(path: Path) -> list[tuple[list[str], list[Span], set[Span]]]:
    """Paragraphs (split at «$#$» markers): tokens, gold spans of the outermost layer, and spans of every layer."""
    paras: list[tuple[list[str], list[Span], set[Span]]] = []
    toks: list[str] = []
    layers: dict[int, list[Span]] = {}
    open_: dict[int, tuple[str, int]] = {}

    def close(layer: int, i: int) -> None:
        got = open_.pop(layer, None)
        if got is not None:
            layers.setdefault(layer, []).append((got[0], got[1], i))

    for line in path.read_text(encoding="utf-8").splitlines() + ["$#$ O"]:
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "$#$":
            for layer in list(open_):
                close(layer, len(toks))
            if toks:
                paras.append((toks, layers.get(0, []), {s for spans in layers.values() for s in spans}))
            toks, layers = [], {}
            continue
        i = len(toks)
        toks.append(parts[0])
        tags = parts[1:] or ["O"]
        for layer in set(open_) | set(range(len(tags))):
            tag = tags[layer] if layer < len(tags) else "O"
            kind = MAP.get(tag[2:]) if tag != "O" else None
            cur = open_.get(layer)
            if tag.startswith("B-") or kind is None or cur is None or cur[0] != kind:
                close(layer, i)
                if kind is not None:
                    open_[layer] = (kind, i)
    return paras


def predict(pipe: object, toks: list[str]) -> list[Span]:
    starts, ends, pos = {}, {}, 0
    for i, t in enumerate(toks):
        starts[pos] = i
        ends[pos + len(t)] = i + 1
        pos += len(t) + 1
    doc = pipe(Document(text=" ".join(toks)))  # type: ignore[operator]
    out = []
    for e in doc.entities:
        if e.type in ("PER", "ORG", "LOC"):
            # an entity inside a token (a clitic left out) still names that token
            a = max((p for p in starts if p <= e.start), default=0)
            b = min((p for p in ends if p >= e.end), default=pos)
            out.append((e.type, starts[a], ends[b]))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared/data/ner/wojood_sample"))
    args = ap.parse_args()
    pipe = load_pipeline(stages=["prepare", "entities"])
    exact: Counter[str] = Counter()
    exact_p: Counter[str] = Counter()
    overlap: Counter[str] = Counter()
    ngold: Counter[str] = Counter()
    npred: Counter[str] = Counter()
    ntok = 0
    for name in ("train.txt", "val.txt", "test.txt"):
        for toks, gold, nested in read_paragraphs(Path(args.data) / name):
            ntok += len(toks)
            pred = predict(pipe, toks)
            for s in gold:
                ngold[s[0]] += 1
            for s in set(pred):
                npred[s[0]] += 1
            # recall counts the outermost layer; a prediction is right if it is a span of any layer
            # («نابلس» inside the ORG «بلدية نابلس» is a correct place)
            found = set(pred) & set(gold)
            exact.update(s[0] for s in found)
            exact_p.update(s[0] for s in set(pred) if s in nested)
            used: set[Span] = set()
            for g in gold:
                hit = next((p for p in set(pred) - used if p[0] == g[0] and p[1] < g[2] and g[1] < p[2]), None)
                if hit is not None:
                    used.add(hit)
                    overlap[g[0]] += 1

    def prf(tp: int, np_: int, ng: int, tp_p: int | None = None) -> str:
        p, r = ((tp if tp_p is None else tp_p) / np_ if np_ else 0.0), (tp / ng if ng else 0.0)
        return f"{p:7.3f}{r:7.3f}{(2 * p * r / (p + r) if p + r else 0.0):7.3f}"

    print(f"Wojood sample, {ntok:,} tokens, outermost layer, whole entities stage")
    print(f"{'type':6}{'exact P':>9}{'R':>7}{'F1':>7}   {'overlap P':>9}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}")
    for t in ("LOC", "ORG", "PER", "ALL"):
        if t == "ALL":
            e, ep, o = sum(exact.values()), sum(exact_p.values()), sum(overlap.values())
            ng, np_ = sum(ngold.values()), sum(npred.values())
        else:
            e, ep, o, ng, np_ = exact[t], exact_p[t], overlap[t], ngold[t], npred[t]
        print(f"{t:6}  {prf(e, np_, ng, ep)}     {prf(o, np_, ng)}{ng:7d}{np_:7d}")


if __name__ == "__main__":
    main()
