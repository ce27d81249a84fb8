"""Loader for the event lexicon (ontology, trigger forms, cue words): `resources.get("events")`."""

from __future__ import annotations

from typing import Any

from rasid.events.lexicon import EventLexicon, load_files


def load(resources: Any) -> EventLexicon:
    return load_files(resources.path("event_types.json"), resources.path("event_cues.json"))
