"""Stage 'notes': `notes_en`, one English line per event from its fields (ACLED's `notes`)."""

from __future__ import annotations

import dataclasses
from typing import Any

from rasid.doc import Document
from rasid.events.notes import nationality_forces, note
from rasid.pipeline import Stage


def make(resources: Any) -> Stage:
    def run(doc: Document) -> Document:
        if not doc.events:
            return doc
        lex = resources.get("events")
        registry = resources.get("actors")

        def canonical(actor_id: str) -> str | None:
            actor = registry.get(actor_id)
            return actor.canonical if actor else None

        forces = nationality_forces(lex, canonical)
        return doc.replace(events=tuple(dataclasses.replace(e, notes_en=note(e, doc, lex, forces))
                                        for e in doc.events))

    return Stage("notes", run, requires=("events",), provides=("notes",))
