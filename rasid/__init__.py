"""rasid (راصد): Arabic news to conflict event data, offline.

    >>> import rasid
    >>> doc = rasid.extract("أفادت مصادر محلية بمقتل 3 مدنيين في قصف على مدينة إدلب أمس", published="2015-08-09")
    >>> doc.to_json()["events"]  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

from rasid.doc import Article, Document
from rasid.pipeline import Pipeline, load_pipeline

__all__ = ["Article", "Document", "Pipeline", "extract", "load_pipeline"]


def extract(text: str, *, title: str | None = None, published: str | None = None, pipeline: Pipeline | None = None,
            **meta: Any) -> Document:
    """Run the default pipeline on one article's text."""
    pipe = pipeline or load_pipeline()
    return pipe(Article(text=text, title=title, published=published, meta=meta))
