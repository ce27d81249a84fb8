"""Stage 'events': every incident the article reports, typed per rasid's ontology with its ACLED and
PLOVER types, participants, place, date and quantities. Negated and hypothetical mentions are kept,
flagged, so users can see them; the rest of rasid counts only the others."""

from __future__ import annotations

from typing import Any

from rasid.doc import Document
from rasid.events.assemble import extract
from rasid.pipeline import Stage


def make(resources: Any) -> Stage:
    def events(doc: Document) -> Document:
        lex = resources.get("events")
        return doc.replace(events=extract(doc, lex))

    return Stage("events", events, requires=("entities", "places", "times", "quantities"), provides=("events",))
