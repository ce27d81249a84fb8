"""The store against SQLite and (when RASID_TEST_PG is set) a real PostgreSQL server."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_store_docs import make_doc

from rasid.errors import StoreError
from rasid.store import open_store
from rasid.store.base import EventFilter, Store
from rasid.store.migrations import MIGRATIONS

PG = os.environ.get("RASID_TEST_PG")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A fresh database for this test session on the server RASID_TEST_PG points at."""
    if not PG:
        pytest.skip("RASID_TEST_PG is unset: no PostgreSQL server (scripts/test.sh starts one)")
    import psycopg

    name = f"rasid_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG, autocommit=True) as c:
        c.execute(f"CREATE DATABASE {name}")
    base = PG.rsplit("/", 1)[0]
    yield f"{base}/{name}"
    with psycopg.connect(PG, autocommit=True) as c:
        c.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def pg_store(pg_server: str) -> Store:
    """An empty store in the session database (tables dropped between tests)."""
    import psycopg

    with psycopg.connect(pg_server, autocommit=True) as c:
        c.execute("DROP SCHEMA public CASCADE")
        c.execute("CREATE SCHEMA public")
    return open_store(pg_server)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    s = open_store(tmp_path / "t.db") if request.param == "sqlite" else pg_store(
        request.getfixturevalue("pg_server"))
    yield s
    s.close()


def test_migrations_recorded(store: Store) -> None:
    assert store.schema_version() == len(MIGRATIONS)


def test_put_is_idempotent_and_updates_changed_article(store: Store) -> None:
    d = make_doc("a1")
    assert store.put(d)["status"] == "inserted"
    assert store.put(d)["status"] == "unchanged"
    assert store.count_articles() == 1 and store.count_events() == 1
    changed = make_doc("a1", killed=5)
    assert store.put(changed)["status"] == "updated"
    assert store.count_articles() == 1
    ev = store.list_events()
    assert len(ev) == 1 and ev[0]["fatalities"] == 5


def test_same_url_different_id_is_one_article(store: Store) -> None:
    store.put(make_doc("a1", url="https://x.org/1"))
    res = store.put(make_doc("a2", url="https://x.org/1", killed=7))
    assert res["status"] == "updated"
    assert store.count_articles() == 1


def test_put_many_is_one_transaction(store: Store) -> None:
    good = make_doc("g1")
    bad = make_doc("g2").replace(events=(make_doc("g2").events[0],) * 2)  # duplicate event id: violates the key
    with pytest.raises(StoreError):
        store.put_many([good, bad])
    assert store.count_articles() == 0


def test_event_row_and_detail(store: Store) -> None:
    d = make_doc("a1")
    store.put(d)
    [row] = store.list_events()
    assert row["id"] == "a1:ev1"
    assert row["actor1"] == "Syrian Army" and row["place"] is not None and row["place"]["admin1"] == "Rural Damascus"
    detail = store.get_event("a1:ev1")
    assert detail is not None
    text = d.text
    for sp in detail["spans"] + [detail["evidence"]]:
        assert text[sp["start"]:sp["end"]] == sp["text"]
    kinds = {s["kind"] for s in detail["spans"]}
    assert {"trigger", "participant", "quantity", "place", "source", "date"} <= kinds
    assert detail["article"]["title"] == d.title
    assert store.get_event("nope:ev1") is None
    doc = store.get_document("a1")
    assert doc is not None and doc.events[0].fatalities == 3


def test_filters(store: Store) -> None:
    store.put(make_doc("a1"))
    store.put(make_doc("a2", day="2015-07-01", place=("حلب", "Aleppo", 36.2, 37.16, "Aleppo", "Jebel Saman"),
                       actor=("تنظيم الدولة", "Islamic State", "isis", "Rebel group"),
                       acled=("Battles", "Armed clash"), etype="battle", certainty="claimed"))
    assert store.count_events({"admin1": "Aleppo"}) == 1
    assert store.count_events({"acled_type": "Battles"}) == 1
    assert store.count_events({"date_from": "2015-08-01"}) == 1
    assert store.count_events({"date_to": "2015-07-15"}) == 1
    assert store.count_events({"actor": "Islamic State"}) == 1
    assert store.count_events({"actor": "isis"}) == 1
    assert store.count_events({"type": "attack"}) == 1
    assert store.count_events({"min_certainty": "reported"}) == 1
    assert store.count_events({"certainty": ["reported", "claimed"]}) == 2
    assert store.count_events({"bbox": (36.0, 33.0, 37.0, 34.0)}) == 1
    # full text over normalised Arabic: hamza and taa marbuta differences still match
    assert store.count_events({"q": "مدينه حلب"}) == 1
    assert store.count_events({"q": "مقتل"}) == 2
    assert [e["article_id"] for e in store.list_events(order="date")] == ["a2", "a1"]
    with pytest.raises(StoreError):
        store.count_events({"colour": "red"})  # type: ignore[typeddict-unknown-key]
    assert {a["name"] for a in store.actors()} == {"Syrian Army", "Islamic State"}
    assert store.places(limit=1)[0]["count"] == 1
    st = store.stats()
    assert st["events"] == 2 and {d["day"] for d in st["by_day"]} == {"2015-07-01", "2015-08-08"}


def test_review_keeps_original_and_audit(store: Store) -> None:
    store.put(make_doc("a1"))
    store.review("a1:ev1", "correct_type", user="mona",
                 value={"acled_event_type": "Battles", "acled_sub_event_type": "Armed clash"})
    store.review("a1:ev1", "correct_place", user="mona", value={"name": "Harasta", "lat": 33.56, "lon": 36.36,
                                                               "admin1": "Rural Damascus"})
    ev = store.get_event("a1:ev1")
    assert ev is not None
    assert ev["status"] == "corrected" and ev["acled_event_type"] == "Battles"
    assert ev["original"]["acled_event_type"] == "Explosions/Remote violence"
    assert ev["place"] is not None and ev["place"]["name"] == "Harasta"
    assert [r["action"] for r in ev["reviews"]] == ["correct_place", "correct_type"]
    assert all(r["user"] == "mona" for r in ev["reviews"])
    assert store.count_events({"verified": True}) == 1
    store.review("a1:ev1", "reject", user="ali")
    assert store.count_events({"verified": True}) == 0 and store.count_events({"status": "rejected"}) == 1
    with pytest.raises(StoreError):
        store.review("a1:ev1", "explode", user="ali")
    with pytest.raises(StoreError):
        store.review("zz:ev1", "verify", user="ali")


def test_map_points_are_the_events_reduced(store: Store) -> None:
    """The map's lean query gives what the full event rows give, for the same events in the same order."""
    import dataclasses

    store.put(make_doc("a1"))
    store.put(make_doc("a2", day="2015-07-01", killed=9, certainty="claimed",
                       place=("حلب", "Aleppo", 36.2, 37.16, "Aleppo", "Jebel Saman")))
    unplaced = make_doc("a3", day="2015-06-01", killed=None)
    store.put(unplaced.replace(events=tuple(dataclasses.replace(e, location=None) for e in unplaced.events)))
    store.review("a1:ev1", "correct_place", user="mona", value={"name": "Harasta", "lat": 33.56, "lon": 36.36,
                                                               "admin1": "Rural Damascus"})

    def reduced(row: Any) -> dict[str, Any]:
        place = row["place"] or {}
        return {"id": row["id"], "acled_event_type": row["acled_event_type"], "type": row["type"],
                "date_start": row["date_start"], "certainty": row["certainty"], "status": row["status"],
                "fatalities": row["fatalities"], "lat": place.get("lat"), "lon": place.get("lon"),
                "place": place.get("name") or place.get("text")}

    cases: list[EventFilter | None] = [None, {"admin1": "Aleppo"}, {"certainty": ["claimed", "reported"]},
                                       {"min_certainty": "claimed"}]
    for filters in cases:
        for order in ("date", "-date", "fatalities", "-added"):
            for limit, offset in ((100, 0), (1, 1)):
                want = [reduced(r) for r in store.list_events(filters, limit=limit, offset=offset, order=order)]
                assert store.map_points(filters, limit=limit, offset=offset, order=order) == want
    points = {p["id"]: p for p in store.map_points()}
    assert points["a1:ev1"]["place"] == "Harasta" and points["a1:ev1"]["lat"] == pytest.approx(33.56)
    assert points["a3:ev1"]["lat"] is None and points["a3:ev1"]["place"] is None
    with pytest.raises(StoreError):
        store.map_points(order="random")


def test_admin1_filter_is_searched_not_scanned(tmp_path: Path) -> None:
    """The map asks for one governorate's points: SQLite finds them through the LOWER(e_admin1) index."""
    import sqlite3

    store = open_store(tmp_path / "t.db")
    store.put(make_doc("a1"))
    store.close()
    with sqlite3.connect(tmp_path / "t.db") as c:
        plan = " ".join(str(r) for r in c.execute(
            "EXPLAIN QUERY PLAN SELECT e.id FROM events e WHERE LOWER(e.e_admin1) = LOWER(?) "
            "ORDER BY e.e_date_start DESC", ("aleppo",)))
    assert "events_admin1_lower" in plan


def test_review_survives_unrelated_update(store: Store) -> None:
    store.put(make_doc("a1"))
    store.review("a1:ev1", "verify", user="mona")
    store.put(make_doc("a1", killed=4))
    assert store.list_events()[0]["status"] == "verified"


def test_incidents_merge_across_articles(store: Store) -> None:
    store.put(make_doc("a1", killed=3, certainty="reported"))
    store.put(make_doc("a2", killed=5, day="2015-08-09", certainty="confirmed", source="other"))
    store.put(make_doc("a3", place=("حلب", "Aleppo", 36.2, 37.16, "Aleppo", "Jebel Saman")))
    assert store.rebuild_incidents() == 2
    [inc] = store.list_incidents(min_events=2)
    assert inc["n_articles"] == 2 and inc["fatalities_low"] == 3 and inc["fatalities_high"] == 5
    assert inc["certainty"] == "confirmed" and "km apart" in inc["reason"]
    detail = store.get_incident(inc["id"])
    assert detail is not None and {e["article_id"] for e in detail["events"]} == {"a1", "a2"}
    assert store.rebuild_incidents() == 2 and store.list_incidents(min_events=2)[0]["id"] == inc["id"]
    other = [i for i in store.list_incidents() if i["id"] != inc["id"]][0]
    merged = store.merge_incidents([inc["id"], other["id"]], user="mona", note="same day, same raid")
    assert merged["n_events"] == 3 and merged["manual"]
    new = store.split_incident(inc["id"], ["a3:ev1"], user="mona")
    assert new["n_events"] == 1 and store.get_incident(inc["id"])["n_events"] == 2  # type: ignore[index]
    assert store.rebuild_incidents() == 2  # manual incidents survive a rebuild


def test_sqlite_opens_only_existing_when_asked(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        open_store(tmp_path / "missing.db", create=False)


@pytest.mark.postgres
@pytest.mark.slow
def test_same_corpus_same_events_in_sqlite_and_postgres(pg_server: str, shared: Path, tmp_path: Path,
                                                        pipeline) -> None:  # type: ignore[no-untyped-def]
    """The real pipeline over a few SaudiNewsNet articles, ingested into both backends: identical events."""
    import gzip
    import itertools

    from rasid.ingest import read_paths
    from rasid.store.load import ingest

    corpus = shared / "data" / "corpus" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
    src = tmp_path / "few.jsonl"
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        src.write_text("".join(itertools.islice(fh, 8)), encoding="utf-8")
    lite, pg = open_store(tmp_path / "lite.db"), pg_store(pg_server)
    try:
        for s in (lite, pg):
            stats = ingest(read_paths([src]), s, pipeline_factory=lambda: pipeline)
            assert stats.inserted == 8
            s.rebuild_incidents()
        a, b = lite.list_events(limit=None, order="date"), pg.list_events(limit=None, order="date")
        assert a == b and a
        assert lite.stats()["by_type"] == pg.stats()["by_type"]
        assert [i["id"] for i in lite.list_incidents(limit=None)] == [i["id"] for i in pg.list_incidents(limit=None)]
        assert lite.count_events({"q": "السعودية"}) == pg.count_events({"q": "السعودية"})
    finally:
        lite.close()
        pg.close()


def test_store_shared_between_threads(store: Store) -> None:
    """A web server's thread pool shares one store: writes and reads interleave without mixing transactions."""
    from concurrent.futures import ThreadPoolExecutor

    def write(i: int) -> str:
        return store.put(make_doc(f"t{i}", killed=i + 1))["status"]

    def read(_: int) -> int:
        return store.count_events() + len(store.list_events(limit=5))

    with ThreadPoolExecutor(4) as pool:
        writes = list(pool.map(write, range(12)))
        reads = list(pool.map(read, range(12)))
    assert writes == ["inserted"] * 12 and all(r >= 12 for r in reads)
    assert store.count_articles() == 12


def test_old_database_is_migrated(tmp_path: Path) -> None:
    """A database made by an older rasid (only the first migration) is upgraded when opened."""
    import sqlite3

    from rasid.store.migrations import m001_core, version_table

    path = tmp_path / "old.db"
    con = sqlite3.connect(path)
    version_table(con.execute)
    m001_core(con.execute, "sqlite")
    con.execute("INSERT INTO schema_version VALUES (1, 'm001_core', '2024-01-01')")
    con.commit()
    con.close()
    with open_store(path) as s:
        assert s.schema_version() == len(MIGRATIONS) > 1
        s.put(make_doc("a1"))
        assert s.count_events({"q": "دوما"}) == 1


def test_search_finds_words_behind_proclitics(store: Store) -> None:
    body = "قال ناشطون إن الجيش السوري قصف مدينة دوما أمس مما أدى إلى مقتل 3 مدنيين، والمقاتلون انسحبوا من مواقع للمعارضة."
    store.put(make_doc("a1", body=body))
    assert store.count_events({"q": "المعارضة"}) == 1  # «للمعارضة» = ل + المعارضة
    assert store.count_events({"q": "مقاتلون"}) == 1  # «والمقاتلون» = و + ال + مقاتلون
    assert store.count_events({"q": "المقاتلون انسحبوا"}) == 1
    assert store.count_events({"q": "الدبابات"}) == 0
