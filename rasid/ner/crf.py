"""The CRF tagger: read CoNLL data, train with python-crfsuite, tag, and score CoNLL-style (exact spans)."""

from __future__ import annotations

import struct
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasid.errors import InputError, ResourceError
from rasid.ner.features import Featurizer
from rasid.ner.viterbi import CRFWeights
from rasid.text import normalize

#: CLEANANERCorp writes PERS; rasid's output says PER.
TAG_MAP = {"PERS": "PER", "PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}

#: Training settings of the shipped model (kept here so `rasid train-ner` reproduces it).
TRAIN_PARAMS: dict[str, Any] = {
    "c1": 0.01,
    "c2": 0.01,
    "max_iterations": 200,
    "feature.possible_transitions": True,
}

Sentence = tuple[list[str], list[str]]  # tokens, IOB2 tags


def read_conll(path: str | Path) -> list[Sentence]:
    """`TOKEN TAG` per line, blank line between sentences; tags mapped to PER/ORG/LOC/MISC."""
    sents: list[Sentence] = []
    toks: list[str] = []
    tags: list[str] = []
    try:
        fh = open(path, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}", "give the CLEANANERCorp folder with --data",
                         path=str(path)) from exc
    with fh:
        for n, line in enumerate(fh, 1):
            parts = line.split()
            if not parts:
                if toks:
                    sents.append((toks, tags))
                    toks, tags = [], []
                continue
            if len(parts) < 2:
                raise InputError(f"line has no tag: {line.strip()!r}", "each line must be 'TOKEN TAG'",
                                 path=str(path), line=n)
            tag = parts[-1]
            if tag != "O":
                prefix, _, label = tag.partition("-")
                tag = f"{prefix}-{TAG_MAP.get(label, label)}"
            toks.append(parts[0])
            tags.append(tag)
    if toks:
        sents.append((toks, tags))
    return sents


def train(sents: Sequence[Sentence], featurizer: Featurizer | Sequence[Featurizer], model_path: str | Path,
          params: dict[str, Any] | None = None, verbose: bool = False) -> float:
    """Train a CRF on the sentences and write it to `model_path`; returns seconds taken. `featurizer` may be
    one per sentence (cross-fitted features: each fold of TRAIN sees the auto lexicon of the other folds)."""
    import pycrfsuite

    t0 = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=verbose)
    each = [featurizer] * len(sents) if isinstance(featurizer, Featurizer) else featurizer
    if len(each) != len(sents):
        raise ValueError("one featurizer per sentence, or one for all")
    for fz, (toks, tags) in zip(each, sents, strict=True):
        trainer.append(fz.sequence([normalize(t) for t in toks]), tags)
    trainer.set_params(dict(params or TRAIN_PARAMS))
    trainer.train(str(model_path))
    return time.perf_counter() - t0


class CRFTagger:
    """A loaded CRF model plus its featurizer. Tags with `rasid.ner.viterbi` (same labels as crfsuite, several
    times faster); pycrfsuite stays as the fallback for a model file that module cannot read."""

    def __init__(self, model_path: str | Path, featurizer: Featurizer, max_cache: int = 200_000) -> None:
        import pycrfsuite

        if not Path(model_path).is_file():
            raise ResourceError(f"NER model {model_path} is missing",
                                "reinstall rasid or run `rasid train-ner` to rebuild it", path=str(model_path))
        self.tagger = pycrfsuite.Tagger()
        self.tagger.open(str(model_path))
        self.featurizer = featurizer
        try:
            self.weights: CRFWeights | None = CRFWeights.read(model_path)
        except (ValueError, struct.error):
            self.weights = None
        self.max_cache = max_cache
        # per distinct word: the model's attribute ids of the featurizer's five lists (own, -2, -1, +1, +2)
        # (tuples, not lists: untracked by the garbage collector, see features._Entry)
        self._ids: dict[str, tuple[tuple[int, ...], ...]] = {}

    def tag(self, norms: Sequence[str]) -> list[str]:
        """IOB2 tags for one sentence of normalised tokens."""
        if not norms:
            return []
        if self.weights is None:
            return list(self.tagger.tag(self.featurizer.sequence(norms)))
        return self.tag_many([norms])[0]

    def tag_many(self, sents: Sequence[Sequence[str]]) -> list[list[str]]:
        """IOB2 tags for each sentence (an article's sentences in one go: Viterbi runs on all at once)."""
        w = self.weights
        if w is None:
            return [self.tag(s) for s in sents]
        flat, starts, lengths = self._attribute_ids([s for s in sents if s])
        tagged = iter(w.viterbi(w.scores(flat, starts), lengths))
        return [next(tagged) if s else [] for s in sents]

    def _word_ids(self, word: str) -> tuple[tuple[int, ...], ...]:
        got = self._ids.get(word)
        if got is None:
            attrs = self.weights.attrs if self.weights is not None else {}
            got = tuple(tuple([a for f in feats if (a := attrs.get(f)) is not None])
                        for feats in self.featurizer._entry(word, keep=False))
            if len(self._ids) >= self.max_cache:
                self._ids.clear()
            self._ids[word] = got
        return got

    def _attribute_ids(self, sents: Sequence[Sequence[str]]) -> tuple[list[int], list[int], list[int]]:
        """The model attribute ids of `Featurizer.sequence`'s features, token after token, in the same order
        (attributes the model lacks are dropped, as crfsuite drops them), each token led by the zero row."""
        assert self.weights is not None
        attrs = self.weights.attrs
        zero = self.weights.zero
        bos, eos = attrs.get("BOS"), attrs.get("EOS")
        flat: list[int] = []
        starts: list[int] = []
        lengths: list[int] = []
        for norms in sents:
            n = len(norms)
            lengths.append(n)
            e = [self._word_ids(x) for x in norms]
            for i in range(n):
                starts.append(len(flat))
                flat.append(zero)
                flat += e[i][0]
                if i >= 1:
                    flat += e[i - 1][2]
                    a = attrs.get(f"bg={norms[i - 1]}|{norms[i]}")
                    if a is not None:
                        flat.append(a)
                    if i >= 2:
                        flat += e[i - 2][1]
                elif bos is not None:
                    flat.append(bos)
                if i + 1 < n:
                    flat += e[i + 1][3]
                    a = attrs.get(f"bn={norms[i]}|{norms[i + 1]}")
                    if a is not None:
                        flat.append(a)
                    if i + 2 < n:
                        flat += e[i + 2][4]
                elif eos is not None:
                    flat.append(eos)
        return flat, starts, lengths


def spans(tags: Sequence[str]) -> Iterator[tuple[str, int, int]]:
    """(type, start, end) token spans from IOB2 tags; a stray I- starts a span (CoNLL convention)."""
    typ: str | None = None
    start = 0
    for i, t in enumerate([*tags, "O"]):
        if t == "O" or t.startswith("B-") or (t.startswith("I-") and t[2:] != typ):
            if typ is not None:
                yield typ, start, i
                typ = None
            if t != "O":
                typ, start = t[2:], i
    return


@dataclass
class PRF:
    tp: int = 0
    npred: int = 0
    ngold: int = 0

    @property
    def p(self) -> float:
        return self.tp / self.npred if self.npred else 0.0

    @property
    def r(self) -> float:
        return self.tp / self.ngold if self.ngold else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


def evaluate(gold: Iterable[Sequence[str]], pred: Iterable[Sequence[str]]) -> dict[str, PRF]:
    """Exact-span CoNLL scores per type and overall ("ALL")."""
    out: dict[str, PRF] = {}
    total = PRF()
    for g, p in zip(gold, pred, strict=True):
        gs, ps = set(spans(g)), set(spans(p))
        for typ in {s[0] for s in gs | ps}:
            row = out.setdefault(typ, PRF())
            row.tp += len({s for s in gs & ps if s[0] == typ})
            row.npred += sum(1 for s in ps if s[0] == typ)
            row.ngold += sum(1 for s in gs if s[0] == typ)
        total.tp += len(gs & ps)
        total.npred += len(ps)
        total.ngold += len(gs)
    out["ALL"] = total
    return out


def propagate(norms: Sequence[Sequence[str]], tags: Sequence[Sequence[str]], freq: Any = None,
              window: int | None = None, max_freq: float = 2e-4, surnames: bool = False) -> list[list[str]]:
    """One name, one label within an article: a word sequence tagged as an entity in one sentence is tagged
    the same (by majority) where the CRF left it untagged in the others. One-word names as common as
    `max_freq` or more (`freq(word)`) are not spread. `window` limits it to ±N sentences (for corpora
    without article boundaries); None uses the whole article. With `surnames`, the last word of a
    several-word person name is spread as a person too. Measured on CLEANANERCorp TEST: +2.4 F1."""
    def memo_of(lo: int, hi: int) -> dict[tuple[str, ...], str]:
        count: dict[tuple[tuple[str, ...], str], int] = {}
        for j in range(lo, hi):
            for typ, a, b in spans(tags[j]):
                key = (tuple(norms[j][a:b]), typ)
                count[key] = count.get(key, 0) + 1
        if surnames:
            # «صالح العاروري» … «العاروري»: the family name alone is the same person
            for (k, typ), c in list(count.items()):
                if typ == "PER" and len(k) > 1:
                    key = ((k[-1],), "PER")
                    count[key] = count.get(key, 0) + c
        best: dict[tuple[str, ...], tuple[str, int]] = {}
        for (k, typ), c in count.items():
            if (len(k) > 1 or freq is None or freq(k[0]) < max_freq) and (k not in best or c > best[k][1]):
                best[k] = (typ, c)
        return {k: v[0] for k, v in best.items()}

    whole = memo_of(0, len(tags)) if window is None else None
    out: list[list[str]] = []
    for i, (n, t) in enumerate(zip(norms, tags, strict=True)):
        memo = whole if whole is not None else memo_of(max(0, i - (window or 0)), min(len(tags), i + (window or 0) + 1))
        q = list(t)
        if memo:
            by_first: dict[str, list[tuple[str, ...]]] = {}
            for k in memo:
                by_first.setdefault(k[0], []).append(k)
            for a in range(len(n)):
                for k in sorted(by_first.get(n[a], ()), key=len, reverse=True):
                    b = a + len(k)
                    if tuple(n[a:b]) == k and all(x == "O" for x in q[a:b]):
                        q[a] = "B-" + memo[k]
                        for m in range(a + 1, b):
                            q[m] = "I-" + memo[k]
                        break
        out.append(q)
    return out
