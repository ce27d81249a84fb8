"""Schema migrations as numbered functions (DESIGN rule 9): `MIGRATIONS[i]` takes the database from
version i to i+1. A `schema_version` table records what ran, so opening an old database upgrades it.

Each function receives `run(sql)` and the dialect ("sqlite" or "postgres"); DDL is written once with a few
placeholders for what differs ({serial}, {float}).
"""

from __future__ import annotations

from collections.abc import Callable

Run = Callable[[str], None]

_TYPES = {
    "sqlite": {"serial": "INTEGER PRIMARY KEY AUTOINCREMENT", "float": "REAL"},
    "postgres": {"serial": "BIGSERIAL PRIMARY KEY", "float": "DOUBLE PRECISION"},
}


def _ddl(run: Run, dialect: str, script: str) -> None:
    for stmt in script.format(**_TYPES[dialect]).split(";"):
        if stmt.strip():
            run(stmt)


def m001_core(run: Run, dialect: str) -> None:
    """Articles, entities, places, events, participants, quantities (each with its spans), reviews, incidents."""
    _ddl(run, dialect, """
CREATE TABLE articles (
  id TEXT PRIMARY KEY, url TEXT, source TEXT, title TEXT, published TEXT,
  content_hash TEXT NOT NULL, origin TEXT, added TEXT NOT NULL, seq BIGINT NOT NULL, n_events INTEGER NOT NULL,
  text TEXT NOT NULL, doc_json TEXT NOT NULL);
CREATE INDEX articles_url ON articles(url);
CREATE INDEX articles_hash ON articles(content_hash);
CREATE INDEX articles_seq ON articles(seq);
CREATE TABLE entities (
  article_id TEXT NOT NULL, local_id TEXT NOT NULL, text TEXT NOT NULL, type TEXT NOT NULL,
  span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, canonical TEXT, latin TEXT, actor_id TEXT,
  category TEXT, PRIMARY KEY (article_id, local_id));
CREATE TABLE places (
  article_id TEXT NOT NULL, local_id TEXT NOT NULL, text TEXT NOT NULL,
  span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, name TEXT, lat {float}, lon {float}, country TEXT,
  admin1 TEXT, admin2 TEXT, feature TEXT, gazetteer_id TEXT, place_precision INTEGER,
  PRIMARY KEY (article_id, local_id));
CREATE TABLE events (
  id TEXT PRIMARY KEY, article_id TEXT NOT NULL, local_id TEXT NOT NULL, seq BIGINT NOT NULL,
  type TEXT NOT NULL, acled_event_type TEXT NOT NULL, acled_sub_event_type TEXT NOT NULL, plover TEXT,
  trigger_text TEXT NOT NULL, trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL,
  evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL,
  place_id TEXT, place_text TEXT, place_start INTEGER, place_end INTEGER, place_name TEXT, lat {float},
  lon {float}, country TEXT, admin1 TEXT, admin2 TEXT, feature TEXT, gazetteer_id TEXT, place_precision INTEGER,
  date_start TEXT, date_end TEXT, date_precision INTEGER, date_text TEXT, date_span_start INTEGER,
  date_span_end INTEGER,
  fatalities INTEGER, certainty TEXT NOT NULL, certainty_rank INTEGER NOT NULL, source_type TEXT,
  source_text TEXT, source_start INTEGER, source_end INTEGER,
  negated INTEGER NOT NULL, hypothetical INTEGER NOT NULL, notes_en TEXT NOT NULL, confidence {float},
  actor1 TEXT, actor2 TEXT,
  status TEXT NOT NULL DEFAULT 'unreviewed', correction TEXT,
  e_type TEXT NOT NULL, e_acled TEXT NOT NULL, e_sub TEXT NOT NULL, e_date_start TEXT, e_date_end TEXT,
  e_date_precision INTEGER, e_place_name TEXT, e_lat {float}, e_lon {float}, e_country TEXT, e_admin1 TEXT,
  e_admin2 TEXT, e_gazetteer_id TEXT, e_place_precision INTEGER,
  incident_id TEXT);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_date ON events(e_date_start);
CREATE INDEX events_acled ON events(e_acled);
CREATE INDEX events_admin1 ON events(e_admin1);
CREATE INDEX events_incident ON events(incident_id);
CREATE INDEX events_status ON events(status);
CREATE TABLE participants (
  article_id TEXT NOT NULL, event_id TEXT NOT NULL, idx INTEGER NOT NULL, role TEXT NOT NULL,
  text TEXT NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, entity_id TEXT,
  canonical TEXT, actor_id TEXT, category TEXT, entity_type TEXT, name_key TEXT NOT NULL,
  PRIMARY KEY (event_id, idx));
CREATE INDEX participants_article ON participants(article_id);
CREATE INDEX participants_key ON participants(name_key);
CREATE INDEX participants_actor ON participants(actor_id);
CREATE TABLE quantities (
  article_id TEXT NOT NULL, event_id TEXT NOT NULL, idx INTEGER NOT NULL, kind TEXT NOT NULL,
  low {float}, high {float}, unit TEXT, text TEXT NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
  PRIMARY KEY (event_id, idx));
CREATE INDEX quantities_article ON quantities(article_id);
CREATE TABLE reviews (
  id {serial}, event_id TEXT NOT NULL, action TEXT NOT NULL, value TEXT, user_name TEXT NOT NULL,
  note TEXT, at TEXT NOT NULL);
CREATE INDEX reviews_event ON reviews(event_id);
CREATE TABLE incidents (
  id TEXT PRIMARY KEY, type TEXT NOT NULL, acled_event_type TEXT NOT NULL, date_start TEXT, date_end TEXT,
  place TEXT, fatalities_low INTEGER, fatalities_best INTEGER, fatalities_high INTEGER,
  certainty TEXT NOT NULL, n_events INTEGER NOT NULL, n_articles INTEGER NOT NULL, reason TEXT NOT NULL,
  manual INTEGER NOT NULL DEFAULT 0)
""")


def m002_fulltext(run: Run, dialect: str) -> None:
    """Full-text search over the normalised article text (rasid.text.normalize on both sides)."""
    if dialect == "sqlite":
        run("CREATE VIRTUAL TABLE article_fts USING fts5(article_id UNINDEXED, body, tokenize='unicode61')")
    else:
        run("CREATE TABLE article_fts (article_id TEXT PRIMARY KEY, body TEXT NOT NULL)")
        run("CREATE INDEX article_fts_body ON article_fts USING GIN (to_tsvector('simple', body))")


def m003_admin1_lookup(run: Run, dialect: str) -> None:
    """The admin1 filter compares case-insensitively (`LOWER(e_admin1) = LOWER(?)`), which the plain index
    cannot serve: an index on the expression lets the map's points for one governorate be searched, not
    scanned in date order (50,000 events: 374 -> 65 ms)."""
    run("CREATE INDEX events_admin1_lower ON events ((LOWER(e_admin1)))")


#: In order; the database's version is how many have run.
MIGRATIONS: tuple[Callable[[Run, str], None], ...] = (m001_core, m002_fulltext, m003_admin1_lookup)


def version_table(run: Run) -> None:
    run("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied TEXT NOT NULL)")
