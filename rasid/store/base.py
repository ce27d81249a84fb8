"""The Store protocol: what the CLI, the web app and exports call, whatever the database.

Two backends implement it: `SQLiteStore` (embedded default, `rasid.db`) and `PostgresStore`
(`postgresql://…`). Everything that comes out is a plain dict (TypedDicts below) so the JSON API can
serialise it as is. Identifiers are strings:

- article id: the `Document.id` (the reader's id, else a hash of the URL or text);
- event id: ``"{article_id}:{local_id}"`` where `local_id` is the `Event.id` inside its document ("ev1");
  it stays the same when an unchanged article is ingested again;
- incident id: ``"inc-…"``, a hash of the member event that founded it (reproducible across runs).

Event filters (`EventFilter`, every key optional; several keys are ANDed):

=================  ==============================================================================
``date_from``      ISO date; events whose date range ends on or after it
``date_to``        ISO date; events whose date range starts on or before it
``type``           rasid native type; ``"attack"`` also matches ``"attack.airstrike"`` (prefix at a dot)
``acled_type``     ACLED event type ("Battles", …); ``acled_sub_type`` likewise for sub-event types
``actor``          an actor's canonical name, registry id or surface text (participants; exact, normalised)
``admin1``         the place's admin1 name ("Aleppo"); ``admin2`` likewise
``country``        the place's ISO-2 country code ("SY")
``place``          a place name, surface text or gazetteer id
``certainty``      one certainty or a list ("confirmed", "reported", "claimed", "alleged", "rumored");
                   ``min_certainty`` keeps that certainty and stronger ones
``status``         review status: "unreviewed" | "verified" | "rejected" | "corrected" (or a list)
``verified``       True: only verified or corrected events (never rejected)
``factual``        True: drop negated and hypothetical events (exports set it by default)
``q``              full-text query over the article text (Arabic normalised: hamza, yaa, taa marbuta,
                   diacritics…); words are ANDed; matches events of matching articles
``bbox``           (west, south, east, north) in degrees, on the event's place coordinates
``article_id``     events of one article; ``incident_id`` events of one incident
``source``         the outlet (`Document.source`)
=================  ==============================================================================

Paging and order are separate arguments: ``limit`` (default 100; None = all), ``offset``, ``order`` one of
``ORDERS`` ("date", "-date", "fatalities", "-fatalities", "certainty", "added", "-added"; "-" = descending).

Type, place and date filters use the *effective* value: the reviewer's correction when there is one, else
what the pipeline extracted. The original is always kept (`EventRow.original`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal, Protocol, TypedDict, runtime_checkable

from rasid.doc import Document

#: Certainties from strongest to weakest (rank 0 is strongest).
CERTAINTY_ORDER = ("confirmed", "reported", "claimed", "alleged", "rumored")
REVIEW_STATUSES = ("unreviewed", "verified", "rejected", "corrected")
REVIEW_ACTIONS = ("verify", "reject", "correct_type", "correct_place", "correct_date", "reset")
ORDERS = ("date", "-date", "fatalities", "-fatalities", "certainty", "added", "-added")


class EventFilter(TypedDict, total=False):
    """Filters for events, counts, stats, actors, places, incidents and exports (see the module docstring)."""

    date_from: str
    date_to: str
    type: str
    acled_type: str
    acled_sub_type: str
    actor: str
    admin1: str
    admin2: str
    country: str
    place: str
    certainty: str | list[str]
    min_certainty: str
    status: str | list[str]
    verified: bool
    factual: bool
    q: str
    bbox: tuple[float, float, float, float]
    article_id: str
    incident_id: str
    source: str


class PutResult(TypedDict):
    """What `put` did with one document: "inserted", "updated" (content changed) or "unchanged"."""

    article_id: str
    status: Literal["inserted", "updated", "unchanged"]
    events: int


class ArticleRow(TypedDict):
    id: str
    url: str | None
    source: str | None
    title: str | None
    published: str | None
    content_hash: str
    origin: str | None
    added: str  # ISO timestamp (UTC) of the last insert/update
    n_events: int
    text: str | None  # only from get_article; None in lists


class PlaceInfo(TypedDict):
    id: str | None  # the Place id inside the document ("p2")
    text: str | None  # surface text
    name: str | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    admin2: str | None
    feature: str | None
    gazetteer_id: str | None
    precision: int | None


class ParticipantInfo(TypedDict):
    role: str
    text: str
    canonical: str | None
    actor_id: str | None
    category: str | None  # ACLED actor category (gives ACLED inter codes)
    entity_type: str | None
    start: int
    end: int


class Correction(TypedDict, total=False):
    """A reviewer's corrections; absent keys were not corrected."""

    type: str
    acled_event_type: str
    acled_sub_event_type: str
    place: PlaceInfo
    date_start: str
    date_end: str
    date_precision: int


class MapPoint(TypedDict):
    """What the map draws of an event (effective values): `Store.map_points`, the web API's compact rows."""

    id: str
    acled_event_type: str
    type: str
    date_start: str | None
    certainty: str
    status: str
    fatalities: int | None
    lat: float | None
    lon: float | None
    place: str | None  # the place's name, else its text in the article


class EventRow(TypedDict):
    """One event with its *effective* values (corrections applied) and the original beside them."""

    id: str  # "{article_id}:{local_id}"
    article_id: str
    local_id: str
    type: str
    acled_event_type: str
    acled_sub_event_type: str
    plover: str | None
    trigger: str
    date_start: str | None
    date_end: str | None
    date_precision: int | None
    date_text: str | None
    place: PlaceInfo | None
    participants: list[ParticipantInfo]
    actor1: str | None  # canonical (else surface) name of the first actor
    actor2: str | None  # canonical (else surface) name of the first target
    fatalities: int | None
    certainty: str
    source_type: str | None
    source_text: str | None
    negated: bool
    hypothetical: bool
    notes_en: str
    confidence: float | None
    status: str  # one of REVIEW_STATUSES
    incident_id: str | None
    article_title: str | None
    article_url: str | None
    article_source: str | None
    published: str | None
    original: dict[str, Any]  # type/acled/place/date as extracted, before any correction
    correction: Correction


class SpanInfo(TypedDict):
    kind: str  # "trigger" | "evidence" | "participant" | "quantity" | "source" | "date" | "place"
    label: str | None  # the participant role, quantity kind, …
    start: int
    end: int
    text: str


class QuantityInfo(TypedDict):
    kind: str
    low: float | None
    high: float | None
    unit: str | None
    text: str
    start: int
    end: int


class ReviewRow(TypedDict):
    id: int
    event_id: str
    action: str  # one of REVIEW_ACTIONS
    value: dict[str, Any] | None  # what was set, for corrections
    user: str
    note: str | None
    at: str  # ISO timestamp (UTC)


class IncidentRow(TypedDict):
    id: str
    type: str
    acled_event_type: str
    date_start: str | None
    date_end: str | None
    place: PlaceInfo | None
    fatalities_low: int | None
    fatalities_best: int | None
    fatalities_high: int | None
    certainty: str  # the strongest among members
    n_events: int
    n_articles: int
    reason: str  # why these events were merged (or "single report")
    manual: bool  # shaped by a reviewer's merge/split


class IncidentDetail(IncidentRow):
    events: list[EventRow]
    articles: list[ArticleRow]


class EventDetail(EventRow):
    """One event with everything behind it: evidence text, every span, the article and the incident."""

    evidence: SpanInfo
    spans: list[SpanInfo]
    quantities: list[QuantityInfo]
    article: ArticleRow
    incident: IncidentRow | None
    reviews: list[ReviewRow]


class NameCount(TypedDict):
    """An actor or place with how many (filtered) events name it."""

    name: str
    id: str | None  # registry actor id or gazetteer id
    category: str | None  # actors: ACLED actor category; places: feature
    count: int
    lat: float | None  # places only
    lon: float | None
    admin1: str | None


class DayCount(TypedDict):
    day: str
    count: int


class TypeCount(TypedDict):
    type: str  # ACLED event type
    count: int


class Stats(TypedDict):
    articles: int
    events: int
    incidents: int
    by_day: list[DayCount]  # ordered by day, events with a date only
    by_type: list[TypeCount]  # ordered by count, descending
    by_certainty: list[dict[str, Any]]
    by_status: list[dict[str, Any]]


@runtime_checkable
class Store(Protocol):
    """A database of processed documents, events, reviews and incidents.

    Writes are transactional: `put`/`put_many` either store a whole article (text, entities, places,
    events with participants, quantities and spans) or nothing; a changed article replaces its old rows in
    the same transaction. Stores are used from one thread at a time; open one per process.
    """

    url: str

    # ---- lifecycle
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        """`with open_store(…) as store:` closes it at the end."""
        ...

    def __exit__(self, *exc: object) -> None: ...

    def schema_version(self) -> int:
        """The migration number the database is at."""
        ...

    # ---- writing documents
    def put(self, doc: Document, *, origin: str | None = None, replace: bool = False) -> PutResult:
        """Store one processed document. Idempotent: matched by article id, then URL; when the content hash
        is the same nothing is written ("unchanged") unless `replace` (re-processed by a newer pipeline);
        when it differs the old rows are replaced ("updated"). Reviews of events that survive the update
        (same local id and type) are kept."""
        ...

    def put_many(self, docs: Iterable[Document], *, replace: bool = False) -> list[PutResult]:
        """`put` for a small batch in ONE transaction (crash-safe: all of the batch or none of it)."""
        ...

    def known_hashes(self, keys: Sequence[str]) -> set[str]:
        """Which of these content hashes are already stored (lets ingest skip unchanged articles early)."""
        ...

    def delete_article(self, article_id: str) -> bool: ...

    # ---- articles
    def get_article(self, article_id: str) -> ArticleRow | None:
        """The article with its text; None when unknown."""
        ...

    def get_document(self, article_id: str) -> Document | None:
        """The stored Document (SCHEMA.md JSON round trip: no token/sentence layers)."""
        ...

    def list_articles(self, *, limit: int | None = 100, offset: int = 0, q: str | None = None) -> list[ArticleRow]:
        """Articles, newest added first; `q` is a full-text query."""
        ...

    def count_articles(self, q: str | None = None) -> int: ...

    # ---- events
    def list_events(self, filters: EventFilter | None = None, *, limit: int | None = 100, offset: int = 0,
                    order: str = "-date") -> list[EventRow]:
        """Events matching `filters` (module docstring), paged and ordered (`ORDERS`)."""
        ...

    def count_events(self, filters: EventFilter | None = None) -> int: ...

    def map_points(self, filters: EventFilter | None = None, *, limit: int | None = 100, offset: int = 0,
                   order: str = "-date") -> list[MapPoint]:
        """`list_events` reduced to what a map draws, without building whole events (no participants, no
        article): the same events in the same order."""
        ...

    def get_event(self, event_id: str) -> EventDetail | None:
        """One event with evidence, spans, quantities, its article, its incident and its review history."""
        ...

    def actors(self, filters: EventFilter | None = None, *, limit: int | None = 100) -> list[NameCount]:
        """Actors (participants, by canonical name else surface) with event counts, most frequent first."""
        ...

    def places(self, filters: EventFilter | None = None, *, limit: int | None = 100) -> list[NameCount]:
        """Event places with counts and coordinates, most frequent first."""
        ...

    def stats(self, filters: EventFilter | None = None) -> Stats:
        """Counts of articles, events, incidents; events by day, by ACLED type, certainty and review status."""
        ...

    # ---- review
    def review(self, event_id: str, action: str, *, user: str, value: dict[str, Any] | None = None,
               note: str | None = None) -> ReviewRow:
        """Record a review action in the audit table and update the event's status/correction.

        actions: "verify", "reject", "reset" (back to unreviewed), "correct_type" (value: {"type": …,
        "acled_event_type": …, "acled_sub_event_type": …}), "correct_place" (value: PlaceInfo keys — name,
        lat, lon, admin1, …), "correct_date" (value: {"date_start": …, "date_end": …, "date_precision": …}).
        A correction sets the status to "corrected"; the original values stay in the event row.
        Raises StoreError for an unknown event or action."""
        ...

    def reviews(self, event_id: str | None = None, *, limit: int | None = 100) -> list[ReviewRow]:
        """The audit trail, newest first (of one event, or of all)."""
        ...

    # ---- incidents (cross-article merging, see rasid.dedup)
    def rebuild_incidents(self, **options: Any) -> int:
        """Recompute the automatic incidents from all events (reproducible: same events → same incidents);
        incidents shaped by a reviewer (merge/split) are kept. Returns how many incidents exist."""
        ...

    def list_incidents(self, filters: EventFilter | None = None, *, limit: int | None = 100, offset: int = 0,
                       min_events: int = 1) -> list[IncidentRow]:
        """Incidents whose member events match `filters`, newest first; `min_events=2` lists only merges."""
        ...

    def count_incidents(self, filters: EventFilter | None = None, *, min_events: int = 1) -> int: ...

    def get_incident(self, incident_id: str) -> IncidentDetail | None:
        """An incident with its member events and supporting articles."""
        ...

    def merge_incidents(self, incident_ids: Sequence[str], *, user: str, note: str | None = None) -> IncidentRow:
        """Merge incidents into one (the first id survives); recorded in the audit table."""
        ...

    def split_incident(self, incident_id: str, event_ids: Sequence[str], *, user: str,
                       note: str | None = None) -> IncidentRow:
        """Move `event_ids` out of an incident into a new one, which is returned."""
        ...

    # ---- export
    def export_rows(self, filters: EventFilter | None = None, *, order: str = "date") -> Iterator[EventDetail]:
        """Every matching event with its details, streamed (for rasid.export)."""
        ...
