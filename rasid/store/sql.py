"""The SQL both backends share: rows in and out, filters, reviews, incidents. Subclasses give the connection,
the transaction, the placeholder style and the full-text clause (`SQLiteStore`, `PostgresStore`)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import threading
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any

from rasid.doc import Document, Entity
from rasid.errors import StoreError
from rasid.store.base import (
    CERTAINTY_ORDER,
    ORDERS,
    REVIEW_ACTIONS,
    REVIEW_STATUSES,
    ArticleRow,
    Correction,
    EventDetail,
    EventFilter,
    EventRow,
    IncidentDetail,
    IncidentRow,
    MapPoint,
    NameCount,
    ParticipantInfo,
    PlaceInfo,
    PutResult,
    QuantityInfo,
    ReviewRow,
    SpanInfo,
    Stats,
)
from rasid.store.migrations import MIGRATIONS, version_table
from rasid.text import match_key, normalize

_ORDER_SQL = {
    "date": "e.e_date_start ASC NULLS LAST, e.id ASC",
    "-date": "e.e_date_start DESC NULLS LAST, e.id ASC",
    "fatalities": "e.fatalities ASC NULLS LAST, e.id ASC",
    "-fatalities": "e.fatalities DESC NULLS LAST, e.id ASC",
    "certainty": "e.certainty_rank ASC, e.id ASC",
    "added": "e.seq ASC, e.id ASC",
    "-added": "e.seq DESC, e.id ASC",
}

_PLACE_COLS = ("name", "lat", "lon", "country", "admin1", "admin2", "feature", "gazetteer_id", "precision")


def content_hash(doc: Document) -> str:
    """What makes an article 'the same' for idempotent ingest: id, URL, source, title, date and text."""
    key = json.dumps([doc.id, doc.url, doc.source, doc.title, doc.published, doc.text], ensure_ascii=False)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def article_id_of(doc: Document) -> str:
    """The stored id: the document's id, else a hash of its URL or text (as the readers do)."""
    if doc.id:
        return str(doc.id)
    return hashlib.sha1((doc.url or doc.text).encode("utf-8")).hexdigest()[:16]


def search_text(text: str) -> str:
    """What the full-text index holds: the normalised text, then the article-bearing forms hidden behind
    proclitics («والجيش» → «الجيش», «جيش»; «للجيش» → «الجيش»), so a search for «الجيش» finds «والجيش»."""
    norm = normalize(text)
    extra: list[str] = []
    for raw in norm.split():
        tok = raw.strip(".,،؛:!?\"'()[]«»")
        if len(tok) < 5 or tok[0] not in "وفبلك":
            continue
        extra += _hidden_forms(tok)
    return norm + ("\n" + " ".join(extra) if extra else "")


@lru_cache(maxsize=1 << 16)
def _hidden_forms(tok: str) -> tuple[str, ...]:
    """The forms of `tok` behind its proclitics, for `search_text`. Cached: a pure function of a Zipfian word."""
    from rasid.text.tokens import split_clitics

    pieces = split_clitics(tok)
    if len(pieces) > 1 and pieces[0][2] == "proclitic":
        base = next(tok[a:b] for a, b, kind in pieces if kind == "base")
        return ("ال" + base, base)
    if tok.startswith("لل") and len(tok) > 4:  # لـ + الـ: «للجيش» is «ل» + «الجيش»
        return ("ال" + tok[2:], tok[2:])
    return ()


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def certainty_rank(c: str | None) -> int:
    return CERTAINTY_ORDER.index(c) if c in CERTAINTY_ORDER else len(CERTAINTY_ORDER)


class SQLStore:
    """Store protocol over a DB-API connection. Subclasses set `dialect`, `_connect`, `_tx`, `_fts_clause`."""

    dialect = "sqlite"
    url: str
    #: One connection per store; the lock makes a store safe to share between threads (a web server's pool):
    #: a transaction holds it from BEGIN to COMMIT, so other threads never see or join it half-done.
    _lock: threading.RLock

    # ------------------------------------------------------------------ backend hooks

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:  # pragma: no cover
        raise NotImplementedError

    def _tx(self) -> contextlib.AbstractContextManager[None]:  # pragma: no cover
        raise NotImplementedError

    def _fts_clause(self) -> str:  # pragma: no cover
        """SQL selecting article ids matching one parameter (the normalised query)."""
        raise NotImplementedError

    def _page(self, limit: int | None, offset: int) -> str:
        if limit is None:
            if not offset:
                return ""
            return f"LIMIT -1 OFFSET {int(offset)}" if self.dialect == "sqlite" else f"OFFSET {int(offset)}"
        return f"LIMIT {int(limit)} OFFSET {int(offset)}"

    def _fts_param(self, q: str) -> str:
        return " ".join(normalize(q).split())

    def _fts_insert(self, article_id: str, body: str) -> None:
        self._execute("INSERT INTO article_fts (article_id, body) VALUES (?, ?)", (article_id, body))

    def close(self) -> None:  # pragma: no cover - subclasses close their connection
        raise NotImplementedError

    def __enter__(self) -> SQLStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ queries

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self._lock:  # execute and fetch together: another thread must not interleave
            cur = self._execute(sql, params)
            return [dict(r) for r in cur.fetchall()]

    def _one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        rows = self._rows(sql, params)
        return rows[0] if rows else None

    def _scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        with self._lock:
            row = self._execute(sql, params).fetchone()
        if row is None:
            return None
        return next(iter(dict(row).values()))

    # ------------------------------------------------------------------ migrations

    def migrate(self) -> int:
        """Run the migrations this database has not had yet; returns the version reached."""
        with self._tx():
            version_table(lambda s: self._execute(s))
            done = self._scalar("SELECT COALESCE(MAX(version), 0) AS v FROM schema_version") or 0
            if done > len(MIGRATIONS):
                raise StoreError(f"the database is at schema version {done}, newer than this rasid knows "
                                 f"({len(MIGRATIONS)})", "upgrade rasid")
            for i, mig in enumerate(MIGRATIONS[done:], done + 1):
                mig(lambda s: self._execute(s), self.dialect)
                self._execute("INSERT INTO schema_version (version, name, applied) VALUES (?, ?, ?)",
                              (i, mig.__name__, now()))
        return len(MIGRATIONS)

    def schema_version(self) -> int:
        return int(self._scalar("SELECT COALESCE(MAX(version), 0) AS v FROM schema_version") or 0)

    # ------------------------------------------------------------------ writing

    def put(self, doc: Document, *, origin: str | None = None, replace: bool = False) -> PutResult:
        with self._tx():
            return self._put(doc, origin, replace)

    def put_many(self, docs: Iterable[Document], *, replace: bool = False) -> list[PutResult]:
        with self._tx():
            return [self._put(d, None, replace) for d in docs]

    def known_hashes(self, keys: Sequence[str]) -> set[str]:
        out: set[str] = set()
        keys = list(keys)
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            marks = ",".join("?" * len(chunk))
            out.update(r["content_hash"] for r in self._rows(
                f"SELECT content_hash FROM articles WHERE content_hash IN ({marks})", chunk))
        return out

    def delete_article(self, article_id: str) -> bool:
        with self._tx():
            return self._delete(article_id)

    def _delete(self, article_id: str) -> bool:
        for table in ("participants", "quantities", "events", "entities", "places", "article_fts"):
            self._execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
        cur = self._execute("DELETE FROM articles WHERE id = ?", (article_id,))
        return bool(cur.rowcount)

    def _next_seq(self) -> int:
        return int(self._scalar("SELECT COALESCE(MAX(seq), 0) + 1 AS s FROM articles") or 1)

    def _put(self, doc: Document, origin: str | None, replace: bool = False) -> PutResult:
        aid = article_id_of(doc)
        h = content_hash(doc)
        old = self._one("SELECT id, content_hash FROM articles WHERE id = ?", (aid,))
        if old is None and doc.url:
            old = self._one("SELECT id, content_hash FROM articles WHERE url = ? ORDER BY seq LIMIT 1", (doc.url,))
        kept: dict[tuple[str, str], dict[str, Any]] = {}
        if old is not None:
            if old["content_hash"] == h and not replace:
                return {"article_id": old["id"], "status": "unchanged", "events": 0}
            # keep reviewers' work on events that survive the update (same local id and type)
            for r in self._rows("SELECT local_id, type, status, correction, incident_id FROM events "
                                "WHERE article_id = ? AND (status <> 'unreviewed' OR incident_id IS NOT NULL)",
                                (old["id"],)):
                kept[(r["local_id"], r["type"])] = r
            self._delete(old["id"])
        seq = self._next_seq()
        data = doc.to_json()
        data["id"] = aid
        origin = origin or (doc.meta.get("origin") if doc.meta else None)
        facts = [e for e in doc.events]
        self._execute(
            "INSERT INTO articles (id, url, source, title, published, content_hash, origin, added, seq, n_events, "
            "text, doc_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (aid, doc.url, doc.source, doc.title, doc.published, h, origin, now(), seq, len(facts), doc.text,
             json.dumps(data, ensure_ascii=False)))
        self._fts_insert(aid, search_text(doc.text))
        ents = {e.id: e for e in doc.entities}
        self._executemany(
            "INSERT INTO entities (article_id, local_id, text, type, span_start, span_end, canonical, latin, "
            "actor_id, category) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(aid, e.id, e.text, e.type, e.start, e.end, e.canonical, e.latin, e.actor_id, e.category)
             for e in doc.entities])
        self._executemany(
            "INSERT INTO places (article_id, local_id, text, span_start, span_end, name, lat, lon, country, admin1, "
            "admin2, feature, gazetteer_id, place_precision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(aid, p.id, p.text, p.start, p.end, p.name, p.lat, p.lon, p.country, p.admin1, p.admin2, p.feature,
              p.gazetteer_id, p.precision) for p in doc.places])
        places = {p.id: p for p in doc.places}
        ev_rows, part_rows, qty_rows = [], [], []
        for ev in doc.events:
            eid = f"{aid}:{ev.id}"
            parts = [_participant(p, ents) for p in ev.participants]
            actor1 = next((_name(p) for p in parts if p["role"] == "actor"), None)
            actor2 = next((_name(p) for p in parts if p["role"] == "target"), None)
            pl = places.get(ev.location) if ev.location else None
            d = ev.date
            att = ev.attribution
            ev_rows.append((
                eid, aid, ev.id, seq, ev.type, ev.acled_event_type, ev.acled_sub_event_type, ev.plover,
                ev.trigger.text, ev.trigger.start, ev.trigger.end, ev.evidence.start, ev.evidence.end,
                pl.id if pl else None, pl.text if pl else None, pl.start if pl else None, pl.end if pl else None,
                pl.name if pl else None, pl.lat if pl else None, pl.lon if pl else None,
                pl.country if pl else None, pl.admin1 if pl else None, pl.admin2 if pl else None,
                pl.feature if pl else None, pl.gazetteer_id if pl else None, pl.precision if pl else None,
                d.start if d else None, d.end if d else None, d.precision if d else None, d.text if d else None,
                d.span_start if d else None, d.span_end if d else None,
                ev.fatalities, att.certainty, certainty_rank(att.certainty), att.source_type,
                att.source.text if att.source else None, att.source.start if att.source else None,
                att.source.end if att.source else None,
                int(ev.negated), int(ev.hypothetical), ev.notes_en or "", ev.confidence, actor1, actor2,
                ev.type, ev.acled_event_type, ev.acled_sub_event_type, d.start if d else None,
                d.end if d else None, d.precision if d else None, pl.name or pl.text if pl else None,
                pl.lat if pl else None, pl.lon if pl else None, pl.country if pl else None,
                pl.admin1 if pl else None, pl.admin2 if pl else None, pl.gazetteer_id if pl else None,
                pl.precision if pl else None))
            for i, p in enumerate(parts):
                part_rows.append((aid, eid, i, p["role"], p["text"], p["start"], p["end"],
                                  ev.participants[i].entity, p["canonical"], p["actor_id"], p["category"],
                                  p["entity_type"], match_key(_name(p) or "").lower()))
            for i, q in enumerate(ev.quantities):
                qty_rows.append((aid, eid, i, q.kind, q.low, q.high, q.unit, q.text, q.start, q.end))
        self._executemany(
            "INSERT INTO events (id, article_id, local_id, seq, type, acled_event_type, acled_sub_event_type, "
            "plover, trigger_text, trigger_start, trigger_end, evidence_start, evidence_end, place_id, place_text, "
            "place_start, place_end, place_name, lat, lon, country, admin1, admin2, feature, gazetteer_id, "
            "place_precision, date_start, date_end, date_precision, date_text, date_span_start, date_span_end, "
            "fatalities, certainty, certainty_rank, source_type, source_text, source_start, source_end, negated, "
            "hypothetical, notes_en, confidence, actor1, actor2, e_type, e_acled, e_sub, e_date_start, "
            "e_date_end, e_date_precision, e_place_name, e_lat, e_lon, e_country, e_admin1, e_admin2, "
            "e_gazetteer_id, e_place_precision) VALUES (" + ",".join("?" * len(ev_rows[0] if ev_rows else ())) + ")",
            ev_rows)
        self._executemany(
            "INSERT INTO participants (article_id, event_id, idx, role, text, span_start, span_end, entity_id, "
            "canonical, actor_id, category, entity_type, name_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            part_rows)
        self._executemany(
            "INSERT INTO quantities (article_id, event_id, idx, kind, low, high, unit, text, span_start, span_end) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", qty_rows)
        for ev in doc.events:
            k = kept.get((ev.id, ev.type))
            if k is None:
                continue
            eid = f"{aid}:{ev.id}"
            self._execute("UPDATE events SET status = ?, correction = ?, incident_id = ? WHERE id = ?",
                          (k["status"], k["correction"], k["incident_id"], eid))
            if k["correction"]:
                self._apply_correction(eid, json.loads(k["correction"]))
        return {"article_id": aid, "status": "updated" if old is not None else "inserted", "events": len(facts)}

    # ------------------------------------------------------------------ articles

    def get_article(self, article_id: str) -> ArticleRow | None:
        r = self._one("SELECT id, url, source, title, published, content_hash, origin, added, n_events, text "
                      "FROM articles WHERE id = ?", (article_id,))
        return _article(r) if r else None

    def get_document(self, article_id: str) -> Document | None:
        raw = self._scalar("SELECT doc_json FROM articles WHERE id = ?", (article_id,))
        return Document.from_json(json.loads(raw)) if raw else None

    def list_articles(self, *, limit: int | None = 100, offset: int = 0, q: str | None = None) -> list[ArticleRow]:
        where, params = ("", [])
        if q:
            where, params = f"WHERE id IN ({self._fts_clause()})", [self._fts_param(q)]
        rows = self._rows(
            "SELECT id, url, source, title, published, content_hash, origin, added, n_events, NULL AS text "
            f"FROM articles {where} ORDER BY seq DESC {self._page(limit, offset)}", params)
        return [_article(r) for r in rows]

    def count_articles(self, q: str | None = None) -> int:
        if q:
            return int(self._scalar(f"SELECT COUNT(*) AS n FROM articles WHERE id IN ({self._fts_clause()})",
                                    (self._fts_param(q),)))
        return int(self._scalar("SELECT COUNT(*) AS n FROM articles"))

    # ------------------------------------------------------------------ events

    def _where(self, f: EventFilter | None) -> tuple[str, list[Any]]:
        """SQL conditions over `events e` for the filters (module docstring of rasid.store.base)."""
        f = f or {}
        conds: list[str] = []
        params: list[Any] = []

        def add(cond: str, *ps: Any) -> None:
            conds.append(cond)
            params.extend(ps)

        unknown = set(f) - set(EventFilter.__annotations__)
        if unknown:
            raise StoreError(f"unknown event filter(s): {', '.join(sorted(unknown))}",
                             f"known filters: {', '.join(EventFilter.__annotations__)}")
        if f.get("date_from"):
            add("COALESCE(e.e_date_end, e.e_date_start) >= ?", f["date_from"])
        if f.get("date_to"):
            add("e.e_date_start <= ?", f["date_to"])
        if f.get("type"):
            add("(e.e_type = ? OR e.e_type LIKE ?)", f["type"], f["type"] + ".%")
        if f.get("acled_type"):
            add("e.e_acled = ?", f["acled_type"])
        if f.get("acled_sub_type"):
            add("e.e_sub = ?", f["acled_sub_type"])
        if f.get("actor"):
            key = match_key(f["actor"]).lower()
            add("EXISTS (SELECT 1 FROM participants p WHERE p.event_id = e.id AND "
                "(p.name_key = ? OR p.actor_id = ? OR p.text = ?))", key, f["actor"], f["actor"])
        for col, name in (("e_admin1", "admin1"), ("e_admin2", "admin2"), ("e_country", "country")):
            if f.get(name):
                add(f"LOWER(e.{col}) = LOWER(?)", f[name])  # type: ignore[literal-required]
        if f.get("place"):
            add("(e.e_place_name = ? OR e.place_text = ? OR e.e_gazetteer_id = ?)", f["place"], f["place"],
                f["place"])
        for name, col in (("certainty", "e.certainty"), ("status", "e.status")):
            v: Any = f.get(name)
            if v:
                vals = [v] if isinstance(v, str) else list(v)
                add(f"{col} IN ({','.join('?' * len(vals))})", *vals)
        if f.get("min_certainty"):
            add("e.certainty_rank <= ?", certainty_rank(f["min_certainty"]))
        if f.get("verified"):
            add("e.status IN ('verified', 'corrected')")
        if f.get("factual"):
            add("e.negated = 0 AND e.hypothetical = 0")
        if f.get("q"):
            add(f"e.article_id IN ({self._fts_clause()})", self._fts_param(f["q"]))
        if f.get("bbox"):
            w, s, east, n = (float(x) for x in f["bbox"])
            add("e.e_lon BETWEEN ? AND ? AND e.e_lat BETWEEN ? AND ?", w, east, s, n)
        if f.get("article_id"):
            add("e.article_id = ?", f["article_id"])
        if f.get("incident_id"):
            add("e.incident_id = ?", f["incident_id"])
        if f.get("source"):
            add("e.article_id IN (SELECT id FROM articles WHERE source = ?)", f["source"])
        return (" WHERE " + " AND ".join(conds)) if conds else "", params

    _EVENT_SELECT = ("SELECT e.*, a.title AS a_title, a.url AS a_url, a.source AS a_source, "
                     "a.published AS a_published FROM events e JOIN articles a ON a.id = e.article_id")

    def list_events(self, filters: EventFilter | None = None, *, limit: int | None = 100, offset: int = 0,
                    order: str = "-date") -> list[EventRow]:
        if order not in ORDERS:
            raise StoreError(f"unknown order {order!r}", f"use one of {', '.join(ORDERS)}")
        where, params = self._where(filters)
        rows = self._rows(f"{self._EVENT_SELECT}{where} ORDER BY {_ORDER_SQL[order]} {self._page(limit, offset)}",
                          params)
        return self._event_rows(rows)

    def _event_rows(self, rows: list[dict[str, Any]]) -> list[EventRow]:
        parts = self._by_event("participants", [r["id"] for r in rows])
        return [_event(r, [_part_info(p) for p in parts.get(r["id"], [])]) for r in rows]

    def _by_event(self, table: str, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for r in self._rows(f"SELECT * FROM {table} WHERE event_id IN ({','.join('?' * len(chunk))}) "
                                "ORDER BY event_id, idx", chunk):
                out.setdefault(r["event_id"], []).append(r)
        return out

    def count_events(self, filters: EventFilter | None = None) -> int:
        where, params = self._where(filters)
        return int(self._scalar(f"SELECT COUNT(*) AS n FROM events e{where}", params))

    def map_points(self, filters: EventFilter | None = None, *, limit: int | None = 100, offset: int = 0,
                   order: str = "-date") -> list[MapPoint]:
        if order not in ORDERS:
            raise StoreError(f"unknown order {order!r}", f"use one of {', '.join(ORDERS)}")
        where, params = self._where(filters)
        rows = self._rows(
            "SELECT e.id, e.e_acled, e.e_type, e.e_date_start, e.certainty, e.status, e.fatalities, e.e_lat, e.e_lon, "
            "e.e_place_name, e.place_text FROM events e JOIN articles a ON a.id = e.article_id"
            f"{where} ORDER BY {_ORDER_SQL[order]} {self._page(limit, offset)}", params)
        out: list[MapPoint] = []
        for r in rows:
            placed = r["e_place_name"] is not None or r["e_lat"] is not None  # as `_place`: no name, no point
            out.append({"id": r["id"], "acled_event_type": r["e_acled"], "type": r["e_type"],
                        "date_start": r["e_date_start"], "certainty": r["certainty"], "status": r["status"],
                        "fatalities": r["fatalities"], "lat": r["e_lat"] if placed else None,
                        "lon": r["e_lon"] if placed else None,
                        "place": (r["e_place_name"] or r["place_text"]) if placed else None})
        return out

    def get_event(self, event_id: str) -> EventDetail | None:
        r = self._one(f"{self._EVENT_SELECT} WHERE e.id = ?", (event_id,))
        if r is None:
            return None
        return self._details([r], with_reviews=True)[0]

    def _details(self, rows: list[dict[str, Any]], with_reviews: bool = False,
                 articles: dict[str, ArticleRow] | None = None) -> list[EventDetail]:
        base = self._event_rows(rows)
        qtys = self._by_event("quantities", [r["id"] for r in rows])
        arts = articles if articles is not None else {}
        texts: dict[str, str] = {}
        out: list[EventDetail] = []
        for r, ev in zip(rows, base, strict=True):
            aid = r["article_id"]
            if aid not in arts:
                a = self.get_article(aid)
                assert a is not None
                arts[aid] = a
            art = arts[aid]
            text = texts.get(aid) or art["text"] or self._scalar("SELECT text FROM articles WHERE id = ?", (aid,))
            texts[aid] = text
            quantities: list[QuantityInfo] = [
                {"kind": q["kind"], "low": q["low"], "high": q["high"], "unit": q["unit"], "text": q["text"],
                 "start": q["span_start"], "end": q["span_end"]} for q in qtys.get(r["id"], [])]
            evidence: SpanInfo = {"kind": "evidence", "label": None, "start": r["evidence_start"],
                                  "end": r["evidence_end"], "text": text[r["evidence_start"]:r["evidence_end"]]}
            spans: list[SpanInfo] = [{"kind": "trigger", "label": r["type"], "start": r["trigger_start"],
                                      "end": r["trigger_end"], "text": r["trigger_text"]}]
            spans += [{"kind": "participant", "label": p["role"], "start": p["start"], "end": p["end"],
                       "text": p["text"]} for p in ev["participants"]]
            spans += [{"kind": "quantity", "label": q["kind"], "start": q["start"], "end": q["end"],
                       "text": q["text"]} for q in quantities]
            if r["place_start"] is not None:
                spans.append({"kind": "place", "label": r["place_name"], "start": r["place_start"],
                              "end": r["place_end"], "text": r["place_text"]})
            if r["source_start"] is not None:
                spans.append({"kind": "source", "label": r["source_type"], "start": r["source_start"],
                              "end": r["source_end"], "text": r["source_text"]})
            if r["date_span_start"] is not None and r["date_text"] is not None:
                spans.append({"kind": "date", "label": r["date_start"], "start": r["date_span_start"],
                              "end": r["date_span_end"], "text": r["date_text"]})
            inc = self._incident_row(r["incident_id"]) if r["incident_id"] else None
            detail: dict[str, Any] = dict(ev)
            detail.update(evidence=evidence, spans=spans, quantities=quantities, article=art, incident=inc,
                          reviews=self.reviews(r["id"], limit=None) if with_reviews else [])
            out.append(detail)  # type: ignore[arg-type]
        return out

    def actors(self, filters: EventFilter | None = None, *, limit: int | None = 100) -> list[NameCount]:
        where, params = self._where(filters)
        rows = self._rows(
            "SELECT COALESCE(p.canonical, p.text) AS name, MAX(p.actor_id) AS id, MAX(p.category) AS category, "
            f"COUNT(DISTINCT p.event_id) AS count FROM participants p JOIN events e ON e.id = p.event_id{where} "
            "GROUP BY COALESCE(p.canonical, p.text) ORDER BY count DESC, name ASC " + self._page(limit, 0), params)
        return [{"name": r["name"], "id": r["id"], "category": r["category"], "count": int(r["count"]),
                 "lat": None, "lon": None, "admin1": None} for r in rows]

    def places(self, filters: EventFilter | None = None, *, limit: int | None = 100) -> list[NameCount]:
        where, params = self._where(filters)
        cond = " AND " if where else " WHERE "
        rows = self._rows(
            "SELECT e.e_place_name AS name, MAX(e.e_gazetteer_id) AS id, MAX(e.feature) AS category, "
            "COUNT(*) AS count, AVG(e.e_lat) AS lat, AVG(e.e_lon) AS lon, MAX(e.e_admin1) AS admin1 "
            f"FROM events e{where}{cond}e.e_place_name IS NOT NULL GROUP BY e.e_place_name "
            "ORDER BY count DESC, name ASC " + self._page(limit, 0), params)
        return [{"name": r["name"], "id": r["id"], "category": r["category"], "count": int(r["count"]),
                 "lat": r["lat"], "lon": r["lon"], "admin1": r["admin1"]} for r in rows]

    def stats(self, filters: EventFilter | None = None) -> Stats:
        where, params = self._where(filters)

        def grouped(expr: str, extra: str = "") -> list[dict[str, Any]]:
            cond = (" AND " if where else " WHERE ") + extra if extra else ""
            return self._rows(f"SELECT {expr} AS k, COUNT(*) AS n FROM events e{where}{cond} GROUP BY {expr} "
                              "ORDER BY n DESC, k ASC", params)

        by_day = sorted(grouped("SUBSTR(e.e_date_start, 1, 10)", "e.e_date_start IS NOT NULL"),
                        key=lambda r: r["k"])
        return {
            "articles": self.count_articles(),
            "events": self.count_events(filters),
            "incidents": self.count_incidents(filters),
            "by_day": [{"day": r["k"], "count": int(r["n"])} for r in by_day],
            "by_type": [{"type": r["k"], "count": int(r["n"])} for r in grouped("e.e_acled")],
            "by_certainty": [{"certainty": r["k"], "count": int(r["n"])} for r in grouped("e.certainty")],
            "by_status": [{"status": r["k"], "count": int(r["n"])} for r in grouped("e.status")],
        }

    # ------------------------------------------------------------------ review

    def review(self, event_id: str, action: str, *, user: str, value: dict[str, Any] | None = None,
               note: str | None = None) -> ReviewRow:
        if action not in REVIEW_ACTIONS:
            raise StoreError(f"unknown review action {action!r}", f"use one of {', '.join(REVIEW_ACTIONS)}")
        if not user:
            raise StoreError("a review needs a user name", "say who is reviewing")
        with self._tx():
            r = self._one("SELECT status, correction FROM events WHERE id = ?", (event_id,))
            if r is None:
                raise StoreError(f"no event {event_id!r}", "list events to find its id")
            corr: dict[str, Any] = json.loads(r["correction"]) if r["correction"] else {}
            status = r["status"]
            if action == "verify":
                status = "verified"
            elif action == "reject":
                status = "rejected"
            elif action == "reset":
                status, corr = "unreviewed", {}
            else:
                corr.update(_correction(action, value or {}))
                status = "corrected"
            self._execute("UPDATE events SET status = ?, correction = ? WHERE id = ?",
                          (status, json.dumps(corr, ensure_ascii=False) if corr else None, event_id))
            self._apply_correction(event_id, corr)
            at = now()
            self._execute("INSERT INTO reviews (event_id, action, value, user_name, note, at) "
                          "VALUES (?, ?, ?, ?, ?, ?)",
                          (event_id, action, json.dumps(value, ensure_ascii=False) if value else None, user, note,
                           at))
            rid = self._scalar("SELECT MAX(id) AS id FROM reviews WHERE event_id = ?", (event_id,))
        return {"id": int(rid), "event_id": event_id, "action": action, "value": value, "user": user, "note": note,
                "at": at}

    def _apply_correction(self, event_id: str, corr: dict[str, Any]) -> None:
        """Recompute the effective columns: the correction when given, else the original."""
        pl = corr.get("place") or {}
        self._execute(
            "UPDATE events SET e_type = COALESCE(?, type), e_acled = COALESCE(?, acled_event_type), "
            "e_sub = COALESCE(?, acled_sub_event_type), e_date_start = COALESCE(?, date_start), "
            "e_date_end = COALESCE(?, date_end), e_date_precision = COALESCE(?, date_precision) WHERE id = ?",
            (corr.get("type"), corr.get("acled_event_type"), corr.get("acled_sub_event_type"),
             corr.get("date_start"), corr.get("date_end"), corr.get("date_precision"), event_id))
        if pl:
            self._execute(
                "UPDATE events SET e_place_name = ?, e_lat = ?, e_lon = ?, e_country = ?, e_admin1 = ?, "
                "e_admin2 = ?, e_gazetteer_id = ?, e_place_precision = ? WHERE id = ?",
                (pl.get("name"), pl.get("lat"), pl.get("lon"), pl.get("country"), pl.get("admin1"),
                 pl.get("admin2"), pl.get("gazetteer_id"), pl.get("precision"), event_id))
        else:
            self._execute(
                "UPDATE events SET e_place_name = COALESCE(place_name, place_text), e_lat = lat, e_lon = lon, "
                "e_country = country, e_admin1 = admin1, e_admin2 = admin2, e_gazetteer_id = gazetteer_id, "
                "e_place_precision = place_precision WHERE id = ?", (event_id,))

    def reviews(self, event_id: str | None = None, *, limit: int | None = 100) -> list[ReviewRow]:
        where, params = ("WHERE event_id = ?", [event_id]) if event_id else ("", [])
        rows = self._rows(f"SELECT * FROM reviews {where} ORDER BY id DESC {self._page(limit, 0)}", params)
        return [{"id": int(r["id"]), "event_id": r["event_id"], "action": r["action"],
                 "value": json.loads(r["value"]) if r["value"] else None, "user": r["user_name"],
                 "note": r["note"], "at": r["at"]} for r in rows]

    # ------------------------------------------------------------------ incidents

    def rebuild_incidents(self, **options: Any) -> int:
        from rasid.dedup import MergeEvent, cluster

        with self._tx():
            manual = {r["id"] for r in self._rows("SELECT id FROM incidents WHERE manual = 1")}
            self._execute("DELETE FROM incidents WHERE manual = 0")
            self._execute("UPDATE events SET incident_id = NULL WHERE incident_id IS NOT NULL AND incident_id "
                          "NOT IN (SELECT id FROM incidents)")
            rows = self._event_rows(self._rows(
                f"{self._EVENT_SELECT} WHERE e.incident_id IS NULL AND e.negated = 0 AND e.hypothetical = 0 "
                "AND e.status <> 'rejected' ORDER BY e.id"))
            incidents = cluster([MergeEvent.from_row(r) for r in rows], **options)
            assign = []
            for inc in incidents:
                self._insert_incident(inc.summary(), manual=False)
                assign += [(inc.id, m.id) for m in inc.members]
            self._executemany("UPDATE events SET incident_id = ? WHERE id = ?", assign)
            return len(incidents) + len(manual)

    def _insert_incident(self, s: dict[str, Any], manual: bool) -> None:
        self._execute("DELETE FROM incidents WHERE id = ?", (s["id"],))
        self._execute(
            "INSERT INTO incidents (id, type, acled_event_type, date_start, date_end, place, fatalities_low, "
            "fatalities_best, fatalities_high, certainty, n_events, n_articles, reason, manual) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (s["id"], s["type"], s["acled_event_type"], s["date_start"], s["date_end"],
             json.dumps(s["place"], ensure_ascii=False) if s["place"] else None, s["fatalities_low"],
             s["fatalities_best"], s["fatalities_high"], s["certainty"], s["n_events"], s["n_articles"],
             s["reason"], int(manual)))

    def _incident_row(self, incident_id: str) -> IncidentRow | None:
        r = self._one("SELECT * FROM incidents WHERE id = ?", (incident_id,))
        return _incident(r) if r else None

    def _incident_where(self, filters: EventFilter | None, min_events: int) -> tuple[str, list[Any]]:
        where, params = self._where(filters)
        return (f" WHERE i.n_events >= ? AND i.id IN (SELECT e.incident_id FROM events e{where})",
                [min_events, *params])

    def list_incidents(self, filters: EventFilter | None = None, *, limit: int | None = 100, offset: int = 0,
                       min_events: int = 1) -> list[IncidentRow]:
        where, params = self._incident_where(filters, min_events)
        rows = self._rows(f"SELECT * FROM incidents i{where} ORDER BY i.date_start DESC NULLS LAST, i.id ASC "
                          + self._page(limit, offset), params)
        return [_incident(r) for r in rows]

    def count_incidents(self, filters: EventFilter | None = None, *, min_events: int = 1) -> int:
        where, params = self._incident_where(filters, min_events)
        return int(self._scalar(f"SELECT COUNT(*) AS n FROM incidents i{where}", params))

    def get_incident(self, incident_id: str) -> IncidentDetail | None:
        inc = self._incident_row(incident_id)
        if inc is None:
            return None
        events = self.list_events({"incident_id": incident_id}, limit=None, order="date")
        arts = [a for a in (self.get_article(aid) for aid in sorted({e["article_id"] for e in events}))
                if a is not None]
        for a in arts:
            a["text"] = None
        detail: dict[str, Any] = dict(inc)
        detail.update(events=events, articles=arts)
        return detail  # type: ignore[return-value]

    def _resummarise(self, incident_id: str, reason: str | None, manual: bool) -> IncidentRow:
        from rasid.dedup import Incident, MergeEvent

        rows = self.list_events({"incident_id": incident_id}, limit=None, order="date")
        inc = Incident(incident_id, [MergeEvent.from_row(r) for r in rows], [reason] if reason else [])
        s = inc.summary()
        self._insert_incident(s, manual=manual)
        row = self._incident_row(incident_id)
        assert row is not None
        return row

    def merge_incidents(self, incident_ids: Sequence[str], *, user: str, note: str | None = None) -> IncidentRow:
        ids = list(dict.fromkeys(incident_ids))
        if len(ids) < 2:
            raise StoreError("merging needs two or more incidents", "give the incident ids to merge")
        with self._tx():
            for i in ids:
                if self._incident_row(i) is None:
                    raise StoreError(f"no incident {i!r}", "list incidents to find the ids")
            keep = ids[0]
            for i in ids[1:]:
                self._execute("UPDATE events SET incident_id = ? WHERE incident_id = ?", (keep, i))
                self._execute("DELETE FROM incidents WHERE id = ?", (i,))
            reason = f"merged by {user}" + (f": {note}" if note else "")
            row = self._resummarise(keep, reason, manual=True)
            self._audit(keep, "merge_incidents", {"incidents": ids}, user, note)
        return row

    def split_incident(self, incident_id: str, event_ids: Sequence[str], *, user: str,
                       note: str | None = None) -> IncidentRow:
        with self._tx():
            if self._incident_row(incident_id) is None:
                raise StoreError(f"no incident {incident_id!r}", "list incidents to find the id")
            members = {r["id"] for r in self._rows("SELECT id FROM events WHERE incident_id = ?", (incident_id,))}
            moving = [e for e in dict.fromkeys(event_ids) if e in members]
            if not moving or len(moving) == len(members):
                raise StoreError("a split must move some, but not all, of the incident's events",
                                 "give event ids that belong to the incident")
            new_id = "inc-" + hashlib.sha1(("split:" + "|".join(sorted(moving))).encode()).hexdigest()[:12]
            self._executemany("UPDATE events SET incident_id = ? WHERE id = ?", [(new_id, e) for e in moving])
            reason = f"split by {user}" + (f": {note}" if note else "")
            self._resummarise(incident_id, reason, manual=True)
            row = self._resummarise(new_id, reason, manual=True)
            self._audit(incident_id, "split_incident", {"events": moving, "new": new_id}, user, note)
        return row

    def _audit(self, target: str, action: str, value: dict[str, Any], user: str, note: str | None) -> None:
        self._execute("INSERT INTO reviews (event_id, action, value, user_name, note, at) VALUES (?, ?, ?, ?, ?, ?)",
                      (target, action, json.dumps(value, ensure_ascii=False), user, note, now()))

    # ------------------------------------------------------------------ export

    def export_rows(self, filters: EventFilter | None = None, *, order: str = "date") -> Iterator[EventDetail]:
        if order not in ORDERS:
            raise StoreError(f"unknown order {order!r}", f"use one of {', '.join(ORDERS)}")
        where, params = self._where(filters)
        ids = [r["id"] for r in self._rows(f"SELECT e.id FROM events e{where} ORDER BY {_ORDER_SQL[order]}",
                                           params)]
        arts: dict[str, ArticleRow] = {}
        for i in range(0, len(ids), 200):
            chunk = ids[i:i + 200]
            rows = {r["id"]: r for r in self._rows(
                f"{self._EVENT_SELECT} WHERE e.id IN ({','.join('?' * len(chunk))})", chunk)}
            yield from self._details([rows[x] for x in chunk if x in rows], articles=arts)
            if len(arts) > 1000:
                arts.clear()


# ---------------------------------------------------------------------- row helpers



def _participant(p: Any, ents: dict[str, Entity]) -> ParticipantInfo:
    ent = ents.get(p.entity) if p.entity else None
    full = ent
    seen = 0
    while full is not None and full.refers_to and full.refers_to in ents and seen < 5:
        full = ents[full.refers_to]  # a short mention takes its canonical name from the fuller one
        seen += 1
    src = ent if ent is not None and ent.canonical else full
    return {"role": p.role, "text": p.text, "canonical": src.canonical if src else None,
            "actor_id": src.actor_id if src else None, "category": src.category if src else None,
            "entity_type": ent.type if ent else None, "start": p.start, "end": p.end}


def _name(p: ParticipantInfo) -> str | None:
    return p["canonical"] or p["text"] or None


def _part_info(r: dict[str, Any]) -> ParticipantInfo:
    return {"role": r["role"], "text": r["text"], "canonical": r["canonical"], "actor_id": r["actor_id"],
            "category": r["category"], "entity_type": r["entity_type"], "start": r["span_start"],
            "end": r["span_end"]}


def _article(r: dict[str, Any]) -> ArticleRow:
    return {"id": r["id"], "url": r["url"], "source": r["source"], "title": r["title"], "published": r["published"],
            "content_hash": r["content_hash"], "origin": r["origin"], "added": r["added"],
            "n_events": int(r["n_events"]), "text": r.get("text")}


def _place(r: dict[str, Any], prefix: str) -> PlaceInfo | None:
    name = r[f"{prefix}place_name"] if prefix else (r["place_name"] or r["place_text"])
    lat = r[f"{prefix}lat"]
    if name is None and lat is None:
        return None
    return {"id": r["place_id"], "text": r["place_text"], "name": name, "lat": lat, "lon": r[f"{prefix}lon"],
            "country": r[f"{prefix}country"], "admin1": r[f"{prefix}admin1"], "admin2": r[f"{prefix}admin2"],
            "feature": r["feature"], "gazetteer_id": r[f"{prefix}gazetteer_id"],
            "precision": r[f"{prefix}place_precision"]}


def _event(r: dict[str, Any], parts: list[ParticipantInfo]) -> EventRow:
    corr: Correction = json.loads(r["correction"]) if r["correction"] else {}
    return {
        "id": r["id"], "article_id": r["article_id"], "local_id": r["local_id"], "type": r["e_type"],
        "acled_event_type": r["e_acled"], "acled_sub_event_type": r["e_sub"], "plover": r["plover"],
        "trigger": r["trigger_text"], "date_start": r["e_date_start"], "date_end": r["e_date_end"],
        "date_precision": r["e_date_precision"], "date_text": r["date_text"], "place": _place(r, "e_"),
        "participants": parts, "actor1": r["actor1"], "actor2": r["actor2"], "fatalities": r["fatalities"],
        "certainty": r["certainty"], "source_type": r["source_type"], "source_text": r["source_text"],
        "negated": bool(r["negated"]), "hypothetical": bool(r["hypothetical"]), "notes_en": r["notes_en"],
        "confidence": r["confidence"], "status": r["status"], "incident_id": r["incident_id"],
        "article_title": r["a_title"], "article_url": r["a_url"], "article_source": r["a_source"],
        "published": r["a_published"],
        "original": {"type": r["type"], "acled_event_type": r["acled_event_type"],
                     "acled_sub_event_type": r["acled_sub_event_type"], "date_start": r["date_start"],
                     "date_end": r["date_end"], "date_precision": r["date_precision"], "place": _place(r, "")},
        "correction": corr,
    }


def _incident(r: dict[str, Any]) -> IncidentRow:
    return {"id": r["id"], "type": r["type"], "acled_event_type": r["acled_event_type"],
            "date_start": r["date_start"], "date_end": r["date_end"],
            "place": json.loads(r["place"]) if r["place"] else None, "fatalities_low": r["fatalities_low"],
            "fatalities_best": r["fatalities_best"], "fatalities_high": r["fatalities_high"],
            "certainty": r["certainty"], "n_events": int(r["n_events"]), "n_articles": int(r["n_articles"]),
            "reason": r["reason"], "manual": bool(r["manual"])}


def _correction(action: str, value: dict[str, Any]) -> dict[str, Any]:
    """Validate a correction's value and keep only the keys that action may set."""
    from rasid.doc import ACLED_EVENT_TYPES

    if action == "correct_type":
        out = {k: value[k] for k in ("type", "acled_event_type", "acled_sub_event_type") if value.get(k)}
        if not out:
            raise StoreError("correct_type needs type, acled_event_type or acled_sub_event_type",
                             "give the corrected type")
        if out.get("acled_event_type") and out["acled_event_type"] not in ACLED_EVENT_TYPES:
            raise StoreError(f"unknown ACLED event type {out['acled_event_type']!r}",
                             f"use one of {', '.join(ACLED_EVENT_TYPES)}")
        return out
    if action == "correct_place":
        place = {k: value.get(k) for k in _PLACE_COLS if value.get(k) is not None}
        if not place.get("name") and place.get("lat") is None:
            raise StoreError("correct_place needs at least a name or coordinates", "give name, lat and lon")
        return {"place": place}
    if action == "correct_date":
        out = {k: value[k] for k in ("date_start", "date_end", "date_precision") if value.get(k) is not None}
        if not out.get("date_start"):
            raise StoreError("correct_date needs date_start (YYYY-MM-DD)", "give the corrected date")
        out.setdefault("date_end", out["date_start"])
        return out
    raise StoreError(f"{action!r} is not a correction", "use correct_type, correct_place or correct_date")


__all__ = ["REVIEW_STATUSES", "SQLStore", "article_id_of", "content_hash"]
