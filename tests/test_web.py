"""The web app's JSON API on a real SQLite store filled with small hand-written articles.

Covers every endpoint and every event filter, the error handler, the token on writes, CORS and the
escaping of hostile article text (the browser half of the XSS check is in test_browser.py).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from rasid.doc import (  # noqa: E402
    Attribution,
    Document,
    Entity,
    Event,
    Participant,
    Place,
    Quantity,
    Sentence,
    Span,
    When,
)
from rasid.store import open_store  # noqa: E402
from rasid.web.app import create_app  # noqa: E402

TOKEN = "test-token-123"
XSS_TITLE = "<script>alert('title')</script>خبر"
XSS_ACTOR = "<img src=x onerror=alert(1)>"


def make_doc(doc_id: str, sentence: str, *, trigger: str, acled: tuple[str, str], native: str,
             place: tuple[str, str, float, float, str, str] | None = None, actor: tuple[str, str] | None = None,
             date: tuple[str, str] | None = None, killed: str | None = None, source: tuple[str, str] | None = None,
             certainty: str = "confirmed", published: str = "2024-03-05", title: str | None = None,
             url: str | None = None, outlet: str = "test", negated: bool = False, note: str = "",
             admin2: str | None = None) -> Document:
    """One article with one event. Spans are found in `sentence` by their text, so they are always right.

    place = (surface, name, lat, lon, admin1, country); actor = (surface, canonical); date = (surface, ISO day);
    source = (surface, source type)."""
    title = title or f"خبر {doc_id}"
    text = f"{title}\n\n{sentence}"
    s0 = len(title) + 2

    def at(piece: str) -> tuple[int, int]:
        i = text.index(piece, s0)
        return i, i + len(piece)

    entities: list[Entity] = []
    places: list[Place] = []
    participants: list[Participant] = []
    if actor:
        a, b = at(actor[0])
        entities.append(Entity("e1", actor[0], "ORG", a, b, canonical=actor[1]))
        participants.append(Participant("actor", actor[0], a, b, "e1"))
    if place:
        a, b = at(place[0])
        places.append(Place("p1", place[0], a, b, name=place[1], lat=place[2], lon=place[3], admin1=place[4],
                            country=place[5], admin2=admin2))
    when = None
    if date:
        a, b = at(date[0])
        when = When(date[1], date[1], 1, date[0], a, b)
    quantities: tuple[Quantity, ...] = ()
    fatalities = None
    if killed:
        a, b = at(killed)
        n = int(re.findall(r"\d+", killed)[0])
        quantities = (Quantity("killed", n, n, None, killed, a, b),)
        fatalities = n
    att = Attribution(None, None, certainty)
    if source:
        a, b = at(source[0])
        att = Attribution(Span(a, b, source[0]), source[1], certainty)
    ta, tb = at(trigger)
    ev = Event("ev1", native, acled[0], acled[1], Span(ta, tb, trigger), Sentence(s0, len(text)),
               participants=tuple(participants), location="p1" if place else None, date=when,
               fatalities=fatalities, quantities=quantities, attribution=att, negated=negated, notes_en=note)
    return Document(text=text, id=doc_id, title=title, published=published, url=url or f"https://example.org/{doc_id}",
                    source=outlet, sentences=(Sentence(0, len(title)), Sentence(s0, len(text))),
                    entities=tuple(entities), places=tuple(places), events=(ev,))


ALEPPO = ("حلب", "Aleppo", 36.2, 37.16, "Aleppo", "SY")
IDLIB = ("إدلب", "Idlib", 35.93, 36.63, "Idlib", "SY")
GAZA = ("غزة", "Gaza", 31.5, 34.47, "Gaza", "PS")


def sample_docs() -> list[Document]:
    return [
        make_doc("a1", "قال المرصد السوري إن طائرات النظام قصفت مدينة حلب يوم الاثنين وقتل 5 مدنيين.",
                 trigger="قصفت", acled=("Explosions/Remote violence", "Air/drone strike"), native="attack.airstrike",
                 place=ALEPPO, actor=("طائرات النظام", "Syrian Government"), date=("يوم الاثنين", "2024-03-04"),
                 killed="5 مدنيين", source=("المرصد السوري", "monitor"), certainty="reported",
                 note="Regime aircraft struck Aleppo."),
        make_doc("a2", "اندلعت اشتباكات عنيفة بين هيئة تحرير الشام وقوات النظام في ريف إدلب يوم الجمعة.",
                 trigger="اشتباكات", acled=("Battles", "Armed clash"), native="clash",
                 place=IDLIB, actor=("هيئة تحرير الشام", "Hayat Tahrir al-Sham"), date=("يوم الجمعة", "2024-03-08"),
                 outlet="other", admin2="Harim"),
        make_doc("a3", "تظاهر مئات الفلسطينيين في مدينة غزة أمس احتجاجا على الحصار.",
                 trigger="تظاهر", acled=("Protests", "Peaceful protest"), native="protest",
                 place=GAZA, date=("أمس", "2024-02-20"), certainty="claimed"),
        make_doc("a4", "نفى الجيش أن تكون قواته قد قصفت قرية في حلب.",
                 trigger="قصفت", acled=("Explosions/Remote violence", "Shelling/artillery/missile attack"),
                 native="attack.shelling", place=ALEPPO, negated=True, certainty="alleged"),
        # hostile scraped text: markup in the title, the actor and the sentence
        make_doc("x1", f"قال ناشطون إن {XSS_ACTOR} هاجم حاجزا في حلب <script>alert('body')</script>.",
                 trigger="هاجم", acled=("Battles", "Armed clash"), native="clash.attack", place=ALEPPO,
                 actor=(XSS_ACTOR, XSS_ACTOR), title=XSS_TITLE, date=("حلب", "2024-03-06"),
                 url="javascript:alert(1)", certainty="rumored"),
    ]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    st = open_store(tmp_path_factory.mktemp("web") / "web.db")
    st.put_many(sample_docs())
    st.rebuild_incidents()
    yield st
    st.close()


@pytest.fixture(scope="module")
def client(store: Any) -> Iterator[TestClient]:
    with TestClient(create_app(store, token=TOKEN)) as c:
        yield c


AUTH = {"Authorization": f"Bearer {TOKEN}", "X-Rasid-User": "tester"}


def ids(resp: Any) -> set[str]:
    assert resp.status_code == 200, resp.text
    return {e["id"] for e in resp.json()["events"]}


# ---------------------------------------------------------------- events and filters

def test_events_lists_everything_with_total(client: TestClient) -> None:
    r = client.get("/api/events")
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == 5 and len(body["events"]) == 5
    dates = [e["date_start"] for e in body["events"]]
    assert dates[:4] == sorted(dates[:4], reverse=True) and dates[4] is None  # default -date, undated last


@pytest.mark.parametrize("query, expected", [
    ("date_from=2024-03-05", {"a2:ev1", "x1:ev1"}),
    ("date_to=2024-03-01", {"a3:ev1"}),
    ("date_from=2024-03-04&date_to=2024-03-06", {"a1:ev1", "x1:ev1"}),
    ("type=attack", {"a1:ev1", "a4:ev1"}),
    ("type=attack.airstrike", {"a1:ev1"}),
    ("acled_type=Battles", {"a2:ev1", "x1:ev1"}),
    ("acled_sub_type=Peaceful protest", {"a3:ev1"}),
    ("actor=Hayat Tahrir al-Sham", {"a2:ev1"}),
    ("actor=طائرات النظام", {"a1:ev1"}),
    ("admin1=Idlib", {"a2:ev1"}),
    ("admin2=Harim", {"a2:ev1"}),
    ("admin1=Aleppo&acled_type=Battles", {"x1:ev1"}),
    ("country=PS", {"a3:ev1"}),
    ("place=Gaza", {"a3:ev1"}),
    ("certainty=reported", {"a1:ev1"}),
    ("certainty=reported&certainty=claimed", {"a1:ev1", "a3:ev1"}),
    ("certainty=reported,claimed", {"a1:ev1", "a3:ev1"}),
    ("min_certainty=reported", {"a1:ev1", "a2:ev1"}),
    ("factual=true&admin1=Aleppo", {"a1:ev1", "x1:ev1"}),
    ("q=الحصار", {"a3:ev1"}),
    ("q=المرصد مدنيين", {"a1:ev1"}),
    ("bbox=34,31,35,32", {"a3:ev1"}),
    ("bbox=36,35,38,37", {"a1:ev1", "a2:ev1", "a4:ev1", "x1:ev1"}),
    ("article_id=a2", {"a2:ev1"}),
    ("source=other", {"a2:ev1"}),
])
def test_event_filters(client: TestClient, query: str, expected: set[str]) -> None:
    assert ids(client.get(f"/api/events?{query}")) == expected


def test_review_status_filters(store: Any, tmp_path: Path) -> None:
    st = open_store(tmp_path / "review.db")
    st.put_many(sample_docs()[:3])
    with TestClient(create_app(st, token=TOKEN)) as c:
        assert c.post("/api/events/a1:ev1/review", json={"action": "verify"}, headers=AUTH).status_code == 200
        assert c.post("/api/events/a2:ev1/review", json={"action": "reject"}, headers=AUTH).status_code == 200
        assert ids(c.get("/api/events?verified=true")) == {"a1:ev1"}
        assert ids(c.get("/api/events?status=rejected")) == {"a2:ev1"}
        assert ids(c.get("/api/events?status=unreviewed")) == {"a3:ev1"}
        assert ids(c.get("/api/events?status=verified,rejected")) == {"a1:ev1", "a2:ev1"}
    st.close()


def test_incident_filter(client: TestClient, store: Any) -> None:
    inc = store.get_event("a2:ev1")["incident_id"]
    assert inc
    assert "a2:ev1" in ids(client.get(f"/api/events?incident_id={inc}"))


def test_paging_order_and_compact(client: TestClient) -> None:
    first = client.get("/api/events?limit=2&offset=0&order=date").json()
    second = client.get("/api/events?limit=2&offset=2&order=date").json()
    assert first["total"] == 5 and len(first["events"]) == 2 and len(second["events"]) == 2
    assert not {e["id"] for e in first["events"]} & {e["id"] for e in second["events"]}
    assert first["events"][0]["id"] == "a3:ev1"  # earliest date first
    compact = client.get("/api/events?compact=true&article_id=a1").json()["events"][0]
    assert compact["lat"] == pytest.approx(36.2) and compact["lon"] == pytest.approx(37.16)
    assert "participants" not in compact and compact["acled_event_type"] == "Explosions/Remote violence"


@pytest.mark.parametrize("query, status", [
    ("bbox=1,2,3", 400), ("bbox=a,b,c,d", 400), ("bbox=0,50,10,40", 400),
    ("date_from=yesterday", 400), ("certainty=sure", 400), ("status=done", 400),
    ("order=random", 400), ("limit=0", 422), ("limit=999999", 422), ("offset=-1", 422),
])
def test_bad_queries_answer_json_errors(client: TestClient, query: str, status: int) -> None:
    r = client.get(f"/api/events?{query}")
    assert r.status_code == status
    body = r.json()
    assert body["what"] and "error" in body


def test_event_detail_has_evidence_spans_article_and_incident(client: TestClient) -> None:
    r = client.get("/api/events/a1:ev1")
    assert r.status_code == 200
    ev = r.json()
    assert ev["evidence"]["text"].startswith("قال المرصد السوري")
    kinds = {s["kind"] for s in ev["spans"]}
    assert {"trigger", "participant", "place", "date", "quantity", "source"} <= kinds
    for s in ev["spans"]:  # every span points into the evidence's article text
        assert ev["article"]["text"][s["start"]:s["end"]] == s["text"]
    assert ev["article"]["url"] == "https://example.org/a1"
    assert ev["incident"]["id"] == ev["incident_id"]
    assert ev["notes_en"] == "Regime aircraft struck Aleppo."


def test_unknown_event_is_404_json(client: TestClient) -> None:
    r = client.get("/api/events/nope:ev9")
    assert r.status_code == 404
    assert "nope:ev9" in r.json()["what"]
    r = client.get("/api/no-such-endpoint")
    assert r.status_code == 404 and r.json()["error"] == "HTTPError"
    r = client.delete("/api/events")
    assert r.status_code == 405 and r.json()["what"]


# ---------------------------------------------------------------- articles, aggregates

def test_articles(client: TestClient) -> None:
    body = client.get("/api/articles").json()
    assert body["total"] == 5 and {a["id"] for a in body["articles"]} >= {"a1", "a2"}
    assert client.get("/api/articles?q=الحصار").json()["total"] == 1
    art = client.get("/api/articles/a3").json()
    assert "الحصار" in art["text"] and [e["id"] for e in art["events"]] == ["a3:ev1"]
    assert client.get("/api/articles/zzz").status_code == 404


def test_actors_places_stats(client: TestClient) -> None:
    actors = client.get("/api/actors").json()["actors"]
    assert any(a["name"] == "Hayat Tahrir al-Sham" for a in actors)
    assert [a["name"] for a in client.get("/api/actors?admin1=Idlib").json()["actors"]] == ["Hayat Tahrir al-Sham"]
    places = client.get("/api/places").json()["places"]
    aleppo = next(p for p in places if p["name"] == "Aleppo")
    assert aleppo["count"] == 3 and aleppo["lat"] == pytest.approx(36.2)
    assert {p["name"] for p in client.get("/api/places?country=PS").json()["places"]} == {"Gaza"}
    stats = client.get("/api/stats").json()
    assert stats["events"] == 5 and stats["articles"] == 5
    assert {d["day"]: d["count"] for d in stats["by_day"]}["2024-03-04"] == 1
    assert {t["type"]: t["count"] for t in stats["by_type"]}["Battles"] == 2
    assert client.get("/api/stats?acled_type=Protests").json()["events"] == 1


def test_incidents_and_reviews_lists(client: TestClient) -> None:
    incs = client.get("/api/incidents").json()
    assert incs["total"] >= 1 and incs["incidents"]
    one = client.get(f"/api/incidents/{incs['incidents'][0]['id']}").json()
    assert one["events"] and one["articles"]
    assert client.get("/api/incidents/inc-nope").status_code == 404
    assert "reviews" in client.get("/api/reviews").json()


# ---------------------------------------------------------------- review and the token

def test_writes_need_the_right_token(client: TestClient) -> None:
    url = "/api/events/a3:ev1/review"
    r = client.post(url, json={"action": "verify"})
    assert r.status_code == 401 and "token" in r.json()["what"]
    r = client.post(url, json={"action": "verify"}, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 403
    r = client.post(url, json={"action": "verify"}, headers={"X-Rasid-Token": "wrong"})
    assert r.status_code == 403
    assert client.get("/api/events/a3:ev1").json()["status"] == "unreviewed"  # nothing was written
    assert client.post("/api/incidents/merge", json={"incident_ids": ["a", "b"]}).status_code == 401


def test_server_without_token_refuses_writes(store: Any) -> None:
    with TestClient(create_app(store, token=None)) as c:
        r = c.post("/api/events/a1:ev1/review", json={"action": "verify"}, headers={"Authorization": "Bearer x"})
        assert r.status_code == 403 and "RASID_TOKEN" in r.json()["hint"]
        assert c.get("/api/config").json()["writable"] is False


def test_review_actions_are_audited(tmp_path: Path) -> None:
    st = open_store(tmp_path / "audit.db")
    st.put_many(sample_docs()[:3])
    with TestClient(create_app(st, token=TOKEN)) as c:
        url = "/api/events/a1:ev1/review"
        r = c.post(url, json={"action": "verify", "note": "checked the video"}, headers=AUTH)
        assert r.status_code == 200 and r.json()["user"] == "tester"
        r = c.post(url, json={"action": "correct_type", "value": {"type": "attack.shelling",
                   "acled_event_type": "Explosions/Remote violence",
                   "acled_sub_event_type": "Shelling/artillery/missile attack"}}, headers=AUTH)
        assert r.status_code == 200
        r = c.post(url, json={"action": "correct_place", "value": {"name": "Azaz", "lat": 36.58, "lon": 37.05,
                                                                  "admin1": "Aleppo", "country": "SY"}},
                   headers={"X-Rasid-Token": TOKEN})
        assert r.status_code == 200
        r = c.post(url, json={"action": "correct_date", "value": {"date_start": "2024-03-03",
                   "date_end": "2024-03-03", "date_precision": 1}}, headers=AUTH)
        assert r.status_code == 200
        ev = c.get("/api/events/a1:ev1").json()
        assert ev["status"] == "corrected" and ev["type"] == "attack.shelling"
        assert ev["place"]["name"] == "Azaz" and ev["date_start"] == "2024-03-03"
        assert ev["original"]["type"] == "attack.airstrike"  # the extraction is kept
        trail = c.get("/api/reviews?event_id=a1:ev1").json()["reviews"]
        assert [t["action"] for t in trail] == ["correct_date", "correct_place", "correct_type", "verify"]
        assert trail[-1]["user"] == "tester" and trail[-1]["note"] == "checked the video" and trail[-1]["at"]
        assert trail[1]["user"] == "analyst"  # no X-Rasid-User header: the server's default name
        # effective values drive the filters
        assert ids(c.get("/api/events?type=attack.shelling")) == {"a1:ev1"}
        assert ids(c.get("/api/events?date_to=2024-03-03&date_from=2024-03-03")) == {"a1:ev1"}
        # bad review requests
        assert c.post(url, json={"action": "delete"}, headers=AUTH).status_code == 400
        assert c.post(url, json={"action": "correct_type"}, headers=AUTH).status_code == 400
        assert c.post("/api/events/zz:ev1/review", json={"action": "verify"}, headers=AUTH).status_code == 404
        assert c.post(url, json={}, headers=AUTH).status_code == 422
    st.close()


def test_merge_and_split_incidents(tmp_path: Path) -> None:
    st = open_store(tmp_path / "inc.db")
    st.put_many(sample_docs()[:3])
    st.rebuild_incidents()
    with TestClient(create_app(st, token=TOKEN)) as c:
        i1 = c.get("/api/events/a1:ev1").json()["incident_id"]
        i2 = c.get("/api/events/a2:ev1").json()["incident_id"]
        assert i1 and i2 and i1 != i2
        r = c.post("/api/incidents/merge", json={"incident_ids": [i1, i2], "note": "same strike"}, headers=AUTH)
        assert r.status_code == 200 and r.json()["id"] == i1 and r.json()["n_events"] == 2
        assert c.get("/api/events/a2:ev1").json()["incident_id"] == i1
        lineage = c.get(f"/api/incidents/{i1}").json()
        assert {e["id"] for e in lineage["events"]} == {"a1:ev1", "a2:ev1"} and lineage["manual"] is True
        merged = c.get("/api/incidents?min_events=2").json()
        assert merged["total"] == 1 and merged["incidents"][0]["id"] == i1
        audit = c.get("/api/reviews").json()["reviews"][0]  # the merge is in the audit trail, with who
        assert audit["action"] == "merge_incidents" and audit["user"] == "tester" and audit["note"] == "same strike"
        r = c.post(f"/api/incidents/{i1}/split", json={"event_ids": ["a2:ev1"]}, headers=AUTH)
        assert r.status_code == 200 and r.json()["id"] != i1
        assert c.get("/api/events/a2:ev1").json()["incident_id"] == r.json()["id"]
        assert c.get("/api/reviews").json()["reviews"][0]["user"] == "tester"
        assert c.post("/api/incidents/merge", json={"incident_ids": [i1, "inc-none"]}, headers=AUTH).status_code == 404
        assert c.post("/api/incidents/merge", json={"incident_ids": [i1]}, headers=AUTH).status_code == 422
        assert c.post("/api/incidents/inc-none/split", json={"event_ids": ["a1:ev1"]},
                      headers=AUTH).status_code == 404
    st.close()


def test_reader_connections_see_writes(tmp_path: Path) -> None:
    db = tmp_path / "readers.db"
    st = open_store(db)
    st.put_many(sample_docs()[:3])
    app = create_app(st, token=TOKEN, reader=lambda: open_store(db, create=False), readers=3)
    with TestClient(app) as c:
        for _ in range(6):  # several reader threads, each with its own connection
            assert c.get("/api/events").json()["total"] == 3
        assert c.post("/api/events/a2:ev1/review", json={"action": "reject"}, headers=AUTH).status_code == 200
        for _ in range(6):
            assert c.get("/api/events/a2:ev1").json()["status"] == "rejected"
            assert ids(c.get("/api/events?status=rejected")) == {"a2:ev1"}
    st.close()


def test_cached_answers_expire_when_data_changes(tmp_path: Path) -> None:
    db = tmp_path / "cache.db"
    st = open_store(db)
    st.put_many(sample_docs()[:2])
    with TestClient(create_app(st, token=TOKEN, version_ttl=0)) as c:
        first = c.get("/api/events?status=verified")
        assert first.headers["x-rasid-cache"] == "miss" and first.json()["total"] == 0
        again = c.get("/api/events?status=verified")
        assert again.headers["x-rasid-cache"] == "hit" and again.json() == first.json()
        c.post("/api/events/a1:ev1/review", json={"action": "verify"}, headers=AUTH)
        after = c.get("/api/events?status=verified")
        assert after.headers["x-rasid-cache"] == "miss" and after.json()["total"] == 1
        st.put(sample_docs()[2])  # an ingest (here: the same store) also expires the cache
        assert c.get("/api/stats").json()["events"] == 3
        assert "content-security-policy" in c.get("/api/stats").headers
    with TestClient(create_app(st, token=TOKEN, cache_size=0)) as c:
        assert "x-rasid-cache" not in c.get("/api/stats").headers
    with TestClient(create_app(st, token=TOKEN, version_ttl=3600)) as c:
        # the version is trusted for an hour here, yet this app's own writes show at once
        assert c.get("/api/events?status=rejected").json()["total"] == 0
        c.post("/api/events/a2:ev1/review", json={"action": "reject"}, headers=AUTH)
        assert c.get("/api/events?status=rejected").json()["total"] == 1
        c.post("/api/events/a2:ev1/review", json={"action": "reset"}, headers=AUTH)
        assert c.get("/api/events?status=rejected").json()["total"] == 0
    st.close()


# ---------------------------------------------------------------- export

def test_export_formats_and_verified_only(tmp_path: Path) -> None:
    st = open_store(tmp_path / "exp.db")
    st.put_many(sample_docs()[:3])
    with TestClient(create_app(st, token=TOKEN)) as c:
        r = c.get("/api/export?format=jsonl")
        assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
        assert len(r.text.strip().splitlines()) == 3
        c.post("/api/events/a3:ev1/review", json={"action": "verify"}, headers=AUTH)
        lines = c.get("/api/export?format=jsonl&verified=true").text.strip().splitlines()
        assert len(lines) == 1 and '"a3:ev1"' in lines[0]
        assert len(c.get("/api/export?format=jsonl&verified_only=true").text.strip().splitlines()) == 1
        geo = c.get("/api/export?format=geojson&admin1=Idlib").json()
        assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 1
        assert geo["features"][0]["geometry"]["coordinates"] == pytest.approx([36.63, 35.93])
        formats = c.get("/api/config").json()["export_formats"]
        assert {"acled-csv", "ucdp-csv", "plover-json", "geojson", "jsonl"} <= set(formats)
        for fmt in formats:
            r = c.get(f"/api/export?format={fmt}&verified=true")
            assert r.status_code == 200 and r.content, fmt
        acled = c.get("/api/export?format=acled-csv&verified=true").text.strip().splitlines()
        assert acled[0].startswith("event_id_cnty,") and len(acled) == 2  # header + the verified event
        r = c.get("/api/export?format=pdf")
        assert r.status_code == 400 and "format" in r.json()["what"]
    st.close()


# ---------------------------------------------------------------- safety

def test_hostile_article_text_is_data_not_markup(client: TestClient) -> None:
    ev = client.get("/api/events/x1:ev1")
    assert ev.headers["content-type"].startswith("application/json")
    body = ev.json()
    # the text comes back exactly as scraped (the page escapes it), never as rendered HTML
    assert body["article_title"] == XSS_TITLE
    assert XSS_ACTOR in body["evidence"]["text"] and "<script>" in body["article"]["text"]
    assert body["participants"][0]["text"] == XSS_ACTOR
    # the page itself is static: no article text is ever templated into HTML
    for path in ("/", "/events/x1:ev1", "/articles/x1"):
        page = client.get(path)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert "alert(" not in page.text and "onerror" not in page.text
        csp = page.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
        assert page.headers["x-content-type-options"] == "nosniff"


def test_page_script_never_parses_strings_as_html() -> None:
    js = (Path(__file__).resolve().parent.parent / "rasid/web/static/app.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in js, sink


def test_no_cors_unless_asked(store: Any) -> None:
    with TestClient(create_app(store, token=TOKEN)) as c:
        r = c.get("/api/stats", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in r.headers
    with TestClient(create_app(store, token=TOKEN, cors_origins=["https://ok.example"])) as c:
        r = c.get("/api/stats", headers={"Origin": "https://ok.example"})
        assert r.headers["access-control-allow-origin"] == "https://ok.example"
        r = c.get("/api/stats", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in r.headers


def test_store_errors_become_json_with_status(store: Any) -> None:
    from rasid.errors import StoreError

    class Broken:
        def __getattr__(self, name: str) -> Any:
            return getattr(store, name)

        def stats(self, filters: Any = None) -> Any:
            raise StoreError("database is locked", "try again")

    with TestClient(create_app(Broken(), token=TOKEN)) as c:
        r = c.get("/api/stats")
        assert r.status_code == 409
        assert r.json() == {"error": "StoreError", "what": "database is locked", "hint": "try again"}


def test_config_static_and_docs(client: TestClient, store: Any) -> None:
    cfg = client.get("/api/config").json()
    assert cfg["writable"] is True and cfg["tiles"] is None and "confirmed" in cfg["certainties"]
    assert TOKEN not in client.get("/api/config").text
    for path in ("/static/app.js", "/static/vendor/leaflet/leaflet.js", "/static/basemap/countries-50m.json",
                 "/static/basemap/syria_admin1.geojson", "/static/vendor/leaflet.markercluster/leaflet.markercluster.js"):
        assert client.get(path).status_code == 200, path
    assert client.get("/openapi.json").json()["paths"]["/api/events"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text.lower() and "<script>" not in docs.text  # offline, no inline script
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
    tiles = "https://{s}.tiles.example.org/{z}/{x}/{y}.png"
    with TestClient(create_app(store, token=TOKEN, tiles=tiles)) as c:
        assert c.get("/api/config").json()["tiles"] == tiles
        assert "https://*.tiles.example.org" in c.get("/").headers["content-security-policy"]


def test_every_page_has_a_json_twin(client: TestClient) -> None:
    for page, twin in (("/", "/api/events"), ("/events/a1:ev1", "/api/events/a1:ev1"),
                       ("/articles/a1", "/api/articles/a1")):
        r = client.get(page)
        assert r.headers["link"] == f'<{twin}>; rel="alternate"; type="application/json"'
        as_json = client.get(page, headers={"Accept": "application/json"})
        assert as_json.status_code == 200 and as_json.headers["content-type"] == "application/json"
        assert as_json.json() == client.get(twin).json()


# ---------------------------------------------------------------- the serve command

def test_serve_help_and_token_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from rasid.cli import main
    from rasid.commands.serve import token_for

    with pytest.raises(SystemExit) as exit_info:
        main(["serve", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "--db" in out and "127.0.0.1" in out and "RASID_TOKEN" in out and "--cors" in out
    db = str(tmp_path / "x.db")
    assert token_for(db, {"RASID_TOKEN": "from-env"}) == ("from-env", "RASID_TOKEN")
    tok, where = token_for(db, {})
    assert len(tok) >= 24 and "new" in where
    mode = os.stat(db + ".token").st_mode
    assert not mode & (stat.S_IRGRP | stat.S_IROTH)  # only the owner can read it
    assert token_for(db, {})[0] == tok  # kept across restarts
    pg_tok, pg_where = token_for("postgresql://u@localhost/rasid", {})
    assert len(pg_tok) >= 24 and "this run" in pg_where


def test_serve_command_starts_on_localhost(tmp_path: Path) -> None:
    import subprocess
    import sys
    import time

    import httpx

    db = tmp_path / "served.db"
    st = open_store(db)
    st.put_many(sample_docs()[:2])
    st.close()
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k != "RASID_TOKEN"}
    proc = subprocess.Popen([sys.executable, "-m", "rasid.cli", "serve", "--db", str(db), "--port", str(port)],
                            env=env, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=1)
                break
            except httpx.HTTPError:
                assert proc.poll() is None and time.monotonic() < deadline, "rasid serve did not start"
                time.sleep(0.1)
        assert r.json()["events"] == 2
        token = (tmp_path / "served.db.token").read_text().strip()
        r = httpx.post(f"http://127.0.0.1:{port}/api/events/a1:ev1/review", json={"action": "verify"},
                       headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 200
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}/" in err and token in err
