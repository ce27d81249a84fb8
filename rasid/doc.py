"""The document model: frozen dataclasses, every annotation a character span into `Document.text`.

The JSON form is the output contract of ../shared/SCHEMA.md (schema_version "1"); `to_json` and
`from_json` convert both ways and `rasid/schema/document.schema.json` validates it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = "1"

ACLED_EVENT_TYPES = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
)
CERTAINTIES = ("confirmed", "reported", "claimed", "alleged", "rumored")


@dataclass(frozen=True)
class Article:
    """One input article, before processing. Only `text` is required."""

    text: str
    id: str | None = None
    title: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)
    origin: str | None = None  # "file.jsonl:12" — where it was read from, for error messages


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


# Token and Word are made ~3,000 times per article. A frozen dataclass's generated __init__ sets each field
# through object.__setattr__; theirs write the instance dict directly (3x faster, same fields and behaviour:
# frozen, compared and hashed by value, pickled, `dataclasses.replace` works).


@dataclass(frozen=True, init=False)
class Token:
    """A surface token: what whitespace and punctuation delimit («وبريطانيا» is one token)."""

    start: int
    end: int
    text: str
    norm: str  # normalised form (see rasid.text.normalize)
    sentence: int  # index into Document.sentences

    def __init__(self, start: int, end: int, text: str, norm: str, sentence: int) -> None:
        d = self.__dict__
        d["start"] = start
        d["end"] = end
        d["text"] = text
        d["norm"] = norm
        d["sentence"] = sentence


@dataclass(frozen=True, init=False)
class Word:
    """A syntactic word inside a token after clitic splitting («و» + «بريطانيا» are two words).

    `kind` is "proclitic", "base" or "enclitic"; `token` is the index of its surface token.
    """

    start: int
    end: int
    text: str
    norm: str
    token: int
    kind: str = "base"

    def __init__(self, start: int, end: int, text: str, norm: str, token: int, kind: str = "base") -> None:
        d = self.__dict__
        d["start"] = start
        d["end"] = end
        d["text"] = text
        d["norm"] = norm
        d["token"] = token
        d["kind"] = kind


@dataclass(frozen=True)
class Entity:
    id: str
    text: str
    type: str  # PER | ORG | LOC | GPE | FAC | MISC
    start: int
    end: int
    canonical: str | None = None
    latin: str | None = None
    actor_id: str | None = None  # id in the actor registry, when resolved
    category: str | None = None  # ACLED actor category, when known
    role: str | None = None  # a title or rank kept out of the span («العقيد», «الأمير»)
    refers_to: str | None = None  # id of the fuller mention this short mention links to
    source: str = "rule"  # which component found it: crf | registry | gazetteer | rule

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id, "text": self.text, "type": self.type, "start": self.start, "end": self.end,
            "canonical": self.canonical, "latin": self.latin,
        }
        for k in ("actor_id", "category", "role", "refers_to"):
            v = getattr(self, k)
            if v is not None:
                out[k] = v
        out["source"] = self.source
        return out


@dataclass(frozen=True)
class Place:
    id: str
    text: str
    start: int
    end: int
    entity: str | None = None
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    feature: str | None = None
    gazetteer_id: str | None = None
    precision: int | None = None
    confidence: float | None = None  # how sure the disambiguation is, 0..1

    def to_json(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in (
            "id", "entity", "text", "start", "end", "name", "lat", "lon", "country", "admin1", "admin2",
            "feature", "gazetteer_id", "precision", "confidence")}


@dataclass(frozen=True)
class When:
    """A resolved time expression: an ISO date range with a UCDP-style precision code."""

    start: str | None
    end: str | None
    precision: int | None
    text: str | None = None
    span_start: int | None = None  # where `text` sits in the document, when it is in it
    span_end: int | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "precision": self.precision, "text": self.text}
        if self.span_start is not None and self.span_end is not None:
            out["span"] = {"start": self.span_start, "end": self.span_end}
        return out


@dataclass(frozen=True)
class Quantity:
    kind: str  # people | killed | injured | detained | abducted | money | duration | …
    low: float | None
    high: float | None
    unit: str | None
    text: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "low": _num(self.low), "high": _num(self.high), "unit": self.unit,
                "text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Attribution:
    source: Span | None
    source_type: str | None  # local_sources | activists | official | party | media | monitor | anonymous | outlet
    certainty: str  # confirmed | reported | claimed | alleged | rumored

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source.to_json() if self.source else None,
                "source_type": self.source_type, "certainty": self.certainty}


@dataclass(frozen=True)
class Participant:
    role: str  # actor | target | facilitator | origin | destination | via | …
    text: str
    start: int
    end: int
    entity: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"role": self.role, "text": self.text, "start": self.start, "end": self.end, "entity": self.entity}


@dataclass(frozen=True)
class Event:
    id: str
    type: str  # rasid's native type, e.g. "movement.exit"
    acled_event_type: str
    acled_sub_event_type: str
    trigger: Span
    evidence: Sentence
    plover: str | None = None
    participants: tuple[Participant, ...] = ()
    location: str | None = None  # a Place id
    date: When | None = None
    fatalities: int | None = None
    quantities: tuple[Quantity, ...] = ()
    attribution: Attribution = Attribution(None, None, "confirmed")
    negated: bool = False
    hypothetical: bool = False
    notes_en: str = ""
    confidence: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "acled": {"event_type": self.acled_event_type, "sub_event_type": self.acled_sub_event_type},
            "plover": self.plover,
            "trigger": self.trigger.to_json(),
            "evidence": {"start": self.evidence.start, "end": self.evidence.end},
            "participants": [p.to_json() for p in self.participants],
            "location": self.location,
            "date": self.date.to_json() if self.date else None,
            "fatalities": self.fatalities,
            "quantities": [q.to_json() for q in self.quantities],
            "attribution": self.attribution.to_json(),
            "negated": self.negated,
            "hypothetical": self.hypothetical,
            "notes_en": self.notes_en,
            "confidence": self.confidence,
        }


@dataclass(frozen=True)
class Document:
    """The original (cleaned) text and every annotation on it. Stages return new Documents."""

    text: str
    id: str | None = None
    title: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)
    body_start: int = 0  # where the body begins in `text` (after title and blank line)
    sentences: tuple[Sentence, ...] = ()
    tokens: tuple[Token, ...] = ()
    words: tuple[Word, ...] = ()
    entities: tuple[Entity, ...] = ()
    places: tuple[Place, ...] = ()
    times: tuple[When, ...] = ()  # every time expression found, resolved or not
    quantities: tuple[Quantity, ...] = ()  # every quantity found, before attachment to events
    events: tuple[Event, ...] = ()
    warnings: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()  # names of the stages that ran, in order

    def replace(self, **changes: Any) -> Document:
        """A copy with some fields changed (`dataclasses.replace`, without re-running __init__ for every field:
        stages call this ~40 times per article)."""
        unknown = changes.keys() - _DOCUMENT_FIELDS
        if unknown:
            raise TypeError(f"Document has no field(s) {', '.join(sorted(unknown))}")
        new = object.__new__(Document)
        d = new.__dict__
        d.update(self.__dict__)
        d.update(changes)
        return new

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence containing character `offset` (bisect over sentence starts)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.sentences[mid].start <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def warn(self, message: str) -> Document:
        return self.replace(warnings=(*self.warnings, message)) if message not in self.warnings else self

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "id": self.id, "url": self.url, "source": self.source, "title": self.title,
            "published": self.published,
            "text": self.text,
            "entities": [e.to_json() for e in self.entities],
            "places": [p.to_json() for p in self.places],
            "events": [e.to_json() for e in self.events],
            "warnings": list(self.warnings),
        }
        if self.meta:
            out["meta"] = dict(self.meta)
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Document:
        """Rebuild a Document from its SCHEMA.md JSON (token/sentence layers are not serialised)."""
        places = tuple(Place(**{k: p.get(k) for k in (
            "id", "text", "start", "end", "entity", "name", "lat", "lon", "country", "admin1", "admin2",
            "feature", "gazetteer_id", "precision", "confidence")}) for p in data.get("places", []))
        ent_fields = {f.name for f in dataclasses.fields(Entity)}
        entities = tuple(Entity(**{k: v for k, v in e.items() if k in ent_fields}) for e in data.get("entities", []))
        events = tuple(_event_from_json(e) for e in data.get("events", []))
        return cls(
            text=data["text"], id=data.get("id"), title=data.get("title"), published=data.get("published"),
            url=data.get("url"), source=data.get("source"), meta=data.get("meta") or {},
            entities=entities, places=places, events=events, warnings=tuple(data.get("warnings", [])),
        )


_DOCUMENT_FIELDS = frozenset(f.name for f in dataclasses.fields(Document))


def _num(x: float | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


def _span(d: Mapping[str, Any] | None) -> Span | None:
    return Span(d["start"], d["end"], d["text"]) if d else None


def _event_from_json(e: Mapping[str, Any]) -> Event:
    att = e.get("attribution") or {}
    date = e.get("date")
    span = (date or {}).get("span") or {}
    trig = _span(e["trigger"])
    assert trig is not None
    return Event(
        id=e["id"], type=e["type"],
        acled_event_type=e["acled"]["event_type"], acled_sub_event_type=e["acled"]["sub_event_type"],
        plover=e.get("plover"), trigger=trig,
        evidence=Sentence(e["evidence"]["start"], e["evidence"]["end"]),
        participants=tuple(Participant(**p) for p in e.get("participants", [])),
        location=e.get("location"),
        date=When(date.get("start"), date.get("end"), date.get("precision"), date.get("text"),
                  span.get("start"), span.get("end")) if date else None,
        fatalities=e.get("fatalities"),
        quantities=tuple(Quantity(**q) for q in e.get("quantities", [])),
        attribution=Attribution(_span(att.get("source")), att.get("source_type"), att.get("certainty", "confirmed")),
        negated=bool(e.get("negated")), hypothetical=bool(e.get("hypothetical")),
        notes_en=e.get("notes_en", ""), confidence=e.get("confidence"),
    )


def iter_spans(data: Mapping[str, Any]) -> list[tuple[str, int, int, str]]:
    """Every (where, start, end, text) span in a document's JSON — for checking `text[start:end] == text`."""
    out: list[tuple[str, int, int, str]] = []
    for e in data.get("entities", []):
        out.append((f"entity {e['id']}", e["start"], e["end"], e["text"]))
    for p in data.get("places", []):
        out.append((f"place {p['id']}", p["start"], p["end"], p["text"]))
    for ev in data.get("events", []):
        t = ev["trigger"]
        out.append((f"event {ev['id']} trigger", t["start"], t["end"], t["text"]))
        for i, p in enumerate(ev.get("participants", [])):
            out.append((f"event {ev['id']} participant {i}", p["start"], p["end"], p["text"]))
        for i, q in enumerate(ev.get("quantities", [])):
            out.append((f"event {ev['id']} quantity {i}", q["start"], q["end"], q["text"]))
        src = (ev.get("attribution") or {}).get("source")
        if src:
            out.append((f"event {ev['id']} source", src["start"], src["end"], src["text"]))
        date = ev.get("date") or {}
        if date.get("span") and date.get("text") is not None:
            out.append((f"event {ev['id']} date", date["span"]["start"], date["span"]["end"], date["text"]))
    return out
