"""The pipeline's contract: the stage chain is checked, and a batch (`run_many`, `pipe`) gives exactly what
one article at a time gives, with a bad article reported and the others kept."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from rasid.doc import Article, Document
from rasid.errors import ConfigError, RasidError, StageError
from rasid.pipeline import Pipeline, Stage, make_document


def _doc(text: str, id: str) -> Document:
    return make_document(Article(text=text, id=id))


def _measure_stage(calls: list[int], fail_on: str | None = None, many_fails: bool = False) -> Stage:
    """A toy stage: puts the text's length in meta; its batch form records the batch size."""

    def one(doc: Document) -> Document:
        if fail_on is not None and fail_on in doc.text:
            raise ValueError("boom")
        return doc.replace(meta={**doc.meta, "n": len(doc.text)})

    def many(docs: Sequence[Document]) -> list[Document]:
        calls.append(len(docs))
        if many_fails:
            raise ValueError("batch boom")
        return [one(d) for d in docs]

    return Stage("measure", one, requires=("text",), provides=("n",), many=many)


def test_a_stage_that_needs_what_no_earlier_stage_gives_is_refused() -> None:
    st = Stage("late", lambda d: d, requires=("events",), provides=())
    with pytest.raises(ConfigError, match="requires events"):
        Pipeline([st])


def test_run_many_uses_the_batch_form_and_gives_what_one_at_a_time_gives() -> None:
    calls: list[int] = []
    p = Pipeline([_measure_stage(calls)])
    docs = [_doc("ا" * k, f"a{k}") for k in (3, 5, 8)]
    batched = p.run_many(docs)
    assert calls == [3]
    single = [p(d) for d in docs]
    assert [d.meta["n"] for d in batched if isinstance(d, Document)] == [3, 5, 8]
    assert [d.to_json() for d in batched if isinstance(d, Document)] == [d.to_json() for d in single]
    assert all(d.stages == ("measure",) for d in batched if isinstance(d, Document))


def test_a_failing_batch_form_is_retried_one_by_one_so_only_the_bad_article_fails() -> None:
    calls: list[int] = []
    p = Pipeline([_measure_stage(calls, fail_on="بب", many_fails=True)])
    docs = [_doc("اا", "good1"), _doc("بب", "bad"), _doc("تت", "good2")]
    out = p.run_many(docs)
    assert calls == [3]
    assert isinstance(out[1], StageError) and "'bad'" in out[1].what and "measure" in out[1].what
    assert [d.meta["n"] for d in (out[0], out[2]) if isinstance(d, Document)] == [2, 2]


def test_an_article_that_fails_leaves_the_batch_before_the_next_stage() -> None:
    seen: list[str] = []

    def record(doc: Document) -> Document:
        seen.append(doc.id or "")
        return doc

    p = Pipeline([_measure_stage([], fail_on="بب"), Stage("record", record, requires=("n",))])
    out = p.run_many([_doc("اا", "one"), _doc("بب", "two"), _doc("تت", "three")])
    assert seen == ["one", "three"]
    assert [type(r).__name__ for r in out] == ["Document", "StageError", "Document"]


def test_pipe_keeps_order_reports_errors_and_goes_on() -> None:
    errors: list[RasidError] = []
    p = Pipeline([_measure_stage([], fail_on="بب")])
    texts = ["ا" * k for k in range(1, 40)] + ["بب"]
    got = list(p.pipe(texts, on_error=errors.append, batch=16))
    assert [d.meta["n"] for d in got] == list(range(1, 40))
    assert len(errors) == 1 and isinstance(errors[0], StageError)
    with pytest.raises(StageError):
        list(p.pipe(["بب"]))


def test_the_real_pipeline_gives_the_same_articles_in_a_batch_as_one_by_one(pipeline: Pipeline) -> None:
    # invented sentences with unusual names, so the romanizer's model (not only its dictionary) is used
    texts = [
        "قال المتحدث كوزيماندو فارتيلوس إن قصفا استهدف بلدة كفرنبل في ريف إدلب صباح الأحد.",
        "أعلن المدعو أبو زهير البرتقيني مقتل ثلاثة عناصر في اشتباك قرب مدينة الميادين.",
        "",
        "التقى الوزير مارتيلو غوندرسكي نظيره في دمشق وبحثا الوضع في منطقة الجزيرة السورية.",
    ]
    docs = [_doc(t, f"t{i}") for i, t in enumerate(texts)]
    batched = pipeline.run_many(docs)
    assert all(isinstance(d, Document) for d in batched)
    one_by_one = [pipeline(d).to_json() for d in docs]
    assert [d.to_json() for d in batched if isinstance(d, Document)] == one_by_one
    people = [e for d in batched if isinstance(d, Document) for e in d.entities if e.type == "PER"]
    assert people and all(e.latin for e in people)


def test_html_character_references_are_read_as_characters() -> None:
    # scraped titles keep «&#8220;»: as a number it would be counted, and the quote would be lost
    doc = make_document(Article(text="قصف الجيش سفينة &quot;قرب&quot; بنغازي. AT&T", title="طائرات تُغرق سفينة &#8220;تحمل مقاتلين&#8221;"))
    assert doc.title == "طائرات تُغرق سفينة “تحمل مقاتلين”"
    assert '"قرب"' in doc.text and "AT&T" in doc.text and "8220" not in doc.text
