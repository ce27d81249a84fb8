"""Sentence splitting for Arabic news: Arabic and Latin end punctuation, newlines, closing quotes."""

from __future__ import annotations

import re

from rasid.doc import Sentence

# End punctuation (one or more, e.g. "..", "؟!") optionally followed by closing quotes/brackets; or a newline.
# A full stop between digits ("1.5") is not an end.
_END = re.compile(r"(?:(?<!\d)[.!?؟؛…]+|[.!?؟؛…]+(?!\d))[\"'»”)\]]*|\n+")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Split text[start:end] into sentences, trimmed of surrounding white space."""
    end = len(text) if end is None else end
    out: list[Sentence] = []
    pos = start
    for m in _END.finditer(text, start, end):
        _add(text, pos, m.end(), out)
        pos = m.end()
    _add(text, pos, end, out)
    return out


def _add(text: str, s: int, e: int, out: list[Sentence]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s and any(c.isalnum() for c in text[s:e]):
        out.append(Sentence(s, e))
    elif e > s and out:
        # stray punctuation: glue it to the previous sentence so no text falls between sentences
        out[-1] = Sentence(out[-1].start, e)
