"""Cross-article merging on hand-built events."""

from __future__ import annotations

from rasid.dedup import MergeEvent, cluster, compatible, haversine_km


def ev(eid: str, art: str, day: str = "2015-08-08", lat: float = 33.57, lon: float = 36.40,
       acled: str = "Explosions/Remote violence", etype: str = "attack.airstrike", actors: tuple[str, ...] = ("saa",),
       killed: int | None = 3, certainty: str = "reported", admin2: str | None = "Duma",
       precision: int = 1) -> MergeEvent:
    return MergeEvent(eid, art, acled, etype, day, day, lat, lon, "Rural Damascus", admin2, "Douma", precision,
                      frozenset(actors), frozenset(), killed, certainty, 1)


def test_reports_of_one_incident_merge_with_counts_and_reason() -> None:
    incs = cluster([ev("a:1", "a", killed=3), ev("b:1", "b", day="2015-08-09", lat=33.60, killed=7,
                                                  certainty="confirmed"), ev("c:1", "c", killed=4)])
    assert len(incs) == 1
    s = incs[0].summary()
    assert (s["fatalities_low"], s["fatalities_best"], s["fatalities_high"]) == (3, 4, 7)
    assert s["certainty"] == "confirmed" and s["n_articles"] == 3
    assert "km apart" in s["reason"] and "dates overlap" in s["reason"]


def test_incompatible_reports_stay_apart() -> None:
    base = ev("a:1", "a")
    assert compatible(base, ev("b:1", "b", acled="Battles", etype="battle")) is None  # type
    assert compatible(base, ev("b:1", "b", lat=36.2, lon=37.16)) is None  # Aleppo is ~300 km away
    assert compatible(base, ev("b:1", "b", day="2015-08-12")) is None  # four days later
    assert compatible(base, ev("b:1", "b", actors=("isis",))) is None  # a different perpetrator
    assert compatible(base, ev("b:1", "b", actors=())) is not None  # an unnamed one does not contradict
    assert compatible(base, ev("b:1", "b", etype="attack")) is not None  # parent type agrees


def test_coarse_places_merge_by_admin2() -> None:
    a = ev("a:1", "a", precision=3, lat=33.0, lon=36.0)
    assert "same admin2" in (compatible(a, ev("b:1", "b", precision=3)) or "")
    assert compatible(a, ev("b:1", "b", precision=3, admin2="Harasta")) is None


def test_no_chaining_and_reproducible() -> None:
    # b is within 10 km of a and of c, but a and c are 16 km apart: complete linkage keeps c out
    a, b, c = ev("a:1", "a", lon=36.40), ev("b:1", "b", lon=36.48), ev("c:1", "c", lon=36.57)
    assert haversine_km(33.57, 36.40, 33.57, 36.57) > 10
    first = [(i.id, [m.id for m in i.members]) for i in cluster([a, b, c])]
    again = [(i.id, [m.id for m in i.members]) for i in cluster([c, a, b])]
    assert first == again and len(first) == 2


def test_undated_and_vague_dates_never_merge() -> None:
    assert len(cluster([ev("a:1", "a", day=""), ev("b:1", "b", day="")])) == 2
    vague = MergeEvent("v:1", "v", "Explosions/Remote violence", "attack.airstrike", "2015-01-01", "2015-12-31",
                       33.57, 36.40, None, "Duma", "Douma", 1, frozenset(), frozenset(), None, "reported", 5)
    assert compatible(ev("a:1", "a"), vague) is None
