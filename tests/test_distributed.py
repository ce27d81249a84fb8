"""Dask: a real LocalCluster gives the same events as the single-process ingest."""

from __future__ import annotations

import gzip
import itertools
from pathlib import Path

import pytest

from rasid.ingest import read_paths
from rasid.store import open_store
from rasid.store.load import default_pipeline, ingest

pytestmark = [pytest.mark.dask, pytest.mark.slow]


@pytest.fixture(scope="module")
def src(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = shared / "data" / "corpus" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
    out = tmp_path_factory.mktemp("dask") / "d.jsonl"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        out.write_text("".join(itertools.islice(fh, 12)), encoding="utf-8")
    return out


def events(db: Path) -> list[tuple]:
    with open_store(db) as s:
        return sorted((e["id"], e["type"], e["trigger"], e["date_start"], e["fatalities"])
                      for e in s.list_events(limit=None))


def test_local_cluster_equals_single_process(src: Path, tmp_path: Path) -> None:
    from distributed import Client, LocalCluster

    from rasid.distributed import ingest_dask

    with open_store(tmp_path / "one.db") as s:
        single = ingest(read_paths([src]), s, pipeline_factory=default_pipeline)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        stats = ingest_dask(read_paths([src]), "unused", db=str(tmp_path / "dask.db"), partition=5, client=client)
        assert stats.inserted == single.inserted and not stats.errors
        expected = events(tmp_path / "one.db")
        assert events(tmp_path / "dask.db") == expected and expected
        again = ingest_dask(read_paths([src]), "unused", db=str(tmp_path / "dask.db"), partition=5, client=client)
        assert again.skipped == single.inserted and again.processed == 0

        import pyarrow.parquet as pq

        out = tmp_path / "pq"
        pstats = ingest_dask(read_paths([src]), "unused", parquet=str(out), partition=5, client=client)
        table = pq.read_table(out)
        with open_store(tmp_path / "one.db") as s:
            factual = {e["id"] for e in s.list_events({"factual": True}, limit=None)}
        assert table.num_rows == len(factual) == pstats.events
        assert set(table.column("rasid_id").to_pylist()) == factual
