"""Stage 'events': every incident the article reports, typed per rasid's ontology with its ACLED and
PLOVER types, participants, place, date and quantities. Negated and hypothetical mentions are kept,
flagged, so users can see them; the rest of rasid counts only the others."""

from __future__ import annotations

from typing import Any

from rasid.doc import Document
from rasid.events.assemble import extract
from rasid.pipeline import Stage

#: Registry kinds of actors that report rather than act: outlets and monitors.
REPORTING_KINDS = ("media", "monitor")


def make(resources: Any) -> Stage:
    # filled on first use, so the registry loads only when needed
    non_parties: list[frozenset[str]] = []
    unarmed: list[frozenset[str]] = []

    def events(doc: Document) -> Document:
        lex = resources.get("events")
        if not non_parties:
            reg = resources.get("actors")
            non_parties.append(frozenset(a.id for a in reg.actors.values() if a.kind in REPORTING_KINDS))
            unarmed.append(frozenset(a.id for a in reg.actors.values() if a.unarmed))
        return doc.replace(events=extract(doc, lex, non_parties[0], unarmed[0]))

    return Stage("events", events, requires=("entities", "places", "times", "quantities"), provides=("events",))
