"""What the sub-commands share: input flags, error reports, progress, output files."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterable, Iterator
from typing import IO, Any, TypeVar

from rasid.errors import RasidError

T = TypeVar("T")


def add_input_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to read; '-' reads standard input")
    p.add_argument("--published", metavar="DATE",
                   help="publication date (YYYY-MM-DD) for articles that do not give one; relative dates "
                        "(«أمس», «فجر الخميس») are resolved against it")
    p.add_argument("--source", metavar="NAME", help="outlet name for articles that do not give one")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="show a progress bar on stderr (default: when stderr is a terminal)")
    add_ner_arg(p)


def add_ner_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--ner", choices=("fast", "accurate"), default=None,
                   help="entity recogniser: 'fast', the CRF (default), or 'accurate', the CRF combined with a "
                        "small neural net: about 3 F1 points better on CLEANANERCorp, about three times slower "
                        "to tag (default: $RASID_NER, else fast)")


class ErrorReport:
    """Collects per-article errors: each is printed as one line when it happens, counted at the end."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        self.errors: list[RasidError] = []
        self.stream = stream or sys.stderr

    def add(self, err: RasidError) -> None:
        self.errors.append(err)
        print(f"rasid: skipped {err.message}", file=self.stream)

    def finish(self, ok: int) -> int:
        if self.errors:
            print(f"rasid: {ok} article(s) done, {len(self.errors)} skipped (see the lines above)", file=self.stream)
            return 1
        if ok == 0:
            print("rasid: no articles found in the input", file=self.stream)
            return 1
        return 0


def progress(items: Iterable[T], args: argparse.Namespace, total: int | None = None,
             unit: str = "article") -> Iterator[T]:
    show = args.progress if getattr(args, "progress", None) is not None else sys.stderr.isatty()
    if not show:
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, total=total, unit=unit, file=sys.stderr, dynamic_ncols=True)


@contextlib.contextmanager
def open_output(path: str | None) -> Iterator[IO[str]]:
    if not path or path == "-":
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8") as fh:
        yield fh


def die(message: str, hint: str = "") -> Any:
    from rasid.errors import ConfigError

    raise ConfigError(message, hint)
