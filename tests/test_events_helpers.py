"""Hand-built documents for the event tests: real tokens from the prepare stage, hand-made entity, place,
time and quantity layers (so these tests do not depend on the other stages' models)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rasid.doc import Document, Entity, Place, Quantity, When
from rasid.pipeline import load_pipeline


def _find(text: str, needle: str, nth: int = 0) -> int:
    pos = -1
    for _ in range(nth + 1):
        pos = text.find(needle, pos + 1)
        assert pos >= 0, f"{needle!r} not in text"
    return pos


def make_doc(resources: Any, text: str, *, title: str | None = None, published: str | None = None,
             entities: Sequence[tuple[str, str, str | None]] = (),
             places: Sequence[tuple[str, str, str]] = (),
             times: Sequence[tuple[str, str | None, str | None, int]] = (),
             quantities: Sequence[tuple[str, str, float, float | None]] = (),
             category: dict[str, str] | None = None) -> Document:
    """entities: (surface, type, latin); places: (surface, latin name, feature); times: (surface, start, end,
    precision); quantities: (surface, kind, low, high). Surfaces are found in the text (first occurrence)."""
    prep = load_pipeline(resources=resources, stages=["prepare"])
    doc = prep({"text": text, "title": title, "published": published})
    ents, pls = [], []
    for i, (surf, typ, lat) in enumerate(entities):
        s = _find(doc.text, surf)
        ents.append(Entity(f"e{i + 1}", surf, typ, s, s + len(surf), latin=lat,
                           category=(category or {}).get(surf)))
    for i, (surf, name, feature) in enumerate(places):
        s = _find(doc.text, surf)
        eid = f"e{len(ents) + 1}"
        ents.append(Entity(eid, surf, "LOC", s, s + len(surf), latin=name))
        pls.append(Place(f"p{i + 1}", surf, s, s + len(surf), entity=eid, name=name, lat=35.0 + i, lon=36.0 + i,
                         country="SY", admin1=f"A{i}", feature=feature, precision=1))
    tms = []
    for surf, start, end, prec in times:
        s = _find(doc.text, surf)
        tms.append(When(start, end, prec, surf, s, s + len(surf)))
    qs = []
    for surf, kind, low, high in quantities:
        s = _find(doc.text, surf)
        qs.append(Quantity(kind, low, high, "persons", surf, s, s + len(surf)))
    return doc.replace(entities=tuple(ents), places=tuple(pls), times=tuple(tms), quantities=tuple(qs))


def run_events(resources: Any, doc: Document) -> Document:
    from rasid.stages import attribution, events, notes

    for mod in (events, attribution, notes):
        doc = mod.make(resources)(doc)
    return doc


def spans_ok(doc: Document) -> bool:
    t = doc.text
    for e in doc.events:
        if t[e.trigger.start:e.trigger.end] != e.trigger.text:
            return False
        for p in e.participants:
            if t[p.start:p.end] != p.text:
                return False
        src = e.attribution.source
        if src is not None and t[src.start:src.end] != src.text:
            return False
    return True
