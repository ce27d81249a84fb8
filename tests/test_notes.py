"""English notes: one line per event from its fields, with Latin names only."""

from __future__ import annotations

from test_events_helpers import make_doc, run_events


def test_note_uses_latin_names_place_date_and_toll(resources):
    text = "قصفت قوات النظام البلدة يوم الخميس ما أدى إلى مقتل ثلاثة مدنيين."
    doc = make_doc(resources, text, published="2020-05-10",
                   entities=[("قوات النظام", "ORG", "Syrian Army")], places=[("البلدة", "Kafr Nabl", "town")],
                   times=[("يوم الخميس", "2020-05-07", "2020-05-07", 1)],
                   quantities=[("ثلاثة مدنيين", "killed", 3, 3)])
    ev = run_events(resources, doc).events[0]
    note = ev.notes_en
    assert note.startswith("Syrian Army shelled")
    assert "Kafr Nabl" in note and "7 May 2020" in note and "3 killed" in note
    assert not any("\u0600" <= c <= "\u06ff" for c in note)


def test_note_without_names_and_with_source(resources):
    doc = make_doc(resources, "أفادت مصادر محلية باندلاع اشتباكات في البلدة.", places=[("البلدة", "Town", "town")])
    note = run_events(resources, doc).events[0].notes_en
    assert note.startswith("Unidentified actors clashed in Town")
    assert note.endswith("reported by local sources.")


def test_hypothetical_note_says_so(resources):
    doc = make_doc(resources, "هدد التنظيم بقصف البلدة.", places=[("البلدة", "Town", "town")])
    note = run_events(resources, doc).events[0].notes_en
    assert note.startswith("Not an incident")
