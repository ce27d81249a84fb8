"""`rasid eval`: score rasid's documents against gold files, the same way as ../shared/eval/score.py.

Spans are compared as normalised surface strings (the gold has no offsets), so cleaning cannot break
scoring. Keep this module in step with the reference scorer: tests/test_evaluate.py runs both on the
same output and checks they agree.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

_DIAC = re.compile(r"[\u064B-\u0652\u0670\u0640\u200e\u200f\u00ab\u00bb\"'«»()\[\]]")
TYPE_MAP = {"PER": "PER", "PERS": "PER", "PERSON": "PER", "ORG": "ORG", "ORGANIZATION": "ORG",
            "LOC": "LOC", "GPE": "LOC", "FAC": "LOC", "LOCATION": "LOC"}


def norm(s: str | None) -> str:
    s = _DIAC.sub("", s or "")
    s = re.sub("[إأآٱ]", "ا", s).replace("ة", "ه").replace("ى", "ي").replace("ؤ", "و").replace("ئ", "ي")
    return " ".join(s.split())


def toks(s: str | None) -> list[str]:
    out = []
    for t in norm(s).split():
        t = re.sub(r"^(و|ف)(?=(ال|لل|بال|كال))", "", t)
        t = re.sub(r"^(ب|ك)(?=ال)", "", t)
        t = re.sub(r"^لل(?=..)", "", t)
        t = re.sub(r"^ال(?=..)", "", t)
        out.append(t)
    return out


def same(a: str | None, b: str | None) -> bool:
    """Equal token lists, or one a contiguous run of the other."""
    ta, tb = toks(a), toks(b)
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return any(long_[i:i + len(short)] == short for i in range(len(long_) - len(short) + 1))


def km(a: float, b: float, c: float, d: float) -> float:
    p = math.pi / 180
    h = math.sin((c - a) * p / 2) ** 2 + math.cos(a * p) * math.cos(c * p) * math.sin((d - b) * p / 2) ** 2
    return 12742 * math.asin(min(1, math.sqrt(h)))


def greedy(golds: Sequence[Any], preds: Sequence[Any], ok: Callable[[Any, Any], bool]) -> list[tuple[int, int]]:
    used: set[int] = set()
    pairs = []
    for i, g in enumerate(golds):
        for j, p in enumerate(preds):
            if j not in used and ok(g, p):
                used.add(j)
                pairs.append((i, j))
                break
    return pairs


def prf(tp: int, np_: int, ng: int) -> tuple[float, float, float]:
    p = tp / np_ if np_ else 0.0
    r = tp / ng if ng else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _d(s: str) -> date:
    return date.fromisoformat(s[:10])


@dataclass
class Scores:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys((
        "ent_tp", "ent_np", "ent_ng", "pl_g", "pl_found", "pl_ok", "pl_np", "pl_pok", "ev_tp", "evs_tp", "ev_np",
        "ev_ng", "evany_tp", "date_n", "date_ok", "cert_n", "cert_ok", "fat_n", "fat_ok", "missing", "docs"), 0))
    by_type: dict[str, list[int]] = field(default_factory=dict)  # type -> [tp, npred, ngold]
    per_doc: dict[str, dict[str, int]] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        c = self.counts
        ep, er, ef = prf(c["ent_tp"], c["ent_np"], c["ent_ng"])
        vp, vr, vf = prf(c["ev_tp"], c["ev_np"], c["ev_ng"])
        _, _, vfa = prf(c["evany_tp"], c["ev_np"], c["ev_ng"])
        _, _, vfs = prf(c["evs_tp"], c["ev_np"], c["ev_ng"])

        def ratio(a: str, b: str) -> float:
            return c[a] / c[b] if c[b] else 0.0

        return dict(docs=c["docs"], missing=c["missing"], entity_p=ep, entity_r=er, entity_f1=ef,
                    place_recall_at_25km=ratio("pl_ok", "pl_g"), place_found=ratio("pl_found", "pl_g"),
                    place_precision=ratio("pl_pok", "pl_np"), event_p=vp, event_r=vr, event_f1=vf,
                    event_f1_untyped=vfa, event_f1_strict=vfs, date_acc=ratio("date_ok", "date_n"),
                    certainty_acc=ratio("cert_ok", "cert_n"), fatalities_acc=ratio("fat_ok", "fat_n"))


def score(golds: Iterable[Mapping[str, Any]], preds: Mapping[str, Mapping[str, Any]]) -> Scores:
    """Score predicted documents (by id) against gold articles."""
    sc = Scores()
    c = sc.counts
    for g in golds:
        gold = g.get("gold", g)
        did = str(g["id"])
        c["docs"] += 1
        d = preds.get(did)
        if d is None:
            c["missing"] += 1
            d = {}
        _score_entities(gold, d, sc)
        _score_places(gold, d, c)
        _score_events(gold, d, c, sc, did)
    return sc


def _score_entities(gold: Mapping[str, Any], d: Mapping[str, Any], sc: Scores) -> None:
    c = sc.counts
    ge = {(e["type"], norm(e["text"])) for e in gold.get("entities", [])}
    pe = {(TYPE_MAP.get(str(e.get("type", "")).upper()), norm(e.get("text", ""))) for e in d.get("entities", [])}
    pe2 = {x for x in pe if x[0]}
    pairs = greedy(sorted(ge), sorted(pe2), lambda a, b: a[0] == b[0] and same(a[1], b[1]))
    c["ent_tp"] += len(pairs)
    c["ent_np"] += len(pe2)
    c["ent_ng"] += len(ge)
    gs, ps = sorted(ge), sorted(pe2)
    for t in ("PER", "ORG", "LOC"):
        row = sc.by_type.setdefault(t, [0, 0, 0])
        row[0] += sum(1 for i, _ in pairs if gs[i][0] == t)
        row[1] += sum(1 for x in ps if x[0] == t)
        row[2] += sum(1 for x in gs if x[0] == t)


def _score_places(gold: Mapping[str, Any], d: Mapping[str, Any], c: dict[str, int]) -> None:
    pp = [p for p in d.get("places", []) if p.get("lat") is not None]
    c["pl_np"] += len(pp)
    gp = [p for p in gold.get("places", []) if p.get("lat") is not None and p.get("confident", True)]
    for gpl in gp:
        c["pl_g"] += 1
        cands = [p for p in pp if same(gpl["mention"], p.get("text", ""))]
        if cands:
            c["pl_found"] += 1
            tol = 50 if gpl.get("kind") in ("region", "admin1") else 25
            if any(km(gpl["lat"], gpl["lon"], p["lat"], p["lon"]) <= tol for p in cands):
                c["pl_ok"] += 1
    gall = [p for p in gold.get("places", []) if p.get("lat") is not None]
    for p in pp:
        if any(same(gpl["mention"], p.get("text", "")) and km(gpl["lat"], gpl["lon"], p["lat"], p["lon"]) <= 50
               for gpl in gall):
            c["pl_pok"] += 1


def _score_events(gold: Mapping[str, Any], d: Mapping[str, Any], c: dict[str, int], sc: Scores, did: str) -> None:
    places = {p.get("id"): p for p in d.get("places", [])}
    gev = list(gold.get("events", []))
    pev = [e for e in d.get("events", []) if not e.get("negated") and not e.get("hypothetical")]

    def ploc(e: Mapping[str, Any]) -> tuple[float, float] | None:
        loc = e.get("location")
        p = places.get(loc) if isinstance(loc, str) else (loc if isinstance(loc, dict) else None)
        return (p["lat"], p["lon"]) if p and p.get("lat") is not None else None

    def pacts(e: Mapping[str, Any]) -> list[str]:
        return [x.get("text", "") for x in e.get("participants", [])]

    def compatible(ge_: Mapping[str, Any], pe_: Mapping[str, Any]) -> bool:
        gl = (ge_["lat"], ge_["lon"]) if ge_.get("lat") is not None else None
        pl = ploc(pe_)
        if gl and pl:
            return km(*gl, *pl) <= 50
        acts = ge_.get("actor1", []) + ge_.get("actor2", [])
        if acts and any(same(a, b) for a in acts for b in pacts(pe_)):
            return True
        return not gl and not pl

    def dates_overlap(ge_: Mapping[str, Any], pe_: Mapping[str, Any]) -> bool:
        dt = pe_.get("date") or {}
        if not ge_.get("date_start"):
            return True
        if not dt.get("start"):
            return False
        gs, gend = _d(ge_["date_start"]), _d(ge_.get("date_end") or ge_["date_start"])
        ps, pend = _d(dt["start"]), _d(dt.get("end") or dt["start"])
        return ps <= gend + timedelta(days=1) and gs <= pend + timedelta(days=1)

    def strict(ge_: Mapping[str, Any], pe_: Mapping[str, Any]) -> bool:
        ac = pe_.get("acled") or {}
        if ge_.get("acled_event_type") != ac.get("event_type") or \
                ge_.get("acled_sub_event_type") != ac.get("sub_event_type"):
            return False
        gl = (ge_["lat"], ge_["lon"]) if ge_.get("lat") is not None else None
        pl = ploc(pe_)
        if bool(gl) != bool(pl) or (gl and pl and km(*gl, *pl) > 25):
            return False
        acts = ge_.get("actor1", []) + ge_.get("actor2", [])
        if acts and not any(same(a, b) for a in acts for b in pacts(pe_)):
            return False
        return dates_overlap(ge_, pe_)

    typed = greedy(gev, pev, lambda a, b: a.get("acled_event_type") == (b.get("acled") or {}).get("event_type")
                   and compatible(a, b))
    c["evs_tp"] += len(greedy(gev, pev, strict))
    c["ev_tp"] += len(typed)
    c["ev_np"] += len(pev)
    c["ev_ng"] += len(gev)
    c["evany_tp"] += len(greedy(gev, pev, compatible))
    for i, j in typed:
        ge_, pe_ = gev[i], pev[j]
        if ge_.get("date_start"):
            c["date_n"] += 1
            dt = pe_.get("date") or {}
            if dt.get("start") and dt.get("end"):
                gs, gend = _d(ge_["date_start"]), _d(ge_.get("date_end") or ge_["date_start"])
                ps, pend = _d(dt["start"]), _d(dt["end"])
                if ps <= gend + timedelta(days=1) and gs <= pend + timedelta(days=1) and \
                        (pend - ps).days <= max(31, (gend - gs).days + 7):
                    c["date_ok"] += 1
        if ge_.get("certainty"):
            c["cert_n"] += 1
            c["cert_ok"] += int((pe_.get("attribution") or {}).get("certainty") == ge_["certainty"])
        if ge_.get("fatalities") is not None:
            c["fat_n"] += 1
            c["fat_ok"] += int(pe_.get("fatalities") == ge_["fatalities"])
    sc.per_doc[did] = dict(ev_gold=len(gev), ev_pred=len(pev), ev_tp=len(typed), ev_strict=0)


def load_gold(folder: str | Path) -> list[dict[str, Any]]:
    files = sorted(Path(folder).glob("*.json"))
    return [json.loads(f.read_text(encoding="utf-8")) for f in files]


def format_table(sc: Scores) -> str:
    """The table we steer by."""
    s = sc.summary()
    c = sc.counts
    lines = [f"rasid eval — {s['docs']} gold articles ({s['missing']} without output)", ""]
    lines.append(f"{'':28}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}")
    for t, (tp, np_, ng) in sorted(sc.by_type.items()):
        p, r, f = prf(tp, np_, ng)
        lines.append(f"{'entities ' + t:28}{p:7.3f}{r:7.3f}{f:7.3f}{ng:7d}{np_:7d}")
    lines.append(f"{'entities (all)':28}{s['entity_p']:7.3f}{s['entity_r']:7.3f}{s['entity_f1']:7.3f}"
                 f"{c['ent_ng']:7d}{c['ent_np']:7d}")
    lines.append(f"{'events (typed, lenient)':28}{s['event_p']:7.3f}{s['event_r']:7.3f}{s['event_f1']:7.3f}"
                 f"{c['ev_ng']:7d}{c['ev_np']:7d}")
    lines.append(f"{'events (strict)':28}{'':14}{s['event_f1_strict']:7.3f}")
    lines.append(f"{'events (any type)':28}{'':14}{s['event_f1_untyped']:7.3f}")
    lines.append("")
    lines.append(f"{'places found':28}{s['place_found']:7.3f}   ({c['pl_found']}/{c['pl_g']} confident gold places)")
    lines.append(f"{'places within 25 km':28}{s['place_recall_at_25km']:7.3f}   ({c['pl_ok']}/{c['pl_g']})")
    lines.append(f"{'place precision (50 km)':28}{s['place_precision']:7.3f}   ({c['pl_pok']}/{c['pl_np']})")
    lines.append(f"{'event date accuracy':28}{s['date_acc']:7.3f}   ({c['date_ok']}/{c['date_n']} matched, dated)")
    lines.append(f"{'certainty accuracy':28}{s['certainty_acc']:7.3f}   ({c['cert_ok']}/{c['cert_n']})")
    lines.append(f"{'fatalities accuracy':28}{s['fatalities_acc']:7.3f}   ({c['fat_ok']}/{c['fat_n']})")
    lines.append("")
    lines.append(" ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in s.items()))
    return "\n".join(lines)
