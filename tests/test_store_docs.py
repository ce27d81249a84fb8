"""Hand-built documents for the store, dedup and export tests (no pipeline, no gold text)."""

from __future__ import annotations

from rasid.doc import Attribution, Document, Entity, Event, Participant, Place, Quantity, Sentence, Span, When


def make_doc(aid: str, *, title: str = "قصف على دوما", body: str | None = None, url: str | None = None,
             published: str = "2015-08-09", day: str = "2015-08-08", killed: int | None = 3,
             place: tuple[str, str, float, float, str, str] = ("دوما", "Douma", 33.5711, 36.4022, "Rural Damascus",
                                                                 "Duma"),
             actor: tuple[str, str, str, str] | None = ("الجيش السوري", "Syrian Army", "saa", "State forces"),
             acled: tuple[str, str] = ("Explosions/Remote violence", "Air/drone strike"),
             etype: str = "attack.airstrike", certainty: str = "reported", source: str = "aawsat") -> Document:
    """One article with one event: «<actor> قصف <place> ... قتل N» — offsets computed, never typed by hand."""
    actor_ar = actor[0] if actor else "مجهولون"
    body = body or f"قال ناشطون إن {actor_ar} قصف مدينة {place[0]} أمس مما أدى إلى مقتل {killed or 0} مدنيين."
    text = f"{title}\n\n{body}"
    a0 = text.index(actor_ar, len(title))
    p0 = text.index(place[0], len(title))
    t0 = text.index("قصف", len(title))
    q0 = text.index("مقتل", len(title))
    q1 = text.index("مدنيين", q0) + len("مدنيين")
    s0 = text.index("ناشطون")
    d0 = text.index("أمس")
    ents = [Entity("e1", place[0], "LOC", p0, p0 + len(place[0]), canonical=place[1])]
    parts = []
    if actor:
        ents.append(Entity("e2", actor_ar, "ORG", a0, a0 + len(actor_ar), canonical=actor[1], actor_id=actor[2],
                           category=actor[3]))
        parts.append(Participant("actor", actor_ar, a0, a0 + len(actor_ar), "e2"))
    pl = Place("p1", place[0], p0, p0 + len(place[0]), entity="e1", name=place[1], lat=place[2], lon=place[3],
               country="SY", admin1=place[4], admin2=place[5], feature="city", gazetteer_id="test:1", precision=1)
    qs = (Quantity("killed", float(killed), float(killed), "persons", text[q0:q1], q0, q1),) if killed else ()
    ev = Event("ev1", etype, acled[0], acled[1], Span(t0, t0 + 3, "قصف"), Sentence(len(title) + 2, len(text)),
               plover="ASSAULT", participants=tuple(parts), location="p1",
               date=When(day, day, 1, "أمس", d0, d0 + 3), fatalities=killed, quantities=qs,
               attribution=Attribution(Span(s0, s0 + 6, "ناشطون"), "activists", certainty),
               notes_en=f"Airstrike on {place[1]}.")
    return Document(text=text, id=aid, title=title, published=published, url=url or f"https://example.org/{aid}",
                    source=source, body_start=len(title) + 2, entities=tuple(ents), places=(pl,), events=(ev,))
