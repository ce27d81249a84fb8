"""Word clusters learned from unlabelled Arabic news: a feature that generalises past the labelled data.

CLEANANERCorp has 125k labelled tokens; most names in new text never occur in it. Words that occur in the
same contexts in millions of words of unlabelled news («بوتين», «اردوغان», «نتنياهو») land in the same
cluster, so a name the CRF never saw still fires the weights its cluster-mates earned.

Building (`rasid train-ner --clusters`, about ten minutes on one core): normalised tokens of the unlabelled
corpora → word2vec (gensim, one worker and a fixed seed, so the result is the same on every run) → spherical
k-means on the unit vectors at the finest granularity (2048), then the 2048 centroids are clustered again
into 512, 128 and 32, so the four levels nest like a hierarchy. Only the table ships
(`rasid/data/ner/clusters.tsv.gz`, one line per fine cluster: `fine<TAB>mid<TAB>coarse<TAB>words…`);
gensim is needed for building only (the `train` extra), never at run time.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasid.text import normalize

CLUSTERS_FILE = "clusters.tsv.gz"
#: Granularities, finest first; coarser levels are clusters of the finer level's centroids.
LEVELS = (2048, 512, 128, 32)
_TOKEN = re.compile(r"\d+(?:[.,٫٬]\d+)*|[\w\u064B-\u065F\u0670\u0640]+|[^\s\w]", re.UNICODE)
_DIGIT = re.compile(r"\d")


def key(norm: str) -> str:
    """Lookup form of a normalised token: digits folded to 0 (numbers cluster by shape, not value)."""
    return _DIGIT.sub("0", norm) if any(c.isdigit() for c in norm) else norm


@dataclass(frozen=True)
class WordClusters:
    """word → cluster ids, finest level first (`levels`: the number of clusters at each level)."""

    ids: dict[str, tuple[int, ...]]
    levels: tuple[int, ...] = LEVELS

    def get(self, norm: str) -> tuple[int, ...] | None:
        return self.ids.get(key(norm))

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def load(cls, path: str | Path) -> WordClusters:
        ids: dict[str, tuple[int, ...]] = {}
        levels: tuple[int, ...] = LEVELS
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#"):
                    if line.startswith("# levels="):
                        levels = tuple(int(x) for x in line.split()[1][len("levels="):].split(","))
                    continue
                *cols, words = line.rstrip("\n").split("\t")
                t = tuple(int(x) for x in cols)
                ids.update(dict.fromkeys(words.split(" "), t))
        return cls(ids, levels)

    def save(self, path: str | Path, header: str = "") -> None:
        by_fine: dict[tuple[int, ...], list[str]] = {}
        for w, t in self.ids.items():
            by_fine.setdefault(t, []).append(w)
        lines = [f"# levels={','.join(map(str, self.levels))} {header}".rstrip() + "\n"]
        lines += ["\t".join([*map(str, t), " ".join(sorted(ws))]) + "\n" for t, ws in sorted(by_fine.items())]
        # mtime=0: the same inputs give the same bytes
        with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as fh:
            fh.write("".join(lines).encode("utf-8"))


def corpus_sentences(files: Sequence[str | Path]) -> Iterator[list[str]]:
    """Token lists (normalised, lookup form) of every paragraph of every article in the JSONL.gz files
    (field `full_text` or `content`, and `title`)."""
    for f in files:
        with gzip.open(f, "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                for field in ("title", "full_text", "content"):
                    text = rec.get(field) or ""
                    for para in normalize(text).split("\n"):
                        toks = [key(m.group()) for m in _TOKEN.finditer(para)]
                        if len(toks) > 1:
                            yield toks


def _crc(s: str) -> int:
    """A hash that does not change between runs (Python's `hash` of a str is salted per process)."""
    import zlib

    return zlib.crc32(s.encode("utf-8"))


def _kmeans(x: Any, k: int, seed: int, iters: int = 25, weights: Any = None) -> tuple[Any, Any]:
    """Spherical k-means (cosine) with k-means++ seeding; deterministic for a given seed. x: unit rows."""
    import numpy as np

    rng = np.random.default_rng(seed)
    n = x.shape[0]
    w = np.ones(n) if weights is None else np.asarray(weights, dtype=np.float64)
    cent = np.empty((k, x.shape[1]), dtype=x.dtype)
    cent[0] = x[rng.choice(n, p=w / w.sum())]
    d = 1.0 - x @ cent[0]
    for j in range(1, k):
        p = np.maximum(d, 0) * w
        cent[j] = x[rng.choice(n, p=p / p.sum())]
        d = np.minimum(d, 1.0 - x @ cent[j])
    labels = np.zeros(n, dtype=np.int64)
    for _ in range(iters):
        for a in range(0, n, 20_000):  # chunks keep the n×k similarity matrix small
            labels[a:a + 20_000] = np.argmax(x[a:a + 20_000] @ cent.T, axis=1)
        sums = np.zeros((k, x.shape[1]), dtype=np.float64)
        np.add.at(sums, labels, x * w[:, None])
        norms = np.linalg.norm(sums, axis=1)
        keep = norms > 0  # an emptied cluster keeps its old centroid
        cent[keep] = (sums[keep] / norms[keep, None]).astype(x.dtype)
    return labels, cent


def word_vectors(files: Sequence[str | Path], min_count: int = 5, dim: int = 100, seed: int = 1,
                 log: Callable[[str], None] = print) -> Any:
    """gensim KeyedVectors of the corpora's forms (skip-gram, one worker, fixed seed and hash: the same
    corpora give the same vectors). The word clusters and the accurate recogniser's net both read them."""
    from gensim.models import Word2Vec

    log(f"reading {', '.join(Path(f).name for f in files)}")
    sents: list[list[str]] = list(corpus_sentences(files))
    log(f"word2vec on {len(sents):,} paragraphs, {sum(map(len, sents)):,} tokens (one worker, seed {seed})")
    model = Word2Vec(sents, vector_size=dim, window=5, min_count=min_count, sg=1, negative=5, epochs=5,
                     workers=1, seed=seed, hashfxn=_crc, max_final_vocab=None)
    return model.wv


def build(files: Sequence[str | Path], max_words: int = 150_000, min_count: int = 5, dim: int = 100,
          seed: int = 1, levels: tuple[int, ...] = LEVELS, log: Callable[[str], None] = print) -> WordClusters:
    """Train word vectors on the corpora and cluster the `max_words` most frequent forms."""
    import numpy as np

    wv = word_vectors(files, min_count=min_count, dim=dim, seed=seed, log=log)
    words = wv.index_to_key[:max_words]
    vecs = np.asarray(wv.vectors[: len(words)], dtype=np.float32)
    vecs /= np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-8)
    counts = np.asarray([wv.get_vecattr(w, "count") for w in words], dtype=np.float64)
    log(f"k-means: {len(words):,} words into {levels[0]} clusters")
    fine, cent = _kmeans(vecs, levels[0], seed)
    labels = [fine]
    # coarser levels cluster the fine centroids (weighted by the words' log counts), so they nest
    mass = np.bincount(fine, weights=np.log1p(counts), minlength=levels[0])
    for k in levels[1:]:
        lab, _ = _kmeans(cent, k, seed, weights=np.maximum(mass, 1e-3))
        labels.append(lab[fine])
    ids = {w: tuple(int(lv[i]) for lv in labels) for i, w in enumerate(words)}
    return WordClusters(ids, tuple(levels))


def features(clusters: WordClusters | None, forms: Iterable[str]) -> list[str]:
    """`cN=id` for the first of `forms` (the word, then its base) the table knows; none if it knows neither."""
    if clusters is None:
        return []
    for f in forms:
        t = clusters.get(f)
        if t is not None:
            return [f"c{lv}={c}" for lv, c in zip(clusters.levels, t, strict=True)]
    return ["c=none"]
