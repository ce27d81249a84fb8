"""Organisation names built from a head noun («السلطات», «وزارة», «شرطة») and its modifiers.

News names state bodies generically — «السلطات التونسية», «وزارة الداخلية المغربية», «شرطة مكافحة الإرهاب» —
and no registry can list every country's ministries. Arabic grammar marks the boundary: a definite head takes
definite adjectives; a construct head («وزارة») takes a genitive chain that ends at its first definite word,
then definite adjectives. The head lists are data (`rasid/data/org_heads.json`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rasid.text import normalize

_MAX_CHAIN = 3  # indefinite words in a genitive chain («شرطة مكافحة الإرهاب»)
_MAX_MODS = 3
_QUOTES = frozenset('"«»“”')


def strip_heads(w: str) -> tuple[str, ...]:
    """`w`, then `w` without the proclitics that can stand before a noun: «و/ف», «ب/ل/ك», «و/ف» + «ب/ل/ك»."""
    out = [w]
    if w[:1] in ("و", "ف", "ب", "ل", "ك") and len(w) > 3:
        out.append(w[1:])
    if w[:1] in ("و", "ف") and w[1:2] in ("ب", "ل", "ك") and len(w) > 4:
        out.append(w[2:])
    return tuple(out)


class OrgRules:
    def __init__(self, definite: frozenset[str], construct: frozenset[str], alone: frozenset[str],
                 not_modifiers: frozenset[str], titles: frozenset[str] = frozenset(),
                 speech: frozenset[str] = frozenset(), not_adjectives: frozenset[str] = frozenset()) -> None:
        self.titles = titles
        #: people who follow an organisation's name as the object of the verb, not as its adjective
        #: («اعتقلت قوات الأمن الناشط»), though they may be its genitive («تنسيقية المعتقلين»)
        self.not_adjectives = not_adjectives
        self.speech = speech
        self.definite = definite
        self.construct = construct
        self.alone = alone
        self.not_modifiers = not_modifiers

    @classmethod
    def from_table(cls, table: Mapping[str, Any], extra_stop: frozenset[str] = frozenset(),
                   titles: frozenset[str] = frozenset()) -> OrgRules:
        def words(key: str) -> frozenset[str]:
            return frozenset(normalize(w) for w in table.get(key, []))

        return cls(words("definite"), words("construct"), words("alone"), words("not_modifiers") | extra_stop,
                   titles, words("speech_verbs"), words("not_adjectives"))

    def outlets(self, norms: Sequence[str], sent: Sequence[int]) -> list[tuple[int, int]]:
        """«أوضح مصدر لـ "اقتصاد"»: the quoted name the speaker talked to is a media outlet."""
        out: list[tuple[int, int]] = []
        n = len(norms)
        for i in range(n - 3):
            if norms[i] != "ل" or norms[i + 1] not in _QUOTES:
                continue
            j = i + 2
            while j < n and j - i <= 5 and norms[j] not in _QUOTES and norms[j][:1].isalpha():
                j += 1
            if j >= n or norms[j] not in _QUOTES or j == i + 2 or sent[j] != sent[i]:
                continue
            before = [strip_heads(w)[-1] for w in norms[max(0, i - 6):i]] + list(norms[max(0, i - 6):i])
            if any(w in self.speech for w in before):
                out.append((i + 2, j))
        return out

    def is_head(self, w: str) -> bool:
        return any(h in self.definite or h in self.construct for h in strip_heads(w))

    def _modifier(self, w: str) -> bool:
        return w.startswith("ال") and len(w) > 3 and w.isalpha() and w not in self.not_modifiers \
            and w not in self.definite and w not in self.not_adjectives

    def _head(self, w: str) -> str:
        """The token without the proclitics («و», «ف», then «ب/ل/ك») that stand before a head noun."""
        for h in strip_heads(w):
            if h in self.definite or h in self.construct:
                return h
        return w

    def _chain(self, w: str) -> bool:
        """An indefinite word inside a genitive chain; a preposition-led word («بمكتب») ends the chain."""
        if not w.isalpha() or w.startswith("ال") or w in self.not_modifiers:
            return False
        return not (w[0] in "بلك" and (w[1:] in self.construct or w[1:].startswith("ال")))

    def find(self, norms: Sequence[str], sent: Sequence[int], blocked: Sequence[bool]
             ) -> list[tuple[int, int, int]]:
        """(start, end, letters of proclitic on the head) of organisation phrases, not crossing sentences or
        blocked tokens."""
        out: list[tuple[int, int, int]] = []
        n = len(norms)
        i = 0
        while i < n:
            w = norms[i]
            head = self._head(w)
            end = i + 1
            ok = False
            if blocked[i] or (i > 0 and sent[i - 1] == sent[i] and norms[i - 1] in self.titles):
                pass  # «وزير الخارجية الجزائري» names a person's office, not the ministry
            elif head in self.definite:
                end = self._mods(norms, sent, blocked, i, end)
                ok = end > i + 1 or head in self.alone
            elif head in self.construct:
                j = end
                while j < n and j - end < _MAX_CHAIN and sent[j] == sent[i] and not blocked[j] \
                        and self._chain(norms[j]):
                    j += 1
                w2 = norms[j] if j < n else ""
                if j < n and sent[j] == sent[i] and not blocked[j] and w2.startswith("ال") and len(w2) > 3 \
                        and w2.isalpha() and w2 not in self.not_modifiers:
                    end = self._mods(norms, sent, blocked, i, j + 1)
                    ok = True
            if ok:
                out.append((i, end, len(w) - len(head)))
                i = end
            else:
                i += 1
        return out

    def _mods(self, norms: Sequence[str], sent: Sequence[int], blocked: Sequence[bool], i: int, end: int) -> int:
        k = 0
        while end < len(norms) and k < _MAX_MODS and sent[end] == sent[i] and not blocked[end] \
                and self._modifier(norms[end]):
            end += 1
            k += 1
        return end


class FacilityRules:
    """Named facilities and camps as places: a head («قاعدة», «مطار», «مخيم»), one or two name words,
    then definite adjectives («الجوية», «الدولي»). A name word is a rare word, a known place, or an «ال» word;
    common words («مطار عسكري») are descriptions, not names."""

    def __init__(self, heads: frozenset[str], stop: frozenset[str], regions: frozenset[str] = frozenset(),
                 common: float = 5e-5) -> None:
        self.heads = heads
        self.regions = regions
        self.stop = stop
        self.common = common

    @classmethod
    def from_table(cls, table: Mapping[str, Any], stop: frozenset[str] = frozenset()) -> FacilityRules:
        return cls(frozenset(normalize(w) for w in table.get("heads", [])), stop,
                   frozenset(normalize(w) for w in table.get("region_heads", [])))

    def find(self, norms: Sequence[str], freqs: Sequence[float], sent: Sequence[int], blocked: Sequence[bool],
             geo: frozenset[str]) -> list[tuple[int, int, int]]:
        out: list[tuple[int, int, int]] = []
        n = len(norms)
        i = 0
        while i < n:
            w = norms[i]
            head = next((h for h in strip_heads(w) if h in self.heads), None)
            j = i + 1
            if head is None or blocked[i] or j >= n or sent[j] != sent[i] or blocked[j]:
                i += 1
                continue
            x = norms[j]
            if not (x.isalpha() and x not in self.stop and x not in self.heads and (
                    x in geo or freqs[j] < self.common or (x.startswith("ال") and x[2:] in geo))):
                i += 1
                continue
            end = j + 1
            # a second name word after an indefinite one («خراب الجير»), then nisba adjectives («الجوية»,
            # «الدولي»); other definite words («المحاصرين») are not part of the name
            k = 0
            while end < n and k < 3 and sent[end] == sent[i] and not blocked[end] and norms[end].startswith("ال") \
                    and norms[end].isalpha() and norms[end] not in self.stop and len(norms[end]) > 3 and (
                        norms[end].endswith(("ي", "يه")) or (k == 0 and not x.startswith("ال"))):
                end += 1
                k += 1
            out.append((i, end, len(w) - len(head)))
            i = end
        return out
