"""The `rasid` command: thin sub-commands over the library (DESIGN rule 9)."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from rasid.errors import RasidError

#: Sub-command modules under rasid.commands, in the order --help lists them.
COMMANDS = ("extract", "eval", "train_ner", "gazetteer", "ingest", "incidents", "export", "serve")

DESCRIPTION = """\
rasid (راصد) turns Arabic news into conflict event data: who did what to whom, where, when,
how many, and according to whom — offline.

examples:
  rasid extract examples/eqtisad-hajar-aswad.txt --pretty     one article -> one JSON document
  rasid extract articles/ -o out.jsonl                       a folder -> JSONL, one document per article
  cat article.html | rasid extract - --published 2015-08-09  stdin, with the publication date
  rasid eval ../shared/gold/dev                              precision/recall against gold annotations
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rasid", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"rasid {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            mod = importlib.import_module(f"rasid.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"rasid.commands.{name}":
                continue  # that command is not part of this build
            raise
        mod.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except RasidError as err:
        print(f"rasid: error: {err.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("rasid: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("rasid")
    except PackageNotFoundError:
        return "0+unknown"


if __name__ == "__main__":
    sys.exit(main())
