"""The accurate recogniser (`--ner accurate`): the CRF combined with a small BiLSTM net, numpy inference."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest
from test_ner_train import TRAIN  # the tiny CoNLL data of the CRF's own training test

from rasid.errors import ConfigError
from rasid.ner.crf import spans
from rasid.ner.net import NET_FILE, CombinedTagger, crf_marginals, iob_constraints
from rasid.text import normalize

SENTENCES = [
    "قال الرئيس الفرنسي إيمانويل ماكرون في باريس إن بلاده سترسل مساعدات إلى لبنان",
    "وصل وفد من الأمم المتحدة إلى مدينة حلب صباح اليوم",
    "التقى وزير الخارجية أحمد عطاف نظيره الأردني في عمّان",
    "أمطار",
]


def _norms(texts: list[str]) -> list[list[str]]:
    return [[normalize(w) for w in t.split()] for t in texts]


@pytest.fixture(scope="module")
def accurate():
    from rasid.resources import Resources

    res = Resources(ner_mode="accurate")
    return res.get("ner").bind(res.get("lexicon"))


def test_crf_marginals_equal_crfsuites(resources) -> None:
    ner = resources.get("ner").bind(resources.get("lexicon"))
    crf = ner.tagger
    w = crf.weights
    sents = _norms(SENTENCES)
    flat, starts, lengths = crf._attribute_ids(sents)
    mine = crf_marginals(w.scores(flat, starts), w.trans, lengths)
    off = 0
    for s in sents:
        crf.tagger.set(crf.featurizer.sequence(s))
        theirs = np.array([[crf.tagger.marginal(lab, i) for lab in w.labels] for i in range(len(s))])
        assert np.abs(mine[off:off + len(s)] - theirs).max() < 1e-6
        off += len(s)


def test_iob_constraints_forbid_i_after_o_and_first() -> None:
    labels = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]
    trans, start = iob_constraints(labels)
    assert start[labels.index("I-PER")] < -1e8 and start[labels.index("B-PER")] == 0
    assert trans[labels.index("O"), labels.index("I-PER")] < -1e8
    assert trans[labels.index("B-LOC"), labels.index("I-PER")] < -1e8
    assert trans[labels.index("B-PER"), labels.index("I-PER")] == 0
    assert trans[labels.index("I-PER"), labels.index("I-PER")] == 0


def test_accurate_tagger_finds_names_and_places_with_valid_iob(accurate) -> None:
    assert isinstance(accurate.tagger, CombinedTagger)
    sents = _norms(SENTENCES)
    tags = accurate.tagger.tag_many([*sents, []])
    assert tags[-1] == [] and [len(t) for t in tags[:-1]] == [len(s) for s in sents]
    for t in tags:
        for i, lab in enumerate(t):
            if lab.startswith("I-"):
                assert i > 0 and t[i - 1][2:] == lab[2:] and t[i - 1] != "O"
    found = {(typ, " ".join(s[a:b])) for s, t in zip(sents, tags, strict=False) for typ, a, b in spans(t)}
    assert ("PER", "ايمانويل ماكرون") in found
    assert ("LOC", "باريس") in found and ("LOC", "حلب") in found


def test_net_gives_the_same_on_a_sentence_alone_and_in_a_batch(accurate) -> None:
    """Sentences of different lengths run side by side in the LSTM: padding must not leak into them."""
    net = accurate.tagger.net
    sents = _norms(SENTENCES)
    together = net.log_probs(sents)
    alone = np.concatenate([net.log_probs([s]) for s in sents])
    assert together.shape == (sum(map(len, sents)), len(net.labels))
    assert np.abs(together - alone).max() < 1e-4
    assert np.allclose(np.exp(together).sum(axis=1), 1.0, atol=1e-4)


def test_a_full_word_cache_starts_afresh_and_still_tags_every_word(accurate) -> None:
    """Once the per-word cache would overflow it is emptied: the words it held before must be computed again
    (they were not, and a long run crashed with a KeyError on a common word)."""
    from rasid.ner.net import NetModel

    net = accurate.tagger.net
    small = NetModel(net.a, net.meta, net.feats, max_cache=12)
    sents = _norms(SENTENCES)
    expected = net.log_probs(sents)
    small.log_probs(sents[:1])  # fills the cache with the first sentence's words
    got = small.log_probs(sents)  # more words than fit: the cache is cleared and refilled
    assert np.abs(got - expected).max() < 1e-5
    # the next new words find it full again: it holds only them afterwards
    fresh = _norms(["قصف مدفعي"])
    small.log_probs(fresh)
    assert set(small._x) == set(fresh[0])


def test_the_shipped_net_was_trained_on_the_shipped_lexicon_and_clusters(resources) -> None:
    """Retrain the net (`rasid train-ner --net`) when the feature lexicon or the cluster table changes."""
    folder = resources.path("ner")
    with np.load(folder / NET_FILE, allow_pickle=False) as z:
        meta = json.loads(bytes(z["meta"]).decode("utf-8"))
    for name, digest in meta["inputs"].items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, f"{name} changed: retrain the net"
    assert set(meta["inputs"]) == {"lexicon.json.gz", "clusters.tsv.gz"}


def test_unknown_ner_mode_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from rasid.resources import Resources

    with pytest.raises(ConfigError, match="unknown recogniser"):
        Resources(ner_mode="best")
    monkeypatch.setenv("RASID_NER", "accurate")
    assert Resources().ner_mode == "accurate"
    assert Resources(ner_mode="fast").ner_mode == "fast"


def test_extract_with_the_accurate_recogniser(example_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from rasid.cli import main

    assert main(["extract", str(example_path), "--ner", "accurate"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert {e["type"] for e in doc["entities"]} >= {"PER", "ORG", "LOC"}
    assert doc["events"]




@pytest.mark.slow
def test_train_ner_net_trains_exports_and_reproduces(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("torch")
    from gensim.models import KeyedVectors

    from rasid.cli import main

    data = tmp_path / "data"
    data.mkdir()
    (data / "cleananercorp_TRAIN.txt").write_text(TRAIN * 10, encoding="utf-8")
    (data / "cleananercorp_TEST.txt").write_text(TRAIN, encoding="utf-8")
    kv = KeyedVectors(vector_size=100)
    words = sorted({normalize(line.split()[0]) for line in TRAIN.splitlines() if line})
    kv.add_vectors(words, np.random.RandomState(0).normal(size=(len(words), 100)).astype(np.float32))
    kv.save(str(tmp_path / "w.kv"))
    digests = []
    for run in ("a", "b"):
        out = tmp_path / run
        assert main(["train-ner", "--data", str(data), "--out", str(out), "--net",
                     "--vectors", str(tmp_path / "w.kv")]) == 0
        digests.append(hashlib.sha256((out / NET_FILE).read_bytes()).hexdigest())
    printed = capsys.readouterr().out
    assert "net: best epoch" in printed and "CRF + net" in printed
    all_row = [line for line in printed.splitlines() if line.startswith("ALL")][-1]
    assert float(all_row.split()[-1]) > 0.5  # it learned its own training data
    assert digests[0] == digests[1]  # same data, same seed: the same file


def test_ingest_binds_the_recogniser_for_its_workers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                     example_path: Path) -> None:
    """Worker processes and Dask workers build their own pipeline: the mode travels with the factory, not
    through the environment (a remote worker has its own)."""
    import rasid.store.load as load
    from rasid.cli import main

    seen = {}

    def fake_ingest(items, store, pipeline_factory, **kw):  # noqa: ANN001, ANN003, ANN202
        seen["factory"] = pipeline_factory
        return load.IngestStats()

    monkeypatch.setattr(load, "ingest", fake_ingest)
    main(["ingest", str(example_path), "--db", str(tmp_path / "x.db"), "--ner", "accurate", "--no-incidents"])
    assert seen["factory"].keywords == {"ner": "accurate"}
    pipe = seen["factory"]()
    assert pipe.names[0] == "prepare"
