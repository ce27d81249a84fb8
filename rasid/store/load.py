"""Ingest: read articles, skip the ones already stored, run the pipeline on all cores, store in small
transactions. What `rasid ingest` calls.

Crash safety comes from the store: each batch of documents is one transaction, so a killed run leaves only
whole articles; the rerun skips them by content hash *before* the pipeline, so it is fast and stores every
article exactly once. Memory stays flat: articles are read as a stream and at most three windows of
`window` articles are in flight.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from rasid.doc import Article, Document
from rasid.errors import InputError, RasidError, StageError, StoreError
from rasid.pipeline import Pipeline, batch_gc, make_document, tune_gc_for_batch, warm_up
from rasid.store.base import PutResult, Store
from rasid.store.sql import content_hash

#: Documents per store transaction.
BATCH = 32
#: Every per-word cache of the pipeline is bounded (clear-at-size), so a worker's memory levels off by itself
#: and a worker is kept: a fresh one costs 2 s to load and runs its first few hundred articles at half speed
#: while its caches (romanized names, features, trigger readings) fill again. This is only a safety valve
#: against slow leaks in native code.
RECYCLE = 50_000
#: Articles per task sent to a worker, and per `Pipeline.run_many` batch in every mode: the romanizer decodes
#: the unknown names of a batch together (bench/ingest.py: ~8% faster than 4 per task).
CHUNK = 16


@dataclass
class IngestStats:
    read: int = 0  # articles read (not counting unreadable input)
    skipped: int = 0  # already stored with the same content: not processed again
    processed: int = 0  # went through the pipeline
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    events: int = 0
    errors: list[RasidError] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        """Processed articles per second."""
        return self.processed / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        return (f"{self.read} article(s) read: {self.inserted} new, {self.updated} updated, "
                f"{self.unchanged + self.skipped} already stored; {self.events} event(s); "
                f"{len(self.errors)} problem(s); {self.processed} processed in {self.seconds:.1f} s "
                f"({self.rate:.1f} articles/s)")


def slim(doc: Document) -> Document:
    """Drop the token/word/sentence layers: the store does not keep them and they dominate pickling cost."""
    return doc.replace(tokens=(), words=(), sentences=())


def ingest(items: Iterable[Article | InputError], store: Store, *,
           pipeline_factory: Callable[[], Pipeline], workers: int = 1, force: bool = False,
           batch: int = BATCH, window: int | None = None, recycle: int = RECYCLE,
           on_error: Callable[[RasidError], None] | None = None,
           on_progress: Callable[[int], None] | None = None) -> IngestStats:
    """Ingest a stream of articles (as from `rasid.ingest.read_paths`) into `store`.

    `pipeline_factory` builds the pipeline once per worker process (it must be picklable for workers > 1: a
    module-level function). `on_progress(n)` is called with the number of articles just finished (stored,
    skipped or failed)."""
    stats = IngestStats()
    t0 = time.perf_counter()
    window = window or max(32, 32 * workers)

    def fail(err: RasidError) -> None:
        stats.errors.append(err)
        if on_error:
            on_error(err)

    def tick(n: int) -> None:
        if on_progress and n:
            on_progress(n)

    todo = _fresh_windows(items, store, stats, force, window, fail, tick)
    if workers <= 1:
        pipeline = ready_pipeline(pipeline_factory)
        with batch_gc():
            for docs in todo:
                _store(store, _run_many(pipeline, docs), stats, batch, fail, tick, force)
    else:
        # spawn, not fork: a forked child inherits locks held by the parent's threads (tqdm's monitor, BLAS
        # pools) and can hang; a spawned worker starts clean and builds its own pipeline once
        ctx = mp.get_context("spawn")
        with ctx.Pool(workers, initializer=_worker_init, initargs=(pipeline_factory,),
                      maxtasksperchild=max(1, recycle // CHUNK)) as pool:
            prev: Any = None
            for docs in todo:
                cur = pool.map_async(_worker_run_many, list(_chunks(docs, CHUNK)), chunksize=1)
                if prev is not None:  # write the previous window while the workers run this one
                    _store(store, itertools.chain.from_iterable(prev.get()), stats, batch, fail, tick, force)
                prev = cur
            if prev is not None:
                _store(store, itertools.chain.from_iterable(prev.get()), stats, batch, fail, tick, force)
    stats.seconds = time.perf_counter() - t0
    return stats


def _fresh_windows(items: Iterable[Article | InputError], store: Store | None, stats: IngestStats, force: bool,
                   window: int, fail: Callable[[RasidError], None],
                   tick: Callable[[int], None]) -> Iterator[list[Document]]:
    """Windows of documents still to process: readers' errors reported, stored articles skipped (without a
    store — a Parquet run — only duplicates within a window are)."""
    buf: list[tuple[str, Document]] = []

    def flush() -> list[Document]:
        known = set() if (force or store is None) else store.known_hashes([h for h, _ in buf])
        out: list[Document] = []
        seen: set[str] = set()
        for h, d in buf:
            if h in known or h in seen:  # stored already, or twice in this window
                stats.skipped += 1
                continue
            seen.add(h)
            out.append(d)
        tick(len(buf) - len(out))
        buf.clear()
        return out

    for item in items:
        if isinstance(item, InputError):
            fail(item)
            tick(1)
            continue
        stats.read += 1
        doc = make_document(item)
        buf.append((content_hash(doc), doc))
        if len(buf) >= window:
            docs = flush()
            if docs:
                yield docs
    if buf:
        docs = flush()
        if docs:
            yield docs


def _chunks(docs: list[Document], n: int) -> Iterator[list[Document]]:
    for i in range(0, len(docs), n):
        yield docs[i:i + n]


def _run_many(pipeline: Pipeline, docs: list[Document]) -> Iterator[Document | RasidError]:
    """The pipeline over `docs`, CHUNK at a time (`Pipeline.run_many`), slimmed; failures as errors."""
    for part in _chunks(docs, CHUNK):
        try:
            results = pipeline.run_many(part)
        except Exception:  # noqa: BLE001 - a bug outside the stages: one article at a time names the bad one
            yield from (_run(pipeline, d) for d in part)
            continue
        for res in results:
            yield slim(res) if isinstance(res, Document) else res


def _run(pipeline: Pipeline, doc: Document) -> Document | RasidError:
    try:
        return slim(pipeline(doc))
    except RasidError as err:
        return err
    except Exception as exc:  # noqa: BLE001 - a bug in one article must not stop the batch
        return StageError(f"pipeline failed on article {doc.id!r}: {type(exc).__name__}: {exc}",
                          "please report this with the article", path=doc.meta.get("origin"))


def _store(store: Store, results: Iterable[Document | RasidError | tuple[Any, ...]], stats: IngestStats,
           batch: int, fail: Callable[[RasidError], None], tick: Callable[[int], None],
           replace: bool = False) -> None:
    docs: list[Document] = []

    def write() -> None:
        for r in _put_batch(store, docs, replace, fail):
            stats.processed += 1
            if r["status"] == "inserted":
                stats.inserted += 1
            elif r["status"] == "updated":
                stats.updated += 1
            else:
                stats.unchanged += 1
            stats.events += r["events"]
        tick(len(docs))
        docs.clear()

    for res in results:
        if isinstance(res, tuple):  # an error sent back from a worker process
            res = _unpack_error(res)
        if isinstance(res, RasidError):
            fail(res)
            tick(1)
            continue
        docs.append(res)
        if len(docs) >= batch:
            write()
    if docs:
        write()


def _put_batch(store: Store, docs: list[Document], replace: bool,
               fail: Callable[[RasidError], None]) -> list[PutResult]:
    """One transaction for the batch; if the store refuses it (one malformed document), each document alone,
    so only the bad one is reported and skipped."""
    try:
        return store.put_many(docs, replace=replace)
    except StoreError:
        out: list[PutResult] = []
        for d in docs:
            try:
                out.append(store.put(d, replace=replace))
            except StoreError as err:
                fail(StoreError(f"article {d.id!r} could not be stored: {err.what}", err.hint,
                                path=d.meta.get("origin")))
        return out


# ---------------------------------------------------------------------- worker processes

# A worker process builds its pipeline once, in the initializer, and keeps it here. This is per-process state
# of a pool worker (never of the parent), the standard multiprocessing pattern.
_WORKER: dict[str, Pipeline] = {}


def _worker_init(factory: Callable[[], Pipeline]) -> None:
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    _WORKER["pipeline"] = ready_pipeline(factory)
    tune_gc_for_batch()  # this process only runs the pipeline, for as long as it lives


def ready_pipeline(factory: Callable[[], Pipeline]) -> Pipeline:
    """The factory's pipeline with its lazily loaded resources in memory (see `rasid.pipeline.warm_up`)."""
    pipeline = factory()
    try:
        warm_up(pipeline)
    except Exception:  # noqa: BLE001 - only a warm-up: a pipeline that fails will fail on the articles too
        pass
    return pipeline


def _worker_run_many(docs: list[Document]) -> list[Document | tuple[Any, ...]]:
    return [_sendable(res) for res in _run_many(_WORKER["pipeline"], docs)]


def _sendable(res: Document | RasidError) -> Document | tuple[Any, ...]:
    if isinstance(res, RasidError):
        # exceptions with keyword arguments do not pickle faithfully: send the fields
        return (type(res).__name__, res.what, res.hint, res.path, res.line)
    return res


def _unpack_error(t: tuple[Any, ...]) -> RasidError:
    from rasid import errors

    cls = getattr(errors, t[0], StageError)
    return cls(t[1], t[2], path=t[3], line=t[4])


def default_pipeline(ner: str | None = None) -> Pipeline:
    """The default pipeline (a module-level function, so worker processes can be given it; bind `ner`, the
    recogniser, with functools.partial)."""
    from rasid.pipeline import load_pipeline
    from rasid.resources import Resources

    return load_pipeline(resources=Resources(ner_mode=ner))


def count_articles(paths: Iterable[str]) -> int | None:
    """A quick count of the articles under `paths` for the progress bar's ETA (JSONL lines, files); None for
    stdin. Cheap next to processing: it only counts lines."""
    import gzip
    from pathlib import Path

    from rasid.ingest import walk

    n = 0
    for p in paths:
        if p == "-":
            return None
        path = Path(p)
        files = sorted(walk(path)) if path.is_dir() else [path]
        for f in files:
            name = f.name.lower()
            if name.endswith((".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")):
                opener: Any = gzip.open if name.endswith(".gz") else open
                try:
                    with opener(f, "rb") as fh:
                        n += sum(1 for line in fh if line.strip())
                except (OSError, EOFError):
                    n += 1
            else:
                n += 1
    return n
