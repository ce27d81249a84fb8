"""`rasid ingest`: idempotent, crash-safe, reports bad input per file and stores the rest."""

from __future__ import annotations

import gzip
import itertools
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rasid.cli import main
from rasid.ingest import read_paths
from rasid.pipeline import Pipeline, load_pipeline
from rasid.store import open_store
from rasid.store.load import ingest

ROOT = Path(__file__).resolve().parent.parent


def light_pipeline() -> Pipeline:
    """Only the text layer: these tests are about storing, not extraction."""
    return load_pipeline(stages=["prepare"])


@pytest.fixture(scope="module")
def corpus(shared: Path) -> list[dict]:
    path = shared / "data" / "corpus" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in itertools.islice(fh, 60)]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_rerun_skips_and_changed_article_updates(tmp_path: Path, corpus: list[dict]) -> None:
    src = write_jsonl(tmp_path / "a.jsonl", corpus[:8])
    with open_store(tmp_path / "r.db") as store:
        first = ingest(read_paths([src]), store, pipeline_factory=light_pipeline)
        assert first.inserted == 8 and not first.errors
        again = ingest(read_paths([src]), store, pipeline_factory=light_pipeline)
        assert again.skipped == 8 and again.processed == 0  # skipped before the pipeline
        changed = [dict(r) for r in corpus[:8]]
        changed[0]["content"] = changed[0]["content"] + "\n\nتحديث: ارتفع عدد الضحايا."
        third = ingest(read_paths([write_jsonl(tmp_path / "a.jsonl", changed)]), store,
                       pipeline_factory=light_pipeline)
        assert third.updated == 1 and third.skipped == 7
        assert store.count_articles() == 8
        doc = store.get_article(store.list_articles(limit=1)[0]["id"])  # the newest: the updated one
        assert doc is not None and "تحديث" in (doc["text"] or "")


def test_bad_folder_reports_each_problem_and_stores_the_rest(tmp_path: Path, corpus: list[dict],
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    good = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in corpus[:3]).encode()
    (folder / "cut.jsonl.gz").write_bytes(gzip.compress(good * 3)[:-40])  # truncated archive
    lines = [json.dumps(r, ensure_ascii=False) for r in corpus[3:5]]
    (folder / "mixed.jsonl").write_text(lines[0] + "\n{\"text\": \"broken\n" + lines[1] + "\n", encoding="utf-8")
    db = tmp_path / "bad.db"
    rc = main(["ingest", str(folder), "--db", str(db), "--workers", "1", "--no-progress", "--no-incidents"])
    err = capsys.readouterr().err
    assert rc == 1
    assert "image.txt" in err and "binary" in err
    assert "cut.jsonl.gz" in err and "truncated" in err
    assert "mixed.jsonl" in err and "line 2" in err
    with open_store(db) as store:
        ids = {a["id"] for a in store.list_articles(limit=None)}
    # the two good lines of mixed.jsonl, and what the truncated gzip held before the cut
    assert len(ids) >= 2 + 1
    assert {r.get("url") for r in corpus[3:5]} <= {a["url"] for a in open_store(db).list_articles(limit=None)}


@pytest.mark.slow
def test_sigkill_then_rerun_stores_every_article_exactly_once(tmp_path: Path, corpus: list[dict]) -> None:
    src = write_jsonl(tmp_path / "k.jsonl", corpus[:40])
    db = tmp_path / "k.db"
    cmd = [sys.executable, "-m", "rasid.cli", "ingest", str(src), "--db", str(db), "--workers", "1",
           "--batch", "2", "--no-progress", "--no-incidents"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(cmd, env=env, stderr=subprocess.DEVNULL)
    stored = 0
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                with sqlite3.connect(db) as c:
                    stored = c.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if stored >= 4:
                break
    assert proc.poll() is None, "ingest finished before it could be killed; give it more articles"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 0 < stored < 40
    rerun = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    readable = sum(1 for x in read_paths([src]) if not isinstance(x, Exception))
    with sqlite3.connect(db) as c:
        n, distinct = c.execute("SELECT COUNT(*), COUNT(DISTINCT content_hash) FROM articles").fetchone()
        assert n == distinct == readable
        # no partial article: every article has exactly the events it says it has
        bad = c.execute("SELECT COUNT(*) FROM articles a WHERE n_events <> "
                        "(SELECT COUNT(*) FROM events e WHERE e.article_id = a.id)").fetchone()[0]
        assert bad == 0
        assert c.execute("SELECT COUNT(*) FROM article_fts").fetchone()[0] == n


@pytest.mark.slow
def test_two_workers_equal_one(tmp_path: Path, corpus: list[dict]) -> None:
    from rasid.store.load import default_pipeline

    src = write_jsonl(tmp_path / "w.jsonl", corpus[:10])
    results = []
    for workers in (1, 2):
        with open_store(tmp_path / f"w{workers}.db") as store:
            ingest(read_paths([src]), store, pipeline_factory=default_pipeline, workers=workers, window=4)
            results.append(sorted((e["id"], e["type"], e["trigger"]) for e in store.list_events(limit=None)))
    assert results[0] == results[1] and results[0]


def test_help_names_the_flags(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["ingest", "--help"])
    out = capsys.readouterr().out
    for flag in ("--db", "--workers", "--dask", "--parquet", "--force"):
        assert flag in out


def test_force_reprocesses_and_rewrites(tmp_path: Path, corpus: list[dict]) -> None:
    src = write_jsonl(tmp_path / "f.jsonl", corpus[:3])
    with open_store(tmp_path / "f.db") as store:
        ingest(read_paths([src]), store, pipeline_factory=light_pipeline)
        forced = ingest(read_paths([src]), store, pipeline_factory=light_pipeline, force=True)
        assert forced.processed == 3 and forced.updated == 3 and store.count_articles() == 3


def test_a_document_the_store_refuses_is_reported_not_fatal(tmp_path: Path) -> None:
    from test_store_docs import make_doc

    from rasid.store.load import IngestStats, _store

    good, bad = make_doc("g1"), make_doc("b1")
    bad = bad.replace(events=bad.events * 2)  # two events with one id: the store refuses this document
    stats = IngestStats()
    errors: list = []
    with open_store(tmp_path / "s.db") as store:
        _store(store, [good, bad, make_doc("g2")], stats, 8, errors.append, lambda n: None)
        assert store.count_articles() == 2
    assert len(errors) == 1 and "b1" in errors[0].what and stats.inserted == 2
