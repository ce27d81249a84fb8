"""The pipeline: named stages with requires/provides, checked once when built (DESIGN rules 3 and 4)."""

from __future__ import annotations

import contextlib
import gc
import html
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rasid.doc import Article, Document
from rasid.errors import ConfigError, InputError, RasidError, StageError

#: What a freshly made Document already provides before any stage runs.
BASE_PROVIDES = ("text", "meta")

#: The stages of the default pipeline, in run order: (name, module under rasid.stages).
DEFAULT_STAGES = ("prepare", "entities", "places", "dates", "quantities", "events", "attribution", "notes")


@dataclass(frozen=True)
class Stage:
    """A small named function Document -> Document that says what it needs and what it adds."""

    name: str
    func: Callable[[Document], Document]
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ()
    #: Optional: the same work on several documents at once, for stages where a batch is cheaper than its
    #: documents one by one (the romanizer's model decodes a batch of names in one pass). Must give exactly
    #: what `func` gives on each document.
    many: Callable[[Sequence[Document]], list[Document]] | None = None

    def __call__(self, doc: Document) -> Document:
        return self.func(doc)


def stage(name: str, requires: Iterable[str] = (), provides: Iterable[str] = ()) -> Callable[
        [Callable[[Document], Document]], Stage]:
    """Decorator turning a plain function into a Stage."""

    def wrap(func: Callable[[Document], Document]) -> Stage:
        return Stage(name, func, tuple(requires), tuple(provides))

    return wrap


class Pipeline:
    """Runs stages in the order given. `__call__` for one article, `pipe` for many."""

    def __init__(self, stages: Iterable[Stage]) -> None:
        self.stages: tuple[Stage, ...] = tuple(stages)
        self._check()

    def _check(self) -> None:
        have = set(BASE_PROVIDES)
        seen: set[str] = set()
        for st in self.stages:
            if st.name in seen:
                raise ConfigError(f"stage {st.name!r} appears twice", "give each stage once")
            seen.add(st.name)
            missing = [r for r in st.requires if r not in have]
            if missing:
                raise ConfigError(
                    f"stage {st.name!r} requires {', '.join(missing)}, which no earlier stage provides",
                    "add the stage that provides it before this one")
            have.update(st.provides)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, article: Article | Document | Mapping[str, Any] | str) -> Document:
        doc = article if isinstance(article, Document) else make_document(as_article(article))
        for st in self.stages:
            doc = self._apply(st, doc)
        return doc

    def _apply(self, st: Stage, doc: Document) -> Document:
        try:
            doc = st(doc)
        except RasidError:
            raise
        except Exception as exc:  # a stage bug must name the stage and the article, then the batch goes on
            raise StageError(f"stage {st.name!r} failed on article {doc.id!r}: {type(exc).__name__}: {exc}",
                             "please report this with the article", path=doc.meta.get("origin")) from exc
        return doc.replace(stages=(*doc.stages, st.name))

    def run_many(self, docs: Sequence[Document]) -> list[Document | RasidError]:
        """Several documents, stage by stage, so a stage with a batch form (`Stage.many`) sees them together.
        Gives what `__call__` gives on each document, in order; a document that fails comes back as its error
        and leaves the batch, the others go on. If a batch form fails, that stage reruns one document at a
        time, so only the bad document is lost."""
        out: list[Document | RasidError] = list(docs)
        for st in self.stages:
            live = [i for i, d in enumerate(out) if isinstance(d, Document)]
            if st.many is not None and len(live) > 1:
                try:
                    done = st.many([out[i] for i in live])  # type: ignore[misc]
                except Exception:  # noqa: BLE001 - retried one by one below, which names the article
                    pass
                else:
                    for i, d in zip(live, done, strict=True):
                        out[i] = d.replace(stages=(*d.stages, st.name))
                    continue
            for i in live:
                try:
                    out[i] = self._apply(st, out[i])  # type: ignore[arg-type]
                except RasidError as err:
                    out[i] = err
        return out

    def pipe(self, articles: Iterable[Article | Document | Mapping[str, Any] | str | InputError],
             on_error: Callable[[RasidError], None] | None = None, batch: int = 16) -> Iterator[Document]:
        """Process many articles, `batch` at a time (`run_many`), in order. Input errors (from readers) and
        stage errors go to `on_error`; without it they are raised. One bad article never stops the others
        when `on_error` is given."""
        buf: list[Document] = []

        def flush() -> Iterator[Document]:
            for res in self.run_many(buf):
                if isinstance(res, RasidError):
                    if on_error is None:
                        raise res
                    on_error(res)
                else:
                    yield res
            buf.clear()

        for item in articles:
            if isinstance(item, InputError):
                if on_error is None:
                    raise item
                on_error(item)
                continue
            try:
                buf.append(item if isinstance(item, Document) else make_document(as_article(item)))
            except RasidError as err:
                if on_error is None:
                    raise
                on_error(err)
            if len(buf) >= batch:
                yield from flush()
        if buf:
            yield from flush()


def as_article(obj: Article | Mapping[str, Any] | str) -> Article:
    if isinstance(obj, Article):
        return obj
    if isinstance(obj, str):
        return Article(text=obj)
    if isinstance(obj, Mapping):
        from rasid.ingest import article_from_record

        return article_from_record(obj, origin=None)
    raise ConfigError(f"cannot make an article from {type(obj).__name__}", "pass a str, dict or Article")


_BLANKS = re.compile(r"[ \t\u00a0]*\n[ \t\u00a0\n]*\n[ \t\u00a0]*")


_CHAR_REF = re.compile(r"&(#\d{2,6}|#[xX][0-9a-fA-F]{2,5}|[a-zA-Z]{2,8});")


def _unescape(text: str) -> str:
    return html.unescape(text) if "&" in text and _CHAR_REF.search(text) else text


def make_document(article: Article) -> Document:
    """Title, a blank line, then the body: the text every offset points into (SCHEMA.md)."""
    # scraped titles and bodies often keep HTML character references («&#8220;», «&quot;»): read them as the
    # characters they stand for, or «8220» is a number in the text
    title = _unescape(article.title or "").strip()
    body = _unescape(article.text).strip()
    if title and body.startswith(title):
        # many scrapes repeat the title as the first line of the body
        body = body[len(title):].lstrip()
    text = f"{title}\n\n{body}" if title else body
    meta = dict(article.meta)
    if article.origin:
        meta["origin"] = article.origin
    return Document(
        text=text, id=article.id, title=title or None, published=article.published, url=article.url,
        source=article.source, meta=meta, body_start=len(title) + 2 if title else 0,
    )


#: A short article that makes every stage load what it loads lazily (models, indexes), see `warm_up`.
_WARM_UP_TEXT = "قتل ثلاثة مدنيين وأصيب خمسة آخرون في قصف على مدينة حلب يوم الاثنين، بحسب المرصد السوري."


def warm_up(pipeline: Pipeline) -> None:
    """Run the pipeline once on a short article so that lazily loaded resources (the NER model, the
    romanizer, the gazetteer index) are in memory before a batch starts: then `batch_gc` can freeze them."""
    pipeline(Article(text=_WARM_UP_TEXT, id="warm-up"))


def tune_gc_for_batch(threshold: int = 50_000) -> tuple[int, int, int]:
    """Garbage collection for a long batch run, once the resources are loaded; returns the old thresholds.

    The pipeline allocates thousands of container objects per article (tokens, words, candidates), so with
    the default threshold (700) the cyclic collector runs every few sentences, and its older generations walk
    every loaded resource and cache: 10-15% of the run time. Everything already loaded is frozen
    (`gc.freeze`: never scanned again) and the young generation is collected every `threshold` allocations
    instead. Documents hold no reference cycles, so their memory is still freed at once by reference counting."""
    old = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(threshold, old[1], old[2])
    return old


@contextlib.contextmanager
def batch_gc(threshold: int = 50_000) -> Iterator[None]:
    """`tune_gc_for_batch` for the length of a block, then the collector as it was."""
    old = tune_gc_for_batch(threshold)
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.unfreeze()


def load_pipeline(name: str = "default", resources: Any = None,
                  stages: Iterable[str] | None = None) -> Pipeline:
    """Build a pipeline by stage names. Each stage module in `rasid.stages` has `make(resources) -> Stage`."""
    import importlib

    from rasid.resources import Resources

    if name != "default":
        raise ConfigError(f"unknown pipeline {name!r}", "use 'default' or pass stages=[...]")
    res = resources if resources is not None else Resources()
    built = []
    for st in stages or DEFAULT_STAGES:
        try:
            mod = importlib.import_module(f"rasid.stages.{st}")
        except ModuleNotFoundError as exc:
            raise ConfigError(f"no stage named {st!r}", f"known stages: {', '.join(DEFAULT_STAGES)}") from exc
        built.append(mod.make(res))
    return Pipeline(built)
