"""`rasid eval` agrees with the reference scorer ../shared/eval/score.py on the same output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from rasid.cli import main
from rasid.evaluate import load_gold, same, score


def _pred_from_gold(gold: dict, drop_every: int) -> dict:
    """A synthetic prediction made from a gold file, with some items dropped and some changed, so that
    precision, recall and every accuracy are exercised with non-trivial values."""
    g = gold["gold"]
    text = gold["text"]
    ents = [{"id": f"e{i}", "text": e["text"], "type": e["type"], "start": 0, "end": 0}
            for i, e in enumerate(g["entities"]) if i % drop_every]
    places = [{"id": f"p{i}", "text": p["mention"], "lat": p["lat"] + (0.5 if i % 3 == 0 else 0), "lon": p["lon"]}
              for i, p in enumerate(g["places"]) if p.get("lat") is not None]
    events = []
    for i, ev in enumerate(g["events"]):
        if i % drop_every == 0:
            continue
        loc = next((p["id"] for p in places if same(p["text"], ev.get("location") or "")), None)
        events.append({
            "id": f"ev{i}", "acled": {"event_type": ev["acled_event_type"],
                                      "sub_event_type": ev["acled_sub_event_type"] if i % 2 else "Other"},
            "participants": [{"text": a} for a in ev.get("actor1", [])[:1]],
            "location": loc,
            "date": {"start": ev.get("date_start"), "end": ev.get("date_end")},
            "fatalities": ev.get("fatalities") if i % 4 else None,
            "attribution": {"certainty": ev.get("certainty") if i % 3 else "confirmed"},
        })
    return {"id": gold["id"], "text": text, "entities": ents, "places": places, "events": events}


def test_scores_agree_with_the_reference_scorer(gold_dir: Path, shared: Path, tmp_path: Path) -> None:
    golds = load_gold(gold_dir)
    preds = {str(g["id"]): _pred_from_gold(g, 3 + k % 3) for k, g in enumerate(golds)}
    pred_file = tmp_path / "pred.jsonl"
    pred_file.write_text("\n".join(json.dumps(p, ensure_ascii=False) for p in preds.values()), encoding="utf-8")
    ref = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), str(gold_dir), str(pred_file), "--json"],
                         capture_output=True, text=True, check=True)
    expected = json.loads(ref.stdout)
    ours = score(golds, preds).summary()
    for key, value in ours.items():
        assert abs(value - expected[key]) < 1e-9, f"{key}: rasid {value} != reference {expected[key]}"
    assert 0 < ours["entity_f1"] < 1 and 0 < ours["event_f1"] < 1  # the synthetic output is not trivial


def test_eval_command_prints_the_table(gold_dir: Path, tmp_path: Path, capsys) -> None:
    assert main(["eval", str(gold_dir), "--save", str(tmp_path / "p.jsonl")]) == 0
    out = capsys.readouterr().out
    for row in ("entities PER", "entities (all)", "events (strict)", "places within 25 km", "event date accuracy",
                "certainty accuracy", "fatalities accuracy"):
        assert row in out
    assert len((tmp_path / "p.jsonl").read_text(encoding="utf-8").splitlines()) == len(list(gold_dir.glob("*.json")))
