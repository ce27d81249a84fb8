"""The number lexicon (rasid/data/number_words.json), normalised once per `Resources`."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasid.numbers.scan import Phrases
from rasid.text import normalize


def _n(word: str) -> str:
    return " ".join(normalize(word).split())


def _table(d: dict[str, Any]) -> dict[str, Any]:
    return {_n(k): v for k, v in d.items()}


def _phrases(d: dict[str, Any]) -> Phrases[Any]:
    return Phrases({tuple(_n(k).split()): v for k, v in d.items()})


@dataclass(frozen=True)
class NumberLexicon:
    units: dict[str, int]
    ambiguous: frozenset[str]
    teen_suffix: frozenset[str]
    tens: dict[str, int]
    hundreds: dict[str, int]
    scales: dict[str, int]
    dual_scales: dict[str, int]
    vague: dict[tuple[str, ...], tuple[float, float | None]]
    approx: dict[tuple[str, ...], str]
    approx_after: dict[tuple[str, ...], str]
    range_joiners: frozenset[str]
    range_openers: dict[tuple[str, ...], bool]
    currencies: dict[str, str]
    currency_qualifiers: dict[str, str]
    durations: dict[str, str]
    duals: dict[str, str | None]
    dual_units: dict[str, str]
    noun_kind: dict[str, str]
    noun_unit: dict[str, str]
    context: dict[tuple[str, ...], str]
    context_after: dict[tuple[str, ...], str]
    others: dict[str, int | None]
    companions: frozenset[str]
    number_words: dict[str, int]
    casualty_phrases: Phrases[bool]
    identifier_before: frozenset[str]
    ordinals_before: frozenset[str]
    fractions: dict[str, float] = dataclasses.field(default_factory=dict)
    one_after_noun: frozenset[str] = frozenset()
    one_person: frozenset[str] = frozenset()  # «مقتل شخص»: singular person nouns that count one
    starters: frozenset[str] = frozenset()  # every word that can begin a quantity (a cheap gate)  # every single word that can start a cardinal (units, tens, hundreds, scales)

    @classmethod
    def load(cls, path: str | Path) -> NumberLexicon:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        noun_kind: dict[str, str] = {}
        for kind, words in raw["nouns"].items():
            for w in words:
                noun_kind[_n(w)] = kind
        noun_unit = {_n(w): raw["noun_units"].get(k, "") for w, k in noun_kind.items()}
        noun_unit.update(_table(raw["other_units"]))
        context: Phrases[str] = Phrases({})
        for kind, words in raw["context"].items():
            for w in words:
                context[tuple(_n(w).split())] = kind
        after: Phrases[str] = Phrases({})
        for kind, words in raw["context_after"].items():
            for w in words:
                after[tuple(_n(w).split())] = kind
        context, after = Phrases(context), Phrases(after)
        lex = cls(
            units=_table(raw["units"]), ambiguous=frozenset(_n(w) for w in raw["ambiguous_units"]),
            teen_suffix=frozenset(_n(w) for w in raw["teen_suffix"]), tens=_table(raw["tens"]),
            hundreds=_table(raw["hundreds"]), scales=_table(raw["scales"]), dual_scales=_table(raw["dual_scales"]),
            vague={k: (v[0], v[1]) for k, v in _phrases(raw["vague"]).items()},
            approx=_phrases(raw["approx"]), approx_after=_phrases(raw["approx_after"]),
            range_joiners=frozenset(_n(w) for w in raw["range_joiners"]),
            range_openers={k: True for k in _phrases({w: 1 for w in raw["range_openers"]})},
            currencies=_table(raw["currencies"]), currency_qualifiers=_table(raw["currency_qualifiers"]),
            durations=_table(raw["durations"]), duals=_table(raw["duals"]), dual_units=_table(raw["dual_units"]),
            noun_kind=noun_kind, noun_unit=noun_unit, context=context, context_after=after,
            others=_table(raw["others"]), companions=frozenset(_n(w) for w in raw["companions"]),
            casualty_phrases=_phrases({w: True for w in raw["casualty_phrases"]}),
            identifier_before=frozenset(_n(w) for w in raw["identifier_before"]),
            ordinals_before=frozenset(_n(w) for w in raw["ordinals_before"]),
            number_words={**_table(raw["units"]), **_table(raw["tens"]), **_table(raw["hundreds"]),
                          **_table(raw["scales"]), **_table(raw["dual_scales"])},
        )
        lex = dataclasses.replace(lex, fractions={_n(k): v for k, v in raw["fractions"].items() if " " not in k},
                                  one_after_noun=frozenset(_n(w) for w in raw["one_after_noun"]),
                                  one_person=frozenset(_n(w) for w in raw.get("one_person", ())))
        starters: set[str] = set(lex.number_words) | set(lex.fractions) | set(lex.duals) | set(lex.noun_kind) | set(lex.companions)
        for table in (lex.vague, lex.approx, lex.range_openers):
            starters.update(k[0] for k in table)
        starters.update({"ال" + w for w in starters})
        return dataclasses.replace(lex, starters=frozenset(starters))
