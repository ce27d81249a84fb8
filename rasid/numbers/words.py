"""Reading one cardinal number at a word position: digits (ASCII or Arabic-Indic, already unified by
normalisation), number words («ثلاثة», «خمسة وعشرون», «ثلاثمئة», «خمسة آلاف») and digits with a scale
(«1.5 مليون»)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rasid.numbers.lexicon import NumberLexicon
from rasid.numbers.scan import Words

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class Number:
    value: float
    start: int  # first word
    end: int  # one past the last word
    offset: int  # clitic characters to skip in the first word
    words: bool  # written in words (not digits)
    ambiguous: bool = False  # a single word that is also an ordinary word («ست», «أحد»)


def parse_digits(s: str) -> float | None:
    """«1,500» -> 1500 (groups of three after a comma are thousands), «2.5» -> 2.5."""
    s = s.replace("\u066b", ".").replace("\u066c", ",")  # Arabic decimal and thousands separators
    if not _DIGITS.fullmatch(s):
        return None
    if "," in s and "." in s:
        # «9.098,27» and «1,234.5»: the last separator marks the decimals, the other one groups thousands
        dec, grp = (",", ".") if s.rfind(",") > s.rfind(".") else (".", ",")
        whole, frac = s.rsplit(dec, 1)
        parts = whole.split(grp)
        if dec in whole or not all(len(g) == 3 for g in parts[1:]):
            return None
        return float("".join(parts) + "." + frac)
    if "," in s:
        head, *groups = s.split(",")
        if all(len(g) == 3 for g in groups):
            return float(head + "".join(groups))
        return float(head + "." + "".join(groups)) if len(groups) == 1 else None
    if s.count(".") > 1:
        return float(s.replace(".", "")) if all(len(g) == 3 for g in s.split(".")[1:]) else None
    return float(s)


def _strip_al(form: str) -> str:
    return form[2:] if form.startswith("ال") and len(form) > 4 else form


def read_number(words: Words, i: int, lex: NumberLexicon) -> Number | None:
    """The cardinal starting at word i, or None."""
    if i >= len(words):
        return None
    w = words.text[i]
    if w[0].isdigit():
        v = parse_digits(w)
        if v is None:
            return None
        j = i + 1
        sc = words.lookup(j, lex.scales, clitics=False) if words.adjacent(i, j) else None
        if sc is not None and sc[0] > 100:
            v *= sc[0]
            j += 1
        return Number(v, i, j, 0, False)
    allw = lex.number_words
    frac = words.lookup(i, lex.fractions)
    if frac is not None and words.adjacent(i, i + 1):
        # «نصف مليون», «ربع مليار»
        scale = lex.scales.get(words.word(i + 1))
        if scale is not None and scale >= 1000:
            return Number(frac[0] * scale, i, i + 2, frac[1], True)
    first = None
    for form, off in words.stems(i):
        for f in (form, _strip_al(form)):
            if f in allw:
                first = (f, off)
                break
        if first:
            break
    if first is None:
        return None
    total = 0.0
    cur = 0.0
    j = i
    form, off = first
    n_terms = 0
    while True:
        if form in lex.units:
            u = lex.units[form]
            nxt = words.word(j + 1)
            if nxt in lex.teen_suffix and words.adjacent(j, j + 1):
                cur += u + 10
                j += 1
            elif words.word(j + 1) in ("مئه", "مائه", "ميه", "مايه") and words.adjacent(j, j + 1):
                cur += u * 100
                j += 1
            else:
                cur += u
        elif form in lex.tens:
            cur += lex.tens[form]
        elif form in lex.hundreds:
            cur += lex.hundreds[form]
        elif form in lex.dual_scales:
            total += lex.dual_scales[form]
        elif form in lex.scales:
            s = lex.scales[form]
            if s == 100:
                cur = (cur or 1) * 100
            else:
                total += (cur or 1) * s
                cur = 0
        else:
            break
        n_terms += 1
        j += 1
        # continue with a scale word directly («ثلاثة آلاف») or «و» + a number word («وعشرون»)
        nxt = words.word(j)
        if not nxt or not words.adjacent(j - 1, j):
            break
        if nxt in lex.scales:
            form = nxt
            continue
        if nxt.startswith("و") and nxt[1:] in allw:
            form = nxt[1:]
            continue
        break
    value = total + cur
    if value <= 0:
        return None
    ambiguous = n_terms == 1 and j == i + 1 and first[0] in lex.ambiguous
    return Number(value, i, j, off, True, ambiguous)
