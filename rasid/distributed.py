"""Run the pipeline on a Dask cluster (dask.distributed). The only module that imports dask (DESIGN rule 4).

The client reads the articles, skips those already stored (content hash), and sends partitions of documents to
the workers; each worker builds the pipeline once and keeps it on its `Worker` object. Results come back as
slim documents and are written to the store in one transaction per partition — or, for the largest runs,
each worker writes its partition straight to a Parquet file (`--parquet OUT/`) named by the hash of the
partition's content, so a rerun overwrites rather than duplicates.

At most `2 × workers` partitions are in flight, so memory on the client stays flat however big the corpus.
"""

from __future__ import annotations

import gc
import hashlib
import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from rasid.doc import Article, Document
from rasid.errors import ConfigError, InputError, RasidError
from rasid.pipeline import Pipeline, tune_gc_for_batch
from rasid.store.load import (
    RECYCLE,
    IngestStats,
    _fresh_windows,
    _put_batch,
    _run_many,
    _sendable,
    _unpack_error,
    default_pipeline,
    ready_pipeline,
)
from rasid.store.sql import content_hash


def connect(address: str, **cluster_kwargs: Any) -> Any:
    """A `distributed.Client`: 'local' starts a LocalCluster on this machine (one single-threaded worker
    process per core unless `cluster_kwargs` say otherwise), anything else is a scheduler address."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - an optional extra
        raise ConfigError("--dask needs the 'distributed' package", "pip install 'rasid[dask]'") from exc
    if address == "local":
        opts: dict[str, Any] = {"n_workers": os.cpu_count() or 1, "threads_per_worker": 1,
                                "dashboard_address": None}
        opts.update(cluster_kwargs)
        cluster = LocalCluster(**opts)
        return Client(cluster)
    try:
        return Client(address, timeout=30)
    except OSError as exc:
        raise ConfigError(f"cannot reach the Dask scheduler at {address}: {exc}",
                          "check the address (tcp://HOST:8786) and that the scheduler runs") from exc


def process_partition(docs: list[Document], factory: Callable[[], Pipeline], parquet_dir: str | None
                      ) -> tuple[list[Any], int, int]:
    """Runs on a worker: the pipeline over one partition. Returns (documents or error tuples, events, documents
    processed); with `parquet_dir` the events go to a Parquet file and only the errors come back."""
    from distributed import get_worker

    try:
        worker: Any = get_worker()
    except ValueError:  # called outside a worker (tests, local fallback)
        worker = None
    if worker is None:
        pipeline = ready_pipeline(factory)
    else:
        # built once per worker and reused (its caches are bounded); rebuilt only as a safety valve every
        # RECYCLE articles
        if getattr(worker, "_rasid_pipeline", None) is None or getattr(worker, "_rasid_done", 0) >= RECYCLE:
            _rebuild_pipeline(worker, factory)
        pipeline = worker._rasid_pipeline
        worker._rasid_done += len(docs)
    out: list[Any] = [_sendable(res) for res in _run_many(pipeline, docs)]
    n_docs = sum(1 for r in out if isinstance(r, Document))
    if parquet_dir is None:
        return out, sum(len(r.events) for r in out if isinstance(r, Document)), n_docs
    errors, n_events = _to_parquet(out, Path(parquet_dir))
    return errors, n_events, n_docs


def _rebuild_pipeline(worker: Any, factory: Callable[[], Pipeline]) -> None:
    """Give the worker a new pipeline, warmed up, with the collector tuned for the batch
    (`rasid.pipeline.tune_gc_for_batch`). The old one is released first — no reference to it is left, and
    it is unfrozen so the collector can free it — so two pipelines are never in memory at once."""
    if getattr(worker, "_rasid_pipeline", None) is not None:
        worker._rasid_pipeline = None
        gc.unfreeze()
        gc.collect()
    worker._rasid_pipeline = ready_pipeline(factory)
    worker._rasid_done = 0
    tune_gc_for_batch()


def _to_parquet(results: list[Any], folder: Path) -> tuple[list[Any], int]:
    from rasid.export import write_parquet
    from rasid.store.sqlite import SQLiteStore

    good = [r for r in results if isinstance(r, Document)]
    key = hashlib.sha1("|".join(sorted(content_hash(d) for d in good)).encode()).hexdigest()[:16]
    folder.mkdir(parents=True, exist_ok=True)
    mem = SQLiteStore(":memory:")  # the same rows as a store export, without a shared database
    try:
        mem.put_many(good)
        tmp = folder / f".part-{key}.parquet.tmp"
        n = write_parquet(mem.export_rows({"factual": True}), tmp)
        os.replace(tmp, folder / f"part-{key}.parquet")  # atomic: a killed run leaves no half file
    finally:
        mem.close()
    return [r for r in results if not isinstance(r, Document)], n


def ingest_dask(items: Iterable[Article | InputError], address: str, *, db: str | None = None,
                parquet: str | None = None, partition: int = 200, force: bool = False,
                pipeline_factory: Callable[[], Pipeline] = default_pipeline,
                on_progress: Callable[[int], None] | None = None,
                on_error: Callable[[RasidError], None] | None = None,
                client: Any = None, **cluster_kwargs: Any) -> IngestStats:
    """Ingest on a Dask cluster into the store at `db`, or into Parquet files under `parquet`."""
    from distributed import as_completed

    from rasid.store import open_store

    if db is None and parquet is None:
        raise ConfigError("nowhere to write", "give --db or --parquet")
    stats = IngestStats()
    t0 = time.perf_counter()
    store = open_store(db) if db is not None and parquet is None else None
    own_client = client is None
    client = client or connect(address, **cluster_kwargs)

    def fail(err: RasidError) -> None:
        stats.errors.append(err)
        if on_error:
            on_error(err)

    def tick(n: int) -> None:
        if on_progress and n:
            on_progress(n)

    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))
        factory = pipeline_factory
        parts = _fresh_windows(items, store, stats, force, partition, fail, tick)
        pending = as_completed()
        in_flight = 0
        for docs in parts:
            pending.add(client.submit(process_partition, docs, factory, parquet, pure=False))
            in_flight += 1
            while in_flight >= 2 * n_workers:
                _collect(next(pending), store, stats, fail, tick, force)
                in_flight -= 1
        for fut in pending:
            _collect(fut, store, stats, fail, tick, force)
    finally:
        if store is not None:
            store.close()
        if own_client:
            cluster = getattr(client, "cluster", None)
            client.close()
            if cluster is not None:
                cluster.close()
    stats.seconds = time.perf_counter() - t0
    return stats


def _collect(fut: Any, store: Any, stats: IngestStats, fail: Callable[[RasidError], None],
             tick: Callable[[int], None], replace: bool = False) -> None:
    results, n_events, n_docs = fut.result()
    fut.release()
    docs = [r for r in results if isinstance(r, Document)]
    for r in results:
        if isinstance(r, tuple):
            fail(_unpack_error(r))
    if store is not None:
        for res in _put_batch(store, docs, replace, fail):
            stats.processed += 1
            stats.events += res["events"]
            if res["status"] == "inserted":
                stats.inserted += 1
            elif res["status"] == "updated":
                stats.updated += 1
            else:
                stats.unchanged += 1
        tick(len(results))
    else:
        # Parquet: the worker wrote the events; count what it processed
        stats.processed += n_docs
        stats.inserted += n_docs
        stats.events += n_events
        tick(n_docs + len(results))


