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
