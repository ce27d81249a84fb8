"""Cross-article merging: reports of one incident become one record that keeps every member event.

Two events may belong to one incident when all four hold:
- **type**: the same ACLED event type, and native types that do not contradict each other (the same, or one is
  the parent of the other: "attack" and "attack.airstrike");
- **place**: both within `max_km` of each other, or the same admin2 when coordinates are missing or coarse;
- **date**: their date ranges overlap once widened by `slack_days` (reports of «أمس» drift by a day);
- **actors**: no contradiction — when both name an actor (or both a target), some name is shared.

Clustering is complete-linkage and greedy in a fixed order (date, then event id), so the same events always
give the same incidents, and an incident never chains two incompatible reports through a third. The incident's
id is a hash of its founding event, its counts are low/best/high over members, its certainty the strongest,
and `reason` says in words why the members were put together.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from rasid.store.base import CERTAINTY_ORDER

#: Default merge thresholds (arguments to `cluster`).
MAX_KM = 10.0
SLACK_DAYS = 1
#: Dates vaguer than this (SCHEMA precision: 3 = a month) never merge.
MAX_DATE_PRECISION = 3
#: Places coarser than this precision (3 = admin2 centre and above) are compared by admin2, not distance.
FINE_PRECISION = 2


@dataclass(frozen=True)
class MergeEvent:
    """What merging needs of an event (from a store row or a hand-built test)."""

    id: str
    article_id: str
    acled_event_type: str
    type: str
    date_start: str | None
    date_end: str | None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    admin2: str | None = None
    place_name: str | None = None
    precision: int | None = None
    actors: frozenset[str] = frozenset()
    targets: frozenset[str] = frozenset()
    fatalities: int | None = None
    certainty: str = "confirmed"
    date_precision: int | None = None

    @classmethod
    def from_row(cls, r: Mapping[str, Any]) -> MergeEvent:
        """From a `rasid.store.base.EventRow`."""
        place = r.get("place") or {}
        parts = r.get("participants") or []

        def names(role: str) -> frozenset[str]:
            return frozenset(_key(p.get("actor_id") or p.get("canonical") or p.get("text") or "")
                             for p in parts if p.get("role") == role)

        return cls(id=r["id"], article_id=r["article_id"], acled_event_type=r["acled_event_type"], type=r["type"],
                   date_start=r.get("date_start"), date_end=r.get("date_end"), lat=place.get("lat"),
                   lon=place.get("lon"), admin1=place.get("admin1"), admin2=place.get("admin2"),
                   place_name=place.get("name"), precision=place.get("precision"), actors=names("actor"),
                   targets=names("target"), fatalities=r.get("fatalities"), date_precision=r.get("date_precision"),
                   certainty=r.get("certainty") or "confirmed")

    @property
    def place(self) -> dict[str, Any] | None:
        if self.place_name is None and self.lat is None:
            return None
        return {"name": self.place_name, "lat": self.lat, "lon": self.lon, "admin1": self.admin1,
                "admin2": self.admin2, "precision": self.precision}


@dataclass
class Incident:
    id: str
    members: list[MergeEvent]
    reasons: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        """The incident row: low/best/high fatalities, strongest certainty, date span, place, reason."""
        ms = self.members
        founder = ms[0]
        fat = sorted(m.fatalities for m in ms if m.fatalities is not None)
        starts = [m.date_start for m in ms if m.date_start]
        ends = [m.date_end or m.date_start for m in ms if m.date_end or m.date_start]
        # the most precise place among members stands for the incident
        placed = [m for m in ms if m.place is not None]
        best_place = min(placed, key=lambda m: (m.precision or 9, m.id)).place if placed else None
        reason = "; ".join(self.reasons) if self.reasons else "single report"
        return {
            "id": self.id, "type": founder.type, "acled_event_type": founder.acled_event_type,
            "date_start": min(starts) if starts else None, "date_end": max(e for e in ends if e) if ends else None,
            "place": best_place,
            "fatalities_low": fat[0] if fat else None,
            "fatalities_best": fat[(len(fat) - 1) // 2] if fat else None,  # the lower median: robust to one outlier
            "fatalities_high": fat[-1] if fat else None,
            "certainty": min((m.certainty for m in ms), key=_rank),
            "n_events": len(ms), "n_articles": len({m.article_id for m in ms}),
            "reason": reason,
        }


def cluster(events: Iterable[MergeEvent], *, max_km: float = MAX_KM, slack_days: int = SLACK_DAYS,
            require_other_article: bool = False) -> list[Incident]:
    """Group events into incidents (see the module docstring). Every event ends in exactly one incident."""
    ordered = sorted(events, key=lambda e: (e.date_start or "9999", e.id))
    incidents: list[Incident] = []
    # open incidents per ACLED type, with the last day they cover: events come in date order, so an incident
    # that ended more than `slack_days` before this event can take no more members (keeps this near-linear)
    active: dict[str, list[tuple[date, Incident]]] = {}
    for ev in ordered:
        start = _day(ev.date_start)
        if start is None:  # undated reports are never merged
            incidents.append(Incident(incident_id(ev.id), [ev]))
            continue
        horizon = start - timedelta(days=slack_days)
        opened = [(end, inc) for end, inc in active.get(ev.acled_event_type, []) if end >= horizon]
        placed = False
        for i, (end, inc) in enumerate(opened):
            reasons = []
            for m in inc.members:
                why = compatible(m, ev, max_km=max_km, slack_days=slack_days)
                if why is None or (require_other_article and m.article_id == ev.article_id):
                    break
                reasons.append(why)
            else:
                inc.members.append(ev)
                inc.reasons.append(f"{ev.id} joins: {reasons[0]}")
                opened[i] = (max(end, _day(ev.date_end) or start), inc)
                placed = True
                break
        if not placed:
            inc = Incident(incident_id(ev.id), [ev])
            incidents.append(inc)
            opened.append((_day(ev.date_end) or start, inc))
        active[ev.acled_event_type] = opened
    return incidents


def compatible(a: MergeEvent, b: MergeEvent, *, max_km: float = MAX_KM, slack_days: int = SLACK_DAYS) -> str | None:
    """Why `a` and `b` may be one incident, or None when they may not."""
    if a.acled_event_type != b.acled_event_type or not _types_agree(a.type, b.type):
        return None
    when = _dates_overlap(a, b, slack_days)
    if when is None:
        return None
    where = _same_place(a, b, max_km)
    if where is None:
        return None
    who = _actors_agree(a, b)
    if who is None:
        return None
    return f"same type ({a.acled_event_type}), {where}, {when}, {who}"


def incident_id(founder_event_id: str) -> str:
    return "inc-" + hashlib.sha1(founder_event_id.encode("utf-8")).hexdigest()[:12]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(h)))


def _types_agree(a: str, b: str) -> bool:
    return a == b or a.startswith(b + ".") or b.startswith(a + ".")


def _day(s: str | None) -> date | None:
    if not s:
        return None
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


def _dates_overlap(a: MergeEvent, b: MergeEvent, slack: int) -> str | None:
    a0, b0 = _day(a.date_start), _day(b.date_start)
    if a0 is None or b0 is None:
        return None  # an undated report cannot be placed in time, so it is never merged
    if (a.date_precision or 1) > MAX_DATE_PRECISION or (b.date_precision or 1) > MAX_DATE_PRECISION:
        return None  # "last year" overlaps everything: too vague to say two reports are one incident
    a1, b1 = _day(a.date_end) or a0, _day(b.date_end) or b0
    pad = timedelta(days=slack)
    if a0 - pad <= b1 and b0 - pad <= a1:
        return f"dates overlap ({a0.isoformat()} / {b0.isoformat()})"
    return None


def _same_place(a: MergeEvent, b: MergeEvent, max_km: float) -> str | None:
    fine = all(m.lat is not None and m.lon is not None and (m.precision or 1) <= FINE_PRECISION for m in (a, b))
    if fine:
        assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
        km = haversine_km(a.lat, a.lon, b.lat, b.lon)
        if km <= max_km:
            return f"places {km:.1f} km apart ({a.place_name} / {b.place_name})"
        return None
    if a.admin2 and b.admin2:
        return f"same admin2 ({a.admin2})" if _key(a.admin2) == _key(b.admin2) else None
    if a.place_name and b.place_name and _key(a.place_name) == _key(b.place_name) and a.admin1 == b.admin1:
        return f"same place ({a.place_name})"
    return None


def _actors_agree(a: MergeEvent, b: MergeEvent) -> str | None:
    for x, y in ((a.actors - {""}, b.actors - {""}), (a.targets - {""}, b.targets - {""})):
        if x and y and not (x & y):
            return None
    shared = sorted(((a.actors & b.actors) | (a.targets & b.targets)) - {""})
    return f"actors agree ({', '.join(shared)})" if shared else "no conflicting actors"


def _key(s: str) -> str:
    return " ".join(s.lower().split())


def _rank(c: str) -> int:
    return CERTAINTY_ORDER.index(c) if c in CERTAINTY_ORDER else len(CERTAINTY_ORDER)
