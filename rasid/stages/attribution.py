"""Stage 'attribution': the source span, source type and certainty of each event
(negated/hypothetical flags are set per trigger by the events stage, before mentions merge)."""

from __future__ import annotations

import dataclasses
from typing import Any

from rasid.doc import Document
from rasid.events.attribution import attribute
from rasid.events.roles import TokenIndex
from rasid.pipeline import Stage


def make(resources: Any) -> Stage:
    def run(doc: Document) -> Document:
        if not doc.events:
            return doc
        lex = resources.get("events")
        idx = TokenIndex(doc.tokens)
        events = tuple(dataclasses.replace(e, attribution=attribute(doc, e, lex, idx)) for e in doc.events)
        return doc.replace(events=events)

    return Stage("attribution", run, requires=("events",), provides=("attribution",))
