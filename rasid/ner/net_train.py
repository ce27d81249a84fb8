"""Train the accurate recogniser's net (`rasid train-ner --net`) and export it to numpy (`net.npz`).

Needs torch (the 'net' extra; CPU is enough: about five minutes on one core). The recipe was chosen on
two 80/20 splits of TRAIN (model card): word2vec vectors of the unlabelled corpora (frozen), a trained
embedding of TRAIN's frequent words, a character CNN and embeddings of the CRF's discrete features, into a
one-layer BiLSTM and a softmax; Adam, dropout 0.5, 10 % word dropout, early stopping on the last 10 % of
TRAIN. One thread and fixed seeds: the same data give the same weights on the same machine and torch.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from rasid.ner.crf import Sentence, evaluate
from rasid.ner.features import Featurizer
from rasid.ner.net import EMB_DIMS, MAX_CHARS, N_IDS, NetFeatures, NetModel, iob_constraints
from rasid.text import normalize

LABELS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"]


def quantize(vectors: Any) -> tuple[Any, Any]:
    """Unit-length rows → int8 rows and one float32 scale per row."""
    scale = np.maximum(np.abs(vectors).max(axis=1), 1e-8) / 127.0
    return np.round(vectors / scale[:, None]).astype(np.int8), scale.astype(np.float32)


def load_vectors(path: str | Path, limit: int) -> tuple[list[str], Any]:
    """The `limit` most frequent forms of a gensim KeyedVectors file and their unit-length vectors."""
    from gensim.models import KeyedVectors

    kv = KeyedVectors.load(str(path))
    n = min(limit, len(kv))
    vecs = np.asarray(kv.vectors[:n], dtype=np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-8
    return list(kv.index_to_key[:n]), vecs


def _module(emb: Any, n_words: int, n_chars: int, n_pc: int, levels: Sequence[int], hidden: int,
            wdim: int) -> Any:
    import torch
    from torch import nn

    class Tagger(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            # the order of these layers fixes the order of the random initialisation: keep it
            self.w2v = nn.Embedding.from_pretrained(torch.tensor(emb), freeze=True)
            self.oov = nn.Parameter(torch.zeros(emb.shape[1]))
            self.src = nn.Embedding(4, EMB_DIMS["src"])
            self.shape = nn.Embedding(5, EMB_DIMS["shape"])
            self.fb = nn.Embedding(11, EMB_DIMS["fb"])
            self.pc = nn.Embedding(n_pc + 1, EMB_DIMS["pc"])
            self.c = nn.ModuleList([nn.Embedding(n + 1, EMB_DIMS[f"c{i}"]) for i, n in enumerate(levels)])
            self.bc = nn.Embedding(levels[0] + 1, EMB_DIMS["bc"])
            self.word = nn.Embedding(n_words + 2, wdim)
            self.char = nn.Embedding(n_chars + 2, 30, padding_idx=0)
            self.conv = nn.Conv1d(30, 50, 3, padding=1)
            din = emb.shape[1] + sum(EMB_DIMS.values()) + 6 + wdim + 50
            self.drop = nn.Dropout(0.5)
            self.fw = nn.LSTM(din, hidden, batch_first=True)
            self.bw = nn.LSTM(din, hidden, batch_first=True)
            self.out = nn.Linear(2 * hidden, len(LABELS))

        def forward(self, f: Any, ch: Any) -> Any:
            b, t = f.shape[0], f.shape[1]
            v = self.w2v(f[..., 0])
            v = torch.where((f[..., 0] == 0).unsqueeze(-1), self.oov.expand_as(v), v)
            parts = [v, self.src(f[..., 1]), self.shape(f[..., 2]), self.fb(f[..., 3]), self.pc(f[..., 4])]
            parts += [e(f[..., 5 + k]) for k, e in enumerate(self.c)]
            parts += [self.bc(f[..., 9]), f[..., 10:16].float(), self.word(f[..., 16])]
            c = self.conv(self.char(ch.reshape(b * t, -1)).transpose(1, 2))
            mask = ch.reshape(b * t, 1, -1) == 0
            parts.append(torch.relu(c.masked_fill(mask, -1e4).amax(dim=2)).reshape(b, t, 50))
            x = self.drop(torch.cat(parts, -1))
            # the backward direction reads each sentence reversed within its own length: padding never leaks
            lens = (f[..., 2] != 0).long().sum(1, keepdim=True)
            pos = torch.arange(t).unsqueeze(0)
            idx = torch.where(pos < lens, lens - 1 - pos, pos).unsqueeze(-1)
            hf, _ = self.fw(x)
            hb, _ = self.bw(torch.gather(x, 1, idx.expand(-1, -1, x.shape[2])))
            hb = torch.gather(hb, 1, idx.expand(-1, -1, hb.shape[2]))
            return self.out(self.drop(torch.cat([hf, hb], -1)))

    return Tagger()


def _batches(enc: list[tuple[Any, Any]], tags: list[list[int]] | None, size: int, rng: Any | None) -> Any:
    import torch

    idx = np.arange(len(enc))
    if rng is not None:
        rng.shuffle(idx)
        # similar lengths together, within chunks of 50 batches
        chunks = [idx[i:i + size * 50] for i in range(0, len(idx), size * 50)]
        idx = np.concatenate([c[np.argsort([len(enc[k][0]) for k in c])] for c in chunks])
    groups = [idx[i:i + size] for i in range(0, len(idx), size)]
    if rng is not None:
        rng.shuffle(groups)
    for g in groups:
        t = max(len(enc[k][0]) for k in g)
        f = np.zeros((len(g), t, N_IDS), dtype=np.int64)
        ch = np.zeros((len(g), t, MAX_CHARS), dtype=np.int64)
        y = np.full((len(g), t), -100, dtype=np.int64)
        for r, k in enumerate(g):
            n = len(enc[k][0])
            f[r, :n] = enc[k][0]
            ch[r, :n] = enc[k][1]
            if tags is not None:
                y[r, :n] = tags[k]
        yield g, torch.from_numpy(f), torch.from_numpy(ch), torch.from_numpy(y)


def train_net(sents: Sequence[Sentence], fz: Featurizer, vectors_path: str | Path, out: str | Path,
              log: Callable[[str], None] = print, seed: int = 1, hidden: int = 100, wdim: int = 50,
              lr: float = 2e-3, max_epochs: int = 80, patience: int = 10, n_vectors: int = 100_000,
              weight: float = 0.5, extra_meta: dict[str, Any] | None = None) -> dict[str, Any]:
    """Train on `sents` (the last 10 % held out for early stopping), write `out` (net.npz); returns a
    summary (best epoch, held-out F1, seconds, the largest numpy-vs-torch log-probability difference)."""
    import torch
    from torch import nn

    torch.set_num_threads(1)
    torch.manual_seed(seed)
    rng = np.random.RandomState(seed)
    assert fz.clusters is not None, "the net reads the word-cluster table"
    cut = int(len(sents) * 0.9)
    fit, hold = list(sents[:cut]), list(sents[cut:])
    fit_norms = [[normalize(t) for t in toks] for toks, _ in fit]
    hold_norms = [[normalize(t) for t in toks] for toks, _ in hold]
    counts = Counter(w for s in fit_norms for w in s)
    word_vocab = sorted(w for w, c in counts.items() if c >= 2)
    char_counts = Counter(ch for w in counts for ch in w)
    char_vocab = sorted(ch for ch, c in char_counts.items() if c >= 2)
    pc_counts = Counter(fz.split(w)[0] for w in counts)
    pc_vocab = sorted(p for p, c in pc_counts.items() if c >= 2)
    vec_words, vecs = load_vectors(vectors_path, n_vectors)
    vec_q, vec_scale = quantize(vecs)
    vecs = vec_q.astype(np.float32) * vec_scale[:, None]  # train on exactly the vectors that ship
    feats = NetFeatures(fz, vec_words, word_vocab, char_vocab, pc_vocab)
    cache: dict[str, tuple[list[int], list[int]]] = {}

    def encode(norm_sents: list[list[str]]) -> list[tuple[Any, Any]]:
        out_ = []
        for s in norm_sents:
            rows, chs = zip(*(cache.get(w) or cache.setdefault(w, feats.ids(w)) for w in s), strict=True)
            ch = np.zeros((len(s), MAX_CHARS), dtype=np.int64)
            for i, c in enumerate(chs):
                ch[i, :len(c)] = c
            out_.append((np.array(rows, dtype=np.int64), ch))
        return out_

    l2i = {lab: i for i, lab in enumerate(LABELS)}
    enc_fit, enc_hold = encode(fit_norms), encode(hold_norms)
    tags_fit = [[l2i[t] for t in tags] for _, tags in fit]
    gold_hold = [list(tags) for _, tags in hold]
    emb = np.zeros((len(vecs) + 1, vecs.shape[1]), dtype=np.float32)
    emb[1:] = vecs
    levels = fz.clusters.levels
    model = _module(emb, len(word_vocab), len(char_vocab), len(pc_vocab), levels, hidden, wdim)
    opt = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=lr)
    lossf = nn.CrossEntropyLoss(ignore_index=-100)
    trans, start = iob_constraints(LABELS)
    from rasid.ner.viterbi import CRFWeights

    decoder = CRFWeights(LABELS, {}, np.zeros((1, len(LABELS))), trans)

    def predict(enc: list[tuple[Any, Any]]) -> list[Any]:
        model.eval()
        res: list[Any] = [None] * len(enc)
        with torch.no_grad():
            for g, f, ch, _ in _batches(enc, None, 64, None):
                lp = torch.log_softmax(model(f, ch), -1).numpy()
                for r, k in enumerate(g):
                    res[k] = lp[r, :len(enc[k][0])]
        return res

    def decode(lps: list[Any]) -> list[list[str]]:
        sc = np.concatenate(lps).astype(np.float64)
        lens = [len(x) for x in lps]
        sc[np.concatenate([[0], np.cumsum(lens)[:-1]]).astype(np.intp)] += start
        return decoder.viterbi(sc, lens)

    best, best_ep, best_state, bad = -1.0, 0, None, 0
    t0 = time.time()
    for ep in range(1, max_epochs + 1):
        model.train()
        total = 0.0
        for g, f, ch, y in _batches(enc_fit, tags_fit, 16, rng):
            drop = (torch.rand(f.shape[:2]) < 0.1) & (f[..., 16] > 1)  # word dropout: the unknown-word id
            f[..., 16] = torch.where(drop, torch.ones_like(f[..., 16]), f[..., 16])
            opt.zero_grad()
            loss = lossf(model(f, ch).reshape(-1, len(LABELS)), y.reshape(-1))
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            total += loss.item() * len(g)
        f1 = evaluate(gold_hold, decode(predict(enc_hold)))["ALL"].f1
        log(f"epoch {ep}: loss {total / len(fit):.4f}, held-out F1 {f1:.4f} ({time.time() - t0:.0f} s)")
        if f1 > best:
            best, best_ep, bad = f1, ep, 0
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
        else:
            bad += 1
            if bad >= patience:
                break
    assert best_state is not None
    model.load_state_dict(best_state)
    secs = time.time() - t0
    meta = {"labels": LABELS, "weight": weight, "best_epoch": best_ep, "held_out_f1": round(best, 4),
            "recipe": {"seed": seed, "hidden": hidden, "wdim": wdim, "lr": lr, "patience": patience,
                       "n_vectors": len(vec_words), "train_sentences": len(fit), "held_out": len(hold)},
            **(extra_meta or {}),
            "vocab": {"vectors": vec_words, "words": word_vocab, "chars": char_vocab, "proclitics": pc_vocab}}
    export(model, meta, vec_q, vec_scale, out)
    # the numpy forward pass must give what torch gives
    net = NetModel.load(out, fz)
    mine = net.log_probs(hold_norms)
    theirs = np.concatenate(predict(enc_hold))
    diff = float(np.abs(mine - theirs).max())
    log(f"best epoch {best_ep}, held-out F1 {best:.4f}, {secs:.0f} s; numpy vs torch: max |Δ log p| {diff:.2e}")
    if not diff < 1e-3:  # the exported file would not tag as the net trained
        raise RuntimeError(f"numpy and torch disagree on the held-out sentences (max |Δ log p| {diff:.2e})")
    return {"best_epoch": best_ep, "held_out_f1": best, "seconds": secs, "max_diff": diff}


def export(model: Any, meta: dict[str, Any], vec_q: Any, vec_scale: Any, out: str | Path) -> None:
    s = {k: v.detach().numpy().astype(np.float32) for k, v in model.state_dict().items()}
    arrays = {
        "meta": np.frombuffer(json.dumps(meta, ensure_ascii=False).encode("utf-8"), dtype=np.uint8),
        "vec_q": vec_q, "vec_scale": vec_scale, "oov": s["oov"],
        "emb_src": s["src.weight"], "emb_shape": s["shape.weight"], "emb_fb": s["fb.weight"],
        "emb_pc": s["pc.weight"], "emb_bc": s["bc.weight"], "emb_word": s["word.weight"],
        "emb_char": s["char.weight"], "conv_w": s["conv.weight"], "conv_b": s["conv.bias"],
        "out_w": s["out.weight"], "out_b": s["out.bias"],
    }
    for i in range(4):
        arrays[f"emb_c{i}"] = s[f"c.{i}.weight"]
    for d in ("fw", "bw"):
        arrays[f"{d}_w_ih"] = s[f"{d}.weight_ih_l0"]
        arrays[f"{d}_w_hh"] = s[f"{d}.weight_hh_l0"]
        arrays[f"{d}_b"] = s[f"{d}.bias_ih_l0"] + s[f"{d}.bias_hh_l0"]
    # np.savez_compressed stamps each member with the current time: write members with a fixed date so the
    # same weights give the same file
    import zipfile

    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(arrays):
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with zf.open(info, "w") as fh:
                np.lib.format.write_array(fh, np.ascontiguousarray(arrays[name]), allow_pickle=False)
