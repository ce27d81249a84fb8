"""Stage 'dates': every time expression in the text as a `When`, resolved against `doc.published`.

Without a publication date, relative expressions keep `start = end = None` (never an invented date) and the
document gets a warning; absolute dates still resolve. The grammar lives in `rasid.temporal`; the events
stage can call `rasid.temporal.time_infos(doc, lexicons)` to learn each time's kind, anchor and future flag
(one `TimeInfo` per `doc.times` entry, same order).
"""

from __future__ import annotations

from typing import Any

from rasid.doc import Document
from rasid.numbers.lexicon import NumberLexicon
from rasid.pipeline import Stage
from rasid.temporal import TimeLexicon, extract_times, name_spans, parse_published

NO_PUBLISHED = "no publication date: relative dates left unresolved"


def make(resources: Any) -> Stage:
    def lexicons() -> tuple[TimeLexicon, NumberLexicon]:
        # shared through Resources, loaded on first use (never at import or pipeline build)
        lexicons: tuple[TimeLexicon, NumberLexicon] = resources.get("time_words")
        return lexicons

    def dates(doc: Document) -> Document:
        tlx, nlx = lexicons()
        infos = extract_times(doc.text, doc.published, tlx, nlx, names=name_spans(doc))
        doc = doc.replace(times=tuple(t.when for t in infos))
        if parse_published(doc.published) is None and any(t.kind == "deictic" for t in infos):
            doc = doc.warn(NO_PUBLISHED)
        return doc

    return Stage("dates", dates, requires=("sentences",), provides=("times",))
