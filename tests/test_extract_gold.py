"""Every dev gold article: the output validates against the JSON Schema and every span is exact."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from rasid.doc import Document, iter_spans
from rasid.ingest import article_from_record, check_article
from rasid.schema import validate_document
from rasid.text import normalize


def _gold_files(gold_dir: Path) -> list[Path]:
    files = sorted(gold_dir.glob("*.json"))
    assert files, f"no gold files in {gold_dir}"
    return files


def test_every_gold_article_gives_a_valid_document_with_exact_spans(gold_dir: Path, pipeline) -> None:
    for f in _gold_files(gold_dir):
        rec = json.loads(f.read_text(encoding="utf-8"))
        doc = pipeline(check_article(article_from_record(rec, origin=str(f))))
        data = json.loads(json.dumps(doc.to_json(), ensure_ascii=False))
        validate_document(data)
        text = data["text"]
        for where, start, end, span_text in iter_spans(data):
            assert text[start:end] == span_text, f"{f.name} {where}: {text[start:end]!r} != {span_text!r}"
        ids = {p["id"] for p in data["places"]}
        ent_ids = {e["id"] for e in data["entities"]}
        assert len(ent_ids) == len(data["entities"]), f"{f.name}: duplicate entity ids"
        for p in data["places"]:
            assert p["entity"] is None or p["entity"] in ent_ids, f"{f.name}: place {p['id']} names no entity"
        for ev in data["events"]:
            assert ev["location"] is None or ev["location"] in ids, f"{f.name}: event {ev['id']} names no place"
        # the JSON round-trips through the document model
        again = Document.from_json(data).to_json()
        assert again["events"] == data["events"] and again["places"] == data["places"]


def test_no_publication_date_means_no_invented_dates(gold_dir: Path, pipeline) -> None:
    rec = json.loads((gold_dir / "dev-00.json").read_text(encoding="utf-8"))
    assert rec.get("published") is None, "dev-00 is the article without a publication date"
    doc = pipeline(check_article(article_from_record(rec, origin="dev-00")))
    # only an expression that writes its year («أواخر عام 2014») may resolve without a publication date
    for when in [*doc.times, *(ev.date for ev in doc.events if ev.date)]:
        if when.start is not None:
            assert when.text and re.search(r"\d{4}", normalize(when.text)), f"invented date from {when.text!r}"


def test_example_article_runs(example_path: Path, pipeline) -> None:
    if not example_path.exists():
        pytest.fail(f"{example_path} is missing: the README's first command runs on it")
    rec = json.loads(example_path.read_text(encoding="utf-8"))
    doc = pipeline(check_article(article_from_record(rec, origin=str(example_path))))
    validate_document(doc.to_json())
    assert doc.text.startswith(rec["title"])
