"""Tokenisation: surface tokens, and the clitic-split words inside them (DESIGN rule 2).

«وبريطانيا» is one token and two words (و + بريطانيا). Splitting is decided on the normalised form;
all offsets point into the original text through the normalisation offset map.
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


@dataclass(frozen=True)
class Lexicon:
    """Word frequencies (normalised word -> relative frequency), used to decide clitic splits."""

    freq: Mapping[str, float]
    # split_clitics results per normalised token: word frequencies are Zipfian, so a small cache hits often
    cache: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_wordfreq(cls, lang: str = "ar") -> Lexicon:
        """Build from the `wordfreq` package (ships its data; no download)."""
        import wordfreq

        merged: dict[str, float] = {}
        for w, f in wordfreq.get_frequency_dict(lang).items():
            k = normalize(w)
            merged[k] = merged.get(k, 0.0) + f
        return cls(merged)

    def get(self, word: str) -> float:
        return self.freq.get(word, 0.0)


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


def tokenize(
    text: str,
    sentences: Sequence[Sentence] | None = None,
    lexicon: Lexicon | None = None,
    view: Normalized | None = None,
) -> tuple[list[Token], list[Word]]:
    """Tokens and clitic-split words of `text`. Tokens are found on the normalised view and mapped back."""
    view = view or normalize_with_offsets(text)
    sents = list(sentences) if sentences is not None else [Sentence(0, len(text))]
    tokens: list[Token] = []
    words: list[Word] = []
    si = 0
    for m in _TOKEN.finditer(view.text):
        s, e = view.to_original(m.start(), m.end())
        if e <= s:
            continue
        while si + 1 < len(sents) and sents[si + 1].start <= s:
            si += 1
        norm = m.group()
        ti = len(tokens)
        tokens.append(Token(s, e, text[s:e], norm, si))
        pieces = lexicon.cache.get(norm) if lexicon is not None else None
        if pieces is None:
            pieces = split_clitics(norm, lexicon)
            if lexicon is not None:
                if len(lexicon.cache) > 500_000:
                    lexicon.cache.clear()
                lexicon.cache[norm] = pieces
        for a, b, kind in pieces:
            ws, we = view.to_original(m.start() + a, m.start() + b)
            if we > ws:
                words.append(Word(ws, we, text[ws:we], norm[a:b], ti, kind))
    return tokens, words
