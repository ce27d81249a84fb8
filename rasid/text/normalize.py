"""Arabic normalisation as a *view*: a normalised string plus a map back to the original offsets.

The original text is never replaced (DESIGN rule 1). Every table is a data file entry in
`tables/normalize.json`; callers choose tables by name instead of copying functions per variant.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

#: Tables applied by default: everything that changes how a word is spelt but not what it is.
DEFAULT_TABLES: tuple[str, ...] = (
    "diacritics", "tatweel", "bidi", "alef", "hamza_carriers", "yaa", "taa_marbuta", "persian_letters",
    "digits", "quotes", "spaces", "ligatures",
)
#: A lighter set for display and tokenisation: keeps letters as written, removes only invisible marks.
LIGHT_TABLES: tuple[str, ...] = ("diacritics", "tatweel", "bidi", "digits", "spaces", "ligatures")


@lru_cache(maxsize=1)
def _all_tables() -> dict[str, dict[str, str]]:
    raw = resources.files("rasid.text").joinpath("tables/normalize.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    return {k: v for k, v in data.items() if not k.startswith("_")}


@lru_cache(maxsize=16)
def _mapping(tables: tuple[str, ...]) -> dict[str, str]:
    all_tables = _all_tables()
    merged: dict[str, str] = {}
    for name in tables:
        if name not in all_tables:
            raise KeyError(f"unknown normalisation table {name!r}; known: {sorted(all_tables)}")
        merged.update(all_tables[name])
    return merged


@lru_cache(maxsize=16)
def _translate_table(tables: tuple[str, ...]) -> dict[int, str]:
    return {ord(k): v for k, v in _mapping(tables).items()}


#: Above this length `str.translate` is the slower way: it looks every character up in a dict, while in Arabic
#: news only ~7% of the characters change; a regex finds those in C (2.3x faster on a 4,000-character article).
_LONG = 256


@lru_cache(maxsize=16)
def _changing(tables: tuple[str, ...]) -> tuple[re.Pattern[str], Callable[[re.Match[str]], str]]:
    """A pattern matching one character the tables change, and the replacement function for `re.sub`."""
    mapping = _mapping(tables)
    get = mapping.__getitem__
    pattern = re.compile("[" + "".join(re.escape(c) for c in sorted(mapping)) + "]") if mapping else re.compile(r"(?!)")
    return pattern, lambda m: get(m.group())


def _translate(text: str, tables: tuple[str, ...]) -> str:
    if len(text) < _LONG:
        return text.translate(_translate_table(tables))
    pattern, repl = _changing(tables)
    return pattern.sub(repl, text)


#: Nouns whose «آ/أ» + «ل» normalises to what looks like the article («آلية» -> «اليه», «آليات» -> «اليات», «ألف» ->
#: «الف»): a test for a definite word («starts with ال») must leave them out, they begin a new noun phrase.
ALEF_LAM_NOUNS = frozenset(("اليه", "اليات", "الف", "الاف", "الفا"))


def normalize(text: str, tables: tuple[str, ...] = DEFAULT_TABLES) -> str:
    """Normalise `text` (fast path, no offsets)."""
    return _translate(text, tables)


@dataclass(frozen=True)
class Normalized:
    """A normalised view of `original`. `offsets[i]` is the original index of normalised char i;
    `offsets[len(text)] == len(original)` so that end offsets map too."""

    original: str
    text: str
    offsets: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span [start, end) to the original text."""
        if end <= start:
            o = self.offsets[start]
            return o, o
        return self.offsets[start], self.offsets[end - 1] + 1

    def from_original(self, start: int, end: int) -> tuple[int, int]:
        """Map an original span to the smallest normalised span covering it."""
        import bisect

        s = bisect.bisect_left(self.offsets, start, 0, len(self.text))
        e = bisect.bisect_left(self.offsets, end, 0, len(self.text))
        return s, max(s, e)


def normalize_with_offsets(text: str, tables: tuple[str, ...] = DEFAULT_TABLES) -> Normalized:
    """Normalise `text` and keep, for every output character, the index it came from."""
    norm = _translate(text, tables)
    if len(norm) == len(text) and not _uneven(tables).search(text):
        # only one-to-one replacements: the offsets are the identity (the common case, and fast)
        return Normalized(text, norm, tuple(range(len(text) + 1)))
    mapping = _mapping(tables)
    offsets: list[int] = []
    pos = 0
    for m in _uneven(tables).finditer(text):
        i = m.start()
        offsets.extend(range(pos, i))
        offsets.extend([i] * len(mapping[text[i]]))
        pos = i + 1
    offsets.extend(range(pos, len(text) + 1))
    return Normalized(text, norm, tuple(offsets))


@lru_cache(maxsize=16)
def _uneven(tables: tuple[str, ...]) -> re.Pattern[str]:
    """Characters whose replacement is not exactly one character (deleted marks, ligatures)."""
    chars = sorted(k for k, v in _mapping(tables).items() if len(v) != 1)
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]") if chars else re.compile(r"(?!)")


def match_key(text: str) -> str:
    """The key used to compare names: normalised, lower-cased Latin, whitespace collapsed, quotes dropped."""
    s = normalize(text).replace('"', "").replace("'", "")
    return " ".join(s.lower().split())
