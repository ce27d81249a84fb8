"""People the way Arabic news names them: kunyas, «بن» chains, family names with «ال», lists after
«عُرف منهم», titles kept out of the span, and short later mentions linked to the full name.

The rules work on normalised token strings of one article and return token spans; the entities stage turns
them into character spans. They complement the CRF: ANERcorp has few kunyas and noms de guerre.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rasid.ner.lexicon import FeatureLexicon
from rasid.text import normalize

#: single-letter proclitics a name may carry in running text («وأبو», «لأبو»)
_CLITICS = ("و", "ف", "ب", "ل", "ك")
#: a word this common (relative frequency) is a common word, unless a name list knows it
_COMMON = 2e-4
_END_PUNCT = frozenset(".!?؟؛;:")
_QUOTES = frozenset('"\'«»“”()')


@dataclass(frozen=True)
class PersonSpan:
    start: int  # token index
    end: int  # token index, exclusive
    role: str | None = None  # normalised title found before the name
    role_start: int | None = None  # token index of that title


def strip_clitic(norm: str) -> str:
    """The token without one single-letter proclitic («وأبو» → «ابو»)."""
    if len(norm) >= 3 and norm[0] in _CLITICS:
        return norm[1:]
    return norm


class PeopleRules:
    def __init__(self, titles: frozenset[str], title_phrases: frozenset[tuple[str, ...]],
                 kunya_heads: frozenset[str], nasab: frozenset[str], list_cues: frozenset[tuple[str, ...]],
                 not_names: frozenset[str], lex: FeatureLexicon) -> None:
        self.titles = titles
        self.title_phrases = title_phrases
        # longest first, then by text: iterating the frozenset itself would pick between two titles that both
        # end at a name («ولي العهد», «ولي ولي العهد») by string hashes, so differently from one process to the next
        self._title_phrases = sorted(title_phrases, key=lambda p: (-len(p), p))
        self.kunya_heads = kunya_heads
        self.nasab = nasab
        self.list_cues = list_cues
        self.not_names = not_names
        self.lex = lex

    @classmethod
    def from_table(cls, table: Mapping[str, Any], lex: FeatureLexicon) -> PeopleRules:
        def words(key: str) -> frozenset[str]:
            return frozenset(normalize(w) for w in table.get(key, []))

        def phrases(key: str) -> frozenset[tuple[str, ...]]:
            return frozenset(tuple(normalize(w).split()) for w in table.get(key, []))

        return cls(words("titles"), phrases("title_phrases"), words("kunya_heads"), words("nasab_joiners"),
                   phrases("list_cues"), words("not_names"), lex)

    # --- word tests -------------------------------------------------------------------------------
    def is_title(self, norm: str) -> bool:
        # «للشهيد» is ل + «الشهيد» (the article's alef falls after ل)
        return norm in self.titles or strip_clitic(norm) in self.titles or (
            norm.startswith("لل") and len(norm) > 4 and "ال" + norm[2:] in self.titles)

    def known_name(self, norm: str) -> bool:
        lex = self.lex
        bare = norm[2:] if norm.startswith("ال") else norm
        return norm in lex.given or norm in lex.surname or bare in lex.surname or bare in lex.given

    def name_word(self, norm: str, freq: float, loose: bool = False) -> bool:
        """Could `norm` be part of a personal name? `loose` accepts any rare-enough content word."""
        if len(norm) < 2 or not norm[0].isalpha() or not norm[0] >= "\u0621":
            return False
        if norm in self.not_names or norm in self.titles or norm in self.kunya_heads:
            return False
        if self.known_name(norm):
            return freq < _COMMON * 25 or norm.startswith("ال") is False
        return loose and freq < _COMMON

    # --- spans ------------------------------------------------------------------------------------
    def kunyas(self, norms: Sequence[str], freqs: Sequence[float], sent: Sequence[int],
               blocked: Sequence[bool]) -> list[PersonSpan]:
        """«أبو/أم X [Y]», with an optional «ال» family name or a rare surname after X."""
        out: list[PersonSpan] = []
        n = len(norms)
        i = 0
        while i < n - 1:
            head = strip_clitic(norms[i])
            if head not in self.kunya_heads or blocked[i] or sent[i + 1] != sent[i]:
                i += 1
                continue
            x = norms[i + 1]
            if not (x.isalpha() and len(x) >= 2 and x not in self.not_names and x not in self.titles):
                i += 1
                continue
            end = i + 2
            # the family name: «ال…» (الخابوري، الحمد) or a rare word / known surname (دهمان، كحلة)
            if end < n and sent[end] == sent[i] and not blocked[end]:
                y = norms[end]
                if y.isalpha() and y[0] not in "و" and y not in self.not_names and not self.is_title(y) and (
                        y.startswith("ال") and freqs[end] < _COMMON * 5
                        or self.known_name(y) or freqs[end] < _COMMON / 4):
                    end += 1
            out.append(self._with_title(PersonSpan(i, end), norms, sent))
            i = end
        return out

    def extend_nasab(self, spans: list[PersonSpan], norms: Sequence[str], sent: Sequence[int]) -> list[PersonSpan]:
        """Extend a name over «بن/ابن X» chains («محمد بن سلمان بن عبد العزيز»)."""
        out = []
        for s in spans:
            end = s.end
            while end + 1 < len(norms) and sent[end + 1] == sent[s.start] and norms[end] in self.nasab \
                    and norms[end + 1].isalpha() and norms[end + 1] not in self.not_names:
                end += 2
                if norms[end - 1] == "عبد" and end < len(norms):
                    end += 1
            out.append(PersonSpan(s.start, end, s.role, s.role_start) if end != s.end else s)
        return out

    def lists(self, norms: Sequence[str], freqs: Sequence[float], sent: Sequence[int],
              is_per: Sequence[bool]) -> list[PersonSpan]:
        """People listed after «عُرف منهم» / «وهم» / «من بينهم», separated by «و» and commas."""
        out: list[PersonSpan] = []
        n = len(norms)
        done = 0  # tokens before this were already read as part of a list
        firsts = {c[0] for c in self.list_cues}
        cues = sorted(self.list_cues, key=len, reverse=True)
        for i in range(n):
            if i < done or norms[i] not in firsts:
                continue
            for cue in cues:
                k = len(cue)
                if tuple(norms[i:i + k]) != cue:
                    continue
                j = i + k
                items: list[PersonSpan] = []
                while j < n and sent[j] == sent[i]:
                    if norms[j] in {"،", ","}:
                        j += 1
                        continue
                    first = norms[j] if not items else strip_clitic(norms[j]) if norms[j][0] == "و" else norms[j]
                    if not (first in self.kunya_heads or is_per[j] or (
                            self.known_name(first) and self.name_word(first, freqs[j]))):
                        break
                    e = j + 1
                    while e < n and sent[e] == sent[i] and e - j < 4 and norms[e][0] != "و" and (
                            self.name_word(norms[e], freqs[e], loose=True) or is_per[e]):
                        e += 1
                    if first in self.kunya_heads and e == j + 1:
                        break
                    items.append(PersonSpan(j, e))
                    j = e
                    if j >= n or norms[j] in _END_PUNCT:
                        break
                if len(items) >= 2 or (items and is_per[items[0].start]):
                    out.extend(items)
                    done = j
                break
        return out

    def _with_title(self, span: PersonSpan, norms: Sequence[str], sent: Sequence[int]) -> PersonSpan:
        role, at = self.title_before(span.start, norms, sent)
        return PersonSpan(span.start, span.end, role, at) if role else span

    def title_before(self, start: int, norms: Sequence[str], sent: Sequence[int]) -> tuple[str | None, int | None]:
        """A title or rank just before token `start` (skipping quotes and «السابق/الحالي»)."""
        j = start - 1
        while j >= 0 and sent[j] == sent[start] and (norms[j] in _QUOTES or norms[j] in {
                "السابق", "الحالي", "الاسبق", "الجديد", "المزعوم"}):
            j -= 1
        # «الرئيس الروسي فلاديمير بوتين», «رئيس الوزراء الإسرائيلي …»: a nationality (a definite nisba) between
        # the title and the name belongs to the role
        adj: list[str] = []
        while (j > 0 and sent[j] == sent[start] and len(adj) < 2 and norms[j].startswith("ال") and len(norms[j]) > 4
               and norms[j].endswith(("ي", "يه"))):
            adj.insert(0, norms[j])
            j -= 1
        if j < 0 or sent[j] != sent[start]:
            return None, None
        for phrase in self._title_phrases:
            k = len(phrase)
            if j - k + 1 >= 0 and tuple(norms[j - k + 1:j + 1]) == phrase:
                return " ".join([*phrase, *adj]), j - k + 1
        if self.is_title(norms[j]):
            return " ".join([strip_clitic(norms[j]) if norms[j] not in self.titles else norms[j], *adj]), j
        return None, None

    def short_mentions(self, full: Sequence[PersonSpan], norms: Sequence[str], freqs: Sequence[float],
                       taken: Sequence[bool]) -> list[tuple[int, PersonSpan]]:
        """Later one-word mentions of a full name's family name («قطيش» after «صلاح قطيش»).

        Returns (index into `full`, span). A family name shared by two different full names is ambiguous
        and is not linked; common words are never linked."""
        owners: dict[str, set[str]] = {}
        first_at: dict[str, int] = {}
        for k, s in enumerate(full):
            if s.end - s.start < 2 or strip_clitic(norms[s.start]) in self.kunya_heads and s.end - s.start < 3:
                continue
            last = norms[s.end - 1]
            if last in self.nasab or freqs[s.end - 1] >= _COMMON / 4 or not last.isalpha():
                continue
            owners.setdefault(last, set()).add(" ".join(norms[s.start:s.end]))
            first_at.setdefault(last, k)
        out: list[tuple[int, PersonSpan]] = []
        for i, w in enumerate(norms):
            if taken[i]:
                continue
            for form in (w, strip_clitic(w)):
                if form in owners and len(owners[form]) == 1 and full[first_at[form]].start < i:
                    out.append((first_at[form], PersonSpan(i, i + 1)))
                    break
        return out
