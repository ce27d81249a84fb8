"""Readers: text, HTML, JSON, JSONL(.gz), WARC and RSS/Atom files, folders and stdin.

Every reader yields `Article`s and, for what it cannot read, `InputError`s — it never raises on one
bad file or line, so a batch always goes on (DESIGN rule 8). JSONL is streamed line by line: memory does
not grow with the size of the file.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import itertools
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from rasid.doc import Article
from rasid.errors import InputError

#: Largest single article file (.txt/.html/.json) read whole; JSONL/WARC/feeds are streamed instead.
MAX_ARTICLE_BYTES = 20 * 1024 * 1024
#: Longest JSONL line accepted.
MAX_LINE_BYTES = 20 * 1024 * 1024
#: An article needs this many Arabic letters to be worth processing.
MIN_ARABIC_LETTERS = 20

TEXT_KEYS = ("text", "content", "full_text", "body", "article", "story")
TITLE_KEYS = ("title", "headline")
DATE_KEYS = ("published", "published_time", "date_published", "pubDate", "date", "datetime", "date_extracted",
             "created_at")
URL_KEYS = ("url", "link", "href")
SOURCE_KEYS = ("source", "outlet", "site", "publisher")

SUFFIXES = (".txt", ".text", ".html", ".htm", ".json", ".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".json.gz",
            ".warc", ".warc.gz", ".rss", ".atom", ".xml", ".txt.gz", ".html.gz")

# Whole lines that are scraping debris: comment boxes, share/print links, related-article headings.
_BOILERPLATE = re.compile(
    r"^\s*(?:ترك تعليق|اترك تعليقا?|أضف تعليقا?|اضف تعليق|التعليق|التعليقات|تعليقات|شارك|مشاركة|شارك المقال|شارك الخبر|"
    r"طباعة|اطبع|إرسال|أرسل لصديق|حفظ|تابعونا|تابعنا على.*|اقرأ أيضا:?|اقرأ أيضاً:?|إقرأ أيضا:?|مواضيع ذات صلة|"
    r"أخبار ذات صلة|مقالات ذات صلة|الأكثر قراءة|الأكثر مشاهدة|المزيد|كلمات مفتاحية:?|الوسوم:?|"
    r"share|print|email|tweet|comments?|leave a comment|related( articles)?|read more)\s*[:.]?\s*$",
    re.IGNORECASE,
)
_ARABIC = re.compile(r"[\u0621-\u064A]")
_LATIN = re.compile(r"[A-Za-z]")


# ---------------------------------------------------------------- public entry points

def read_paths(paths: Iterable[str | Path], *, published: str | None = None, source: str | None = None,
               stdin: IO[bytes] | None = None) -> Iterator[Article | InputError]:
    """Read every article under `paths` ('-' is stdin). Flags override nothing the input gives, they fill gaps."""
    for p in paths:
        if str(p) == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _fill(read_stream(stream, "<stdin>"), published, source)
            continue
        path = Path(p)
        if path.is_dir():
            for f in sorted(walk(path)):
                yield from _fill(read_file(f), published, source)
        elif path.exists():
            yield from _fill(read_file(path), published, source)
        else:
            yield InputError("no such file or folder", "check the path", path=str(path))


def walk(folder: Path) -> Iterator[Path]:
    """Files under `folder` that rasid can read, skipping hidden files and folders."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for f in files:
            if not f.startswith(".") and f.lower().endswith(SUFFIXES):
                yield Path(root) / f


def read_file(path: Path) -> Iterator[Article | InputError]:
    """Read one file by its extension."""
    name = path.name.lower()
    origin = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror}", "check the permissions", path=origin)
        return
    if size == 0:
        yield InputError("empty file", "nothing to read; remove it or fill it", path=origin)
        return
    try:
        if name.endswith((".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")):
            yield from read_jsonl(path)
        elif name.endswith((".warc", ".warc.gz")):
            yield from read_warc(path)
        elif name.endswith((".rss", ".atom", ".xml")):
            yield from read_feed(path)
        else:
            if size > MAX_ARTICLE_BYTES and not name.endswith(".gz"):
                yield InputError(
                    f"file is {size / 1e6:.0f} MB, more than one article can be ({MAX_ARTICLE_BYTES // 2**20} MB)",
                    "split it into articles, e.g. one JSON object per line in a .jsonl file", path=origin)
                return
            raw = _read_bytes(path)
            if name.endswith((".json", ".json.gz")):
                yield from read_json_bytes(raw, origin)
            elif name.endswith((".html", ".htm", ".html.gz")):
                yield from _checked(article_from_html(decode(raw, origin), origin=origin))
            else:
                yield from _checked(Article(text=decode(raw, origin), origin=origin))
    except InputError as err:
        yield err
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield InputError(f"cannot read: {exc}", "the file may be truncated or corrupt; re-download it", path=origin)


def read_stream(stream: IO[bytes], origin: str) -> Iterator[Article | InputError]:
    """stdin: JSONL when every non-empty line is a JSON object, HTML when it looks like a page, else text."""
    raw = stream.read(MAX_ARTICLE_BYTES + 1)
    if len(raw) > MAX_ARTICLE_BYTES:
        # too big to be one article: treat it as JSONL and stream the rest
        yield from _jsonl_lines(_chain_bytes(raw, stream), origin)
        return
    if not raw.strip():
        yield InputError("empty input", "pipe an article into rasid", path=origin)
        return
    try:
        text = decode(raw, origin)
    except InputError as err:
        yield err
        return
    stripped = text.lstrip()
    if stripped.startswith("{") or stripped.startswith("["):
        lines = [ln for ln in text.splitlines() if ln.strip()]
        if stripped.startswith("{") and len(lines) > 1 and all(ln.lstrip().startswith("{") for ln in lines):
            yield from _jsonl_lines(io.BytesIO(raw), origin)
        else:
            yield from read_json_bytes(raw, origin)
    elif stripped[:200].lower().startswith(("<!doctype", "<html")) or "<body" in stripped[:5000].lower():
        yield from _checked(article_from_html(text, origin=origin))
    else:
        yield from _checked(Article(text=text, origin=origin))


# ---------------------------------------------------------------- formats

def read_json_bytes(raw: bytes, origin: str) -> Iterator[Article | InputError]:
    text = decode(raw, origin)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield InputError(f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
                         "fix the JSON, or name the file .txt if it is plain text", path=origin)
        return
    records = data if isinstance(data, list) else [data]
    for i, rec in enumerate(records):
        where = f"{origin}[{i}]" if isinstance(data, list) else origin
        if not isinstance(rec, Mapping):
            yield InputError("a JSON article must be an object with a 'text' field", "see SCHEMA.md", path=where)
            continue
        try:
            yield from _checked(article_from_record(rec, origin=where))
        except InputError as err:
            yield err


def read_jsonl(path: Path) -> Iterator[Article | InputError]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as fh:
        yield from _jsonl_lines(fh, str(path))


def _jsonl_lines(fh: Any, origin: str) -> Iterator[Article | InputError]:
    n = 0
    try:
        for n, line in enumerate(fh, 1):  # noqa: B007 — n is used after the loop for the error line
            if not line.strip():
                continue
            if len(line) > MAX_LINE_BYTES:
                yield InputError(f"line is {len(line) / 1e6:.0f} MB, too long for one article",
                                 "split it", path=origin, line=n)
                continue
            try:
                rec = json.loads(decode(line, origin, line=n))
            except InputError as err:
                yield err
                continue
            except json.JSONDecodeError as exc:
                yield InputError(f"not valid JSON ({exc.msg} at column {exc.colno})",
                                 "fix or remove that line; the other lines were read", path=origin, line=n)
                continue
            if not isinstance(rec, Mapping):
                yield InputError("a JSONL line must be a JSON object with a 'text' field", "see SCHEMA.md",
                                 path=origin, line=n)
                continue
            try:
                yield from _checked(article_from_record(rec, origin=f"{origin}:{n}"))
            except InputError as err:
                yield err
    except (EOFError, OSError, gzip.BadGzipFile, zlib_error()) as exc:
        yield InputError(f"file ends abruptly after line {n} ({type(exc).__name__}: {exc})",
                         "the file is truncated or corrupt; the lines before were read — re-download it",
                         path=origin, line=n + 1)


def read_warc(path: Path) -> Iterator[Article | InputError]:
    """HTML responses in a WARC file (warcio), one article each."""
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError as exc:  # pragma: no cover - warcio is a core dependency
        raise InputError("reading WARC needs the 'warcio' package", "pip install warcio", path=str(path)) from exc
    n = 0
    with open(path, "rb") as fh:
        try:
            for rec in ArchiveIterator(fh):
                if rec.rec_type != "response":
                    continue
                ctype = (rec.http_headers.get_header("Content-Type") or "") if rec.http_headers else ""
                if "html" not in ctype.lower():
                    continue
                n += 1
                url = rec.rec_headers.get_header("WARC-Target-URI")
                origin = f"{path}#{n}"
                try:
                    raw = rec.content_stream().read()
                    art = article_from_html(decode(raw, origin, declared=_charset(ctype)), origin=origin, url=url)
                    warc_date = rec.rec_headers.get_header("WARC-Date")
                    if not art.published and warc_date:
                        art = _replace(art, meta={**art.meta, "crawled": warc_date})
                    yield from _checked(art)
                except InputError as err:
                    yield err
        except Exception as exc:  # warcio raises plain exceptions on corrupt archives
            yield InputError(f"WARC archive is corrupt after record {n} ({type(exc).__name__}: {exc})",
                             "the records before were read; re-download the archive", path=str(path))


def read_feed(path: Path) -> Iterator[Article | InputError]:
    """Entries of an RSS/Atom file (feedparser); the entry's content or summary is the text."""
    import feedparser

    feed = feedparser.parse(_read_bytes(path))
    if feed.bozo and not feed.entries:
        yield InputError(f"not a readable RSS/Atom feed ({feed.get('bozo_exception')})",
                         "check the file is a feed", path=str(path))
        return
    src = (feed.feed.get("title") if feed.get("feed") else None) or None
    for i, e in enumerate(feed.entries, 1):
        origin = f"{path}#{i}"
        html = ""
        if e.get("content"):
            html = " ".join(c.get("value", "") for c in e["content"])
        html = html or e.get("summary", "") or e.get("description", "")
        text = html_to_text(html) if "<" in html else html
        published = None
        if e.get("published_parsed") or e.get("updated_parsed"):
            t = e.get("published_parsed") or e.get("updated_parsed")
            published = f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}"
        try:
            yield from _checked(Article(text=text, id=e.get("id") or e.get("link"), title=e.get("title"),
                                        published=published, url=e.get("link"), source=src, origin=origin))
        except InputError as err:
            yield err


# ---------------------------------------------------------------- records and HTML

def article_from_record(rec: Mapping[str, Any], origin: str | None) -> Article:
    """A JSON object -> Article. Accepts SCHEMA.md keys and common scraper keys (content, full_text, …)."""
    text = _first(rec, TEXT_KEYS)
    if not isinstance(text, str) or not text.strip():
        raise InputError("no article text (expected a 'text' field)",
                         f"give the body in 'text' (also accepted: {', '.join(TEXT_KEYS[1:])})", path=origin)
    known = set(TEXT_KEYS + TITLE_KEYS + DATE_KEYS + URL_KEYS + SOURCE_KEYS + ("id", "gold"))
    raw_date = _first(rec, DATE_KEYS)
    published = parse_published(raw_date) if raw_date else None
    meta = {k: v for k, v in rec.items() if k not in known}
    if raw_date and published != raw_date:
        meta["published_raw"] = raw_date
    title = _first(rec, TITLE_KEYS)
    if "<" in text and re.search(r"</?(p|div|br|span|a)\b", text, re.IGNORECASE):
        text = html_to_text(text)
    rid = rec.get("id")
    return Article(
        text=text, id=str(rid) if rid is not None else None, title=title if isinstance(title, str) else None,
        published=published, url=_first(rec, URL_KEYS), source=_first(rec, SOURCE_KEYS), meta=meta, origin=origin,
    )


def article_from_html(html: str, origin: str | None = None, url: str | None = None) -> Article:
    """Main text, title and publication date of a web page; navigation, comments and share links dropped."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(html)
    title = _meta(tree, ("og:title", "twitter:title")) or _node_text(tree, "h1") or _node_text(tree, "title")
    published = None
    for key in ("article:published_time", "og:published_time", "datePublished", "pubdate", "publishdate", "date",
                "DC.date.issued", "article:modified_time"):
        v = _meta(tree, (key,))
        if v and parse_published(v):
            published = parse_published(v)
            break
    if not published:
        node = tree.css_first("time[datetime]")
        if node and parse_published(node.attributes.get("datetime") or ""):
            published = parse_published(node.attributes.get("datetime") or "")
    url = url or _meta(tree, ("og:url",))
    canon = tree.css_first("link[rel=canonical]")
    if not url and canon is not None:
        url = canon.attributes.get("href")
    text = _main_text(tree)
    return Article(text=text, title=title, published=published, url=url, origin=origin,
                   source=_meta(tree, ("og:site_name",)))


_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
              "button", "select", "figure figcaption", "template")
_DROP_CLASS = re.compile(r"comment|share|social|related|sidebar|footer|header|menu|breadcrumb|nav|widget|"
                         r"advert|\bads?\b|banner|cookie|newsletter|subscribe|tags|print|popular|most-read",
                         re.IGNORECASE)


def _main_text(tree: Any) -> str:
    for sel in _DROP_TAGS:
        for n in tree.css(sel):
            n.decompose()
    for n in tree.css("[class], [id]"):
        label = f"{n.attributes.get('class') or ''} {n.attributes.get('id') or ''}"
        if _DROP_CLASS.search(label) and n.tag not in ("body", "html", "article", "main"):
            n.decompose()
    # readability-lite: the container whose direct paragraphs hold the most text
    best, best_len = None, 0
    for cand in tree.css("article, main, div, section, td"):
        paras = [p for p in cand.iter() if p.tag == "p"]
        length = sum(len(p.text(strip=True)) for p in paras)
        if length > best_len:
            best, best_len = cand, length
    if best is not None and best_len > 200:
        parts = [p.text(separator=" ", strip=True) for p in best.css("p, h2, h3, li") if p.text(strip=True)]
    else:
        body = tree.body or tree.root
        parts = [body.text(separator="\n", strip=True)] if body is not None else []
    return "\n\n".join(parts)


def html_to_text(html: str) -> str:
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    tree = HTMLParser(f"<div>{html}</div>")
    for br in tree.css("br"):
        br.replace_with("\n")
    blocks = [p.text(separator=" ", strip=True) for p in tree.css("p, li, h1, h2, h3")]
    blocks = [b for b in blocks if b]
    return "\n\n".join(blocks) if blocks else (tree.body.text(separator=" ", strip=True) if tree.body else "")


def _meta(tree: Any, names: tuple[str, ...]) -> str | None:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            n = tree.css_first(f'meta[{attr}="{name}"]')
            if n is not None and n.attributes.get("content"):
                return str(n.attributes["content"]).strip()
    return None


def _node_text(tree: Any, sel: str) -> str | None:
    n = tree.css_first(sel)
    t = n.text(strip=True) if n is not None else ""
    return t or None


# ---------------------------------------------------------------- cleaning and checks

def clean_text(text: str) -> str:
    """Drop scraping debris lines («ترك تعليق», share/print links, related-article headings), normalise newlines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    lines = [ln.rstrip() for ln in text.split("\n")]
    kept = [ln for ln in lines if not _BOILERPLATE.match(ln)]
    out = "\n".join(kept)
    return re.sub(r"\n{3,}", "\n\n", out).strip()


def check_article(art: Article) -> Article:
    """Clean the text and refuse what is not an Arabic article, with a message that says what to do."""
    text = clean_text(art.text)
    if not text:
        raise InputError("article text is empty after cleaning", "check the input holds an article", path=art.origin)
    # counted only up to the threshold: the list of every Arabic letter of an article is costly to build
    arabic = sum(1 for _ in itertools.islice(_ARABIC.finditer(text, 0, 20000), MIN_ARABIC_LETTERS))
    if arabic < MIN_ARABIC_LETTERS:
        latin = len(_LATIN.findall(text[:20000]))
        what = "looks like Latin-script text" if latin > arabic else "has almost no Arabic letters"
        raise InputError(f"not an Arabic article: it {what}",
                         "rasid reads Arabic news; pass Arabic text (or check the file's encoding)", path=art.origin)
    title = clean_text(art.title) if art.title else None
    aid = art.id or _content_id(art.url, text)
    return _replace(art, text=text, title=title or None, id=aid)


def _checked(art: Article) -> Iterator[Article | InputError]:
    try:
        yield check_article(art)
    except InputError as err:
        yield err


def _content_id(url: str | None, text: str) -> str:
    key = url or text
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def decode(raw: bytes, origin: str | None, line: int | None = None, declared: str | None = None) -> str:
    """Bytes -> text: BOMs honoured, UTF-8 tried strictly, then Windows-1256 and detection — never assumed."""
    if b"\x00" in raw[:8192] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("binary file (it contains NUL bytes)", "pass text, HTML, JSON, JSONL, WARC or feed files",
                         path=origin, line=line)
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace")
    if declared:
        try:
            return raw.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Windows-1256 is still common on Arabic sites; accept it when it yields mostly Arabic letters.
    try:
        text = raw.decode("cp1256")
        if len(_ARABIC.findall(text[:5000])) > 0.3 * max(1, len(re.findall(r"\w", text[:5000]))):
            return text
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:200000]).best()
    if best is None or _looks_binary(raw):
        raise InputError("not text in any encoding rasid knows (binary?)",
                         "convert it to UTF-8 text, or pass HTML/JSON/JSONL", path=origin, line=line)
    return str(best) if len(raw) <= 200000 else raw.decode(best.encoding, errors="replace")


def _looks_binary(raw: bytes) -> bool:
    sample = raw[:4096]
    ctrl = sum(1 for b in sample if b < 32 and b not in (9, 10, 13))
    return ctrl > 0.05 * max(1, len(sample))


def parse_published(value: Any) -> str | None:
    """A date, ISO timestamp or common scraped form -> 'YYYY-MM-DD' (None when unreadable)."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    v = value.strip()
    m = re.match(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", v)
    if m:
        y, mo, d = (int(x) for x in m.groups())
    else:
        m = re.match(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", v)
        if not m:
            try:
                from email.utils import parsedate_to_datetime

                return parsedate_to_datetime(v).date().isoformat()
            except (TypeError, ValueError, IndexError):
                return None
        d, mo, y = (int(x) for x in m.groups())
    try:
        return date(y, mo, d).isoformat()
    except ValueError:
        return None


# ---------------------------------------------------------------- helpers

def _first(rec: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    for k in keys:
        v = rec.get(k)
        if v not in (None, ""):
            return v
    return None


def _fill(items: Iterable[Article | InputError], published: str | None,
          source: str | None) -> Iterator[Article | InputError]:
    for it in items:
        if isinstance(it, Article) and ((published and not it.published) or (source and not it.source)):
            it = _replace(it, published=it.published or parse_published(published),
                          source=it.source or source)
        yield it


def _replace(art: Article, **kw: Any) -> Article:
    import dataclasses

    return dataclasses.replace(art, **kw)


def _read_bytes(path: Path) -> bytes:
    if path.name.lower().endswith(".gz"):
        with gzip.open(path, "rb") as fh:
            data: bytes = fh.read(MAX_ARTICLE_BYTES + 1)
            if len(data) > MAX_ARTICLE_BYTES:
                raise InputError("compressed article is larger than one article can be",
                                 "split it into a .jsonl.gz, one article per line", path=str(path))
            return data
    return path.read_bytes()


def _charset(ctype: str) -> str | None:
    m = re.search(r"charset=([\w-]+)", ctype, re.IGNORECASE)
    return m.group(1) if m else None


def _chain_bytes(head: bytes, rest: IO[bytes]) -> Iterator[bytes]:
    buf = io.BytesIO(head)
    carry = b""
    for line in buf:
        if not line.endswith(b"\n"):
            carry = line
            break
        yield line
    for line in rest:
        if carry:
            line, carry = carry + line, b""
        yield line
    if carry:
        yield carry


def zlib_error() -> type[Exception]:
    import zlib

    return zlib.error
