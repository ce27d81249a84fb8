"""Readers: every format, encodings, boilerplate, and bad input reported per file without stopping a batch."""

from __future__ import annotations

import gzip
import io
import json
import tracemalloc
from pathlib import Path

from rasid.doc import Article
from rasid.errors import InputError
from rasid.ingest import clean_text, parse_published, read_paths, read_stream

AR = "أفادت مصادر محلية بمقتل ثلاثة مدنيين في قصف استهدف بلدة في ريف إدلب الجنوبي صباح اليوم."


def _split(items):
    arts = [i for i in items if isinstance(i, Article)]
    errs = [i for i in items if isinstance(i, InputError)]
    return arts, errs


def test_text_html_json_jsonl_gz(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "b.html").write_text(
        "<html><head><title>عنوان الصفحة</title><meta property='article:published_time' content='2015-08-09T10:00'>"
        "</head><body><nav>الرئيسية أخبار</nav><article><p>" + AR + "</p><p>" + AR + "</p><p>" + AR + "</p>"
        "</article><div class='comments'>ترك تعليق</div></body></html>", encoding="utf-8")
    (tmp_path / "c.json").write_text(json.dumps({"id": "c1", "text": AR, "published": "2015-08-09"}), "utf-8")
    with gzip.open(tmp_path / "d.jsonl.gz", "wt", encoding="utf-8") as fh:
        for i in range(3):
            fh.write(json.dumps({"url": f"http://x/{i}", "content": AR, "date_extracted": "2015-07-21 02:51:32"}) + "\n")
    arts, errs = _split(list(read_paths([tmp_path])))
    assert not errs
    assert len(arts) == 6
    html = next(a for a in arts if a.origin and a.origin.endswith("b.html"))
    assert html.title == "عنوان الصفحة" and html.published == "2015-08-09"
    assert "الرئيسية" not in html.text and "ترك تعليق" not in html.text
    js = next(a for a in arts if a.id == "c1")
    assert js.published == "2015-08-09"
    gz = [a for a in arts if a.url and a.url.startswith("http://x/")]
    assert {a.published for a in gz} == {"2015-07-21"}


def test_windows_1256_is_detected_and_utf8_bom_honoured(tmp_path: Path) -> None:
    (tmp_path / "cp.txt").write_bytes(AR.encode("cp1256"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + AR.encode("utf-8"))
    arts, errs = _split(list(read_paths([tmp_path])))
    assert not errs
    assert [a.text for a in arts] == [AR, AR]


def test_bad_inputs_are_reported_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "english.txt").write_text("This is an English article about the weather in London today. " * 5)
    (tmp_path / "good.txt").write_text(AR, encoding="utf-8")
    lines = [json.dumps({"text": AR}), "{not json", json.dumps({"text": AR + " ثانية"}), json.dumps([1, 2])]
    (tmp_path / "mixed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    good = gzip.compress((json.dumps({"text": AR}) + "\n").encode() * 50)
    (tmp_path / "truncated.jsonl.gz").write_bytes(good[: len(good) // 2])
    (tmp_path / "broken.html").write_text("<html><body><p>" + AR + "<div><p>" + AR, encoding="utf-8")
    big = tmp_path / "huge.txt"
    with open(big, "wb") as fh:  # a sparse 200 MB file: nothing is read, the size check refuses it
        fh.truncate(200 * 1024 * 1024)
    arts, errs = _split(list(read_paths([tmp_path])))
    msgs = {Path(e.path or "").name + (f":{e.line}" if e.line else ""): e.message for e in errs}
    assert any(k.startswith("empty.txt") for k in msgs) and "empty file" in msgs["empty.txt"]
    assert "binary" in msgs["binary.txt"]
    assert "not an Arabic article" in msgs["english.txt"]
    assert "not valid JSON" in msgs["mixed.jsonl:2"]
    assert "mixed.jsonl:4" in msgs
    assert any(k.startswith("truncated.jsonl.gz") and "truncated" in v for k, v in msgs.items())
    assert "MB" in msgs["huge.txt"] and "split" in msgs["huge.txt"]
    # every message says what to do
    assert all(" — " in m for m in msgs.values())
    by_name = {Path((a.origin or "").split(":")[0]).name: a.text for a in arts}
    assert by_name["good.txt"] == AR
    assert by_name["broken.html"].count(AR) == 2  # broken HTML is recovered, not refused
    jsonl = [a.text for a in arts if (a.origin or "").startswith(str(tmp_path / "mixed.jsonl"))]
    assert jsonl == [AR, AR + " ثانية"]


def test_boilerplate_lines_are_removed() -> None:
    text = AR + "\n\nاقرأ أيضاً:\nشارك\nطباعة\n\nترك تعليق\n\nالتعليق"
    assert clean_text(text) == AR


def test_stdin_json_lines_and_html() -> None:
    data = (json.dumps({"text": AR}) + "\n" + json.dumps({"text": AR}) + "\n").encode()
    arts, errs = _split(list(read_stream(io.BytesIO(data), "<stdin>")))
    assert len(arts) == 2 and not errs
    arts, errs = _split(list(read_stream(io.BytesIO(("<html><body><p>" + AR + "</p></body></html>").encode()),
                                         "<stdin>")))
    assert len(arts) == 1 and arts[0].text == AR


def test_published_forms() -> None:
    assert parse_published("2023-01-30T22:52:00+02:00") == "2023-01-30"
    assert parse_published("2015-07-21 02:51:32") == "2015-07-21"
    assert parse_published("9/8/2015") == "2015-08-09"
    assert parse_published("Sun, 09 Aug 2015 10:00:00 GMT") == "2015-08-09"
    assert parse_published("yesterday") is None


def test_jsonl_streaming_memory_does_not_grow_with_file_size(tmp_path: Path) -> None:
    def peak(n: int) -> int:
        p = tmp_path / f"c{n}.jsonl"
        with open(p, "w", encoding="utf-8") as fh:
            for i in range(n):
                fh.write(json.dumps({"id": str(i), "text": AR * 20}, ensure_ascii=False) + "\n")
        tracemalloc.start()
        count = sum(1 for _ in read_paths([p]))
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert count == n
        return top

    small, large = peak(200), peak(4000)  # the large file is 20x the small one
    assert large < small * 2
