"""Participants and location of an event, from the prepositions around each entity and place.

Arabic marks roles with prepositions more reliably than with word order: «من قبل / على يد / من جانب X»
is the actor, «ضد / بحق / على X» the target, «من X» the origin of a movement, «إلى / باتجاه / نحو X» its
destination, «عبر X» the route. Unmarked entities fall back on order: the first one after a verb is its
subject (VSO), one before it in the clause is a fronted subject (SVO).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from rasid.doc import Document, Entity, Place, Token
from rasid.text import normalize

BY = ("قبل", "يد", "جانب", "ايدي", "طرف")
AGAINST = ("ضد", "بحق", "علي", "عل")
TO = ("الي", "باتجاه", "نحو", "صوب", "وجهه", "وجهتهم", "وجهتها", "وجهته")
VIA = ("عبر", "خلال", "بواسطه")
FROM = ("من",)
BETWEEN = ("بين",)
#: Types whose unmarked object is the victim (arrested, abducted, killed), not a second fighting side.
VICTIM_TYPES = ("arrest", "abduction", "killing", "killing.assassination", "attack.civilians")
MOVEMENT = "movement."
#: Words between two places that still make them a list («مدن حلب والحسكة», «بلدتي الفوعة وكفريا»).
LIST_WORDS = frozenset(("مدينه", "مدن", "مدينتي", "بلده", "بلدات", "بلدتي", "قريه", "قري", "قريتي", "حي", "احياء",
                        "مخيم", "مخيمي", "منطقه", "مناطق", "محيط", "اطراف", "ريف", "ريفي", "محافظه", "محافظتي",
                        "قاعده", "مطار", "بلدتين", "مدينتين", "ناحيه", "ضاحيه"))
PUNCT = frozenset(("،", ",", "(", ")", '"', "«", "»", "'", "-", "و"))


@dataclass(frozen=True)
class Marked:
    """An entity or place with the marker word before it: by/against/to/via/from/between/and/l/b or ''."""

    start: int
    end: int
    text: str
    entity: str | None
    marker: str
    tok: int  # index of the token where it starts


class TokenIndex:
    """Char offset -> token index, built once per document."""

    def __init__(self, tokens: Sequence[Token]) -> None:
        self.tokens = tokens
        self.starts = [t.start for t in tokens]

    def at(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)


def marker(doc: Document, idx: TokenIndex, start: int) -> tuple[str, int]:
    """The role-marking word before a span starting at `start`, and the span's token index."""
    ti = idx.at(start)
    tok = idx.tokens[ti]
    head = normalize(doc.text[start:start + 3])
    if start == tok.start and head.startswith("لل"):
        return "l", ti  # an entity span that kept its «لل» («للقوات الأميركية»)
    if start > tok.start:  # a proclitic inside the same token: «لوحدات», «بريف», «والحسكة»
        pre = normalize(doc.text[tok.start:start])
        if pre.startswith(("و", "ف")) and len(pre) == 1:
            return "and", ti
        pre = pre.lstrip("وف")
        if pre.startswith("ل"):
            return "l", ti
        if pre.startswith("ب"):
            return "b", ti
        return "", ti
    if ti == 0 or idx.tokens[ti - 1].sentence != tok.sentence:
        return "", ti
    prev = idx.tokens[ti - 1].norm
    bare = prev[1:] if prev.startswith("و") and len(prev) > 2 else prev
    for name, words in (("by", BY), ("against", AGAINST), ("to", TO), ("via", VIA), ("from", FROM),
                        ("between", BETWEEN)):
        if bare in words:
            return name, ti
    if prev in ("و", "،", ","):
        return "and", ti
    return "", ti


def mark_entities(doc: Document, idx: TokenIndex, ents: Sequence[Entity]) -> list[Marked]:
    out = []
    for e in ents:
        m, ti = marker(doc, idx, e.start)
        out.append(Marked(e.start, e.end, e.text, e.id, m, ti))
    return out


def mark_places(doc: Document, idx: TokenIndex, places: Sequence[Place]) -> list[Marked]:
    out = []
    for p in places:
        m, ti = marker(doc, idx, p.start)
        out.append(Marked(p.start, p.end, p.text, p.id, m, ti))
    return out


def assign(typ: str, pos: str, t_start: int, t_end: int, clause: tuple[int, int],
           marked: Sequence[Marked], others: Sequence[int] = ()) -> list[tuple[str, Marked]]:
    """Roles for the entities of a sentence, relative to a trigger at tokens [t_start, t_end).
    `others` are the token starts of the sentence's other triggers: an entity on the far side of one
    belongs to that one."""
    lo, hi = clause
    marked = [m for m in marked if not any(t_end <= o < m.tok or m.tok < o < t_start for o in others)]
    victim = typ in VICTIM_TYPES
    movement = typ.startswith(MOVEMENT)
    # «مظاهرات مناهضة لزعيم الهيئة», «احتجاجات ضد الحكومة»: who a protest is against follows it
    protest = typ.startswith(("protest", "riot"))
    roles: list[tuple[str, Marked]] = []
    taken: set[int] = set()

    def add(role: str, m: Marked) -> None:
        if m.start not in taken:
            taken.add(m.start)
            roles.append((role, m))

    ordered = sorted(marked, key=lambda m: m.start)
    for m in ordered:
        if m.marker == "by":
            add("actor", m)
    for k, m in enumerate(ordered):
        inside = lo <= m.tok < hi
        if not inside or m.start in taken:
            continue
        after = m.tok >= t_end
        if m.marker == "against" or (m.marker == "l" and after and not movement):
            add("target", m)
        elif m.marker == "between":
            add("actor", m)
            if k + 1 < len(ordered) and ordered[k + 1].marker == "and":
                add("target", ordered[k + 1])
        elif m.marker == "to" and movement:
            add("destination", m)
        elif m.marker == "via":
            add("via" if movement else "target", m)
        elif m.marker == "from":
            if after and m.tok - t_end <= 4:
                add("target" if victim else "actor", m)
        elif m.marker == "and" and roles and 0 <= m.start - roles[-1][1].end <= 8:
            add(roles[-1][0], m)
        elif protest and after and m.marker in ("", "l"):
            add("target", m)
        elif m.marker == "":
            has_actor = any(r == "actor" for r, _ in roles)
            if after and m.tok - t_end <= 3:
                if pos == "noun" and victim:
                    add("target", m)
                elif not has_actor:
                    add("actor", m)
                else:
                    add("target", m)
            elif not after and not has_actor and t_start - m.tok <= 8:
                add("actor", m)
    return roles
