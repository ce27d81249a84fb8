"""Attribution: source span and type, and certainty (confirmed/reported/claimed/alleged/rumored)."""

from __future__ import annotations

import pytest
from test_events_helpers import make_doc, run_events, spans_ok


def first(resources, text, **kw):
    doc = run_events(resources, make_doc(resources, text, **kw))
    evs = [e for e in doc.events if not e.negated and not e.hypothetical]
    assert evs, "expected an event"
    assert spans_ok(doc)
    return evs[0]


@pytest.mark.parametrize("text,source,stype,certainty", [
    ("أفادت مصادر محلية باندلاع اشتباكات في البلدة.", "مصادر محلية", "local_sources", "reported"),
    ("قال ناشطون إن الطيران الحربي شن غارات على البلدة.", "ناشطون", "activists", "reported"),
    ("وذكر المرصد السوري لحقوق الإنسان أن اشتباكات اندلعت في البلدة.", "المرصد السوري لحقوق الإنسان", "monitor",
     "reported"),
    ("أعلنت وزارة الدفاع أن قواتها قصفت مواقع المسلحين في البلدة.", "وزارة الدفاع", "official", "claimed"),
    ("مصدر خاص أوضح أن دورية اعتقلت شابين في البلدة.", "مصدر خاص", "anonymous", "reported"),
    ("وأكد وزير الداخلية أن قوات الأمن اعتقلت 40 مطلوبا في البلدة.", "وزير الداخلية", "official", "claimed"),
])
def test_source_and_certainty(resources, text, source, stype, certainty):
    ev = first(resources, text, places=[("البلدة", "Town", "town")])
    assert ev.attribution.source is not None
    assert ev.attribution.source.text == source
    assert ev.attribution.source_type == stype
    assert ev.attribution.certainty == certainty


def test_no_source_is_confirmed(resources):
    ev = first(resources, "اندلعت اشتباكات عنيفة في البلدة.", places=[("البلدة", "Town", "town")])
    assert ev.attribution.source is None and ev.attribution.certainty == "confirmed"


@pytest.mark.parametrize("text", [
    "ويرجح ناشطون أن القوات اعتقلت الشبان في البلدة.",
    "واتهم الأهالي الفصيل بخطف الطبيب في البلدة.",
    "وأكد مصدر افتعال القوات لاشتباك في البلدة.",
])
def test_alleged(resources, text):
    ev = first(resources, text, places=[("البلدة", "Town", "town")])
    assert ev.attribution.certainty == "alleged"


def test_rumored(resources):
    ev = first(resources, "وتنتشر شائعات عن اعتقال القائد في البلدة.", places=[("البلدة", "Town", "town")])
    assert ev.attribution.certainty == "rumored"


def test_official_speaking_to_the_press_is_reported(resources):
    ev = first(resources, "أفاد مسؤول عسكري أن هجوما بطائرة مسيرة استهدف القاعدة.",
               places=[("القاعدة", "Base", "facility")])
    assert ev.attribution.source_type == "official"
    assert ev.attribution.certainty == "reported"
