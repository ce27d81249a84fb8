"""The analyst's web app: one page (map, timeline, filters, evidence, review) over a JSON API.

`create_app(store, token=...)` builds a FastAPI app around any `rasid.store.Store`. The app is a thin
shell (DESIGN rule 9): every answer is what the store returns, as JSON; the page in `static/` only
calls the API. Safety by default:

- writes (review, merge, split) need the token, sent as ``Authorization: Bearer …`` or
  ``X-Rasid-Token``; without a configured token every write is refused;
- the page is served with a strict Content-Security-Policy (scripts from this origin only, no inline
  script), so even a rendering bug cannot run article text as code; the page itself builds its DOM
  with textContent;
- no CORS headers unless `cors_origins` is given.

Stores are used from one thread at a time (`Store` docstring), so every store call runs on one
dedicated worker thread; the event loop stays free to accept requests meanwhile.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any, TypeVar
from urllib.parse import quote, urlsplit

from fastapi import Body, Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint

from rasid.errors import ConfigError, InputError, RasidError, ResourceError, StageError, StoreError
from rasid.store.base import CERTAINTY_ORDER, ORDERS, REVIEW_ACTIONS, REVIEW_STATUSES, EventFilter, Store

STATIC = Path(__file__).parent / "static"

#: HTTP status for each library error (one handler, DESIGN rule 8).
ERROR_STATUS: dict[type[RasidError], int] = {
    InputError: 400,
    ConfigError: 400,
    StoreError: 409,
    ResourceError: 503,
    StageError: 500,
}

#: Largest page of events one request may ask for (the map asks for compact rows, up to this many).
MAX_LIMIT = 20000
#: Endpoints never cached: cheap, or streamed.
NO_CACHE = frozenset({"/api/config", "/api/export"})
#: Answers larger than this are not kept in the cache.
CACHE_MAX_BYTES = 4_000_000

T = TypeVar("T")


def _status_for(err: RasidError) -> int:
    for cls in type(err).__mro__:
        if cls in ERROR_STATUS:
            return ERROR_STATUS[cls]
    return 500


def _error_body(kind: str, what: str, hint: str = "") -> dict[str, Any]:
    return {"error": kind, "what": what, "hint": hint}


def content_security_policy(tiles: str | None) -> str:
    """Scripts only from this origin; images also from the tile server when one is configured."""
    img = ["'self'", "data:"]
    if tiles:
        parts = urlsplit(tiles.replace("{s}", "a"))
        if parts.scheme in ("http", "https") and parts.hostname:
            host = parts.hostname.replace("a.", "*.", 1) if "{s}" in tiles else parts.hostname
            img.append(f"{parts.scheme}://{host}{':' + str(parts.port) if parts.port else ''}")
    return ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            f"img-src {' '.join(img)}; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            "frame-ancestors 'none'; form-action 'self'")


class _SecurityHeaders(BaseHTTPMiddleware):
    def __init__(self, app: Any, csp: str) -> None:
        super().__init__(app)
        self.csp = csp

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        h = response.headers
        h.setdefault("Content-Security-Policy", self.csp)
        h.setdefault("X-Content-Type-Options", "nosniff")
        h.setdefault("X-Frame-Options", "DENY")
        # links to the original articles must not tell the outlet where the analyst came from
        h.setdefault("Referrer-Policy", "no-referrer")
        return response


def _split(values: Sequence[str] | None) -> list[str]:
    """Repeatable query parameters that may also be comma-separated (`certainty=a,b&certainty=c`)."""
    out: list[str] = []
    for v in values or ():
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        parts = [float(x) for x in value.split(",")]
    except ValueError:
        parts = []
    if len(parts) != 4:
        raise InputError(f"bbox {value!r} is not four numbers", "use bbox=minlon,minlat,maxlon,maxlat (degrees)")
    w, s, e, n = parts
    if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= n <= 90):
        raise InputError(f"bbox {value!r} is out of range", "longitudes -180..180, latitudes -90..90, south <= north")
    return (w, s, e, n)


def event_filters(
    date_from: Annotated[str | None, Query(description="ISO date: events ending on or after it")] = None,
    date_to: Annotated[str | None, Query(description="ISO date: events starting on or before it")] = None,
    type: Annotated[str | None, Query(description="native type; 'attack' also matches 'attack.airstrike'")] = None,
    acled_type: Annotated[str | None, Query(description="ACLED event type, e.g. Battles")] = None,
    acled_sub_type: Annotated[str | None, Query(description="ACLED sub-event type")] = None,
    actor: Annotated[str | None, Query(description="actor canonical name, registry id or surface text")] = None,
    admin1: Annotated[str | None, Query(description="the place's admin1, e.g. Aleppo")] = None,
    admin2: Annotated[str | None, Query()] = None,
    country: Annotated[str | None, Query(description="ISO-2 country code")] = None,
    place: Annotated[str | None, Query(description="place name, surface text or gazetteer id")] = None,
    certainty: Annotated[list[str] | None, Query(description=f"one or more of {', '.join(CERTAINTY_ORDER)}")] = None,
    min_certainty: Annotated[str | None, Query(description="this certainty and stronger ones")] = None,
    status: Annotated[list[str] | None, Query(description=f"review status: {', '.join(REVIEW_STATUSES)}")] = None,
    verified: Annotated[bool | None, Query(description="true: verified or corrected events only")] = None,
    factual: Annotated[bool | None, Query(description="true: drop negated and hypothetical events")] = None,
    q: Annotated[str | None, Query(description="full-text search over article text (Arabic normalised)")] = None,
    bbox: Annotated[str | None, Query(description="minlon,minlat,maxlon,maxlat")] = None,
    article_id: Annotated[str | None, Query()] = None,
    incident_id: Annotated[str | None, Query()] = None,
    source: Annotated[str | None, Query(description="the outlet")] = None,
) -> EventFilter:
    """Query parameters → `EventFilter` (the keys documented in rasid.store.base)."""
    f: EventFilter = {}
    for key, val in (("date_from", date_from), ("date_to", date_to), ("type", type), ("acled_type", acled_type),
                     ("acled_sub_type", acled_sub_type), ("actor", actor), ("admin1", admin1),
                     ("admin2", admin2), ("country", country), ("place", place), ("q", q),
                     ("article_id", article_id), ("incident_id", incident_id), ("source", source)):
        if val is not None and val.strip():
            f[key] = val.strip()  # type: ignore[literal-required]
    for key in ("date_from", "date_to"):
        if key in f and not _is_iso_date(f[key]):  # type: ignore[literal-required]
            raise InputError(f"{key}={f[key]!r} is not an ISO date",  # type: ignore[literal-required]
                             "use YYYY-MM-DD (or YYYY-MM, YYYY)")
    certs = _split(certainty)
    bad = [c for c in certs + ([min_certainty] if min_certainty else []) if c not in CERTAINTY_ORDER]
    if bad:
        raise InputError(f"unknown certainty {bad[0]!r}", f"use one of {', '.join(CERTAINTY_ORDER)}")
    if certs:
        f["certainty"] = certs if len(certs) > 1 else certs[0]
    if min_certainty:
        f["min_certainty"] = min_certainty
    stats = _split(status)
    bad = [s for s in stats if s not in REVIEW_STATUSES]
    if bad:
        raise InputError(f"unknown review status {bad[0]!r}", f"use one of {', '.join(REVIEW_STATUSES)}")
    if stats:
        f["status"] = stats if len(stats) > 1 else stats[0]
    if verified:
        f["verified"] = True
    if factual:
        f["factual"] = True
    box = _bbox(bbox)
    if box:
        f["bbox"] = box
    return f


def _is_iso_date(s: str) -> bool:
    import re

    return re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", s) is not None


Filters = Annotated[EventFilter, Depends(event_filters)]


def writer(request: Request,
           authorization: Annotated[str | None, Header()] = None,
           x_rasid_token: Annotated[str | None, Header()] = None,
           x_rasid_user: Annotated[str | None, Header()] = None) -> str:
    """The reviewer's name, once the token checks out (constant-time comparison)."""
    token: str | None = request.app.state.token
    default_user: str = request.app.state.default_user
    if not token:
        raise HTTPException(403, ("writes are disabled: this server has no token",
                                  "start it with `rasid serve` (it makes one) or set RASID_TOKEN"))
    given = x_rasid_token or ""
    if authorization and authorization.lower().startswith("bearer "):
        given = authorization[7:].strip()
    if not given:
        raise HTTPException(401, ("this needs the token", "send Authorization: Bearer <token>"),
                            headers={"WWW-Authenticate": "Bearer"})
    if not secrets.compare_digest(given.encode(), token.encode()):
        raise HTTPException(403, ("wrong token", "use the token `rasid serve` printed (or RASID_TOKEN)"))
    user = (x_rasid_user or default_user).strip()[:80]
    return user or default_user


Writer = Annotated[str, Depends(writer)]


def create_app(store: Store, token: str | None = None, *, cors_origins: Iterable[str] = (),
               tiles: str | None = None, default_user: str = "analyst", close_store: bool = False,
               reader: Callable[[], Store] | None = None, readers: int = 2, cache_size: int = 256,
               version_ttl: float = 0.5) -> FastAPI:
    """The app around `store`. `token`: the secret writes need (None refuses every write).
    `tiles`: an online tile URL template (``https://{s}.tile.example/{z}/{x}/{y}.png``) added as an
    optional layer; the offline basemap is always there. `close_store`: close it when the app stops.
    `reader`: opens another connection to the same database; reads then run on `readers` threads, each
    with its own connection (SQLite WAL serves readers in parallel), while writes stay on `store`.
    `cache_size`: how many encoded GET answers to keep (0: none); see `_data_version` for when they expire.
    `version_ttl`: seconds the data version is trusted before it is read again; this app's own writes
    expire it at once, other processes' writes (ingest, CLI reviews) show within that time."""
    worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rasid-store")
    pool = ThreadPoolExecutor(max_workers=max(1, readers), thread_name_prefix="rasid-read") if reader else worker
    local = threading.local()
    opened: list[Store] = []
    opened_lock = threading.Lock()

    def reading_store() -> Store:
        """The store a read uses: this reader thread's own connection, else the one store (on its thread)."""
        if reader is None:
            return store
        own: Store | None = getattr(local, "store", None)
        if own is None:
            own = local.store = reader()
            with opened_lock:
                opened.append(own)
        return own

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if pool is not worker:
            pool.shutdown(wait=True)
        worker.shutdown(wait=True)
        for own in opened:
            own.close()
        if close_store:
            store.close()

    # /docs is our own page over vendored Swagger UI: FastAPI's default loads it from a CDN with an
    # inline script, which neither works offline nor passes our Content-Security-Policy
    app = FastAPI(
        title="rasid", lifespan=lifespan, docs_url=None, redoc_url=None,
        description="Conflict events extracted from Arabic news by rasid: events with their Arabic evidence, "
                    "articles, actors, places, counts, review and exports. Writes need the token.",
    )
    app.state.store = store
    app.state.token = token
    app.state.default_user = default_user

    async def run(func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """A write, on the store's own thread."""
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(worker, lambda: func(*args, **kwargs))
        finally:
            generation[0] += 1  # a write (or an attempt): versions read before it are no longer trusted

    async def read(func: Callable[[Store], Any]) -> Response:
        """A read, answered as JSON encoded on the reading thread (json.dumps is ~10x faster than
        FastAPI's generic encoder on store rows, and keeps the event loop free)."""
        loop = asyncio.get_running_loop()
        body = await loop.run_in_executor(pool, lambda: _dumps(func(reading_store())))
        return Response(body, media_type="application/json")

    # ---- a cache of encoded answers, valid while the store's data version is unchanged
    cache: OrderedDict[tuple[str, tuple[Any, ...]], bytes] = OrderedDict()
    cache_lock = threading.Lock()
    generation = [0]  # bumped by every write through this app (only touched on the event loop)
    memo: list[Any] = [None]  # (generation, monotonic time, version) of the last version read

    async def current_version() -> tuple[Any, ...]:
        """The data version, read at most every `version_ttl` seconds (each read costs a trip to a reader
        thread and ~4 ms of queries) unless this app wrote since."""
        gen, now = generation[0], time.monotonic()
        m = memo[0]
        if m is not None and m[0] == gen and now - m[1] < version_ttl:
            return m[2]
        loop = asyncio.get_running_loop()
        version = await loop.run_in_executor(pool, lambda: _data_version(reading_store()))
        if generation[0] == gen:  # no write finished meanwhile: safe to remember
            memo[0] = (gen, now, version)
        return version

    @app.middleware("http")
    async def cached(request: Request, call_next: RequestResponseEndpoint) -> Response:
        path = request.url.path
        if cache_size <= 0 or request.method != "GET" or not path.startswith("/api/") or path in NO_CACHE:
            return await call_next(request)
        version = await current_version()
        key = (f"{path}?{request.url.query}", version)
        with cache_lock:
            body = cache.get(key)
            if body is not None:
                cache.move_to_end(key)
        if body is not None:
            return Response(body, media_type="application/json", headers={"X-Rasid-Cache": "hit"})
        response = await call_next(request)
        if response.status_code != 200 or response.headers.get("content-type") != "application/json":
            return response
        chunks = [c async for c in response.body_iterator]  # type: ignore[attr-defined]
        body = b"".join(c if isinstance(c, bytes) else c.encode() for c in chunks)
        if len(body) <= CACHE_MAX_BYTES:
            with cache_lock:
                cache[key] = body
                while len(cache) > cache_size:
                    cache.popitem(last=False)
        return Response(body, status_code=200, media_type="application/json",
                        headers={"X-Rasid-Cache": "miss"})

    # ---- errors: one handler for the library's errors, the same JSON shape for HTTP and validation errors
    @app.exception_handler(RasidError)
    async def _rasid_error(_req: Request, err: RasidError) -> JSONResponse:
        return JSONResponse(_error_body(type(err).__name__, err.what, err.hint), status_code=_status_for(err))

    @app.exception_handler(StarletteHTTPException)  # FastAPI's HTTPException and the router's own 404/405
    async def _http_error(_req: Request, err: StarletteHTTPException) -> JSONResponse:
        what, hint = (err.detail if isinstance(err.detail, tuple) else (str(err.detail), ""))
        return JSONResponse(_error_body("HTTPError", what, hint), status_code=err.status_code,
                            headers=getattr(err, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_req: Request, err: RequestValidationError) -> JSONResponse:
        first = err.errors()[0] if err.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()))
        return JSONResponse(_error_body("InputError", f"{where}: {first.get('msg', 'invalid request')}",
                                        "see /docs for the parameters"), status_code=422)

    # ---- the page
    app.add_middleware(_SecurityHeaders, csp=content_security_policy(tiles))
    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "POST"],
                           allow_headers=["Authorization", "X-Rasid-Token", "X-Rasid-User", "Content-Type"])
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    def page(request: Request) -> Response:
        """The one page; its JSON twin is named in a Link header, and a client that asks for JSON only
        (`Accept: application/json`) is sent there."""
        twin = _json_twin(request.url.path)
        accept = request.headers.get("accept", "")
        if "application/json" in accept and "text/html" not in accept:
            return RedirectResponse(twin + (f"?{request.url.query}" if request.url.query else ""), status_code=307)
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8",
                            headers={"Cache-Control": "no-store",
                                     "Link": f'<{twin}>; rel="alternate"; type="application/json"'})

    # the page's routes; each has its JSON twin under /api
    app.get("/", include_in_schema=False)(page)
    app.get("/events/{event_id:path}", include_in_schema=False)(page)
    app.get("/articles/{article_id:path}", include_in_schema=False)(page)
    app.get("/incidents/{incident_id:path}", include_in_schema=False)(page)

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(STATIC / "docs.html", media_type="text/html; charset=utf-8")

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon() -> Response:
        return Response(status_code=204)  # no icon; answering keeps browser consoles free of 404s

    @app.get("/api/config", tags=["meta"])
    async def config() -> dict[str, Any]:
        """What the page needs to start: the optional tile layer, the vocabularies, whether writes work."""
        return {"tiles": tiles, "writable": bool(token), "certainties": list(CERTAINTY_ORDER),
                "statuses": list(REVIEW_STATUSES), "review_actions": list(REVIEW_ACTIONS), "orders": list(ORDERS),
                "export_formats": _export_formats()}

    # ---- events
    @app.get("/api/events", tags=["events"])
    async def list_events(
        filters: Filters,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
        offset: Annotated[int, Query(ge=0)] = 0,
        order: Annotated[str, Query(description=f"one of {', '.join(ORDERS)}")] = "-date",
        compact: Annotated[bool, Query(description="only id, type, date, certainty, status and lat/lon")] = False,
    ) -> Response:
        """Events matching the filters, one page of them, with the total."""
        if order not in ORDERS:
            raise InputError(f"unknown order {order!r}", f"use one of {', '.join(ORDERS)}")

        def work(s: Store) -> dict[str, Any]:
            events: list[Any]
            if compact:  # the map's points: read without building whole events
                events = list(s.map_points(filters, limit=limit, offset=offset, order=order))
            else:
                events = list(s.list_events(filters, limit=limit, offset=offset, order=order))
            return {"total": s.count_events(filters), "limit": limit, "offset": offset, "order": order,
                    "events": events}

        return await read(work)

    @app.get("/api/events/{event_id:path}", tags=["events"])
    async def get_event(event_id: str) -> Response:
        """One event with its evidence sentence, every span, its article, incident lineage and review history."""
        def work(s: Store) -> Any:
            ev = s.get_event(event_id)
            if ev is None:
                raise HTTPException(404, (f"no event {event_id!r}", "event ids look like ARTICLE:ev1; see /api/events"))
            return ev

        return await read(work)

    @app.post("/api/events/{event_id:path}/review", tags=["review"])
    async def review_event(
        event_id: str, user: Writer,
        action: Annotated[str, Body(description=f"one of {', '.join(REVIEW_ACTIONS)}")],
        value: Annotated[dict[str, Any] | None, Body(description="the correction, for correct_* actions")] = None,
        note: Annotated[str | None, Body()] = None,
    ) -> Any:
        """Verify, reject, reset or correct (type, place, date) an event; stored with who and when."""
        if action not in REVIEW_ACTIONS:
            raise InputError(f"unknown review action {action!r}", f"use one of {', '.join(REVIEW_ACTIONS)}")
        if action.startswith("correct_") and not value:
            raise InputError(f"{action} needs a value", "send {\"action\": …, \"value\": {…}}")

        def work() -> Any:
            if store.get_event(event_id) is None:
                raise HTTPException(404, (f"no event {event_id!r}", "see /api/events"))
            return store.review(event_id, action, user=user, value=value, note=note)

        return await run(work)

    # ---- articles
    @app.get("/api/articles", tags=["articles"])
    async def list_articles(q: str | None = None, limit: Annotated[int, Query(ge=1, le=1000)] = 100,
                            offset: Annotated[int, Query(ge=0)] = 0) -> Response:
        """Articles, newest added first; `q` searches their text."""
        return await read(lambda s: {"total": s.count_articles(q or None), "limit": limit, "offset": offset,
                                     "articles": s.list_articles(limit=limit, offset=offset, q=q or None)})

    @app.get("/api/articles/{article_id:path}", tags=["articles"])
    async def get_article(article_id: str) -> Response:
        """The article with its text and the events extracted from it."""
        def work(s: Store) -> dict[str, Any]:
            art = s.get_article(article_id)
            if art is None:
                raise HTTPException(404, (f"no article {article_id!r}", "see /api/articles"))
            return {**art, "events": s.list_events({"article_id": article_id}, limit=None, order="added")}

        return await read(work)

    # ---- aggregates
    @app.get("/api/actors", tags=["aggregates"])
    async def actors(filters: Filters, limit: Annotated[int, Query(ge=1, le=5000)] = 100) -> Response:
        """Actors named in the matching events, most frequent first."""
        return await read(lambda s: {"actors": s.actors(filters, limit=limit)})

    @app.get("/api/places", tags=["aggregates"])
    async def places(filters: Filters, limit: Annotated[int, Query(ge=1, le=5000)] = 100) -> Response:
        """Places of the matching events with coordinates, most frequent first."""
        return await read(lambda s: {"places": s.places(filters, limit=limit)})

    @app.get("/api/stats", tags=["aggregates"])
    async def stats(filters: Filters) -> Response:
        """Counts: articles, events, incidents; events by day, ACLED type, certainty and review status."""
        return await read(lambda s: s.stats(filters))

    # ---- review trail and incidents
    @app.get("/api/reviews", tags=["review"])
    async def reviews(event_id: str | None = None,
                      limit: Annotated[int, Query(ge=1, le=5000)] = 100) -> Response:
        """The audit trail (who changed what, when), newest first."""
        return await read(lambda s: {"reviews": s.reviews(event_id, limit=limit)})

    @app.get("/api/incidents", tags=["incidents"])
    async def list_incidents(filters: Filters, limit: Annotated[int, Query(ge=1, le=5000)] = 100,
                             offset: Annotated[int, Query(ge=0)] = 0,
                             min_events: Annotated[int, Query(ge=1)] = 1) -> Response:
        """Incidents (events merged across articles) whose member events match the filters."""
        return await read(lambda s: {
            "total": s.count_incidents(filters, min_events=min_events), "limit": limit, "offset": offset,
            "incidents": s.list_incidents(filters, limit=limit, offset=offset, min_events=min_events)})

    @app.get("/api/incidents/{incident_id:path}", tags=["incidents"])
    async def get_incident(incident_id: str) -> Response:
        """An incident with its member events and supporting articles (its lineage)."""
        def work(s: Store) -> Any:
            inc = s.get_incident(incident_id)
            if inc is None:
                raise HTTPException(404, (f"no incident {incident_id!r}", "see /api/incidents"))
            return inc

        return await read(work)

    @app.post("/api/incidents/merge", tags=["incidents"])
    async def merge_incidents(user: Writer, incident_ids: Annotated[list[str], Body(min_length=2)],
                              note: Annotated[str | None, Body()] = None) -> Any:
        """Merge incidents into the first one; recorded in the audit trail."""
        def work() -> Any:
            for iid in incident_ids:
                if store.get_incident(iid) is None:
                    raise HTTPException(404, (f"no incident {iid!r}", "see /api/incidents"))
            return store.merge_incidents(incident_ids, user=user, note=note)

        return await run(work)

    @app.post("/api/incidents/{incident_id:path}/split", tags=["incidents"])
    async def split_incident(incident_id: str, user: Writer,
                             event_ids: Annotated[list[str], Body(min_length=1)],
                             note: Annotated[str | None, Body()] = None) -> Any:
        """Move these events out of the incident into a new one, which is returned."""
        def work() -> Any:
            if store.get_incident(incident_id) is None:
                raise HTTPException(404, (f"no incident {incident_id!r}", "see /api/incidents"))
            return store.split_incident(incident_id, event_ids, user=user, note=note)

        return await run(work)

    # ---- export
    @app.get("/api/export", tags=["export"])
    async def export(filters: Filters, format: Annotated[str, Query(description="export format")] = "jsonl",
                     verified_only: Annotated[bool, Query(description="alias of verified=true")] = False,
                     ) -> Response:
        """The matching events in an export format (ACLED/UCDP CSV, PLOVER, GeoJSON, JSONL…).
        `verified=true` exports only events an analyst verified or corrected."""
        if verified_only:
            filters["verified"] = True
        from rasid.web.export import export_bytes

        loop = asyncio.get_running_loop()
        body, media_type, ext = await loop.run_in_executor(
            pool, lambda: export_bytes(reading_store(), format, filters))
        return Response(body, media_type=media_type,
                        headers={"Content-Disposition": f'attachment; filename="rasid-events.{ext}"'})

    return app


def _data_version(store: Store) -> tuple[Any, ...]:
    """What changes whenever the data behind an answer may have changed: articles added or replaced (count,
    newest `added`), events, incidents, and the newest review (every verify/correct/merge/split is audited).
    A few cheap queries (~4 ms on 50,000 events) instead of re-running every read."""
    newest = store.list_articles(limit=1)
    last_review = store.reviews(limit=1)
    return (store.count_articles(), newest[0]["added"] if newest else None,
            last_review[0]["id"] if last_review else None, store.count_events(), store.count_incidents())


def _json_twin(path: str) -> str:
    """/events/ID -> /api/events/ID (re-quoted: ids may hold Arabic or spaces); / -> /api/events."""
    return "/api/events" if path in ("", "/") else "/api" + quote(path, safe="/:")


def _dumps(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")


def _export_formats() -> list[str]:
    from rasid.web.export import formats

    return formats()


__all__ = ["create_app", "event_filters"]
