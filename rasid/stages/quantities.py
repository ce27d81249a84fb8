"""Stage 'quantities': every number expression as a `Quantity` (kind, low, high, unit), before the events
stage attaches them. Time expressions found by the dates stage are skipped («عام 2014», «قبل يومين»),
except the duration inside «منذ 6 أشهر». The grammar and the low/high conventions are in
`rasid.numbers.quantities`."""

from __future__ import annotations

from typing import Any

from rasid.doc import Document
from rasid.numbers.lexicon import NumberLexicon
from rasid.numbers.quantities import find_quantities
from rasid.pipeline import Stage
from rasid.text import normalize


def make(resources: Any) -> Stage:
    loaded: dict[str, NumberLexicon] = {}  # loaded on first use, never at import or pipeline build

    def quantities(doc: Document) -> Document:
        if not loaded:
            loaded["numbers"] = NumberLexicon.load(resources.path("number_words.json"))
        times = [(t.span_start, t.span_end, normalize(t.text or "")) for t in doc.times
                 if t.span_start is not None and t.span_end is not None]
        found = find_quantities(doc.text, loaded["numbers"], times, doc.entities)
        return doc.replace(quantities=tuple(found))

    return Stage("quantities", quantities, requires=("tokens",), provides=("quantities",))
