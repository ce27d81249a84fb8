"""Stage 'quantities' — placeholder that provides an empty layer; the real one replaces this module."""

from __future__ import annotations

from typing import Any

from rasid.doc import Document
from rasid.pipeline import Stage


def make(resources: Any) -> Stage:
    def run(doc: Document) -> Document:
        return doc

    return Stage("quantities", run, requires=("tokens",), provides=("quantities",))
