"""Arabic time expressions: found by a grammar over the normalised text, resolved against the publication
date (deictic: «أمس», «فجر الخميس»), the previous time in the article (anchored: «بعد أقل من أسبوع»,
«في اليوم التالي») or nothing (absolute: «12 آب/أغسطس 2015», «1436 هـ»).

`extract_times` returns `TimeInfo`s: the `When` that goes into `doc.times` plus what the events stage may
want to know about it (its kind, whether it lies in the future, which earlier time anchored it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from rasid.doc import Document, When
from rasid.numbers.lexicon import NumberLexicon
from rasid.numbers.scan import Words
from rasid.temporal.grammar import find
from rasid.temporal.lexicon import TimeLexicon

__all__ = ["TimeInfo", "TimeLexicon", "extract_times", "load_lexicons", "name_spans", "parse_published",
           "time_infos"]


@dataclass(frozen=True)
class TimeInfo:
    when: When
    kind: str  # absolute | deictic (needs `published`) | anchored (needs an earlier time in the article)
    future: bool = False  # «غداً», «الأسبوع المقبل»: a plan or forecast, not something that happened
    anchor: int | None = None  # index (in the same list) of the time an anchored expression counted from

    @property
    def resolved(self) -> bool:
        return self.when.start is not None


def load_lexicons(resources: Any) -> tuple[TimeLexicon, NumberLexicon]:
    """The time and number lexicons shipped in rasid/data (load once, keep them where you keep resources)."""
    return (TimeLexicon.load(resources.path("time_words.json")),
            NumberLexicon.load(resources.path("number_words.json")))


def time_infos(doc: Document, lexicons: tuple[TimeLexicon, NumberLexicon]) -> list[TimeInfo]:
    """For the events stage: a `TimeInfo` for each of `doc.times`, in the same order (kind, future flag,
    and the index of the time an anchored expression was counted from)."""
    return extract_times(doc.text, doc.published, *lexicons, names=name_spans(doc))


def name_spans(doc: Document) -> list[tuple[int, int]]:
    """Spans of person and organisation names (times inside them are part of the name)."""
    return [(e.start, e.end) for e in doc.entities if e.type in ("PER", "ORG")]


def parse_published(published: str | None) -> date | None:
    """`published` as a date: «2015-08-09», «2015-08-09T10:00:00Z»; None when absent or unreadable."""
    if not published:
        return None
    try:
        return date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None


def extract_times(text: str, published: str | None, lex: TimeLexicon, numbers: NumberLexicon,
                  words: Words | None = None, names: Sequence[tuple[int, int]] = ()) -> list[TimeInfo]:
    """Every time expression in `text`, in order of appearance, resolved where it can be.
    `names` are spans of person and organisation names: a time inside one is part of the name
    («عبدالله الخميس», «حركة 26 تموز»), not a date."""
    words = words if words is not None else Words(text)
    pub = parse_published(published)
    out: list[TimeInfo] = []
    last: int | None = None  # index of the last resolved time: the anchor for «بعد ذلك بيومين»
    for f in find(words, lex, numbers):
        s, e = words.norm.to_original(f.start, f.end)
        e = words.extend(e)  # «غدٍ», «هـ»: marks after the last letter belong to the span
        if any(ns <= s and e <= ne for ns, ne in names):
            continue
        if text.count("(", s, e) > text.count(")", s, e) and text[e:e + 1] == ")":
            e += 1  # «سبتمبر (أيلول)»: keep the closing parenthesis of an alternate month name
        anchor = None
        ref: tuple[date, date] | None = None
        if f.kind == "deictic":
            ref = (pub, pub) if pub else None
        elif f.kind == "anchored":
            anchor = last
            prev = out[last].when if last is not None else None
            if prev is not None and prev.start:
                ref = (date.fromisoformat(prev.start), date.fromisoformat(prev.end or prev.start))
        try:
            got = f.resolve(ref) if ref is not None or f.kind == "absolute" else None
        except (ValueError, OverflowError):  # «قبل 3000 عام», «31 شباط»: no such date, left unresolved
            got = None
        if got is None:
            when = When(None, None, None, text[s:e], s, e)
        else:
            when = When(got[0].isoformat(), got[1].isoformat(), got[2], text[s:e], s, e)
        out.append(TimeInfo(when, f.kind, f.future, anchor))
        if got is not None:
            last = len(out) - 1
    return out
