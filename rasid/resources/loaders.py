"""Loaders for the small shared resources."""

from __future__ import annotations

from typing import Any

from rasid.text.tokens import Lexicon


def load_lexicon(res: Any) -> Lexicon:
    return Lexicon.from_wordfreq("ar")
