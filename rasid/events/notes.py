"""ACLED-style English notes: one line per event, built only from its fields, with Latin names.

Names come from `Entity.latin` (else the registry's `canonical`) and `Place.name`; an unnamed party
described with a nationality («طائرات حربية إسرائيلية») is that state's forces, by the registry's name. An
Arabic name with no Latin form is left out rather than shown in a script the line's readers may not read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from rasid.doc import Document, Entity, Event, Place
from rasid.events.lexicon import EventLexicon
from rasid.events.triggers import rests
from rasid.text import normalize

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_CERTAINTY = {"reported": "reported by", "claimed": "claimed by", "alleged": "alleged by", "rumored": "rumoured, per"}
_SOURCE = {"local_sources": "local sources", "activists": "activists", "official": "officials", "party": "a party to the conflict",
           "media": "the media", "monitor": "a monitoring group", "anonymous": "an unnamed source", "outlet": "the outlet"}


def latin(ent: Entity | None) -> str | None:
    if ent is None:
        return None
    return ent.latin or ent.canonical


def _names(ev: Event, role: str, ents: Mapping[str, Entity], places: Mapping[str, Place],
           forces: Callable[[str], str | None]) -> list[str]:
    out: list[str] = []
    for p in ev.participants:
        if p.role != role:
            continue
        ent = ents.get(p.entity) if p.entity else None
        place = places.get(p.entity) if p.entity and ent is None else None  # a state as a party: «الأردن»
        name = latin(ent) or (place.name if place else None) or (
            forces(p.text) if place is None and (ent is None or ent.actor_id is None) else None)
        if name and name not in out:
            out.append(name)
    # «مصر تستدعي …»: the state named as a place beside its government («Government of Egypt») is one party
    return [n for n in out if not any(n != o and f" {n}" in f" {o}" for o in out)]


#: Head nouns of an unnamed party that belongs to a state's forces when a nationality follows («قوات تركية»,
#: «جنود إسرائيليون»); the instruments of the event lexicon («طائرات», «مدفعية», «مسيرات») count too.
FORCE_NOUNS = ("قوات", "جيش", "جنود", "جندي", "دوريه", "دوريات", "وحدات", "بوارج", "سفن", "زوارق", "دبابات", "دفاعات",
               "مروحيات", "بحريه", "حرس")


def nationality_forces(lex: EventLexicon, canonical: Callable[[str], str | None]) -> Callable[[str], str | None]:
    """Text of an unnamed party -> the English name of the state forces its nationality adjective names
    («طائرات حربية تركية» -> the registry's Turkish forces), else None."""
    table = lex.cues.nationality_forces
    heads = FORCE_NOUNS + tuple(w for _, ws in lex.instruments for w in ws)

    def forces(text: str) -> str | None:
        words = text.split()
        # only a state's means or troops: «مجموعة مسلحة تركية» is a Turkish armed group, not the Turkish army;
        # an adjective alone is what the events stage kept of «قصف أميركي»
        if len(words) > 1 and not any(r.startswith(heads) for r in rests(normalize(words[0]))):
            return None
        for word in words[-1:] if len(words) == 1 else words[1:]:
            for rest in rests(normalize(word)):
                ids = table.get(rest)
                if ids:
                    return canonical(ids[0])
        return None

    return forces


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _date(ev: Event) -> str | None:
    d = ev.date
    if d is None or not d.start:
        return None
    y, m, day = d.start[:10].split("-")
    label = f"{int(day)} {_MONTHS[int(m) - 1]} {y}"
    if d.end and d.end[:10] != d.start[:10]:
        y2, m2, day2 = d.end[:10].split("-")
        label += f" to {int(day2)} {_MONTHS[int(m2) - 1]} {y2}"
    return ("around " if (d.precision or 1) >= 2 else "on ") + label


def note(ev: Event, doc: Document, lex: EventLexicon,
         forces: Callable[[str], str | None] = lambda text: None) -> str:
    """`forces`: see `nationality_forces` (without it, unnamed parties are left out)."""
    ents = {e.id: e for e in doc.entities}
    places: dict[str, Place] = {p.id: p for p in doc.places}
    et = lex.types.get(ev.type)
    verb = et.en if et else ev.acled_sub_event_type.lower()
    actors, targets = _names(ev, "actor", ents, places, forces), _names(ev, "target", ents, places, forces)
    if not targets:  # «carried out an air strike on» with nobody named: drop the dangling preposition
        verb = re.sub(r"\s+(on|with|against|from|of|in|through)$", "", verb)
    # nobody named: ACLED's generic sides for crowds, else unidentified actors
    unnamed = "Protesters" if ev.type.startswith("protest") else "Rioters" if ev.type.startswith("riot") \
        else "Unidentified actors"
    parts = [_join(actors) if actors else unnamed, verb]
    if targets:
        parts.append(_join(targets))
    place = places.get(ev.location) if ev.location else None
    if place and place.name:
        where = place.name + (f" ({place.admin1})" if place.admin1 and place.admin1 != place.name else "")
        parts.append(f"in {where}")
    when = _date(ev)
    if when:
        parts.append(when)
    line = " ".join(parts)
    if ev.fatalities:
        line += f"; {ev.fatalities} killed"
    extra = [f"{_num(q.low)}{'-' + _num(q.high) if q.high and q.high != q.low else ''} {q.kind}"
             for q in ev.quantities if q.kind not in ("killed",) and q.low is not None][:3]
    if extra:
        line += f" ({', '.join(extra)})"
    cert = ev.attribution.certainty
    if cert in _CERTAINTY:
        line += f"; {_CERTAINTY[cert]} {_SOURCE.get(ev.attribution.source_type or '', 'a source')}"
    if ev.negated:
        line = "Denied: " + line
    elif ev.hypothetical:
        line = "Not an incident (threat or plan): " + line
    return line + "."


def _num(x: float | None) -> str:
    if x is None:
        return ""
    return str(int(x)) if float(x).is_integer() else str(x)
