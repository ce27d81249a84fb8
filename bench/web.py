"""Web API latency with a big store: 50,000 synthetic events, 20 concurrent clients, p95 per endpoint.

    .venv/bin/python bench/web.py                    # 50,000 events, 20 clients, 30 requests each
    .venv/bin/python bench/web.py --events 5000 --clients 5 --requests 10   # a quick look
    .venv/bin/python bench/web.py --cache 0          # every request goes to the database
    .venv/bin/python bench/web.py --browser          # also time the page itself in chromium

The store is filled through the Store API (`put_many`) with synthetic articles: one Arabic sentence per
event, places scattered inside Syria's governorates (the shipped basemap layer), dates over two years,
a few actors, random certainties. The server is the real `rasid serve` in a child process (so client
threads do not share its GIL); clients are threads with their own HTTP connection, localhost only, each
sending a bounded number of requests drawn from what the page does (list, filters, map points, stats,
detail, actors, places). Prints latency percentiles per endpoint and overall.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rasid.doc import (  # noqa: E402
    Attribution,
    Document,
    Entity,
    Event,
    Participant,
    Place,
    Sentence,
    Span,
    When,
)

TYPES = [("attack.airstrike", "Explosions/Remote violence", "Air/drone strike", "قصفت"),
         ("attack.shelling", "Explosions/Remote violence", "Shelling/artillery/missile attack", "استهدفت"),
         ("clash", "Battles", "Armed clash", "اشتبكت"),
         ("protest", "Protests", "Peaceful protest", "تظاهرت"),
         ("abduction", "Violence against civilians", "Abduction/forced disappearance", "اختطفت"),
         ("agreement", "Strategic developments", "Agreement", "وقعت")]
ACTORS = [("قوات النظام", "Syrian Government"), ("هيئة تحرير الشام", "Hayat Tahrir al-Sham"),
          ("قوات سوريا الديمقراطية", "SDF"), ("تنظيم داعش", "Islamic State"),
          ("الجيش التركي", "Turkish Armed Forces"), ("مجموعة مسلحة", None)]
CERTS = ["confirmed", "reported", "claimed", "alleged", "rumored"]
WORDS = ["الريف", "الشمالي", "مدنيين", "حاجز", "القرية", "المدينة", "الطريق", "الدولي", "مصادر", "محلية"]


def governorates() -> list[tuple[str, str, float, float, float, float]]:
    """(Arabic name, English name, min lon, min lat, max lon, max lat) from the shipped admin1 layer."""
    data = json.loads((ROOT / "rasid/web/static/basemap/syria_admin1.geojson").read_text(encoding="utf-8"))
    out = []
    for f in data["features"]:
        g = f["geometry"]
        rings = g["coordinates"] if g["type"] == "Polygon" else [r for p in g["coordinates"] for r in p]
        xs = [pt[0] for r in rings for pt in r]
        ys = [pt[1] for r in rings for pt in r]
        out.append((f["properties"]["NAME_ARA"], f["properties"]["NAME_EN"], min(xs), min(ys), max(xs), max(ys)))
    return out


def synthetic_doc(i: int, n_events: int, rng: random.Random, govs: list[Any]) -> Document:
    title = f"تقرير ميداني رقم {i}"
    text = title + "\n\n"
    sentences = [Sentence(0, len(title))]
    entities, places, events = [], [], []
    day0 = time.mktime((2023, 1, 1, 0, 0, 0, 0, 0, -1))
    for k in range(n_events):
        native, acled, sub, trig = rng.choice(TYPES)
        actor_ar, actor_en = rng.choice(ACTORS)
        gov = rng.choice(govs)
        filler = " ".join(rng.choices(WORDS, k=6))
        start = len(text)
        sent = f"قال مصدر إن {actor_ar} {trig} موقعا في {gov[0]} {filler}."
        text += sent + " "
        a = text.index(actor_ar, start)
        t = text.index(trig, a + len(actor_ar))
        p = text.index(gov[0], t)
        eid, pid = f"e{k}", f"p{k}"
        entities.append(Entity(eid, actor_ar, "ORG", a, a + len(actor_ar), canonical=actor_en))
        places.append(Place(pid, gov[0], p, p + len(gov[0]), name=gov[1], admin1=gov[1], country="SY",
                            lat=round(rng.uniform(gov[3], gov[5]), 4), lon=round(rng.uniform(gov[2], gov[4]), 4)))
        day = time.strftime("%Y-%m-%d", time.gmtime(day0 + rng.randrange(730) * 86400))
        events.append(Event(
            f"ev{k}", native, acled, sub, Span(t, t + len(trig), trig), Sentence(start, start + len(sent)),
            participants=(Participant("actor", actor_ar, a, a + len(actor_ar), eid),), location=pid,
            date=When(day, day, 1), fatalities=rng.choice([None, 0, 1, 2, 5, 12]),
            attribution=Attribution(None, None, rng.choice(CERTS)), notes_en=f"{actor_en or 'Armed group'} {native}"))
        sentences.append(Sentence(start, start + len(sent)))
    return Document(text=text.rstrip(), id=f"syn{i}", title=title, published="2025-01-01",
                    url=f"https://example.org/syn/{i}", source=rng.choice(["outlet-a", "outlet-b", "outlet-c"]),
                    sentences=tuple(sentences), entities=tuple(entities), places=tuple(places), events=tuple(events))


def fill(db: Path, n_events: int, per_doc: int, seed: int) -> float:
    from rasid.store import open_store

    rng = random.Random(seed)
    govs = governorates()
    t0 = time.perf_counter()
    store = open_store(db)
    batch: list[Document] = []
    for i in range(n_events // per_doc):
        batch.append(synthetic_doc(i, per_doc, rng, govs))
        if len(batch) == 200:
            store.put_many(batch)
            batch = []
    if batch:
        store.put_many(batch)
    store.close()
    return time.perf_counter() - t0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def requests_for(rng: random.Random, n_events: int, per_doc: int) -> list[tuple[str, str]]:
    """(label, path) drawn with the page's mix: every refresh asks for a list, map points and stats."""
    govs = [g[1] for g in governorates()]
    d = rng.randrange(700)
    date_from = time.strftime("%Y-%m-%d", time.gmtime(time.mktime((2023, 1, 1, 0, 0, 0, 0, 0, -1)) + d * 86400))
    choices = [
        ("list", "/api/events?limit=200"),
        ("list admin1", f"/api/events?limit=200&admin1={rng.choice(govs)}"),
        ("list type+certainty", "/api/events?limit=200&acled_type=Battles&min_certainty=reported"),
        ("list date range", f"/api/events?limit=200&date_from={date_from}&date_to=2024-12-31"),
        ("list q", "/api/events?limit=200&q=حاجز"),
        ("list bbox", "/api/events?limit=200&bbox=36.0,35.5,37.5,36.6"),
        ("list actor", "/api/events?limit=200&actor=Islamic State"),
        ("map points", f"/api/events?compact=true&limit=20000&admin1={rng.choice(govs)}"),
        ("stats", "/api/stats"),
        ("stats admin1", f"/api/stats?admin1={rng.choice(govs)}"),
        ("detail", f"/api/events/syn{rng.randrange(n_events // per_doc)}:ev{rng.randrange(per_doc)}"),
        ("actors", "/api/actors?limit=500"),
        ("places", "/api/places?limit=2000"),
    ]
    return [rng.choice(choices)]


def page_timings(base: str) -> None:
    """Seconds until the page has drawn map, timeline and list (body[data-ready]) on first load and after
    choosing an admin1 — what an analyst waits for."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--headless", "--no-sandbox", "--disable-gpu",
                                          "--disable-background-networking", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        t = time.perf_counter()
        page.goto(base + "/")
        while not page.evaluate("document.body.dataset.ready"):
            page.wait_for_timeout(20)
        first = time.perf_counter() - t
        shown = page.text_content("#summary")
        t = time.perf_counter()
        page.select_option("select[name=admin1]", index=1)
        while page.evaluate("document.body.dataset.ready") == "1":
            page.wait_for_timeout(20)
        print(f"page: first load drawn in {first:.2f} s ({shown}); admin1 filter redrawn in "
              f"{time.perf_counter() - t:.2f} s ({page.text_content('#summary')})")
        browser.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=50_000)
    ap.add_argument("--per-doc", type=int, default=5, help="events per synthetic article")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=30, help="requests per client")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--db", help="reuse this store instead of building a new one in a temp folder")
    ap.add_argument("--cache", type=int, default=256, help="rasid serve --cache (0: every request hits the store)")
    ap.add_argument("--readers", type=int, default=2, help="rasid serve --readers")
    ap.add_argument("--browser", action="store_true",
                    help="also time the page in Debian's chromium (first load, a filter change) before the clients")
    args = ap.parse_args()
    import httpx

    tmp = tempfile.TemporaryDirectory()
    db = Path(args.db) if args.db else Path(tmp.name) / "bench.db"
    if not db.exists():
        secs = fill(db, args.events, args.per_doc, args.seed)
        print(f"store: {args.events} events in {args.events // args.per_doc} articles written in {secs:.1f} s "
              f"({args.events / secs:.0f} events/s)")
    port = free_port()
    env = {**os.environ, "RASID_TOKEN": "bench"}
    server = subprocess.Popen([sys.executable, "-m", "rasid.cli", "serve", "--db", str(db), "--port", str(port),
                               "--cache", str(args.cache), "--readers", str(args.readers)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/config", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                print("the server did not start:", server.stderr.read().decode() if server.stderr else "")
                return 1
            time.sleep(0.2)
        total = httpx.get(f"{base}/api/events?limit=1").json()["total"]
        if args.browser:
            page_timings(base)
        times: dict[str, list[float]] = defaultdict(list)
        errors: list[str] = []
        lock = threading.Lock()

        def client(k: int) -> None:
            rng = random.Random(args.seed * 1000 + k)
            with httpx.Client(base_url=base, timeout=120) as c:
                for _ in range(args.requests):
                    for label, path in requests_for(rng, args.events, args.per_doc):
                        t = time.perf_counter()
                        r = c.get(path)
                        dt = time.perf_counter() - t
                        with lock:
                            times[label].append(dt)
                            if r.status_code != 200:
                                errors.append(f"{r.status_code} {path}")

        t0 = time.perf_counter()
        threads = [threading.Thread(target=client, args=(k,)) for k in range(args.clients)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        wall = time.perf_counter() - t0
    finally:
        server.terminate()
        server.wait(10)
        tmp.cleanup()

    def pct(xs: list[float], q: float) -> float:
        xs = sorted(xs)
        return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))] * 1000

    every = [x for xs in times.values() for x in xs]
    print(f"server: rasid serve --cache {args.cache} --readers {args.readers}")
    print(f"{total} events in the store; {args.clients} concurrent clients, {len(every)} requests in {wall:.1f} s "
          f"({len(every) / wall:.1f} req/s), {len(errors)} errors")
    print(f"{'endpoint':<22}{'n':>5}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for label in sorted(times):
        xs = times[label]
        print(f"{label:<22}{len(xs):>5}{pct(xs, .5):>10.0f}{pct(xs, .95):>10.0f}{max(xs) * 1000:>10.0f}")
    print(f"{'ALL':<22}{len(every):>5}{pct(every, .5):>10.0f}{pct(every, .95):>10.0f}{max(every) * 1000:>10.0f}"
          f"   mean {statistics.mean(every) * 1000:.0f} ms")
    if errors:
        print("errors:", *errors[:5], sep="\n  ")
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
