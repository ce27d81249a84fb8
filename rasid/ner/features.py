"""CRF features for one normalised token and its neighbours.

Speed matters (≥ 20k tokens/s in pure Python): everything that depends on a word alone — its clitic-stripped
base, affixes, shape, lexicon flags and the copies of those features as seen from a neighbour — is computed
once per distinct word and cached; a sentence is then only list concatenation.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from rasid.ner.auto import AutoLexicon
from rasid.ner.clusters import WordClusters
from rasid.ner.clusters import features as cluster_features
from rasid.ner.lexicon import FeatureLexicon
from rasid.text.tokens import Lexicon, split_clitics

#: Cache entry: own features, then the features a neighbour at -2, -1, +1, +2 sees. Tuples, not lists: a
#: tuple of strings drops out of the garbage collector's tracking, so the cache (100k+ of them) does not
#: make every full collection longer.
_Entry = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]


class Featurizer:
    """Turns normalised token sequences into crfsuite attribute lists. One per loaded model."""

    def __init__(self, lex: FeatureLexicon, words: Lexicon | None, max_cache: int = 200_000,
                 clusters: WordClusters | None = None, auto: AutoLexicon | None = None) -> None:
        self.lex = lex
        self.words = words
        self.clusters = clusters
        self.auto = auto
        self.max_cache = max_cache
        self._cache: dict[str, _Entry] = {}

    def _freq_bin(self, w: str) -> str:
        f = self.words.get(w) if self.words is not None else 0.0
        return "f0" if f <= 0 else f"f{min(9, int(-math.log10(f)))}"

    def split(self, norm: str) -> tuple[str, str]:
        """(proclitic chain, base) of a normalised token, the article counted in the chain."""
        # the lexicon's cached split: the tokenizer has usually just split this very token
        pieces = self.words.pieces(norm) if self.words is not None else split_clitics(norm, None)
        for a, b, kind in pieces:
            if kind == "base":
                return norm[:a], norm[a:b]
        return "", norm

    def _entry(self, w: str, keep: bool = True) -> _Entry:
        """The five feature lists of word `w`; `keep=False` does not cache them (a caller that keeps its own,
        smaller, form of them: `CRFTagger` keeps attribute ids, ~10 times smaller than these strings)."""
        e = self._cache.get(w)
        if e is not None:
            return e
        lex = self.lex
        pro, base = self.split(w)
        bare = w[2:] if w.startswith("ال") and len(w) > 4 else w
        flags: list[str] = []
        if base in lex.given or w in lex.given:
            flags.append("G")
        if base in lex.surname or w in lex.surname or bare in lex.surname:
            flags.append("S")
        if w in lex.geo or base in lex.geo:
            flags.append("GEO")
        if w in lex.geo_part or base in lex.geo_part:
            flags.append("GP")
        if w in lex.actor or base in lex.actor:
            flags.append("ACT")
        if w in lex.title or base in lex.title:
            flags.append("T")
        c0 = w[0] if w else ""
        if c0.isdigit():
            shape = "D"
        elif not c0.isalpha():
            shape = "P"
        elif c0.isascii():
            shape = "L"
        else:
            shape = "A"
        fb = self._freq_bin(base or w)
        # word clusters of the word (its base when the table lacks the whole token), and of the base
        cl = cluster_features(self.clusters, (w, base))
        if self.clusters is not None and base and base != w:
            cl += ["b" + x for x in cluster_features(self.clusters, (base,))]
        # how often the CRF itself tagged this word as a name in unlabelled news (rasid.ner.auto)
        if self.auto is not None:
            cl += self.auto.features(w, base)
        core = [f"w={w}", f"b={base}", f"pc={pro}", f"sh={shape}", fb, *flags, *cl]
        own = [*core, f"p2={base[:2]}", f"p3={base[:3]}", f"s2={base[-2:]}", f"s3={base[-3:]}",
               f"s1={base[-1:]}", f"s4={base[-4:]}", f"p1={w[:1]}", f"ws2={w[-2:]}", f"ln={min(len(base), 8)}",
               "bias"]
        if pro.endswith("ال") or pro.endswith("لل"):
            own.append("art")
        near = [f"w={w}", f"b={base}", fb, f"sh={shape}", *flags, f"s2={base[-2:]}", f"pc={pro}", *cl]
        far = [f"b={base}", *flags]
        e = (tuple(own), tuple(["-2" + x for x in far]), tuple(["-1" + x for x in near]),
             tuple(["+1" + x for x in near]), tuple(["+2" + x for x in far]))
        if keep:
            if len(self._cache) >= self.max_cache:
                self._cache.clear()
            self._cache[w] = e
        return e

    def sequence(self, norms: Sequence[str]) -> list[list[str]]:
        """crfsuite attributes for each token of one sentence. `CRFTagger._attribute_ids` builds the same
        attributes as model ids in the same order: change both together (tests/test_ner.py compares them)."""
        entries = [self._entry(w) for w in norms]
        n = len(entries)
        out: list[list[str]] = []
        for i in range(n):
            feats = list(entries[i][0])
            if i >= 1:
                feats += entries[i - 1][2]
                feats.append(f"bg={norms[i - 1]}|{norms[i]}")
                if i >= 2:
                    feats += entries[i - 2][1]
            else:
                feats.append("BOS")
            if i + 1 < n:
                feats += entries[i + 1][3]
                feats.append(f"bn={norms[i]}|{norms[i + 1]}")
                if i + 2 < n:
                    feats += entries[i + 2][4]
            else:
                feats.append("EOS")
            out.append(feats)
        return out
