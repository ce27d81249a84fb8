"""The CRF model's weights read straight from crfsuite's model file, and tagging done here with numpy.

Why not `pycrfsuite.Tagger.tag`: ~70% of its time goes into turning ~50 feature strings per token into C++
strings and looking each up in the model's dictionary, for every token of every sentence. Here each distinct
word's features become attribute ids once (cached), a sentence's state scores are one numpy gather + segmented
sum, and Viterbi runs over all the sentences of an article at once.

The result is bit-for-bit crfsuite's: weights are the model file's float64s (not the 6-decimal text dump),
each token's scores are summed from 0.0 in its attributes' order (crfsuite's `state[y] += w`; a token's
rows are added one after another by `np.add.reduceat`, not pairwise), and Viterbi adds and compares exactly
as `crf1dc_viterbi` does, ties going to the lowest label id. `tests/test_ner.py` checks it against pycrfsuite.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("w", "<f8")])


def _cqdb_keys(buf: bytes, off: int) -> list[str]:
    """The strings of a CQDB chunk in id order (its backward array)."""
    cid, _size, _flag, _order, n, bwd = struct.unpack_from("<4sIIIII", buf, off)
    if cid != b"CQDB":
        raise ValueError("not a CQDB chunk")
    out = []
    for o in struct.unpack_from(f"<{n}I", buf, off + bwd):
        _id, ksize = struct.unpack_from("<II", buf, off + o)
        out.append(buf[off + o + 8:off + o + 7 + ksize].decode("utf-8"))  # ksize counts the final NUL
    return out


class CRFWeights:
    """Labels, attribute ids, state weights (attributes × labels) and transitions of a crfsuite CRF1d model."""

    def __init__(self, labels: list[str], attrs: dict[str, int], state: Any, trans: Any) -> None:
        self.labels = labels
        self.attrs = attrs
        #: one row per attribute, plus a last row of zeros (`zero`) that starts every token's sum
        self.state = state
        self.trans = trans
        self.zero = len(state) - 1

    @classmethod
    def read(cls, path: str | Path) -> CRFWeights:
        buf = Path(path).read_bytes()
        (magic, _size, typ, _ver, _nf, nlab, nattr, off_feat, off_lab, off_attr,
         _olr, _oar) = struct.unpack_from("<4sI4sIIIIIIIII", buf, 0)
        if magic != b"lCRF" or typ != b"FOMC":
            raise ValueError("not a crfsuite CRF1d model")
        cid, _csize, num = struct.unpack_from("<4sII", buf, off_feat)
        if cid != b"FEAT":
            raise ValueError("no FEAT chunk")
        feats = np.frombuffer(buf, dtype=_FEATURE, count=num, offset=off_feat + 12)
        labels = _cqdb_keys(buf, off_lab)
        names = _cqdb_keys(buf, off_attr)
        if len(labels) != nlab or len(names) != nattr:
            raise ValueError("model dictionary sizes disagree with its header")
        state = np.zeros((nattr + 1, nlab), dtype=np.float64)
        trans = np.zeros((nlab, nlab), dtype=np.float64)
        st = feats[feats["type"] == 0]
        tr = feats[feats["type"] == 1]
        state[st["src"], st["dst"]] = st["w"]
        trans[tr["src"], tr["dst"]] = tr["w"]
        return cls(labels, {a: i for i, a in enumerate(names)}, state, trans)

    def scores(self, flat: Sequence[int], starts: Sequence[int]) -> Any:
        """State scores (tokens × labels): token k sums the rows flat[starts[k]:starts[k+1]] in order."""
        rows = self.state[np.asarray(flat, dtype=np.intp)]
        return np.add.reduceat(rows, np.asarray(starts, dtype=np.intp), axis=0)

    def viterbi(self, scores: Any, lengths: Sequence[int]) -> list[list[str]]:
        """Best label sequence of each sentence; `scores` holds their tokens one sentence after another.
        The sentences run side by side, longest first, so that the ones still going are a prefix."""
        b = len(lengths)
        if b == 0:
            return []
        order = sorted(range(b), key=lambda k: -lengths[k])
        lens = [lengths[k] for k in order]
        tmax = lens[0]
        offs = np.zeros(b, dtype=np.intp)
        np.cumsum(lengths[:-1], out=offs[1:])
        srt = np.asarray(order, dtype=np.intp)
        lens_a = np.asarray(lens, dtype=np.intp)
        # padded: a sentence's last row repeats past its end (those steps are never read back)
        idx = offs[srt][:, None] + np.minimum(np.arange(tmax)[None, :], lens_a[:, None] - 1)
        pad = scores[idx]  # b × tmax × L
        live = [0] * tmax  # live[t]: how many sentences have a token t
        k = b
        for t in range(tmax):
            while lens[k - 1] <= t:
                k -= 1
            live[t] = k
        trans = self.trans[None, :, :]
        alpha = pad[:, 0].copy()
        back = np.zeros((tmax, b, len(self.labels)), dtype=np.intp)
        for t in range(1, tmax):
            k = live[t]
            sc = alpha[:k, :, None] + trans  # [s, i, j] = alpha[s, i] + trans[i, j]
            back[t, :k] = sc.argmax(axis=1)  # the first maximum, as crfsuite's strict `max < score`
            alpha[:k] = sc.max(axis=1) + pad[:k, t]
        y = alpha.argmax(axis=1)
        out = np.empty((b, tmax), dtype=np.intp)
        rows = np.arange(b)
        for t in range(tmax - 1, 0, -1):
            k = live[t]
            out[:k, t] = y[:k]
            y[:k] = back[t, rows[:k], y[:k]]
        out[:, 0] = y
        labels = self.labels
        res: list[list[str]] = [[] for _ in range(b)]
        for s, k in enumerate(order):
            res[k] = [labels[x] for x in out[s, :lens[s]].tolist()]
        return res
