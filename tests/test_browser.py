"""The page in a real browser: Debian's chromium driven by Playwright, over a store of real articles.

A handful of Syria-related Al Mayadeen articles go through the default pipeline into a SQLite store,
plus one hostile scraped article (markup and event-handler attributes in its title, text and actor,
and a javascript: URL). The app runs under uvicorn on a free localhost port; the test loads the page,
sees the markers, brushes the timeline, opens an event and its highlighted evidence, verifies it with
the token, proves the hostile article runs no code, and takes a screenshot. The README's picture is only
rewritten when asked (`RASID_SCREENSHOT=docs/img/rasid-web.png`), so a test run leaves the tree clean.
"""

from __future__ import annotations

import gzip
import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ROOT = Path(__file__).resolve().parent.parent
TOKEN = "browser-test-token"
#: How a Syria-related conflict article is picked from the corpus: a Syria word and a violence word in the title.
SYRIA_WORDS = ("سوريا", "سورية", "السوري", "حلب", "إدلب", "دمشق", "درعا", "حمص", "دير الزور", "الرقة")
VIOLENCE_WORDS = ("قصف", "غارة", "غارات", "اشتباك", "هجوم", "استهداف", "مقتل", "استشهاد", "انفجار")
N_ARTICLES = 6


def syria_articles(corpus: Path, n: int) -> list[Any]:
    from rasid.doc import Article

    out = []
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            title, text = r.get("title") or "", r.get("full_text") or ""
            if not (any(w in title for w in SYRIA_WORDS) and any(w in title for w in VIOLENCE_WORDS)):
                continue
            if not 300 < len(text) < 3000:  # short news items keep the test quick
                continue
            out.append(Article(text=text, title=title, published=(r.get("published_time") or "")[:10] or None,
                               url=r.get("url"), source="almayadeen"))
            if len(out) == n:
                break
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(shared: Path, pipeline: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    pytest.importorskip("playwright")
    uvicorn = pytest.importorskip("uvicorn")
    from test_web import XSS_ACTOR, make_doc

    from rasid.store import open_store
    from rasid.web.app import create_app

    articles = syria_articles(shared / "data" / "corpus" / "almayadeen" / "almayadeen.jsonl.gz", N_ARTICLES)
    assert len(articles) == N_ARTICLES
    docs = list(pipeline.pipe(articles))
    assert sum(len(d.events) for d in docs) > 0, "the pipeline found no events in the sample"
    hostile = make_doc(
        "hostile", f"قال ناشطون 🔥🔥 إن {XSS_ACTOR} هاجم حاجزا في حلب <script>alert('body')</script>.",
        trigger="هاجم", acled=("Battles", "Armed clash"), native="clash", actor=(XSS_ACTOR, XSS_ACTOR),
        place=("حلب", "Aleppo <b onmouseover=alert(2)>", 36.2, 37.16, "Aleppo", "SY"),
        title="<script>alert('title')</script><img src=x onerror=alert(3)>", url="javascript:alert(4)",
        published="2023-01-20", date=("حلب", "2023-01-19"), note="<img src=x onerror=alert(5)>")
    store = open_store(tmp_path_factory.mktemp("browser") / "rasid.db")
    store.put_many([*docs, hostile])
    store.rebuild_incidents()
    port = free_port()
    config = uvicorn.Config(create_app(store, token=TOKEN, default_user="browser"), host="127.0.0.1", port=port,
                            log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)
    store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (scripts/test.sh installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1440, "height": 900})
    pg = ctx.new_page()
    pg.dialogs = []  # every alert/confirm the page opens: there must be none
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.set_default_timeout(15000)
    yield pg
    ctx.close()


def poll(page: Any, expr: str, timeout: float = 15.0) -> Any:
    """Wait until `expr` is truthy in the page. (Playwright's wait_for_function evaluates a string in the page,
    which the app's Content-Security-Policy rightly forbids; page.evaluate goes through the debugger.)"""
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(expr)
        if value:
            return value
        assert time.monotonic() < deadline, f"timed out waiting for {expr}"
        page.wait_for_timeout(50)


def wait_ready(page: Any, after: int = 0) -> int:
    """The page sets body[data-ready] to a growing number each time a refresh has been drawn."""
    return int(poll(page, f"Number(document.body.dataset.ready || 0) > {after} && Number(document.body.dataset.ready)"))


def total_shown(page: Any) -> int:
    return int(page.text_content("#summary").split()[0])


def test_map_timeline_evidence_and_review(server: str, page: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    import httpx

    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{server}/#token={TOKEN}")
    seq = wait_ready(page)
    assert "token=" not in page.url  # the token left the address bar (and history)

    # markers: circle markers inside clusters, or clusters
    page.wait_for_selector(".leaflet-marker-icon.marker-cluster, path.leaflet-interactive")
    n_markers = page.locator(".marker-cluster").count() + page.locator("path.leaflet-interactive").count()
    assert n_markers > 0
    before = total_shown(page)
    assert before > 1
    assert page.locator(".event-item").count() == min(before, 200)
    # the offline basemap drew the countries and Syria's governorates
    assert page.locator(".leaflet-basemap-pane path").count() > 50

    # brush the right part of the timeline: a date range is set and fewer (or as many) events remain
    box = page.locator("#timeline-svg").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.55, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.8, y, steps=5)
    page.mouse.move(box["x"] + box["width"] - 2, y, steps=5)
    page.mouse.up()
    seq = wait_ready(page, seq)
    date_from = page.input_value("input[name=date_from]")
    date_to = page.input_value("input[name=date_to]")
    assert date_from and date_to and date_from <= date_to
    after = total_shown(page)
    assert 0 < after <= before
    api = httpx.get(f"{server}/api/events", params={"date_from": date_from, "date_to": date_to}).json()
    assert api["total"] == after  # the page shows what the API says for the brushed range
    assert page.locator("#timeline .bar.out").count() + page.locator("#timeline .bar").count() > 0

    # open an event that has a place, see its Arabic evidence right-to-left with the spans highlighted
    events = httpx.get(f"{server}/api/events", params={"date_from": date_from, "date_to": date_to,
                                                       "limit": 200}).json()["events"]
    def richness(e: dict[str, Any]) -> tuple[bool, int]:
        """Events placed in Syria first (the articles were picked for Syria), then the one whose evidence
        sentence holds the most kinds of span."""
        d = httpx.get(f"{server}/api/events/{e['id']}").json()
        ev = d["evidence"]
        kinds = {s["kind"] for s in d["spans"] if ev["start"] <= s["start"] and s["end"] <= ev["end"]}
        return (e["place"] or {}).get("country") == "SY", len(kinds - {"evidence"})

    best = max(events[:60], key=richness)
    page.click(f".event-item[data-id='{best['id']}']")
    page.wait_for_selector(".evidence mark.span-trigger")
    evidence = page.locator(".evidence")
    assert evidence.get_attribute("dir") == "rtl"
    detail = httpx.get(f"{server}/api/events/{best['id']}").json()
    assert evidence.text_content() == detail["evidence"]["text"]
    trigger = next(s for s in detail["spans"] if s["kind"] == "trigger")
    assert trigger["text"] in page.locator("mark.span-trigger").first.text_content()
    kinds = set(page.eval_on_selector_all(".evidence mark", "ms => ms.map(m => m.dataset.kind)"))
    assert "trigger" in kinds and len(kinds) >= 2
    assert page.text_content("#certainty-badge") == detail["certainty"]
    if detail["article"]["url"]:
        assert unquote(page.get_attribute("#article-link", "href")) == unquote(detail["article"]["url"])
        assert "noreferrer" in page.get_attribute("#article-link", "rel")
    assert "/events/" in page.url
    page.wait_for_timeout(800)  # let the map's zoom and cluster animations settle for the picture
    shot = Path(os.environ.get("RASID_SCREENSHOT") or tmp_path_factory.mktemp("shot") / "rasid-web.png")
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000  # a real rendered page, not a blank

    # its incident (lineage) opens as a page of its own, with this report among the members
    if detail["incident"]:
        page.click(".incident h3 a")
        page.wait_for_selector(f"#detail .members a[href='/events/{quote(best['id'], safe='')}']")
        assert "/incidents/" in page.url
        page.go_back()
        page.wait_for_selector("#verify-btn")

    # verify it with the token (taken from the address the server printed)
    page.click("#verify-btn")
    poll(page, "document.querySelector('#status-badge').textContent === 'verified'")
    stored = httpx.get(f"{server}/api/events/{best['id']}").json()
    assert stored["status"] == "verified"
    assert stored["reviews"][0]["action"] == "verify" and stored["reviews"][0]["user"] == "browser"

    # nothing was fetched from anywhere but this server (offline map, vendored scripts)
    assert requests and all(u.startswith(server) or u.startswith("data:") for u in requests), \
        [u for u in requests if not u.startswith(server)]
    assert page.dialogs == []


def test_review_without_token_is_refused_in_the_page(server: str, page: Any) -> None:
    page.goto(server)
    wait_ready(page)
    page.locator(".event-item").first.click()
    page.wait_for_selector("#verify-btn")
    page.click("#reject-btn")
    poll(page, "/token/.test(document.querySelector('#review-msg').textContent)")
    assert page.text_content("#status-badge") != "rejected"


def test_hostile_article_runs_no_code(server: str, page: Any) -> None:
    page.goto(f"{server}/events/hostile:ev1")
    wait_ready(page)
    page.wait_for_selector(".evidence")
    page.hover(".evidence")
    detail = page.locator("#detail")
    text = detail.text_content()
    assert "<img src=x onerror=alert(1)>" in text and "<script>alert('body')</script>" in text
    assert "<img src=x onerror=alert(5)>" in text  # the English note, as text
    # spans land on the right characters even after emoji (two UTF-16 units each in JS, one code point in Python)
    assert page.text_content(".evidence mark.span-trigger") == "هاجم"
    assert page.text_content(".evidence mark.span-date") == "حلب"  # date and place share this span
    assert detail.locator("img, script, b").count() == 0  # nothing was parsed as markup
    assert page.locator("#article-link").count() == 0  # the javascript: URL is not a link
    # the article view and the event list show the hostile title as text too
    page.click("text=article text")
    page.wait_for_selector(".article-text")
    assert "<script>alert('title')</script>" in page.text_content("#detail h2")
    assert page.locator("#detail img, #detail script").count() == 0
    page.fill("input[name=q]", "ناشطون")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector(".event-item[data-id='hostile:ev1']")
    page.locator(".event-item[data-id='hostile:ev1']").hover()
    page.wait_for_timeout(300)
    handlers = page.evaluate("""() => [...document.querySelectorAll('*')].filter(
        n => [...n.attributes].some(a => a.name.startsWith('on'))).length""")
    assert handlers == 0
    assert page.dialogs == []


def test_api_docs_work_offline_under_the_csp(server: str, page: Any) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{server}/docs")
    page.wait_for_selector(".opblock")
    assert page.locator(".opblock").count() >= 10  # one block per endpoint
    assert errors == []
