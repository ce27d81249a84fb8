"""Stage 'attribution': the source span, source type and certainty of each event
(negated/hypothetical flags are set per trigger by the events stage, before mentions merge)."""

from __future__ import annotations

import dataclasses
from typing import Any

from rasid.doc import Document
from rasid.events.attribution import attribute
from rasid.events.roles import TokenIndex
from rasid.pipeline import Stage

_REPORTING_KINDS = frozenset({"media", "international", "ngo", "monitor", "collective"})


def make(resources: Any) -> Stage:
    def kinds(actor_id: str) -> str | None:
        # a named body with no head word of the source list: only the parties to a conflict claim; a body
        # that reports, administers or aids (Red Crescent, UN agencies, the EU) or an outlet reports
        actor = resources.get("actors").get(actor_id)
        if actor is None:
            return None
        if actor.unarmed or actor.kind in _REPORTING_KINDS:
            return "media" if actor.kind == "media" else "monitor"
        return actor.source_type

    def run(doc: Document) -> Document:
        if not doc.events:
            return doc
        lex = resources.get("events")
        idx = TokenIndex(doc.tokens)
        events = tuple(dataclasses.replace(e, attribution=attribute(doc, e, lex, idx, kinds)) for e in doc.events)
        return doc.replace(events=events)

    return Stage("attribution", run, requires=("events",), provides=("attribution",))
