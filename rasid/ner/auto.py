"""A self-trained ("auto") lexicon: how often the CRF itself tags a word as a name in unlabelled news.

CLEANANERCorp TRAIN is small; most names of new text are not in it. Tagging millions of words of unlabelled
news with the CRF (plus the article-level label propagation) and counting, per word form and per
clitic-stripped base, how often it lands inside a PER / ORG / LOC / MISC span turns the model's confident
decisions in easy contexts («قال الرئيس X») into a feature for hard ones (X alone in a list).

Cross-fitting: a CRF trained on all of TRAIN has memorised TRAIN's names, so its lexicon is near-perfect on
TRAIN words and a model trained with it would learn to over-trust the feature. So the lexicon feature of a
TRAIN sentence comes from a CRF that never saw that sentence (TRAIN cut into contiguous folds; the model of
the other folds tagged the corpora), while the run-time lexicon comes from the CRF trained on all of TRAIN.
`rasid train-ner --auto` writes all the tables to one file next to the model (`auto.tsv.gz`, a row per word
with its binned code in each table), so later trainings reuse them without tagging the corpora again; the
entities stage reads the run-time table when the file is there.

Measured (rasid/data/ner/MODEL_CARD.md): +0.8 F1 on the TRAIN dev split, -0.5 on CLEANANERCorp TEST, so the
shipped model is trained without it; this module is how the result can be reproduced or revisited.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rasid.text import normalize

if TYPE_CHECKING:
    from rasid.ner.crf import CRFTagger

AUTO_FILE = "auto.tsv.gz"
#: The run-time table (from the model trained on all of TRAIN); fold tables are named k0, k1, …
RUN = "run"
TYPES = ("PER", "ORG", "LOC", "MISC")
#: Count vector layout: O, then B and I of each type.
_SLOT = {"O": 0, **{f"{p}-{t}": 1 + 2 * i + (p == "I") for i, t in enumerate(TYPES) for p in "BI"}}
_END = {".", "!", "?", "؟"}

_PART = re.compile(r"[PGLM]\d[bi]?")

Counts = dict[str, list[int]]


def corpus_articles(files: Sequence[str | Path]) -> Iterator[list[list[str]]]:
    """Each article of the JSONL.gz files (title, then `full_text` or `content`) as sentences of normalised
    tokens (tokenised like `rasid.ner.clusters`, digits kept; a sentence ends at . ! ? or a line break)."""
    from rasid.ner.clusters import _TOKEN

    for f in files:
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                sents: list[list[str]] = []
                for field in ("title", "full_text", "content"):
                    for para in normalize(rec.get(field) or "").split("\n"):
                        cur: list[str] = []
                        for m in _TOKEN.finditer(para):
                            tok = m.group()
                            cur.append(tok)
                            if tok in _END:
                                if len(cur) > 1:
                                    sents.append(cur)
                                cur = []
                        if len(cur) > 1:
                            sents.append(cur)
                if sents:
                    yield sents


def count_labels(tagger: CRFTagger, files: Sequence[str | Path], freq: Callable[[str], float] | None,
                 log: Callable[[str], None] = print, max_articles: int | None = None) -> Counts:
    """Tag every article with the CRF and `propagate` (as the entities stage does) and count, per word form,
    how often it is O, B-T or I-T."""
    from rasid.ner.crf import propagate

    counts: Counts = {}
    slot = _SLOT
    n = 0
    for sents in corpus_articles(files):
        tags = propagate(sents, tagger.tag_many(sents), freq, surnames=True)
        for toks, ts in zip(sents, tags, strict=True):
            for w, t in zip(toks, ts, strict=True):
                c = counts.get(w)
                if c is None:
                    c = counts[w] = [0] * 9
                c[slot[t]] += 1
        n += 1
        if n % 5000 == 0:
            log(f"tagged {n:,} articles, {len(counts):,} word forms")
        if max_articles is not None and n >= max_articles:
            break
    return counts


def with_bases(counts: Counts, split: Callable[[str], tuple[str, str]]) -> Counts:
    """The counts of clitic-stripped bases, summed over the forms sharing one («لبنان», «ولبنان», «بلبنان» →
    «لبنان»); only bases that some clitic form has (the others are looked up as whole forms)."""
    out: Counts = {}
    seen: set[str] = set()
    for w, c in counts.items():
        base = split(w)[1] or w
        if base != w:
            seen.add(base)
        b = out.get(base)
        if b is None:
            out[base] = list(c)
        else:
            for i, x in enumerate(c):
                b[i] += x
    return {b: c for b, c in out.items() if b in seen}


def code(c: Sequence[int], min_count: int) -> str:
    """A compact binned summary of one count vector: `""` when too rare; else the types (P, G, L, M for PER,
    ORG, LOC, MISC) whose share of the word's occurrences is high (2), middling (1) or low (0), each followed
    by `b` when the word mostly begins its spans or `i` when it mostly continues them; `O` when none."""
    total = sum(c)
    if total < min_count:
        return ""
    parts = []
    for i, letter in enumerate("PGLM"):
        b, inside = c[1 + 2 * i], c[2 + 2 * i]
        share = (b + inside) / total
        if share < 0.05:
            continue
        level = "2" if share >= 0.5 else "1" if share >= 0.2 else "0"
        pos = "b" if b >= 4 * inside else "i" if inside >= 4 * b else ""
        parts.append(letter + level + pos)
    return "".join(parts) or "O"


@dataclass(frozen=True)
class AutoLexicon:
    """word → binned code (see `code`), separately for whole forms and for clitic-stripped bases."""

    forms: dict[str, str]
    bases: dict[str, str]

    def features(self, w: str, base: str) -> list[str]:
        """One feature per part of the whole form's code (`a=P2`, `a=P2b`, `a=G0`; `a=O`; `a=?` when the
        table lacks the form), and likewise `ab=…` for the base when it differs."""
        out = _parts("a=", self.forms.get(w))
        if base and base != w:
            out += _parts("ab=", self.bases.get(base))
        return out

    @classmethod
    def from_counts(cls, counts: Counts, bases: Counts, min_count: int) -> AutoLexicon:
        f = {w: k for w, c in counts.items() if (k := code(c, min_count))}
        b = {w: k for w, c in bases.items() if (k := code(c, min_count))}
        return cls(f, b)


def _parts(prefix: str, k: str | None) -> list[str]:
    if not k:
        return [prefix + "?"]
    if k == "O":
        return [prefix + "O"]
    out: list[str] = []
    for m in _PART.finditer(k):
        part = m.group()
        out.append(prefix + part[:2])
        if len(part) > 2:
            out.append(prefix + part)
    return out


def save_tables(path: str | Path, tables: dict[str, AutoLexicon], header: str = "") -> None:
    """All tables in one gzipped TSV: `kind<TAB>word<TAB>code of table 1<TAB>…` (kind f = form, b = base), a
    row per word some table knows; rows sorted, gzip without a timestamp (same inputs, same bytes)."""
    names = sorted(tables)
    rows: list[str] = []
    for kind in ("f", "b"):
        keys: set[str] = set()
        for t in tables.values():
            keys.update(t.forms if kind == "f" else t.bases)
        for w in sorted(keys):
            codes = [(tables[n].forms if kind == "f" else tables[n].bases).get(w, "") for n in names]
            rows.append("\t".join([kind, w, *codes]) + "\n")
    head = f"# tables={','.join(names)} {header}".rstrip() + "\n"
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as fh:
        fh.write((head + "".join(rows)).encode("utf-8"))


def load_tables(path: str | Path, only: str | None = None) -> dict[str, AutoLexicon]:
    """The tables of `save_tables` by name (just `only` when given: the run-time one)."""
    tables: dict[str, AutoLexicon] = {}
    cols: list[tuple[int, dict[str, str], dict[str, str]]] = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                names = line.split()[1][len("tables="):].split(",")
                for i, n in enumerate(names):
                    if only is None or n == only:
                        t = tables[n] = AutoLexicon({}, {})
                        cols.append((i + 2, t.forms, t.bases))
                continue
            parts = line.rstrip("\n").split("\t")
            for i, forms, bases in cols:
                k = parts[i]
                if k:
                    (forms if parts[0] == "f" else bases)[parts[1]] = k
    return tables


def load_runtime(path: str | Path) -> AutoLexicon | None:
    """The run-time table of the shipped file, or None when there is none (a model trained without it)."""
    if not Path(path).is_file():
        return None
    return load_tables(path, only=RUN).get(RUN)


def header(path: str | Path) -> dict[str, str]:
    """The `key=value` fields of a table file's first line (tables, train, min_count, corpora)."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        first = fh.readline()
    return dict(f.split("=", 1) for f in first.lstrip("# ").split() if "=" in f)


def fingerprint(sents: Sequence[tuple[Sequence[str], Sequence[str]]]) -> str:
    """A short, stable id of a labelled TRAIN (its tokens and tags): fold tables fit only the TRAIN they were
    cut from."""
    import zlib

    crc = 0
    for toks, tags in sents:
        crc = zlib.crc32((" ".join(toks) + "\t" + " ".join(tags) + "\n").encode("utf-8"), crc)
    return f"{len(sents)}-{crc:08x}"
