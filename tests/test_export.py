"""Exports parse back with the right columns and values (ACLED, UCDP, PLOVER, GeoJSON, JSONL, Parquet)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from test_store_docs import make_doc

from rasid.cli import main
from rasid.export import ACLED_COLUMNS, UCDP_COLUMNS, export
from rasid.store import open_store


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "x.db"
    with open_store(path) as s:
        s.put(make_doc("a1", killed=3))
        s.put(make_doc("a2", day="2015-07-01", place=("حلب", "Aleppo", 36.2, 37.16, "Aleppo", "Jebel Saman"),
                       actor=("تنظيم الدولة", "Islamic State", "isis", "Rebel group"),
                       acled=("Battles", "Armed clash"), etype="battle", certainty="claimed"))
        hypo = make_doc("a3")
        s.put(hypo.replace(id="a3", events=(hypo.events[0].__class__(**{**hypo.events[0].__dict__,
                                                                        "hypothetical": True}),)))
    return path


def run_export(db: Path, *args: str) -> str:
    s = open_store(db)
    buf = io.StringIO()
    fmt = args[0]
    filters = json.loads(args[1]) if len(args) > 1 else None
    export(s, fmt, buf, filters)
    s.close()
    return buf.getvalue()


def test_acled_csv_columns_and_codes(db: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(run_export(db, "acled-csv"))))
    assert tuple(rows[0].keys()) == ACLED_COLUMNS
    assert len(rows) == 2  # the hypothetical statement is not exported
    by_type = {r["event_type"]: r for r in rows}
    strike = by_type["Explosions/Remote violence"]
    assert strike["event_date"] == "2015-08-08" and strike["year"] == "2015" and strike["time_precision"] == "1"
    assert strike["actor1"] == "Syrian Army" and strike["inter1"] == "1"
    assert strike["country"] == "Syria" and strike["iso"] == "760" and strike["region"] == "Middle East"
    assert strike["admin1"] == "Rural Damascus" and float(strike["latitude"]) == pytest.approx(33.5711)
    assert strike["fatalities"] == "3" and strike["disorder_type"] == "Political violence"
    assert strike["event_id_cnty"].startswith("SY-")
    assert by_type["Battles"]["inter1"] == "2"


def test_filters_reach_the_export(db: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(run_export(db, "acled-csv", '{"admin1": "Aleppo"}'))))
    assert [r["location"] for r in rows] == ["Aleppo"]
    assert run_export(db, "acled-csv", '{"verified": true}').count("\n") == 1  # header only


def test_ucdp_csv(db: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(run_export(db, "ucdp-csv"))))
    assert tuple(rows[0].keys()) == UCDP_COLUMNS
    strike = next(r for r in rows if r["side_a"] == "Syrian Army")
    assert strike["type_of_violence"] == "1" and strike["best"] == "3" and strike["country_id"] == "652"
    assert strike["geom_wkt"].startswith("POINT (36.40")


def test_plover_geojson_jsonl(db: Path) -> None:
    plover = json.loads(run_export(db, "plover-json"))
    assert {p["event_type"] for p in plover} == {"ASSAULT"}
    assert plover[0]["actor"]["name"] in ("Syrian Army", "Islamic State")
    gj = json.loads(run_export(db, "geojson"))
    assert gj["type"] == "FeatureCollection" and len(gj["features"]) == 2
    lon, lat = gj["features"][0]["geometry"]["coordinates"]
    assert -180 <= lon <= 180 and -90 <= lat <= 90
    lines = [json.loads(x) for x in run_export(db, "jsonl").splitlines()]
    assert {x["id"] for x in lines} == {"a1:ev1", "a2:ev1"} and "text" not in lines[0]["article"]


def test_parquet_and_cli(db: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "e.parquet"
    assert main(["export", "--db", str(db), "--format", "parquet", "-o", str(out), "--type", "Battles"]) == 0
    table = pq.read_table(out)
    assert table.num_rows == 1 and table.column("actor1").to_pylist() == ["Islamic State"]
    assert main(["export", "--db", str(db), "--format", "parquet"]) == 1  # needs -o
    csv_out = tmp_path / "e.csv"
    assert main(["export", "--db", str(db), "-f", "acled-csv", "-o", str(csv_out), "--all"]) == 0
    assert len(list(csv.DictReader(csv_out.open(encoding="utf-8")))) == 3


def test_incidents_command(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with open_store(db) as s:
        s.put(make_doc("a9", killed=6, day="2015-08-09", source="other"))
    assert main(["incidents", "--db", str(db), "--rebuild", "--merged"]) == 0
    out = capsys.readouterr().out
    assert "2 event(s) in 2 article(s)" in out and "killed 3/3/6" in out and "why:" in out
    assert main(["incidents", "--db", str(db), "--json", "--admin1", "Aleppo"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(rows) == 1 and rows[0]["events"] == ["a2:ev1"]


@pytest.mark.parametrize("cmd,flags", [("export", ("--format", "--from", "--verified", "--actor")),
                                       ("incidents", ("--rebuild", "--merged", "--max-km"))])
def test_help(cmd: str, flags: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main([cmd, "--help"])
    out = capsys.readouterr().out
    assert all(f in out for f in flags)
