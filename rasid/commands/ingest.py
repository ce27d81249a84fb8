"""`rasid ingest`: articles in, a database of documents, events and incidents out."""

from __future__ import annotations

import argparse
import functools
import os
import re
import sys
from collections import defaultdict
from typing import IO, Any

from rasid.commands.common import add_input_args
from rasid.errors import ConfigError, RasidError


def add_db_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="DB", default=os.environ.get("RASID_DB", "rasid.db"),
                   help="SQLite file or postgresql://user:pass@host/db (default: $RASID_DB, else rasid.db)")


def register(sub: Any) -> None:
    p = sub.add_parser(
        "ingest", help="process articles into a database (SQLite or PostgreSQL), skipping what is stored",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Read Arabic articles, run the pipeline on all cores and store documents, events and their "
                    "evidence in a database. Safe to rerun and to kill: an article is stored whole or not at "
                    "all, articles already stored with the same content are skipped before processing, and a "
                    "changed article replaces its old version. Afterwards reports of the same incident are "
                    "merged (see `rasid incidents`).",
        epilog="examples:\n"
               "  rasid ingest corpus.jsonl.gz                         into ./rasid.db with all cores\n"
               "  rasid ingest articles/ feeds/*.rss --db news.db --workers 2\n"
               "  rasid ingest crawl.warc.gz --db postgresql://rasid:pw@localhost/rasid\n"
               "  rasid ingest big/ --dask tcp://scheduler:8786        on a Dask cluster\n"
               "  rasid ingest big/ --dask local --parquet out/         Parquet files instead of a database\n\n"
               "exit status: 0 every input read and stored, 1 some input could not be read or processed "
               "(listed at the end by file), 2 bad usage.")
    add_input_args(p)
    add_db_arg(p)
    p.add_argument("--workers", type=int, default=os.cpu_count() or 1, metavar="N",
                   help="processes running the pipeline (default: all cores, here %(default)s)")
    p.add_argument("--batch", type=int, default=32, metavar="N", help="articles per database transaction")
    p.add_argument("--force", action="store_true",
                   help="process articles again even when stored unchanged (e.g. after upgrading rasid)")
    p.add_argument("--incidents", action=argparse.BooleanOptionalAction, default=True,
                   help="merge reports of the same incident after ingesting (default: yes)")
    p.add_argument("--dask", metavar="ADDRESS",
                   help="run the pipeline on a Dask cluster: tcp://HOST:8786, or 'local' for a local cluster")
    p.add_argument("--parquet", metavar="OUT",
                   help="with --dask: write one Parquet file of events per partition into folder OUT "
                        "instead of the database")
    p.add_argument("--partition", type=int, default=200, metavar="N", help="articles per Dask partition")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rasid.ingest import read_paths

    if args.workers < 1:
        raise ConfigError("--workers must be 1 or more", "give the number of processes")
    if args.parquet and not args.dask:
        raise ConfigError("--parquet needs --dask", "add --dask local (or a scheduler address)")
    items = read_paths(args.paths, published=args.published, source=args.source)
    show = args.progress if args.progress is not None else sys.stderr.isatty()
    bar = _bar(args.paths, show)
    from rasid.resources import ner_mode_of
    from rasid.store.load import default_pipeline

    # bound here, not read from the environment in the workers: a remote Dask worker has its own environment
    factory = functools.partial(default_pipeline, ner=ner_mode_of(args.ner))
    try:
        if args.dask:
            from rasid.distributed import ingest_dask

            stats = ingest_dask(items, args.dask, db=None if args.parquet else args.db, parquet=args.parquet,
                                partition=args.partition, force=args.force, pipeline_factory=factory,
                                on_progress=bar.update if bar else None)
        else:
            from rasid.store import open_store
            from rasid.store.load import ingest

            with _closing(open_store(args.db)) as store:
                stats = ingest(items, store, pipeline_factory=factory, workers=args.workers,
                               force=args.force, batch=args.batch, on_progress=bar.update if bar else None)
    finally:
        if bar:
            bar.close()
    n_inc = None
    if args.incidents and not args.parquet:
        from rasid.store import open_store

        with _closing(open_store(args.db)) as store:
            n_inc = store.rebuild_incidents()
    print(f"rasid: {stats.summary()}" + (f"; {n_inc} incident(s)" if n_inc is not None else ""), file=sys.stderr)
    report_errors(stats.errors, sys.stderr)
    return 1 if stats.errors else 0


def report_errors(errors: list[RasidError], out: IO[str]) -> None:
    """The per-file error report: one heading per file, one line per problem."""
    if not errors:
        return
    by_file: dict[str, list[RasidError]] = defaultdict(list)
    for e in errors:
        by_file[_file_of(e.path)].append(e)
    print(f"rasid: {len(errors)} problem(s) in {len(by_file)} file(s):", file=out)
    for path in sorted(by_file):
        print(f"  {path}:", file=out)
        for e in by_file[path]:
            line = f" line {e.line}:" if e.line is not None else ""
            hint = f" — {e.hint}" if e.hint else ""
            print(f"   {line} {e.what}{hint}".rstrip(), file=out)


def _file_of(origin: str | None) -> str:
    """'corpus.jsonl:12', 'crawl.warc#3', 'a.json[2]' -> the file."""
    if not origin:
        return "<input>"
    path = re.sub(r"(#\d+|\[\d+\])$", "", origin)
    return re.sub(r":\d+$", "", path)


def _bar(paths: list[str], show: bool) -> Any:
    if not show:
        return None
    from tqdm import tqdm

    from rasid.store.load import count_articles

    return tqdm(total=count_articles(paths), unit="article", file=sys.stderr, dynamic_ncols=True, smoothing=0.1)


class _closing:
    def __init__(self, store: Any) -> None:
        self.store = store

    def __enter__(self) -> Any:
        return self.store

    def __exit__(self, *exc: object) -> None:
        self.store.close()
