"""The `rasid` command: help that teaches, extract output, exit codes, one clear line per bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rasid.cli import build_parser, main

AR = "أفادت مصادر محلية بمقتل ثلاثة مدنيين في قصف استهدف بلدة في ريف إدلب الجنوبي صباح اليوم."


def _subcommands() -> dict[str, object]:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return dict(action.choices)  # type: ignore[attr-defined]


def test_top_level_help_lists_commands_and_examples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as ex:
        main(["--help"])
    assert ex.value.code == 0
    out = capsys.readouterr().out
    assert "extract" in out and "eval" in out and "examples:" in out


@pytest.mark.parametrize("name", sorted(_subcommands()))
def test_every_command_has_help_that_teaches(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as ex:
        main([name, "--help"])
    assert ex.value.code == 0
    out = capsys.readouterr().out
    assert f"usage: rasid {name}" in out
    assert len(out.split()) > 40, "help should explain the command, not just list flags"
    assert "example" in out.lower(), "help should show at least one example"


def test_extract_one_article_prints_one_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "a.txt"
    f.write_text(AR, encoding="utf-8")
    assert main(["extract", str(f), "--published", "2015-08-09", "--pretty"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["schema_version"] == "1" and doc["published"] == "2015-08-09" and doc["text"] == AR


def test_extract_several_articles_prints_jsonl_and_reports_bad_ones(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "b.txt").write_text(AR + " أمس", encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"\x00\x01\x02binary")
    out_file = tmp_path / "out.jsonl"
    code = main(["extract", str(tmp_path), "-o", str(out_file)])
    err = capsys.readouterr().err
    assert code == 1  # something failed, and the exit status says so
    lines = out_file.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and all(json.loads(ln)["schema_version"] == "1" for ln in lines)
    bad = [ln for ln in err.splitlines() if "c.txt" in ln]
    assert len(bad) == 1 and "binary" in bad[0]


def test_missing_file_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(tmp_path / "nope.txt")]) == 1
    err = capsys.readouterr().err
    assert "nope.txt" in err and "no such file" in err


def test_stdin_through_the_installed_command(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("rasid")
    if not exe.exists():
        pytest.skip("the rasid console script is not installed in this environment")
    res = subprocess.run([str(exe), "extract", "-", "--published", "2015-08-09"], input=AR.encode(),
                         capture_output=True, timeout=120)
    assert res.returncode == 0, res.stderr.decode()
    assert json.loads(res.stdout)["text"] == AR
