"""`rasid train-ner` end to end on a tiny corpus (the real one takes about a minute: see bench/ner.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasid.cli import main

TRAIN = """زار B-PERS
محمد I-PERS
الحلبي I-PERS
دمشق B-LOC
أمس O

وقالت O
وزارة B-ORG
الدفاع I-ORG
إن O
علي B-PERS
حسن I-PERS
وصل O
حلب B-LOC

"""


@pytest.mark.slow
def test_train_ner_writes_a_model_and_scores_test(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "cleananercorp_TRAIN.txt").write_text(TRAIN * 3, encoding="utf-8")
    (data / "cleananercorp_TEST.txt").write_text(TRAIN, encoding="utf-8")
    out = tmp_path / "model"
    assert main(["train-ner", "--data", str(data), "--out", str(out)]) == 0
    assert (out / "crf.model").stat().st_size > 0 and (out / "lexicon.json.gz").stat().st_size > 0
    printed = capsys.readouterr().out
    assert "trained on 6 sentences" in printed
    all_row = next(line for line in printed.splitlines() if line.startswith("ALL"))
    assert float(all_row.split()[-1]) > 0.5  # it learned its own training data


@pytest.mark.slow
def test_train_ner_no_auto_drops_a_table_left_in_the_output(tmp_path: Path) -> None:
    # a model trained without the auto lexicon must not read one an earlier --auto run left in OUT
    data = tmp_path / "data"
    data.mkdir()
    (data / "cleananercorp_TRAIN.txt").write_text(TRAIN * 3, encoding="utf-8")
    out = tmp_path / "model"
    out.mkdir()
    (out / "auto.tsv.gz").write_bytes(b"left over")
    assert main(["train-ner", "--data", str(data), "--out", str(out), "--no-auto"]) == 0
    assert not (out / "auto.tsv.gz").exists()


def test_train_ner_without_data_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["train-ner", "--data", str(tmp_path), "--out", str(tmp_path / "m")]) == 1
    assert "cleananercorp_TRAIN.txt" in capsys.readouterr().err


def test_train_ner_clusters_without_corpus_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "cleananercorp_TRAIN.txt").write_text(TRAIN, encoding="utf-8")
    assert main(["train-ner", "--data", str(data), "--out", str(tmp_path / "m"), "--clusters",
                 "--corpus", str(tmp_path / "absent.jsonl.gz")]) == 1
    assert "absent.jsonl.gz" in capsys.readouterr().err


def test_word_clusters_rebuild_deterministically(tmp_path: Path) -> None:
    """`rasid train-ner --clusters` must reproduce the table: the same corpus gives the same ids, in any process."""
    pytest.importorskip("gensim", reason="the 'train' extra is not installed (scripts/test.sh installs it)")
    import gzip
    import json
    import random

    from rasid.ner.clusters import build

    rng = random.Random(3)
    towns, verbs = ["حلب", "إدلب", "درعا", "حمص", "دمشق"], ["قصف", "استهدف", "هاجم"]
    people = ["محمد", "علي", "أحمد", "خالد"]
    corpus = tmp_path / "tiny.jsonl.gz"
    with gzip.open(corpus, "wt", encoding="utf-8") as fh:
        for _ in range(400):
            text = (f"{rng.choice(verbs)} الجيش مدينة {rng.choice(towns)} أمس\n"
                    f"وقال {rng.choice(people)} إن الوضع في {rng.choice(towns)} هادئ")
            fh.write(json.dumps({"title": "", "content": text}, ensure_ascii=False) + "\n")
    first = build([corpus], min_count=2, dim=16, levels=(8, 2), log=lambda _m: None)
    # another process with another string-hash seed must give the same table (set order, dict order)
    import os
    import subprocess
    import sys

    code = ("import json, sys; from rasid.ner.clusters import build; "
            "t = build([sys.argv[1]], min_count=2, dim=16, levels=(8, 2), log=lambda _m: None); "
            "print(json.dumps(sorted((w, list(v)) for w, v in t.ids.items()), ensure_ascii=False))")
    out = subprocess.run([sys.executable, "-c", code, str(corpus)], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONHASHSEED": "12345"}).stdout
    assert json.loads(out) == [[w, list(v)] for w, v in sorted(first.ids.items())]
    assert first.levels == (8, 2) and len(first) >= 10
    assert all(len(v) == 2 and 0 <= v[0] < 8 and 0 <= v[1] < 2 for v in first.ids.values())
    # the levels nest: words of one fine cluster share their coarse cluster
    coarse_of: dict[int, int] = {}
    for fine, coarse in first.ids.values():
        assert coarse_of.setdefault(fine, coarse) == coarse


@pytest.mark.slow
def test_train_ner_auto_lexicon_is_cross_fitted_and_reproducible(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """`--auto` tags the corpus with a CRF on all of TRAIN (the run-time table) and one without each fold (the
    fold's table), trains on them, and gives the same bytes twice; a table cut from another TRAIN is not used."""
    import gzip
    import json

    from rasid.ner.auto import RUN, header, load_tables

    data = tmp_path / "data"
    data.mkdir()
    (data / "cleananercorp_TRAIN.txt").write_text(TRAIN * 3, encoding="utf-8")
    corpus = tmp_path / "news.jsonl.gz"
    with gzip.open(corpus, "wt", encoding="utf-8") as fh:
        for text in ["زار محمد الحلبي دمشق أمس. وقال علي حسن إن وزارة الدفاع وصلت حلب",
                     "قالت وزارة الدفاع إن محمد الحلبي وصل حلب", "زار علي حسن دمشق"] * 3:
            fh.write(json.dumps({"content": text}, ensure_ascii=False) + "\n")
    outs = [tmp_path / "m1", tmp_path / "m2"]
    for out in outs:
        assert main(["train-ner", "--data", str(data), "--out", str(out), "--auto", "--corpus", str(corpus)]) == 0
    capsys.readouterr()
    for name in ("auto.tsv.gz", "crf.model"):
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name
    tables = load_tables(outs[0] / "auto.tsv.gz")
    assert set(tables) == {RUN, "k0", "k1"} and header(outs[0] / "auto.tsv.gz")["train"].startswith("6-")
    assert tables[RUN].forms["دمشق"] == "L2b"  # what the CRF trained on all of TRAIN tags
    # another TRAIN: the table of m1 does not fit it, so the model is trained without one
    (data / "cleananercorp_TRAIN.txt").write_text(TRAIN * 2, encoding="utf-8")
    assert main(["train-ner", "--data", str(data), "--out", str(outs[0])]) == 0
    assert "another TRAIN" in capsys.readouterr().err and not (outs[0] / "auto.tsv.gz").exists()


def test_the_shipped_feature_lexicon_matches_the_data_it_is_built_from(tmp_path: Path) -> None:
    # the CRF reads its lexicon features from rasid's place lists, actor registry and titles: edit those
    # without `rasid train-ner` and the shipped model no longer reproduces from the data
    import gzip

    from rasid.ner.lexicon import build
    from rasid.resources import Resources

    res = Resources(cache_dir=tmp_path)
    build(res.path("actors.json"), res.path("people_titles.json")).save(tmp_path / "lexicon.json.gz")
    fresh = gzip.open(tmp_path / "lexicon.json.gz").read()
    shipped = gzip.open(res.path("ner", "lexicon.json.gz")).read()
    assert fresh == shipped, "place lists, actors or titles changed: run `rasid train-ner` and commit rasid/data/ner"
