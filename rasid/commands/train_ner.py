"""`rasid train-ner`: rebuild the shipped entity recogniser from CLEANANERCorp (TRAIN), score it on TEST."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

DEFAULT_DATA = "../shared/data/ner/cleananercorp"
DEFAULT_CORPORA = ["../shared/data/corpus/saudinewsnet/saudinewsnet.jsonl.gz",
                   "../shared/data/corpus/almayadeen/almayadeen.jsonl.gz"]


def register(sub: Any) -> None:
    p = sub.add_parser(
        "train-ner", help="train the Arabic entity recogniser (CRF) from CLEANANERCorp",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Train the CRF entity recogniser on cleananercorp_TRAIN.txt (one 'TOKEN TAG' per line, "
                    "IOB2), write the model and its feature lexicon (given names and surnames from "
                    "arabic-name-romanizer, GeoNames/CLDR and curated place names, actor-registry words, titles) and "
                    "the word-cluster table and the auto lexicon it reads (the shipped ones, or rebuilt with --clusters / "
                    "--auto) to OUT, and "
                    "print exact-span precision/recall/F1 on cleananercorp_TEST.txt when it is there. "
                    "Takes one to five minutes on one core.",
        epilog="examples:\n"
               "  rasid train-ner                                   rebuild rasid/data/ner from the default data\n"
               "  rasid train-ner --data DIR --out /tmp/ner-model   train elsewhere, leave the shipped model alone\n"
               "  rasid train-ner --clusters                        also rebuild the word-cluster table from the\n"
               "                                                    unlabelled corpora (needs the 'train' extra:\n"
               "                                                    gensim; about 10 minutes on one core)\n"
               "  rasid train-ner --auto                            train with a self-trained lexicon: three CRFs tag\n"
               "                                                    the unlabelled corpora first (about 10 more\n"
               "                                                    minutes; not how the shipped model is built)\n"
               "  rasid train-ner --net                             also train the accurate recogniser's net\n"
               "                                                    (--ner accurate; needs the 'net' extra: torch;\n"
               "                                                    word vectors are built from the corpora once,\n"
               "                                                    about 7 minutes, then reused; the net about 5)\n\n"
               "The shipped model is used by the 'entities' stage; see rasid/data/ner/MODEL_CARD.md.")
    p.add_argument("--data", metavar="DIR", default=DEFAULT_DATA,
                   help=f"folder with cleananercorp_TRAIN.txt (and _TEST.txt); default {DEFAULT_DATA}")
    p.add_argument("--out", metavar="DIR", default=None,
                   help="where to write crf.model, lexicon.json.gz and clusters.tsv.gz (default: the package's "
                        "rasid/data/ner)")
    p.add_argument("--clusters", action="store_true",
                   help="rebuild clusters.tsv.gz (word2vec + k-means over --corpus) instead of reusing the shipped "
                        "table")
    p.add_argument("--auto", action="store_true",
                   help="build auto.tsv.gz (how often CRFs trained on TRAIN and without each of its folds tag "
                        "each word of --corpus as a name) and train with it; without --auto an auto.tsv.gz already "
                        "in the package is reused (rasid ships none: see the model card)")
    p.add_argument("--no-auto", action="store_true",
                   help="train without an auto lexicon even when the package holds one")
    p.add_argument("--net", action="store_true",
                   help="after the CRF, train the BiLSTM net of the accurate recogniser and write net.npz")
    p.add_argument("--vectors", metavar="KV", default=None,
                   help="word2vec vectors (gensim KeyedVectors) for --net; built from --corpus and saved here "
                        "when the file is missing; default: word2vec.kv in rasid's cache folder")
    p.add_argument("--corpus", metavar="JSONL_GZ", action="append", default=None,
                   help="unlabelled articles (JSON lines, field full_text or content) for --clusters and --auto; "
                        "repeatable; "
                        "default: " + ", ".join(DEFAULT_CORPORA))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rasid.errors import InputError
    from rasid.ner.train import TRAIN_FILE, train_model
    from rasid.resources import Resources

    res = Resources()
    data = Path(args.data)
    if not (data / TRAIN_FILE).is_file():
        raise InputError(f"no {TRAIN_FILE} in {data}", "give the CLEANANERCorp folder with --data", path=str(data))
    out = Path(args.out) if args.out else res.path("ner")

    def log(msg: str) -> None:
        print(f"rasid train-ner: {msg}", file=sys.stderr)

    corpora: list[Path] | None = None
    unlabelled = [Path(c) for c in (args.corpus or DEFAULT_CORPORA)]
    if args.auto and args.no_auto:
        raise InputError("--auto and --no-auto contradict each other", "give one of them")
    if args.clusters or args.auto:
        missing = [str(c) for c in unlabelled if not c.is_file()]
        if missing:
            raise InputError(f"no corpus file {missing[0]}", "give unlabelled articles with --corpus FILE",
                             path=missing[0])
    if args.net:
        try:
            import gensim  # noqa: F401
            import torch  # noqa: F401
        except ImportError as exc:
            raise InputError("--net needs torch and gensim",
                             "pip install torch==2.13.0 'rasid[net]' (the CPU wheel first: plain torch pulls CUDA)") from exc
    vectors = Path(args.vectors) if args.vectors else res.cache_dir / "word2vec.kv"
    if args.net and not vectors.is_file():
        missing = [str(c) for c in unlabelled if not c.is_file()]
        if missing:
            raise InputError(f"no corpus file {missing[0]} for the word vectors of --net",
                             "give unlabelled articles with --corpus FILE, or vectors with --vectors", path=missing[0])
    if args.clusters:
        corpora = unlabelled
        try:
            import gensim  # noqa: F401
        except ImportError as exc:
            raise InputError("--clusters needs gensim", "pip install 'rasid[train]'") from exc
    from rasid.ner.auto import AUTO_FILE
    from rasid.ner.clusters import CLUSTERS_FILE

    if args.no_auto and (Path(out) / AUTO_FILE).is_file():
        (Path(out) / AUTO_FILE).unlink()  # a table an earlier --auto run left in OUT must not be read by this model
    result = train_model(data, out, res.path("actors.json"), res.path("people_titles.json"),
                         words=res.get("lexicon"), log=log, corpora=corpora,
                         clusters_from=res.path("ner", CLUSTERS_FILE),
                         auto_corpora=unlabelled if args.auto else None,
                         auto_from=None if args.no_auto else res.path("ner", AUTO_FILE))
    print(f"trained on {result.train_sentences} sentences in {result.seconds:.0f} s -> {out}")
    if result.scores:
        print(f"{'TEST':8}{'P':>7}{'R':>7}{'F1':>7}")
        for typ in sorted(result.scores, key=lambda t: (t == "ALL", t)):
            p, r, f = result.scores[typ]
            print(f"{typ:8}{p:7.3f}{r:7.3f}{f:7.3f}")
    if args.net:
        from rasid.ner.clusters import word_vectors
        from rasid.ner.train import train_net_model

        if not vectors.is_file():
            vectors.parent.mkdir(parents=True, exist_ok=True)
            word_vectors(unlabelled, log=log).save(str(vectors))
            log(f"word vectors saved to {vectors} (reused by the next --net)")
        summary = train_net_model(data, out, vectors, res.get("lexicon"), log=log)
        print(f"net: best epoch {summary['best_epoch']}, held-out F1 {summary['held_out_f1']:.3f}, "
              f"{summary['seconds']:.0f} s -> {out}")
        if "scores" in summary:
            print(f"{'TEST, CRF + net, with propagation':36}")
            print(f"{'':8}{'P':>7}{'R':>7}{'F1':>7}")
            for typ in sorted(summary["scores"], key=lambda t: (t == "ALL", t)):
                p, r, f = summary["scores"][typ]
                print(f"{typ:8}{p:7.3f}{r:7.3f}{f:7.3f}")
    return 0
