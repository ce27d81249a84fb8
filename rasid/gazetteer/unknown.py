"""Places the gazetteer does not know, announced by a cue word: «قرية كفرلاتا في ريف إدلب».

The name is certainly a place (the cue says so) and the text usually names the area around it. Such a
place gets the coordinates of that area with the area's precision code (UCDP practice: code the smallest
known unit containing the event), so an event there is still on the map — honestly marked as
admin-level — and the name becomes a LOC entity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rasid.gazetteer.index import Gazetteer
from rasid.gazetteer.matcher import Cues, Mention, _variants

#: Cue kinds that introduce a populated place whose name follows directly.
POPULATED_KINDS = frozenset({"town", "village", "neighbourhood", "camp"})
_WORD = re.compile(r"[\u0621-\u064A]+")


@dataclass(frozen=True)
class Unknown:
    start: int  # normalised offsets of the name
    end: int
    kind: str


def cued_unknowns(text: str, mentions: list[Mention], gaz: Gazetteer, cues: Cues,
                  max_zipf: float = 3.3) -> list[Unknown]:
    """Names right after a populated-place cue that no gazetteer match covers and that are rare words."""
    taken = [(m.start, m.end) for m in mentions]
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    out: list[Unknown] = []
    for (_, a_end, cue), (b_start, b_end, name) in zip(words, words[1:], strict=False):
        if not text[a_end:b_start].isspace():
            continue
        kind = next((cues.kinds[f] for f, _ in _variants(cue) if f in cues.kinds), None)
        if kind not in POPULATED_KINDS or len(name) < 3 or name in cues.connectors:
            continue
        if any(s < b_end and b_start < e for s, e in taken):
            continue
        if gaz.zipf_of(name) > max_zipf or any(f in cues.kinds or f in cues.near for f, _ in _variants(name)):
            continue  # «بلدة صغيرة», «قرية واحدة»: an ordinary word, not a name
        out.append(Unknown(b_start, b_end, kind))
    return out
