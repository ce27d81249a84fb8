"""Reproduce the shipped NER model: build the feature lexicon, train the CRF on TRAIN, score it on TEST."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rasid.ner.clusters import CLUSTERS_FILE, WordClusters
from rasid.ner.clusters import build as build_clusters
from rasid.ner.crf import CRFTagger, read_conll, train
from rasid.ner.features import Featurizer
from rasid.ner.lexicon import FeatureLexicon, build
from rasid.text import Lexicon, normalize

MODEL_FILE = "crf.model"
LEXICON_FILE = "lexicon.json.gz"
TRAIN_FILE = "cleananercorp_TRAIN.txt"
TEST_FILE = "cleananercorp_TEST.txt"


@dataclass
class TrainResult:
    seconds: float
    train_sentences: int
    scores: dict[str, tuple[float, float, float]]  # type -> (p, r, f1) on TEST, when TEST was given


def train_model(data_dir: str | Path, out_dir: str | Path, actors_path: str | Path, titles_path: str | Path,
                words: Lexicon | None = None, log: Callable[[str], None] = print,
                corpora: Sequence[str | Path] | None = None, clusters_from: str | Path | None = None,
                ) -> TrainResult:
    """Train on `data_dir/cleananercorp_TRAIN.txt` and write the model and its lexicon to `out_dir`.

    Word clusters: rebuilt from the unlabelled `corpora` when given (minutes), else taken from the table
    `clusters_from` (the shipped one), copied next to the model; with neither, the model has no cluster
    features."""
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
    log(f"training the CRF on {len(sents)} sentences")
    secs = train(sents, Featurizer(lex, words, clusters=clusters), out_dir / MODEL_FILE)
    scores: dict[str, tuple[float, float, float]] = {}
    test = data_dir / TEST_FILE
    if test.is_file():
        tagger = CRFTagger(out_dir / MODEL_FILE, Featurizer(lex, words, clusters=clusters))
        tsents = read_conll(test)
        pred = [tagger.tag([normalize(t) for t in toks]) for toks, _ in tsents]
        for k, v in evaluate([tags for _, tags in tsents], pred).items():
            scores[k] = (v.p, v.r, v.f1)
    return TrainResult(secs, len(sents), scores)
