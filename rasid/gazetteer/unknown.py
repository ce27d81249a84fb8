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
from rasid.gazetteer.matcher import GLUE_WORDS, Cues, Mention, clitic_variants
from rasid.gazetteer.model import name_key
from rasid.text import Normalized

_WORD = re.compile(r"[\u0621-\u064A]+")


@dataclass(frozen=True)
class Unknown:
    start: int  # normalised offsets of the name
    end: int
    kind: str


def cued_unknowns(text: str, mentions: list[Mention], gaz: Gazetteer, cues: Cues, original: Normalized,
                  max_zipf: float = 3.3) -> list[Unknown]:
    """Names right after an indefinite populated-place cue («قرية X», not «القرية الواقعة») that no gazetteer
    match covers and that are rare words as written."""
    taken = [(m.start, m.end) for m in mentions]
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    out: list[Unknown] = []
    for (_, a_end, cue), (b_start, b_end, name) in zip(words, words[1:], strict=False):
        if not text[a_end:b_start].isspace():
            continue
        stems = [cue] + [cue[d:] for _, d in clitic_variants(cue) if d]
        hit = next((c for c in stems if c in cues.unknown_name_cues), None)
        if hit is None or len(name) < 3 or name in cues.connectors:
            continue
        if any(s < b_end and b_start < e for s, e in taken):
            continue
        glue = next((g for g in GLUE_WORDS if name.endswith(g) and len(name) - len(g) >= 3), None)
        if glue is not None and gaz.zipf_of(name) < 1.5:
            b_end -= len(glue)  # «قرية كفرنبلفي»: a missing space glued «في» to the name
            name = name[:-len(glue)]
        a, b = original.to_original(b_start, b_end)
        surface = original.original[a:b]
        if gaz.zipf_of(surface) > max_zipf or gaz.zipf_of(name) > max_zipf:
            continue  # «بلدة صغيرة», «حي رئيسي»: an ordinary word, not a name
        if any(f in cues.kinds or f in cues.near for f, _ in clitic_variants(name)):
            continue
        out.append(Unknown(b_start, b_end, cues.kinds.get(name_key(hit), "village")))
    return out
