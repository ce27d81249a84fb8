"""The accurate recogniser: a small BiLSTM tagger combined with the CRF (`rasid extract --ner accurate`).

Per token, the net's label probabilities and the CRF's marginal probabilities (forward-backward over the
shipped CRF's weights) are combined by a weighted geometric mean, then decoded by Viterbi restricted to valid
IOB2. On CLEANANERCorp TEST this scores about three F1 points above the CRF alone (model card), at about a
third of its speed, which is why the CRF stays the default.

Inference is numpy only: the net is trained with torch (`rasid.ner.net_train`, `rasid train-ner --net`) and
its weights are exported to `net.npz`. Everything in the net's input that depends on a word alone (word
vector, feature embeddings, character CNN, and their projection onto both LSTM directions' gates) is computed
once per distinct word and cached, so a sentence costs only the two LSTM recurrences, run for all the sentences
of an article side by side.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from rasid.errors import ResourceError
from rasid.ner.clusters import key
from rasid.ner.crf import CRFTagger
from rasid.ner.features import Featurizer

NET_FILE = "net.npz"
#: Characters of a word the character CNN reads.
MAX_CHARS = 16
#: Integer features per token (`NetFeatures.ids`): vector index, vector source (word / base / none), shape,
#: frequency bin, proclitic chain, four cluster levels, the base's finest cluster, six lexicon flags, and
#: the id of the word in the net's own (trainable) vocabulary.
N_IDS = 17
#: Widths of the embeddings of the integer features, in the order the net concatenates them.
EMB_DIMS = {"src": 4, "shape": 4, "fb": 8, "pc": 16, "c0": 24, "c1": 12, "c2": 8, "c3": 4, "bc": 16}
#: The log of this stands for a zero probability (a label the CRF rules out).
_TINY = 1e-9


class NetFeatures:
    """Word → the net's integer features: one row of `N_IDS` ids and `MAX_CHARS` character ids.

    Shared by training and inference so that both see exactly the same ids."""

    def __init__(self, featurizer: Featurizer, vec_words: Sequence[str], word_vocab: Sequence[str],
                 char_vocab: Sequence[str], proclitic_vocab: Sequence[str]) -> None:
        self.fz = featurizer
        self.vec_index = {w: i + 1 for i, w in enumerate(vec_words)}  # 0: no vector (a trained one stands in)
        self.word_index = {w: i + 2 for i, w in enumerate(word_vocab)}  # 0 padding, 1 unknown
        self.char_index = {c: i + 2 for i, c in enumerate(char_vocab)}
        self.pc_index = {p: i + 1 for i, p in enumerate(proclitic_vocab)}

    def ids(self, w: str) -> tuple[list[int], list[int]]:
        fz = self.fz
        lex = fz.lex
        pro, base = fz.split(w)
        kw, kb = key(w), key(base)
        if kw in self.vec_index:
            vi, src = self.vec_index[kw], 1
        elif kb in self.vec_index:
            vi, src = self.vec_index[kb], 2
        else:
            vi, src = 0, 3
        c0 = w[0] if w else ""
        shape = 1 if c0.isdigit() else 2 if not c0.isalpha() else 3 if c0.isascii() else 4
        f = fz.words.get(base or w) if fz.words is not None else 0.0
        fb = 0 if f <= 0 else 1 + min(9, int(-math.log10(f)))
        cl = fz.clusters
        t = (cl.get(w) or cl.get(base)) if cl is not None else None
        cids = [x + 1 for x in t] if t is not None else [0, 0, 0, 0]
        tb = cl.get(base) if cl is not None and base and base != w else None
        bc = tb[0] + 1 if tb is not None else 0
        bare = w[2:] if w.startswith("ال") and len(w) > 4 else w
        flags = [base in lex.given or w in lex.given,
                 base in lex.surname or w in lex.surname or bare in lex.surname,
                 w in lex.geo or base in lex.geo, w in lex.geo_part or base in lex.geo_part,
                 w in lex.actor or base in lex.actor, w in lex.title or base in lex.title]
        row = [vi, src, shape, fb, self.pc_index.get(pro, 0), *cids, bc, *map(int, flags),
               self.word_index.get(w, 1)]
        chars = [self.char_index.get(ch, 1) for ch in w[:MAX_CHARS]] or [1]
        return row, chars


def iob_constraints(labels: Sequence[str]) -> tuple[Any, Any]:
    """(transition penalties, start penalties): 0 where IOB2 allows the step, a large negative number where
    it does not (I-X only after B-X or I-X, never first)."""
    n = len(labels)
    trans = np.zeros((n, n))
    start = np.zeros(n)
    for j, lab in enumerate(labels):
        if lab.startswith("I-"):
            start[j] = -1e9
            for i, prev in enumerate(labels):
                if prev[2:] != lab[2:] or prev == "O":
                    trans[i, j] = -1e9
    return trans, start


def crf_marginals(scores: Any, trans: Any, lengths: Sequence[int]) -> Any:
    """P(label | sentence) per token under a linear-chain CRF (crfsuite's: no start or end weights).

    `scores`: tokens × labels state scores, the sentences one after another (`CRFWeights.scores`); returns
    the same shape. Forward-backward with each step renormalised (the constant cancels in the marginal), all
    sentences side by side (`_Steps`)."""
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    et = np.exp(trans)
    st = _Steps(lengths)
    fwd, bwd = e[st.fwd], e[st.bwd]  # sentences × steps × labels
    nl = e.shape[1]
    alpha = np.empty((st.b, st.tmax, nl))
    beta = np.empty((st.b, st.tmax, nl))  # beta[s, u]: of the token u steps from the sentence's end
    a = fwd[:, 0] / fwd[:, 0].sum(axis=1, keepdims=True)
    bb = np.ones((st.b, nl))
    alpha[:, 0] = a
    beta[:, 0] = bb
    for t in range(1, st.tmax):
        k = st.live[t]
        a = (a[:k] @ et) * fwd[:k, t]
        a /= a.sum(axis=1, keepdims=True)
        alpha[:k, t] = a
        bb = (bwd[:k, t - 1] * bb[:k]) @ et.T
        bb /= bb.sum(axis=1, keepdims=True)
        beta[:k, t] = bb
    m = np.empty_like(e)
    m[st.fwd[st.valid]] = alpha[st.valid]
    m[st.bwd[st.valid]] *= beta[st.valid]
    return m / m.sum(axis=1, keepdims=True)


class _Steps:
    """Sentences side by side, longest first, so those still going at step t are a prefix (`live[t]`).
    `fwd[s, t]`: the flat index of sentence s's token t; `bwd[s, t]`: of its token t from the end; `valid`:
    the steps a sentence has (past its end both repeat its last index, never read back)."""

    def __init__(self, lengths: Sequence[int]) -> None:
        order = sorted(range(len(lengths)), key=lambda k: -lengths[k])
        lens = np.asarray([lengths[k] for k in order], dtype=np.intp)
        offs = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.intp)[order]
        self.b = len(order)
        self.tmax = int(lens[0])
        steps = np.arange(self.tmax)[None, :]
        self.valid = steps < lens[:, None]
        self.fwd = offs[:, None] + np.minimum(steps, lens[:, None] - 1)
        self.bwd = offs[:, None] + np.maximum(lens[:, None] - 1 - steps, 0)
        self.live = self.valid.sum(axis=0).tolist()


def _sigmoid(x: Any) -> Any:
    return 0.5 * (1.0 + np.tanh(0.5 * x))  # overflow-free


class NetModel:
    """The exported net (`net.npz`): numpy forward pass giving label log-probabilities."""

    def __init__(self, arrays: dict[str, Any], meta: dict[str, Any], feats: NetFeatures,
                 max_cache: int = 60_000) -> None:
        self.meta = meta
        self.labels: list[str] = meta["labels"]
        self.feats = feats
        self.a = arrays
        self.hidden = int(arrays["fw_w_hh"].shape[1])
        self.max_cache = max_cache
        # per distinct word: its projected input (`_projected`), 3.2 kB a word
        self._x: dict[str, Any] = {}
        self._w_in: tuple[Any, Any] | None = None
        self._w_hh = (arrays["fw_w_hh"].T.copy(), arrays["bw_w_hh"].T.copy())  # recurrent weights, transposed once

    @classmethod
    def load(cls, path: str | Path, featurizer: Featurizer, max_cache: int = 60_000) -> NetModel:
        path = Path(path)
        if not path.is_file():
            raise ResourceError(f"the accurate recogniser's net {path} is missing",
                                "reinstall rasid, or run `rasid train-ner --net` to rebuild it, or use the "
                                "default recogniser (--ner fast)", path=str(path))
        with np.load(path, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
        meta = json.loads(bytes(arrays.pop("meta")).decode("utf-8"))
        vocab = meta.pop("vocab")
        # the word vectors ship as int8 with one scale per row (half the size of float16); the net was trained
        # on these same dequantised vectors (`net_train.quantize`), so it sees exactly what it learned from
        arrays["vectors"] = arrays.pop("vec_q").astype(np.float32) * arrays.pop("vec_scale")[:, None]
        feats = NetFeatures(featurizer, vocab["vectors"], vocab["words"], vocab["chars"], vocab["proclitics"])
        return cls(arrays, meta, feats, max_cache)

    def _inputs(self, words: Sequence[str]) -> Any:
        """words × input width: word vector, feature embeddings, lexicon flags, character CNN (the order
        the net was trained with), for several words at once."""
        a = self.a
        ids = [self.feats.ids(w) for w in words]
        r = np.asarray([row for row, _ in ids], dtype=np.intp)
        vec = np.where((r[:, 0] == 0)[:, None], a["oov"][None, :], a["vectors"][np.maximum(r[:, 0] - 1, 0)])
        chars = np.zeros((len(words), MAX_CHARS), dtype=np.intp)
        for i, (_, ch) in enumerate(ids):
            chars[i, :len(ch)] = ch
        parts = [vec] + [a[f"emb_{name}"][r[:, col]] for col, name in enumerate(EMB_DIMS, start=1)]
        parts += [r[:, 10:16].astype(np.float32), a["emb_word"][r[:, 16]], self._char_cnn(chars)]
        return np.concatenate(parts, axis=1).astype(np.float32)

    def _char_cnn(self, chars: Any) -> Any:
        """words × filters: convolution over each word's characters (zero-padded at both ends), maximum over
        its own characters only (torch masks the padding with -1e4), then ReLU."""
        a = self.a
        e = np.zeros((chars.shape[0], MAX_CHARS + 2, a["emb_char"].shape[1]), dtype=np.float32)
        e[:, 1:-1] = a["emb_char"][chars]  # row 0, the padding, is zero (torch's padding_idx)
        w = a["conv_w"]  # filters × channels × width (3)
        out = sum(e[:, k:k + MAX_CHARS] @ w[:, :, k].T for k in range(w.shape[2])) + a["conv_b"]
        out = np.where((chars == 0)[:, :, None], -1e4, out)
        return np.maximum(out.max(axis=1), 0.0)

    def _projected(self, words: Sequence[str]) -> Any:
        """tokens × 8·hidden: the input side of both LSTM directions' gates, [forward | backward]. Kept per
        distinct word (it depends on the word alone): the input projection is most of the net's arithmetic."""
        cache = self._x
        new = list(dict.fromkeys(w for w in words if w not in cache))
        if new:
            if len(cache) + len(new) > self.max_cache:
                # start afresh, and then every word of this call is new (not only the ones missing before)
                cache.clear()
                new = list(dict.fromkeys(words))
            w_ih, bias = self._input_weights()
            cache.update(zip(new, self._inputs(new) @ w_ih + bias, strict=True))
        return np.stack([cache[w] for w in words])

    def _input_weights(self) -> tuple[Any, Any]:
        if self._w_in is None:
            a = self.a
            self._w_in = (np.concatenate([a["fw_w_ih"], a["bw_w_ih"]]).T.copy(),
                          np.concatenate([a["fw_b"], a["bw_b"]]))
        return self._w_in

    def log_probs(self, sents: Sequence[Sequence[str]]) -> Any:
        """Label log-probabilities (tokens × labels), the sentences' tokens one after another."""
        lens = [len(s) for s in sents]
        if not sum(lens):
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        a = self.a
        h = self._bilstm(self._projected([w for s in sents for w in s]), [n for n in lens if n])
        z = h @ a["out_w"].T + a["out_b"]
        z = z - z.max(axis=1, keepdims=True)
        return z - np.log(np.exp(z).sum(axis=1, keepdims=True))

    def _bilstm(self, g_in: Any, lens: Sequence[int]) -> Any:
        """[forward | backward] hidden states of every token, all sentences at once, both directions in one
        loop (torch's LSTM: gates i, f, g, o; biases summed)."""
        hid = self.hidden
        st = _Steps(lens)
        # step t feeds token t to the forward direction and token n-1-t to the backward one
        steps = (g_in[st.fwd, :4 * hid], g_in[st.bwd, 4 * hid:])  # sentences × steps × 4·hidden each
        w_hh = self._w_hh
        hs = (np.zeros((st.b, st.tmax, hid), dtype=np.float32), np.zeros((st.b, st.tmax, hid), dtype=np.float32))
        h = [np.zeros((st.b, hid), dtype=np.float32) for _ in range(2)]
        c = [np.zeros((st.b, hid), dtype=np.float32) for _ in range(2)]
        for t in range(st.tmax):
            k = st.live[t]
            for d in (0, 1):
                g = steps[d][:k, t] + h[d][:k] @ w_hh[d]
                sg = _sigmoid(g)
                c[d][:k] = sg[:, hid:2 * hid] * c[d][:k] + sg[:, :hid] * np.tanh(g[:, 2 * hid:3 * hid])
                h[d][:k] = sg[:, 3 * hid:] * np.tanh(c[d][:k])
                hs[d][:k, t] = h[d][:k]
        out = np.empty((len(g_in), 2 * hid), dtype=np.float32)
        out[st.fwd[st.valid], :hid] = hs[0][st.valid]
        out[st.bwd[st.valid], hid:] = hs[1][st.valid]
        return out


class CombinedTagger:
    """The CRF and the net, combined per token (geometric mean of their label probabilities, weight from
    the model's meta), then constrained Viterbi. Same interface as `CRFTagger`."""

    def __init__(self, crf: CRFTagger, net: NetModel) -> None:
        if crf.weights is None:
            raise ResourceError("the accurate recogniser needs a CRF model rasid can read",
                                "run `rasid train-ner` to rebuild it")
        self.crf = crf
        self.net = net
        self.featurizer = crf.featurizer
        w = crf.weights
        self.labels = w.labels
        # a net label the CRF never learned (a tiny training set) is dropped: its CRF probability is zero
        missing = set(w.labels) - set(net.labels)
        if missing:
            raise ResourceError(f"the net and the CRF disagree on labels ({', '.join(sorted(missing))})",
                                "retrain the net with `rasid train-ner --net`")
        self.perm = np.asarray([net.labels.index(lab) for lab in w.labels])  # net order → CRF order
        self.weight = float(net.meta.get("weight", 0.5))
        self.trans, self.start = iob_constraints(w.labels)
        self.decoder = _constrained(w.labels, self.trans)

    def tag(self, norms: Sequence[str]) -> list[str]:
        return self.tag_many([norms])[0] if norms else []

    def tag_many(self, sents: Sequence[Sequence[str]]) -> list[list[str]]:
        live = [s for s in sents if s]
        if not live:
            return [[] for _ in sents]
        w = self.crf.weights
        assert w is not None
        flat, starts, lengths = self.crf._attribute_ids(live)
        marg = crf_marginals(w.scores(flat, starts), w.trans, lengths)
        lp = self.net.log_probs(live)[:, self.perm]
        comb = self.weight * lp + (1 - self.weight) * np.log(marg + _TINY)
        firsts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.intp)
        comb[firsts] += self.start
        tagged = iter(self.decoder.viterbi(comb, lengths))
        return [next(tagged) if s else [] for s in sents]


def _constrained(labels: list[str], trans: Any) -> Any:
    from rasid.ner.viterbi import CRFWeights

    return CRFWeights(labels, {}, np.zeros((1, len(labels))), trans)
