"""Word access over the normalised text, shared by the dates and quantities stages.

Both stages match small grammars word by word. Matching runs on the normalised view
(`rasid.text.normalize_with_offsets`: alef, yaa, taa marbuta and digits unified) and every span found
is mapped back to the original text, so `doc.text[start:end]` is always the surface form.
A word may carry proclitics («وأمس», «بثلاثة», «للشهر»): `stems(i)` offers the bare forms too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TypeVar

from rasid.text import Normalized, normalize_with_offsets

V = TypeVar("V")


class Phrases(dict[tuple[str, ...], V]):
    """A table of multi-word entries that knows its first words and its longest entry, so that
    `Words.phrase` rejects most words with one set look-up."""

    def __init__(self, items: Mapping[tuple[str, ...], V]) -> None:
        super().__init__(items)
        self.firsts = frozenset(k[0] for k in self)
        self.longest = max((len(k) for k in self), default=0)

# digits with thousands/decimal separators, or a run of letters: «و1.5» and «الـ3» are two words each
# (a clitic or article glued to a number), found again with `glued`
_WORD = re.compile(r"\d+(?:[.,\u066b\u066c]\d+)*|[^\W\d_]+", re.UNICODE)


class Words:
    """The words of a normalised text with their character spans (normalised offsets)."""

    def __init__(self, text: str, norm: Normalized | None = None) -> None:
        self.norm = norm if norm is not None else normalize_with_offsets(text)
        t = self.norm.text
        found = [(m.start(), m.end()) for m in _WORD.finditer(t)]
        self.starts = [s for s, _ in found]
        self.ends = [e for _, e in found]
        self.text = [t[s:e] for s, e in found]
        # sep[i]: something other than spaces stands between word i and word i+1 (punctuation breaks phrases)
        self.sep = [bool(t[self.ends[k]:self.starts[k + 1]].strip()) for k in range(len(found) - 1)] + [True]
        self._stems: dict[int, list[tuple[str, int]]] = {}

    def __len__(self) -> int:
        return len(self.text)

    def stems(self, i: int) -> list[tuple[str, int]]:
        """(form, offset into the word) for the word and its forms without proclitics: و/ف, then ب/ل/كال;
        «لل» gives «ال» (the article's alef is elided after ل)."""
        got = self._stems.get(i)
        if got is not None:
            return got
        if not 0 <= i < len(self.text):
            return []
        w = self.text[i]
        out = [(w, 0)]
        k = 0
        if len(w) > 2 and w[0] in "وف":
            k = 1
            out.append((w[1:], 1))
        rest = w[k:]
        # «ك» only before the article («كالعادة»): elsewhere it is usually a root letter («كمية», «كانون»)
        if len(rest) > 2 and (rest[0] in "بل" or rest.startswith("كال")):
            if rest.startswith("لل") and len(rest) > 3:
                out.append(("ال" + rest[2:], k + 1))
            else:
                out.append((rest[1:], k + 1))
        self._stems[i] = out
        return out

    def word(self, i: int) -> str:
        return self.text[i] if 0 <= i < len(self.text) else ""

    def lookup(self, i: int, table: Mapping[str, V], clitics: bool = True) -> tuple[V, int] | None:
        """The value of word i (or of one of its bare forms) in `table`, with the char offset where it starts."""
        if not 0 <= i < len(self.text):
            return None
        if not clitics:
            v = table.get(self.text[i])
            return (v, 0) if v is not None else None
        for form, off in self.stems(i):
            v = table.get(form)
            if v is not None:
                return v, off
        return None

    def is_in(self, i: int, words: frozenset[str] | set[str], clitics: bool = False) -> bool:
        if not 0 <= i < len(self.text):
            return False
        if not clitics:
            return self.text[i] in words
        return any(f in words for f, _ in self.stems(i))

    def phrase(self, i: int, table: Mapping[tuple[str, ...], V], longest: int,
               clitics: bool = True) -> tuple[V, int, int] | None:
        """Longest multi-word entry of `table` starting at word i: (value, words used, char offset)."""
        if not 0 <= i < len(self.text):
            return None
        forms = self.stems(i) if clitics else [(self.text[i], 0)]
        if isinstance(table, Phrases):
            firsts = table.firsts
            for f, _ in forms:  # a plain loop, not any(): this runs for every word and table
                if f in firsts:
                    break
            else:
                return None
            longest = min(longest, table.longest)
        for n in range(min(longest, len(self.text) - i), 0, -1):
            if n > 1 and not self.adjacent(i, i + n - 1):
                continue
            tail = tuple(self.text[i + 1:i + n])
            for form, off in forms:
                v = table.get((form, *tail))
                if v is not None:
                    return v, n, off
        return None

    def glued(self, i: int) -> bool:
        """True when word i follows word i-1 with nothing between («ال» + «3» in «الـ3»)."""
        return 0 < i < len(self.text) and self.ends[i - 1] == self.starts[i]

    def gap(self, i: int) -> str:
        """The characters between word i and word i+1."""
        if not 0 <= i < len(self.text) - 1:
            return ""
        return self.norm.text[self.ends[i]:self.starts[i + 1]]

    def adjacent(self, i: int, j: int) -> bool:
        """True when words i..j are separated only by spaces (no punctuation breaks the phrase)."""
        if i < 0 or j > len(self.text):
            return False
        return not any(self.sep[i:j])

    def span(self, i: int, j: int, offset: int = 0) -> tuple[int, int]:
        """Original-text span of words i..j-1 (j exclusive), skipping `offset` clitic chars of word i."""
        s, e = self.norm.to_original(self.starts[i] + offset, self.ends[j - 1])
        return s, self.extend(e)

    def extend(self, e: int) -> int:
        """Move an original end offset over the marks normalisation dropped after the last letter
        («سورياً», «غدٍ», «هـ»): they belong to the word."""
        orig = self.norm.original
        while e < len(orig) and ("\u064b" <= orig[e] <= "\u065f" or orig[e] in "\u0670\u0640"):
            e += 1
        return e
