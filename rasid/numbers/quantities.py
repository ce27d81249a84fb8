"""Quantities: every number expression with what it counts.

Conventions (low/high):
- an exact number gives low = high («8 عناصر» -> 8, 8);
- «نحو/حوالي/قرابة/زهاء/ما يقارب 300» (about) keep the number as both bounds: 300, 300 — annotators and
  ACLED record the stated figure;
- «أكثر من/ما يزيد عن/ما لا يقل عن 300», «300 على الأقل» (at least) give low = 300, high = None;
- «أقل من/ما دون 300» (at most) give low = None, high = 300;
- vague plurals are lower bounds: «عشرات» 20, «مئات» 100, «آلاف» 1000, «عدد من/عدة» 2 (high None);
  «بضعة» 3–9;
- ranges «بين 3 إلى 9», «من 3 إلى 9», «3-9», «1500 دولار إلى 3000 دولار» give low 3, high 9.
The kind comes from the counted noun («قتيلاً» killed, «عناصر» people, «غارات» strikes, «دولار» money,
«أشهر» duration) and is sharpened by the words around the number («مقتل 22 شخصاً» killed,
«ضابطاً استشهد» killed, «اعتقال 8 أشخاص» detained).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rasid.doc import Entity, Quantity
from rasid.numbers.lexicon import NumberLexicon
from rasid.numbers.scan import Words
from rasid.numbers.words import read_number
from rasid.text import normalize

_BREAK = set(".،,؛;:!?؟\n")
_SENTENCE_END = set(".؛;!?؟\n")
_GLUED_CLITICS = frozenset({"و", "ف", "ب", "ل", "وب", "ول", "فب", "فل"})
_HARM = ("killed", "injured", "casualties")
PERSON_KINDS = ("killed", "injured", "detained", "abducted", "people", "casualties")


@dataclass
class _Amount:
    low: float | None
    high: float | None
    start: int  # first word
    end: int  # one past the last word read
    offset: int  # clitic chars of the first word left out of the span
    exact: bool  # a stated number (not a vague plural)
    ambiguous: bool = False
    is_digits: bool = False


def _thousands(word: str, v: float | None) -> float | None:
    """A fractional count of people written «24.680» or «1.250.000» read with «.» as the thousands mark."""
    if v is None or v.is_integer():
        return v
    digits = word.replace("\u066b", ".")
    return float(digits.replace(".", "")) if re.fullmatch(r"\d{1,3}(\.\d{3})+", digits) else v


class _Finder:
    def __init__(self, text: str, words: Words, lex: NumberLexicon, skip: Sequence[tuple[int, int, str]],
                 people: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self.w = words
        self.lx = lex
        self.skip = skip  # original-text spans of times: (start, end, normalised text)
        self.people = people  # spans of PER entities, for «خرج فلان وفلان مع شخص آخر»

    # ---- reading the amount ---------------------------------------------------------------------
    def vague(self, i: int) -> tuple[tuple[float, float | None], int, int] | None:
        got = self.w.phrase(i, self.lx.vague, 3)
        if got is None:
            for form, off in self.w.stems(i):
                if form.startswith("ال") and len(form) > 4:
                    v = self.lx.vague.get((form[2:],))
                    if v is not None:
                        nxt = self.w.phrase(i + 1, self.lx.vague, 1, clitics=False)
                        if nxt is not None and self.w.word(i + 1) in ("الاف", "الالاف", "الملايين"):
                            return (v[0] * 1000, None), 2, off
                        return v, 1, off
            return None
        v, n, off = got
        return v, n, off

    def number(self, i: int) -> _Amount | None:
        num = read_number(self.w, i, self.lx)
        if num is None:
            return None
        if not num.words and self.w.glued(i) and self.w.word(i - 1) not in _GLUED_CLITICS:
            return None  # an ordinal «الـ3», a model «T90»
        if not num.words and len(self.w.word(i)) > 1 and self.w.word(i).startswith("0"):
            return None  # a code «0404»
        if num.words and num.end == i + 1 and self.w.stems(i)[-1][0] in ("احد", "احدي"):
            return None  # «أحد/إحدى» + noun is «one of», not a count
        prev = self.w.word(i - 1)
        if i > 0 and set(self.w.gap(i - 1).strip()) <= set("(-") and (
                self.w.is_in(i - 1, self.lx.identifier_before, clitics=True)
                or not num.words and prev.isascii() and prev.isalpha() and len(prev) <= 3):
            return None  # a label or a model: «القرار 2254», «المادة (12)», «رقم 38», «إف 16», «F-16»
        if num.words and prev in self.lx.ordinals_before and self.w.word(i).startswith("ال"):
            return None  # the tens of an ordinal: «الثالث والثلاثون»
        if not num.words and (i == 0 or set(self.w.gap(i - 1)) & set(".:\n")) and \
                self.w.gap(num.end - 1).strip()[:1] in ("-", ".", ")") and not self.w.word(num.end)[:1].isdigit():
            return None  # a list bullet «2 - يجوز…», «3. حالات…»
        if not num.words and i > 0 and self.w.starts[i] > 0:
            before = self.w.norm.text[self.w.starts[i] - 1]
            prev = self.w.word(i - 1)
            gap = self.w.gap(i - 1)
            if ":" in gap and prev.isdigit() and len(prev) <= 2 and len(self.w.word(i)) <= 2:
                return None  # a clock time «11:00»
            if "-" in gap and prev and not prev[0].isdigit() and not before.isspace() or \
                    ("-" in gap and prev and not prev[0].isdigit() and gap.strip() == "-" and
                     self.w.ends[i - 1] == self.w.starts[i] - len(gap) and not self.w.word(i - 1)[-1:].isdigit()
                     and len(prev) <= 3):
                return None  # a model name «إف-16», «F-16»
            nxt = self.w.gap(i)
            if nxt.startswith(":"):
                return None
        return _Amount(num.value, num.value, i, num.end, num.offset, True, num.ambiguous, not num.words)

    def amount(self, i: int) -> _Amount | None:
        """The amount at word i: approximations, ranges, vague plurals, numbers."""
        ap = self.w.phrase(i, self.lx.approx, 4)
        if ap is not None:
            mode, n, off = ap
            inner = self.amount(i + n)
            if inner is None or not self.w.adjacent(i, i + n):
                return None
            inner.ambiguous = False  # «نحو عشر قطع»: after an approximation «عشر» is a number
            if mode == "more":
                inner.high = None if inner.high == inner.low else inner.high
            elif mode == "less":
                inner.low = None
            inner.start, inner.offset = i, off
            return inner
        op = self.w.phrase(i, self.lx.range_openers, 3)
        if op is not None:
            _, n, off = op
            rng = self.range_from(i + n, opener=self.w.word(i + n - 1))
            if rng is not None:
                rng.start, rng.offset = i, off
                return rng
        vg = self.vague(i)
        if vg is not None:
            (lo, hi), n, off = vg
            return _Amount(lo, hi, i, i + n, off, False)
        num = self.number(i)
        if num is None:
            return None
        rng = self.range_tail(num)
        return rng or num

    def range_from(self, i: int, opener: str) -> _Amount | None:
        """«بين 3 إلى 9», «من 3 إلى 9 أشخاص», «بين 1500 دولار إلى 3000 دولار»."""
        a = self.number(i)
        if a is None:
            return None
        rng = self.range_tail(a, allow_and=opener != "من")
        if rng is None or rng is a:
            return None
        return rng

    def range_tail(self, a: _Amount, allow_and: bool = False) -> _Amount | None:
        """A second number after `a`: «3-9», «3 إلى 9», «ثلاثة أو أربعة», a repeated noun in between."""
        j = a.end
        gap = self.w.gap(j - 1)
        k = j
        # «1500 دولار إلى 3000 دولار»: the unit may sit between the two numbers
        if (self.unit_at(k) is not None or self.noun_at(k) is not None) and \
                self.w.word(k + 1) in self.lx.range_joiners | {"الي"}:
            k += 1
            gap = self.w.gap(k - 1)
        if gap.strip() in ("-", "–") and k == j:
            b = self.number(k)
        elif self.w.word(k) in ("الى", "الي", "او", "حتى") or (allow_and and self.w.word(k) == "و"):
            b = self.number(k + 1)
        elif allow_and and self.w.word(k).startswith("و") and k < len(self.w):
            b = self._number_after_wa(k)
        else:
            b = None
        if b is None or b.low is None or a.low is None or b.low <= a.low:
            return None
        return _Amount(a.low, b.low, a.start, b.end, a.offset, True, False, a.is_digits)

    def _number_after_wa(self, k: int) -> _Amount | None:
        num = read_number(self.w, k, self.lx)
        if num is None or num.offset != 1:
            return None
        return _Amount(num.value, num.value, k, num.end, 1, True)

    # ---- what is counted ----------------------------------------------------------------------------
    def unit_at(self, k: int) -> tuple[str, str] | None:
        """(kind, unit) of a currency or duration word at k."""
        for form, _ in self.w.stems(k)[:1]:
            if form in self.lx.currencies:
                return "money", self.lx.currencies[form]
            if form in self.lx.durations:
                return "duration", self.lx.durations[form]
        return None

    def noun_at(self, k: int) -> tuple[str, str | None] | None:
        for form, _ in self.w.stems(k):
            bare = form[2:] if form.startswith("ال") else form
            # the accusative ending of «طناً», «صاروخاً» is not always listed
            for f in (form, bare, bare[:-1] if bare.endswith("ا") and len(bare) > 2 else bare):
                if f in self.lx.noun_kind:
                    return self.lx.noun_kind[f], self.lx.noun_unit.get(f) or None
        return None

    def counted(self, a: _Amount) -> tuple[str | None, str | None, int]:
        """Kind and unit from what follows the amount; returns the new end word."""
        k = a.end
        if not self.w.adjacent(a.end - 1, k):
            return None, None, k
        u = self.unit_at(k)
        if u is not None:
            kind, unit = u
            k += 1
            if kind == "money":
                q = self.w.lookup(k, self.lx.currency_qualifiers, clitics=False)
                if q is not None and self.w.adjacent(k - 1, k):
                    unit, k = q[0], k + 1
            return kind, unit, k
        cp = self.w.phrase(k, self.lx.casualty_phrases, 4, clitics=False)
        if cp is not None and self.w.adjacent(k - 1, k):
            return "casualties", "persons", k + cp[1]  # «20 بين قتيل وجريح»
        if self.w.word(k) == "من":
            k += 1
        n = self.noun_at(k)
        if n is not None and self.w.adjacent(a.end - 1, k) and not (
                self.w.word(k)[:1] == "و" and self.w.word(k) not in self.lx.noun_kind):
            # (not a noun after «و»: «استشهاد 15 وإصابة 33» counts 15 of the first word, not of «إصابة»)
            return n[0], n[1], k + 1
        w = self.w.word(a.end)
        if a.exact and len(w) > 4 and (w.endswith("يين") or w.endswith("يون")):
            return "people", "persons", a.end + 1  # a plural of origin: «7 إسرائيليين», «3 انتحاريين»
        if a.exact and a.low is not None and 11 <= a.low <= 99 and len(w) > 4 and w.endswith("يا") \
                and not w.startswith("ال"):
            return "people", "persons", a.end + 1  # 11–99 count with a singular accusative: «40 سورياً»
        return None, None, a.end

    def context_kind(self, start: int, end: int) -> str | None:
        """A killed/injured/detained/abducted word just before the amount or just after what it counts."""
        i = start - 1
        steps = 0
        # «قتل زوجها … سنة 2005، مع نحو 14 من العناصر»: a companion phrase shares the verb of its clause,
        # so look further back and across commas
        along = self.w.is_in(start - 1, self.lx.companions, clitics=True)
        limit, stops = (15, _SENTENCE_END) if along else (4, _BREAK)
        while i >= 0 and steps < limit:
            if set(self.w.gap(i)) & stops:
                break
            # the longest phrase ending at word i first: «قتل وجرح» (casualties) before «جرح» (injured)
            for back in (2, 1, 0):
                if i - back >= 0 and self.w.adjacent(i - back, i):
                    got = self.w.phrase(i - back, self.lx.context, back + 1)
                    if got is not None and got[1] == back + 1:
                        return got[0]
            i -= 1
            steps += 1
        # scraped text often loses a space: «سوريامقتل 17 عنصراً», «استشهدمن جراء»
        glued_before = self.w.word(start - 1)
        if start > 0 and not set(self.w.gap(start - 1)) & _BREAK:
            for (cw, *rest), kind in self.lx.context.items():
                if not rest and len(cw) >= 4 and len(glued_before) > len(cw) + 1 and glued_before.endswith(cw):
                    return kind
        glued_after = self.w.word(end)
        if end < len(self.w) and self.w.adjacent(end - 1, end):
            for (cw, *rest), kind in self.lx.context_after.items():
                if not rest and len(cw) >= 4 and len(glued_after) > len(cw) + 1 and glued_after.startswith(cw):
                    return kind
        k = end
        steps = 0
        while k < len(self.w) and steps < 3:
            if set(self.w.gap(k - 1)) & _BREAK:
                break
            got = self.w.phrase(k, self.lx.context_after, 3)
            if got is not None:
                return got[0]
            k += 1
            steps += 1
        return None

    def overlaps_time(self, s: int, e: int) -> str | None:
        for ts, te, tnorm in self.skip:
            if ts < e and s < te:
                return tnorm
        return None

    # ---- driver -------------------------------------------------------------------------------------
    def make(self, a: _Amount, kind: str | None, unit: str | None, end: int) -> Quantity | None:
        counted_kind = kind  # what the noun itself says, before the context sharpens it
        ctx = self.context_kind(a.start, end)
        if ctx is not None and (kind in (None, "people") or (kind in PERSON_KINDS and kind not in ("killed", "injured")
                                                             and ctx in _HARM)):
            # the event word decides: «مقتل 50 أسيراً» counts the killed, «اعتقال 8 ضباط» the detained; a noun
            # that says killed or wounded keeps its word («سقط 3 قتلى و5 جرحى»: the «قتلى» before is not theirs)
            kind = ctx
        if counted_kind in ("killed", "injured") and end > a.start:
            nxt = self.w.stems(end)
            if len(nxt) > 1 and nxt[0][0][0] == "و" and self.w.adjacent(end - 1, end):
                other = self.noun_at(end)
                if other is not None and {counted_kind, other[0]} == {"killed", "injured"}:
                    kind, end = "casualties", end + 1  # «مئة شهيد وجريح», «عشرات القتلى والجرحى»
        if kind is None and a.end == a.start + 1 and self.w.word(a.start).startswith("ال"):
            # «العناصر الخمسة»: a definite number follows the noun it counts
            before = self.noun_at(a.start - 1)
            if before is not None and self.w.adjacent(a.start - 1, a.start):
                kind, unit = before
        if kind is None:
            if a.ambiguous or (a.low == 1 and a.high == 1):
                return None  # «ست» (lady), «حجر واحد» (an adjective, not a count)
            if a.is_digits and all(v is None or (1900 <= v <= 2100 and v.is_integer()) for v in (a.low, a.high)):
                return None  # a year or a span of years «(2003-2013)»
            kind = "other"
        if kind in PERSON_KINDS:
            unit = "persons"
            if a.is_digits and a.end == a.start + 1:  # «24.680 شخصاً»: people are whole, so «.» groups thousands
                a.low, a.high = (_thousands(self.w.word(a.start), v) for v in (a.low, a.high))
        # an approximation word after the noun: «اثنين على الأقل», «300 تقريباً»
        aa = self.w.phrase(end, self.lx.approx_after, 2)
        if aa is not None and self.w.adjacent(end - 1, end):
            if aa[0] == "more":
                a.high = None
            end += aa[1]
        if self.w.word(end) in ("اخرين", "اخرون", "اخري", "اخر") and self.w.adjacent(end - 1, end):
            end += 1
        s, e = self.w.span(a.start, end, a.offset)
        if self.w.word(end - 1) == "%" or self.w.norm.text[self.w.ends[end - 1]:self.w.ends[end - 1] + 1] == "%":
            e += 1
            kind, unit = "percent", "%"
        return Quantity(kind, a.low, a.high, unit, self.text[s:e], s, e)

    def duals(self, i: int) -> Quantity | None:
        """«قتيلين», «جنديين», «بقذيفتين»: a dual noun counts two; «وأصيب آخران», two others (not after a
        dual noun or a number, which already count them)."""
        if self.w.word(i) == "اخران" and i > 0 and self.w.adjacent(i - 1, i) and (
                any(f in self.lx.duals for f, _ in self.w.stems(i - 1))
                or read_number(self.w, i - 1, self.lx) is not None):
            return None  # «شخصان آخران», «اثنان آخران»: counted with the word before
        for form, off in self.w.stems(i):
            if form in self.lx.duals and self.lx.duals[form] is not None:
                kind = self.lx.duals[form]
                assert kind is not None
                unit = self.lx.dual_units.get(form)
                if kind == "duration":
                    kind = "duration"
                elif kind in PERSON_KINDS:
                    unit = "persons"
                    ctx = self.context_kind(i, i + 1)
                    if kind == "people" and ctx:
                        kind = ctx
                elif kind == "strikes":
                    unit = "strikes"
                elif kind == "aircraft":
                    unit = "aircraft"
                end = i + 1
                if self.w.word(end) in ("اخرين", "اخران") and self.w.adjacent(i, end):
                    end += 1
                s, e = self.w.span(i, end, off)
                return Quantity(kind, 2, 2, unit, self.text[s:e], s, e)
        return None

    def another(self, i: int) -> Quantity | None:
        """«وأصيب شخص آخر», «قتل عنصر آخر»: one more person; «مقتل شخص واحد»: one person."""
        nxt = self.w.word(i + 1)
        if nxt not in ("اخر", "اخري") and nxt not in self.lx.one_after_noun or not self.w.adjacent(i, i + 1):
            return None
        n = self.noun_at(i)
        if n is None or n[0] not in PERSON_KINDS or self.w.stems(i)[-1][0].startswith("ال"):
            return None
        kind = n[0] if n[0] != "people" else (self.context_kind(i, i + 2) or "people")
        s, e = self.w.span(i, i + 2, self.w.stems(i)[-1][1] if len(self.w.stems(i)) > 1 else 0)
        return Quantity(kind, 1, 1, "persons", self.text[s:e], s, e)

    def single(self, i: int) -> Quantity | None:
        """«مقتل شخص», «استشهاد طفل», «قتل شاب»: an indefinite singular person noun right after a word of
        killing, wounding, arrest or abduction counts one (not «مقتل الشاب», nor «شخص آخر»: `another`)."""
        w = self.w.word(i)
        if i == 0 or not self.w.adjacent(i - 1, i) or w.startswith("ال") \
                or not any(f in self.lx.one_person or f[:-1] in self.lx.one_person for f, _ in self.w.stems(i)):
            return None
        nxt = self.w.word(i + 1)
        if nxt in ("اخر", "اخري") or nxt in self.lx.one_after_noun:
            return None
        got = self.w.phrase(i - 1, self.lx.context, 1)
        if got is None or got[1] != 1 or got[0] not in PERSON_KINDS:
            return None
        s, e = self.w.span(i, i + 1)
        return Quantity(got[0], 1, 1, "persons", self.text[s:e], s, e)

    def lone(self, i: int) -> Quantity | None:
        """«ضابطاً سورياً استشهد», «طفلاً قتل»: an indefinite accusative person noun, with no number before
        it, whose own verb says killed/injured — one person."""
        w = self.w.word(i)
        if not w.endswith("ا") or w.startswith("ال") or read_number(self.w, i - 1, self.lx) is not None:
            return None
        n = self.noun_at(i)
        if n is None or n[0] != "people":
            return None
        for k in (i + 1, i + 2):
            if not self.w.adjacent(i, k):
                break
            kind = self.lx.context_after.get((self.w.word(k),))
            if kind is not None:
                off = next((o for f, o in self.w.stems(i) if f in self.lx.noun_kind or f[:-1] in self.lx.noun_kind), 0)
                s, e = self.w.span(i, k + 1, off)
                return Quantity(kind, 1, 1, "persons", self.text[s:e], s, e)
        return None

    def companions(self, i: int) -> Quantity | None:
        """«مع شخص آخر», «مع شخصين آخرين», «برفقة 3 آخرين»: the named people of the clause plus the others."""
        if not self.w.is_in(i, self.lx.companions, clitics=True):
            return None
        j = i + 1
        others: float | None = None
        if self.w.word(j) in ("اخرين", "اخرون"):
            return None
        n = self.noun_at(j)
        if n is not None and n[0] in PERSON_KINDS and self.w.word(j + 1) in ("اخر", "اخري"):
            others, end = 1, j + 2
        else:
            d = self.w.lookup(j, self.lx.duals)
            if d is not None and d[0] in PERSON_KINDS and self.w.word(j + 1) in ("اخرين", "اخران"):
                others, end = 2, j + 2
            else:
                num = read_number(self.w, j, self.lx)
                if num is None:
                    return None
                k = num.end
                if self.noun_at(k) is not None:
                    k += 1
                if self.w.word(k) not in ("اخرين", "اخرون"):
                    return None
                others, end = num.value, k + 1
        s, e = self.w.span(i, end, 0)
        # named people since the start of the clause
        cs = s
        pos = s - 1
        while pos >= 0 and self.text[pos] not in ".،,؛;:\n!?؟":
            pos -= 1
        cs = pos + 1
        named = sum(1 for ps, pe in self.people if cs <= ps and pe <= s)
        total = others + named
        kind = self.context_kind(i, end) or "people"
        return Quantity(kind, total, total, "persons", self.text[s:e], s, e)

    def find(self) -> list[Quantity]:
        out: list[Quantity] = []
        i = 0
        n = len(self.w)
        starters = self.lx.starters
        while i < n:
            wd = self.w.text[i]
            if not (wd in starters or wd[0].isdigit()
                    or (wd[0] in "وفبلك" and any(f in starters for f, _ in self.w.stems(i)))):
                i += 1
                continue
            q = self.companions(i)
            if q is not None:
                out.append(q)
                i += 1
                while i < n and self.w.starts[i] < self.w.norm.from_original(q.end, q.end)[0]:
                    i += 1
                continue
            a = self.amount(i)
            if a is not None:
                kind, unit, end = self.counted(a)
                if kind is None and a.end > a.start and not a.exact and self.w.adjacent(a.end - 1, a.end):
                    # «عشرات المدنيين»: a vague plural in construct with its noun
                    nn = self.noun_at(a.end)
                    if nn is not None:
                        kind, unit, end = nn[0], nn[1], a.end + 1
                q = self.make(a, kind, unit, end)
                if q is not None:
                    t = self.overlaps_time(q.start, q.end)
                    if t is None or (q.kind == "duration" and t.startswith("منذ")):
                        out.append(q)
                        i = max(end, i + 1)
                        continue
                    if t is not None:
                        i = max(end, i + 1)
                        continue
                i = max(a.end, i + 1)
                continue
            q = self.another(i) or self.lone(i) or self.duals(i) or self.single(i)
            if q is not None and (self.overlaps_time(q.start, q.end) is None or q.kind != "duration"):
                out.append(q)
            i += 1
        return out


def find_quantities(text: str, lex: NumberLexicon, times: Sequence[tuple[int, int, str]] = (),
                    entities: Sequence[Entity] = (), words: Words | None = None) -> list[Quantity]:
    """Every quantity in `text`. `times` are the spans (start, end, normalised text) of time expressions,
    which are not quantities unless a «منذ» span holds a duration; `entities` help count
    «خرج فلان وفلان مع شخص آخر» (three people)."""
    words = words if words is not None else Words(text)
    people = [(e.start, e.end) for e in entities if e.type == "PER"]
    names = [(e.start, e.end) for e in entities if e.type in ("PER", "ORG")]
    found = _Finder(text, words, lex, times, people).find()
    # «مجموعة العشرين», «حركة 26 تموز»: a number inside a name is part of the name
    found = [q for q in found if not any(s <= q.start and q.end <= e for s, e in names)]
    return _coordinated(text, found, lex)


#: «و» and the word after it, right after a count of people: «طفلان وامرأة», «5 مدنيين و3 عناصر».
_AND_NEXT = re.compile(r"\s*و\s*([^\s،,.؛:]+)")
#: Counts of people that add up when told in parts.
_ADDED_KINDS = frozenset(("killed", "injured", "detained", "abducted"))


def _plus(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a + b


def _coordinated(text: str, found: list[Quantity], lex: NumberLexicon) -> list[Quantity]:
    """People counted in parts joined by «و» are one count of the same kind: «قتل طفلان وامرأة» (3), «ثلاثة
    أطفال وامرأتان» (5), «5 مدنيين و3 عناصر من الشرطة» (8). A bare singular noun after «و» counts one; a
    count of another kind («قتل شخصان وأصيب ثلاثة») stays apart."""
    out: list[Quantity] = []
    for q in sorted(found, key=lambda x: x.start):
        prev = out[-1] if out else None
        if prev is not None and prev.kind == q.kind and prev.kind in _ADDED_KINDS \
                and re.fullmatch(r"\s*و\s*", text[prev.end:q.start]) and prev.low is not None and q.low is not None:
            # (an open count, «أكثر من 20», keeps the sum open)
            out[-1] = Quantity(prev.kind, prev.low + q.low, _plus(prev.high, q.high), prev.unit,
                               text[prev.start:q.end], prev.start, q.end)
            continue
        out.append(q)
    # a singular person noun after «و» («طفلان وامرأة»): one more
    for k, q in enumerate(out):
        if q.kind not in _ADDED_KINDS or q.low is None:
            continue
        m = _AND_NEXT.match(text, q.end)
        if m is None:
            continue
        word = normalize(m.group(1))
        if (word in lex.one_person or word[:-1] in lex.one_person) and not any(
                x.start < m.end() and m.start() < x.end for x in out if x is not q):
            out[k] = Quantity(q.kind, q.low + 1, _plus(q.high, 1), q.unit, text[q.start:m.end()], q.start, m.end())
    return out
