"""Tokenisation: surface tokens, and the clitic-split words inside them (DESIGN rule 2).

«وبريطانيا» is one token and two words (و + بريطانيا). Splitting is decided on the normalised form;
all offsets point into the original text through the normalisation offset map. A token that is two words
glued together by a lost space («حالةعلاج») is one token and two words too (`_glue_split`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from rasid.doc import Sentence, Token, Word
from rasid.text.normalize import Normalized, normalize, normalize_with_offsets

# A number (with thousands/decimal separators), a run of word characters (letters, digits, Arabic marks),
# or any other single non-space character (punctuation).
_TOKEN = re.compile(r"\d+(?:[.,٫٬]\d+)*|[\w\u064B-\u065F\u0670\u0640]+|[^\s\w]", re.UNICODE)


@lru_cache(maxsize=1)
def _clitic_table() -> dict[str, Any]:
    raw = resources.files("rasid.text").joinpath("tables/clitics.json").read_text(encoding="utf-8")
    return dict(json.loads(raw))


#: Bound of a Lexicon's clitic-split cache: a long run sees an open vocabulary (names, typos), so the cache is
#: cleared when it reaches this size (~40 MB; refilling costs a few articles' worth of misses).
SPLIT_CACHE_MAX = 100_000


@dataclass(frozen=True)
class Lexicon:
    """Word frequencies (normalised word -> relative frequency), used to decide clitic splits."""

    freq: Mapping[str, float]
    # split_clitics results per normalised token: word frequencies are Zipfian, so a small cache hits often
    cache: dict[str, tuple[tuple[int, int, str], ...]] = field(default_factory=dict, compare=False, repr=False)
    glue_cache: dict[str, tuple[tuple[int, float], ...]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_wordfreq(cls, lang: str = "ar") -> Lexicon:
        """Build from the `wordfreq` package (ships its data; no download)."""
        import wordfreq

        # wordfreq keeps its own dict cached for the life of the process (the gazetteer asks it too), so the
        # words that normalising leaves unchanged and the frequencies not summed reuse its objects: ~40 MB
        # less per process than fresh copies, the same values
        merged: dict[str, float] = {}
        for w, f in wordfreq.get_frequency_dict(lang).items():
            k = normalize(w)
            if k == w:
                k = w
            old = merged.get(k)
            merged[k] = f if old is None else old + f
        return cls(merged)

    def get(self, word: str) -> float:
        return self.freq.get(word, 0.0)

    def glue_points(self, norm: str) -> tuple[tuple[int, float], ...]:
        """Where an unknown token could be two glued common words: (index, the rarer half's frequency), most
        common first, for every split whose halves are both at least the lowest `glued` Zipf in the table.
        Empty for a known word, a short token or one with non-letters. Cached with the clitic splits."""
        got = self.glue_cache.get(norm)
        if got is None:
            got = _glue_points(norm, self)
            if len(self.glue_cache) >= SPLIT_CACHE_MAX:
                self.glue_cache.clear()
            self.glue_cache[norm] = got
        return got

    def pieces(self, norm: str) -> tuple[tuple[int, int, str], ...]:
        """`split_clitics(norm, self)`, cached (bounded by SPLIT_CACHE_MAX)."""
        got = self.cache.get(norm)
        if got is None:
            got = tuple(split_clitics(norm, self))
            if len(self.cache) >= SPLIT_CACHE_MAX:
                self.cache.clear()
            self.cache[norm] = got
        return got


@lru_cache(maxsize=1)
def _not_split() -> frozenset[str]:
    return frozenset(_clitic_table().get("not_split", []))


def _pieces(chain: str) -> list[str]:
    """Split a proclitic chain into its clitics: «وبال» -> و، ب، ال; «لل» -> ل، ل (the article, alef elided)."""
    out: list[str] = []
    i = 0
    while i < len(chain):
        if chain.startswith("ال", i):
            out.append("ال")
            i += 2
        elif chain[i:] == "لل":
            out.extend(["ل", "ل"])
            i += 2
        else:
            out.append(chain[i])
            i += 1
    return out


def split_clitics(norm: str, lexicon: Lexicon | None = None) -> list[tuple[int, int, str]]:
    """Split a normalised token into (start, end, kind) pieces, kind in proclitic/base/enclitic."""
    table = _clitic_table()
    min_stem = int(table["min_stem"])
    pro: Sequence[str] = table["proclitics"]
    enc: Sequence[str] = table["enclitics"]
    if not norm or not norm[0].isalpha() or len(norm) <= min_stem or norm in _not_split():
        return [(0, len(norm), "base")]
    start = 0
    pieces: list[tuple[int, int, str]] = []
    for p in pro:
        stem = norm[len(p):]
        if not norm.startswith(p) or len(stem) < min_stem:
            continue
        if p.endswith("ال") and norm[len(p) - 2:] in _not_split():
            continue  # «والتي» is و + التي, not و + ال + تي
        if _keep_prefix(p, stem, norm, lexicon):
            pos = 0
            for c in _pieces(p):
                pieces.append((pos, pos + len(c), "proclitic"))
                pos += len(c)
            start = len(p)
            break
    # A definite noun takes no pronoun suffix: never split one from a word with the article.
    has_article = "ال" in norm[:start] or norm[:start].endswith("لل")
    end = len(norm)
    suffix: tuple[int, int, str] | None = None
    if lexicon is not None and not has_article:
        base = norm[start:]
        for s in enc:
            stem = base[: -len(s)]
            if base.endswith(s) and len(stem) >= 3 and lexicon.get(stem) > lexicon.get(base) * 2:
                end = len(norm) - len(s)
                suffix = (end, len(norm), "enclitic")
                break
    pieces.append((start, end, "base"))
    if suffix:
        pieces.append(suffix)
    return pieces


def _keep_prefix(p: str, stem: str, whole: str, lexicon: Lexicon | None) -> bool:
    if lexicon is None:
        # Without frequencies only the unambiguous chains ending in the article are split.
        return len(p) >= 3 and (p.endswith("ال") or p.endswith("لل")) and len(stem) >= 2
    fs, fw = lexicon.get(stem), lexicon.get(whole)
    if p.endswith("ال") or p.endswith("لل"):
        # «الله», «الذي», «التي»: the whole is far more common than the remainder -> not an article.
        return fs > 0 and fs * 20 >= fw
    return fs > fw


@lru_cache(maxsize=1)
def _glue_table() -> dict[str, Any]:
    t = dict(_clitic_table()["glued"])
    t["particles"] = frozenset(normalize(w) for w in t["particles"])
    t["min_freq"] = 10 ** (min(t["final_zipf"], t["particle_zipf"]) - 9)  # Zipf = log10(per billion words)
    t["proclitics"] = frozenset(_clitic_table()["proclitics"])
    t["enclitics"] = frozenset(_clitic_table()["enclitics"])
    return t


def _glue_points(norm: str, lexicon: Lexicon) -> tuple[tuple[int, float], ...]:
    t = _glue_table()
    if (len(norm) < t["min_len"] or lexicon.get(norm) > 0
            or not all("\u0621" <= c <= "\u064a" for c in norm)):
        return ()
    found: list[tuple[float, int]] = []
    for i in range(t["min_left"], len(norm) - t["min_right"] + 1):
        left, right = norm[:i], norm[i:]
        if left in t["proclitics"] or right in t["enclitics"]:
            continue  # a clitic, not a word: the clitic splitter's business
        fl = lexicon.get(left)
        if fl < t["min_freq"]:
            continue
        fr = lexicon.get(right)
        if fr >= t["min_freq"]:
            found.append((min(fl, fr), i))
    found.sort(reverse=True)
    return tuple((i, f) for f, i in found)


def _glue_split(norm: str, lexicon: Lexicon, text: str, offsets: Sequence[int], at: int) -> int | None:
    """The index where a glued token splits into two words, or None (rules in tables/clitics.json, "glued").
    The token is `norm`, found at normalised index `at`; `text[offsets[at + i]]` is the original character
    behind its index i: «ة» and «ى» are lost by normalisation (ه, ي) but are what marks the end of a word."""
    points = lexicon.glue_points(norm)
    if not points:
        return None
    t = _glue_table()
    final_min = 10 ** (t["final_zipf"] - 9)
    particle_min = 10 ** (t["particle_zipf"] - 9)
    for i, f in points:
        if f >= final_min and text[offsets[at + i - 1]] in t["final_letters"]:
            return i
        if f >= particle_min and norm[:i] in t["particles"] and norm.startswith("ال", i) and len(norm) - i >= 5:
            return i
    return None


def tokenize(
    text: str,
    sentences: Sequence[Sentence] | None = None,
    lexicon: Lexicon | None = None,
    view: Normalized | None = None,
) -> tuple[list[Token], list[Word]]:
    """Tokens and clitic-split words of `text`. Tokens are found on the normalised view and mapped back."""
    view = view or normalize_with_offsets(text)
    # The hot loop of the prepare stage (~800 tokens an article): the offset map is read directly
    # (`Normalized.to_original` inlined: a match is never empty, so its end maps to offsets[end - 1] + 1).
    offs = view.offsets
    starts = [st.start for st in sentences] if sentences is not None else [0]
    n_sents = len(starts)
    next_start = starts[1] if n_sents > 1 else -1
    tokens: list[Token] = []
    words: list[Word] = []
    add_token, add_word = tokens.append, words.append
    pieces_of = lexicon.pieces if lexicon is not None else None
    cached = lexicon.cache.get if lexicon is not None else None  # `pieces` without a method call when it hits
    freq = lexicon.freq if lexicon is not None else None
    si = 0
    for m in _TOKEN.finditer(view.text):
        ms, me = m.span()
        s, e = offs[ms], offs[me - 1] + 1
        while next_start != -1 and next_start <= s:
            si += 1
            next_start = starts[si + 1] if si + 1 < n_sents else -1
        norm = m.group()
        ti = len(tokens)
        surface = text[s:e]
        add_token(Token(s, e, surface, norm, si))
        pieces: Sequence[tuple[int, int, str]] | None = cached(norm) if cached is not None else None
        if pieces is None:
            pieces = pieces_of(norm) if pieces_of is not None else split_clitics(norm, None)
        if len(pieces) == 1 and pieces[0][0] == 0 and pieces[0][1] == len(norm):
            at = None
            if lexicon is not None and freq is not None and len(norm) >= 5 and not freq.get(norm):
                # only a token unknown to the lexicon can be two glued words
                at = _glue_split(norm, lexicon, text, offs, ms)
            if at is None:
                add_word(Word(s, e, surface, norm, ti, pieces[0][2]))  # the whole token is one word
                continue
            # two glued words («حالةعلاج»): each half split into its own clitics and base
            assert pieces_of is not None and lexicon is not None
            pieces = (*pieces_of(norm[:at]), *((a + at, b + at, k) for a, b, k in pieces_of(norm[at:])))
        for a, b, kind in pieces:
            if b <= a:
                continue
            ws, we = offs[ms + a], offs[ms + b - 1] + 1
            if we > ws:
                add_word(Word(ws, we, text[ws:we], norm[a:b], ti, kind))
    return tokens, words
