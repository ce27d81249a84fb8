"""The time lexicon (rasid/data/time_words.json), normalised once per `Resources`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasid.numbers.scan import Phrases
from rasid.text import normalize


def _n(word: str) -> str:
    return " ".join(normalize(word).split())


def _set(words: list[str]) -> frozenset[str]:
    return frozenset(_n(w) for w in words)


def _phrases(d: dict[str, Any] | list[str]) -> Phrases[Any]:
    items = d.items() if isinstance(d, dict) else ((w, True) for w in d)
    return Phrases({tuple(_n(k).split()): v for k, v in items})


@dataclass(frozen=True)
class TimeLexicon:
    months: dict[tuple[str, ...], tuple[int, bool]]  # words -> (month number, hijri?)
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    ambiguous_weekdays: frozenset[str]
    not_weekday_before: frozenset[str]
    day_parts: dict[tuple[str, ...], str]
    deictic_days: dict[str, int]
    day_before_yesterday: dict[tuple[str, ...], bool]
    day_after_tomorrow: dict[tuple[str, ...], bool]
    not_today_after: frozenset[str]
    past: frozenset[str]
    current: frozenset[str]
    future: frozenset[str]
    this: frozenset[str]
    periods: dict[str, str]
    units: dict[str, tuple[str, int | None]]
    vague_counts: dict[str, tuple[int, int]]
    ago: frozenset[str]
    after: frozenset[str]
    within_past: frozenset[str]
    approx: dict[tuple[str, ...], str]
    modifiers: dict[str, str]
    month_word: frozenset[str]
    year_words: frozenset[str]
    year_before: frozenset[str]
    hijri_year_marks: frozenset[str]
    gregorian_year_marks: frozenset[str]
    ordinals: dict[str, int]
    ordinal_tens: dict[str, int]
    ordinal_round: dict[str, int]
    earlier: dict[tuple[str, ...], bool]
    earlier_of: dict[tuple[str, ...], str]
    same_day: dict[tuple[str, ...], bool]
    next_day: dict[tuple[str, ...], bool]
    last_night: dict[tuple[str, ...], bool]
    night_before_last: dict[tuple[str, ...], bool]
    tonight: dict[tuple[str, ...], bool]
    night_joiners: frozenset[str]
    prayers: dict[tuple[str, ...], str]
    prayer_heads: frozenset[str]
    year_blockers: frozenset[str]
    decades: dict[str, int]
    longest: int
    starters: frozenset[str]  # every word that can begin an expression (a cheap gate before matching)

    @classmethod
    def load(cls, path: str | Path) -> TimeLexicon:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        month_items: dict[tuple[str, ...], tuple[int, bool]] = {}
        for table in raw["months"].values():
            month_items.update({k: (v, False) for k, v in _phrases(table).items()})
        month_items.update({k: (v, True) for k, v in _phrases(raw["hijri_months"]).items()})
        months = Phrases(month_items)
        kw: dict[str, Any] = dict(
            months=months, ambiguous_months=_set(raw["ambiguous_months"]),
            weekdays={_n(k): v for k, v in raw["weekdays"].items()},
            ambiguous_weekdays=_set(raw["ambiguous_weekdays"]), not_weekday_before=_set(raw["not_weekday_before"]),
            day_parts=_phrases(raw["day_parts"]), deictic_days={_n(k): v for k, v in raw["deictic_days"].items()},
            day_before_yesterday=_phrases(raw["day_before_yesterday"]),
            day_after_tomorrow=_phrases(raw["day_after_tomorrow"]), not_today_after=_set(raw["not_today_after"]),
            past=_set(raw["past"]), current=_set(raw["current"]), future=_set(raw["future"]), this=_set(raw["this"]),
            periods={_n(k): v for k, v in raw["periods"].items()},
            units={_n(k): (v[0], v[1]) for k, v in raw["units"].items()},
            vague_counts={_n(k): (v[0], v[1]) for k, v in raw["vague_counts"].items()},
            ago=_set(raw["ago"]), after=_set(raw["after"]), within_past=_set(raw["within_past"]),
            approx=_phrases(raw["approx"]), modifiers={_n(k): v for k, v in raw["modifiers"].items()},
            month_word=_set(raw["month_word"]), year_words=_set(raw["year_words"]),
            year_before=_set(raw["year_before"]), hijri_year_marks=_set(raw["hijri_year_marks"]),
            gregorian_year_marks=_set(raw["gregorian_year_marks"]),
            ordinals={_n(k): v for k, v in raw["ordinals"].items()},
            ordinal_tens={_n(k): v for k, v in raw["ordinal_tens"].items()},
            ordinal_round={_n(k): v for k, v in raw["ordinal_round"].items()},
            earlier=_phrases(raw["earlier"]), earlier_of=_phrases(raw["earlier_of"]),
            same_day=_phrases(raw["same_day"]), next_day=_phrases(raw["next_day"]),
            last_night=_phrases(raw["last_night"]), night_before_last=_phrases(raw["night_before_last"]),
            tonight=_phrases(raw["tonight"]), night_joiners=_set(raw["night_joiners"]),
            prayers=_phrases(raw["prayers"]), prayer_heads=_set(raw["prayer_heads"]),
            year_blockers=_set(raw["year_blockers"]),
            decades={_n(k): v for k, v in raw["decades"].items()},
        )
        phrase_tables = [v for v in kw.values() if isinstance(v, dict) and v and isinstance(next(iter(v)), tuple)]
        kw["longest"] = max(len(k) for t in phrase_tables for k in t)
        starters: set[str] = set()
        for t in phrase_tables:
            starters.update(k[0] for k in t)
        for name in ("weekdays", "deictic_days", "periods", "ordinals", "ordinal_round", "modifiers", "decades"):
            starters.update(kw[name])
        starters.update(kw["ago"] | kw["after"] | kw["within_past"] | kw["this"] | kw["year_words"]
                        | kw["year_before"] | kw["month_word"])
        starters.add("يوم")
        starters.update(kw["prayer_heads"])
        starters.update(k[0] for k in months)
        kw["starters"] = frozenset(starters)
        return cls(**kw)
