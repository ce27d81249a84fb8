"""Reproduce the shipped NER model: build the feature lexicon, train the CRF on TRAIN, score it on TEST."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasid.ner.auto import (
    AUTO_FILE,
    RUN,
    AutoLexicon,
    count_labels,
    fingerprint,
    header,
    load_tables,
    save_tables,
    with_bases,
)
from rasid.ner.clusters import CLUSTERS_FILE, WordClusters
from rasid.ner.clusters import build as build_clusters
from rasid.ner.crf import CRFTagger, Sentence, read_conll, train
from rasid.ner.features import Featurizer
from rasid.ner.lexicon import FeatureLexicon, build
from rasid.text import Lexicon, normalize

MODEL_FILE = "crf.model"
LEXICON_FILE = "lexicon.json.gz"
TRAIN_FILE = "cleananercorp_TRAIN.txt"
TEST_FILE = "cleananercorp_TEST.txt"
#: Auto lexicon settings (chosen on the TRAIN dev split): cross-fitting folds, and the fewest occurrences in
#: the corpora for a word to get a code.
AUTO_FOLDS = 2
AUTO_MIN_COUNT = 5


@dataclass
class TrainResult:
    seconds: float
    train_sentences: int
    scores: dict[str, tuple[float, float, float]]  # type -> (p, r, f1) on TEST, when TEST was given


def train_model(data_dir: str | Path, out_dir: str | Path, actors_path: str | Path, titles_path: str | Path,
                words: Lexicon | None = None, log: Callable[[str], None] = print,
                corpora: Sequence[str | Path] | None = None, clusters_from: str | Path | None = None,
                auto_corpora: Sequence[str | Path] | None = None, auto_from: str | Path | None = None,
                ) -> TrainResult:
    """Train on `data_dir/cleananercorp_TRAIN.txt` and write the model and its lexicon to `out_dir`.

    Word clusters: rebuilt from the unlabelled `corpora` when given (minutes), else taken from the table
    `clusters_from` (the shipped one), copied next to the model; with neither, the model has no cluster
    features. The auto lexicon (`rasid.ner.auto`) likewise: rebuilt by tagging `auto_corpora` (cross-fitted
    fold models, minutes), else the tables of `auto_from` when they were cut from this very TRAIN
    (`auto.fingerprint`), else none."""
    from rasid.ner.crf import evaluate

    data_dir, out_dir = Path(data_dir), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    words = words or Lexicon.from_wordfreq("ar")
    cl_path = out_dir / CLUSTERS_FILE
    if corpora:
        log("building word clusters from the unlabelled corpora (word2vec + k-means)")
        build_clusters(corpora, log=log).save(cl_path, header="word2vec + k-means over "
                                                         + ", ".join(Path(c).name for c in corpora))
    elif clusters_from is not None and Path(clusters_from).is_file():
        if Path(clusters_from).resolve() != cl_path.resolve():
            shutil.copyfile(clusters_from, cl_path)
    elif cl_path.is_file():
        cl_path.unlink()  # a stale table must not be read by a model trained without it
    clusters = WordClusters.load(cl_path) if cl_path.is_file() else None
    log("building the feature lexicon (names, GeoNames, actors, titles)")
    lex = build(actors_path, titles_path)
    lex.save(out_dir / LEXICON_FILE)
    lex = FeatureLexicon.load(out_dir / LEXICON_FILE)  # train on exactly what ships
    sents = read_conll(data_dir / TRAIN_FILE)
    auto_path = out_dir / AUTO_FILE
    if auto_corpora:
        build_auto(sents, lex, words, clusters, auto_corpora, auto_path, log=log)
    elif auto_from is not None and Path(auto_from).is_file():
        if Path(auto_from).resolve() != auto_path.resolve():
            shutil.copyfile(auto_from, auto_path)
    tables = load_tables(auto_path) if auto_path.is_file() else {}
    if tables and (set(tables) != {RUN, *fold_names(len(sents))}
                   or header(auto_path).get("train") != fingerprint(sents)):
        log(f"the auto lexicon {auto_path.name} was built for another TRAIN: training without it "
            "(rebuild it with --auto)")
        tables = {}
        auto_path.unlink()  # a model trained without it must not read it
    run_fz = Featurizer(lex, words, clusters=clusters, auto=tables.get(RUN))
    fz: Featurizer | list[Featurizer] = run_fz
    if tables:
        # cross-fitting: each fold's sentences see the lexicon of the model that never saw them
        fz = []
        for name, a, b in folds(len(sents)):
            fz += [Featurizer(lex, words, clusters=clusters, auto=tables[name])] * (b - a)
    log(f"training the CRF on {len(sents)} sentences" + (" (with the auto lexicon)" if tables else ""))
    secs = train(sents, fz, out_dir / MODEL_FILE)
    scores: dict[str, tuple[float, float, float]] = {}
    test = data_dir / TEST_FILE
    if test.is_file():
        tagger = CRFTagger(out_dir / MODEL_FILE, run_fz)
        tsents = read_conll(test)
        pred = [tagger.tag([normalize(t) for t in toks]) for toks, _ in tsents]
        for k, v in evaluate([tags for _, tags in tsents], pred).items():
            scores[k] = (v.p, v.r, v.f1)
    return TrainResult(secs, len(sents), scores)


def folds(n: int, k: int = AUTO_FOLDS) -> list[tuple[str, int, int]]:
    """(table name, first, end) of the k contiguous folds of n TRAIN sentences (contiguous: a name recurs
    within an article, so interleaved folds would leak it)."""
    return [(f"k{i}", i * n // k, (i + 1) * n // k) for i in range(k)]


def fold_names(n: int) -> list[str]:
    return [name for name, _a, _b in folds(n)]


def build_auto(sents: Sequence[Sentence], lex: FeatureLexicon, words: Lexicon, clusters: WordClusters | None,
               corpora: Sequence[str | Path], out: Path, log: Callable[[str], None] = print,
               max_articles: int | None = None) -> None:
    """Tag the corpora with a CRF (no auto features) trained on all of TRAIN (→ the run-time table) and with
    one trained without each fold (→ that fold's table); write all tables to `out`."""
    import tempfile

    base_fz = Featurizer(lex, words, clusters=clusters)
    tables: dict[str, AutoLexicon] = {}
    parts = [(RUN, list(sents))] + [(name, [*sents[:a], *sents[b:]]) for name, a, b in folds(len(sents))]
    with tempfile.TemporaryDirectory() as tmp:
        for name, part in parts:
            log(f"auto lexicon {name}: training a CRF on {len(part)} sentences, tagging the corpora")
            model = Path(tmp) / f"{name}.crf"
            train(part, base_fz, model)
            # large caches: the corpora have millions of distinct forms, each tagged many times
            tagger = CRFTagger(model, Featurizer(lex, words, clusters=clusters, max_cache=3_000_000),
                               max_cache=3_000_000)
            counts = count_labels(tagger, corpora, words.get, log=log, max_articles=max_articles)
            tables[name] = AutoLexicon.from_counts(counts, with_bases(counts, base_fz.split), AUTO_MIN_COUNT)
    save_tables(out, tables, header=f"train={fingerprint(sents)} min_count={AUTO_MIN_COUNT} corpora="
                + ",".join(Path(c).name for c in corpora))


def inputs_fingerprint(folder: str | Path) -> dict[str, str]:
    """sha256 of the files the net's features are read from (both are written byte for byte the same by
    the same inputs): a net trained on other ones must be retrained."""
    import hashlib

    return {name: hashlib.sha256((Path(folder) / name).read_bytes()).hexdigest()
            for name in (LEXICON_FILE, CLUSTERS_FILE) if (Path(folder) / name).is_file()}


def train_net_model(data_dir: str | Path, out_dir: str | Path, vectors: str | Path, words: Lexicon,
                    log: Callable[[str], None] = print) -> dict[str, Any]:
    """Train the accurate recogniser's net on TRAIN with the lexicon and cluster table in `out_dir` (train
    the CRF first: they come with it), write `out_dir/net.npz` and score the CRF + net on TEST (with the
    entities stage's propagation, as `bench/ner.py`)."""
    from rasid.ner.crf import evaluate, propagate
    from rasid.ner.net import NET_FILE, CombinedTagger, NetModel
    from rasid.ner.net_train import train_net

    data_dir, out_dir = Path(data_dir), Path(out_dir)
    lex = FeatureLexicon.load(out_dir / LEXICON_FILE)
    clusters = WordClusters.load(out_dir / CLUSTERS_FILE)
    fz = Featurizer(lex, words, clusters=clusters)
    sents = read_conll(data_dir / TRAIN_FILE)
    log(f"training the net on {len(sents)} sentences (the last 10 % held out for early stopping)")
    summary = train_net(sents, fz, vectors, out_dir / NET_FILE, log=log,
                        extra_meta={"inputs": inputs_fingerprint(out_dir)})
    test = data_dir / TEST_FILE
    if test.is_file():
        tagger = CombinedTagger(CRFTagger(out_dir / MODEL_FILE, fz), NetModel.load(out_dir / NET_FILE, fz))
        tsents = read_conll(test)
        norms = [[normalize(t) for t in toks] for toks, _ in tsents]
        pred = propagate(norms, tagger.tag_many(norms), words.get, window=15, surnames=True)
        summary["scores"] = {k: (v.p, v.r, v.f1) for k, v in evaluate([t for _, t in tsents], pred).items()}
    return summary
