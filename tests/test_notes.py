"""English notes: one line per event from its fields, with Latin names only."""

from __future__ import annotations

from dataclasses import replace

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


def test_an_unnamed_party_with_a_nationality_is_that_states_forces(resources):
    # no entity for «طائرات حربية تركية»: its adjective still says whose aircraft they were
    doc = make_doc(resources, "شنت طائرات حربية تركية غارات على البلدة.", places=[("البلدة", "Town", "town")])
    ev = run_events(resources, doc).events[0]
    assert any(p.role == "actor" and p.entity is None for p in ev.participants)
    assert not ev.notes_en.startswith("Unidentified actors")
    assert "Turk" in ev.notes_en.split(" carried out")[0]


def test_a_nationality_on_an_armed_group_names_no_state_forces(resources):
    # «مجموعة مسلحة تركية»: a Turkish armed group, not the Turkish army
    doc = make_doc(resources, "هاجمت مجموعة مسلحة تركية حاجزا في البلدة.", places=[("البلدة", "Town", "town")])
    ev = run_events(resources, doc).events[0]
    assert ev.notes_en.startswith("Unidentified actors")


def test_a_state_named_only_as_a_place_is_named_in_the_note(resources):
    from rasid.pipeline import load_pipeline

    doc = load_pipeline(resources=resources)({"text": "قررت النمسا قطع علاقاتها الدبلوماسية مع إيران.",
                                             "published": "2021-03-02"})
    (ev,) = real_events(doc)
    assert ev.type == "diplomacy.cut"
    assert ev.notes_en.startswith("Austria cut diplomatic ties with Iran")


def real_events(doc):
    return [e for e in doc.events if not e.negated and not e.hypothetical]


def test_a_march_that_went_out_is_a_protest_by_its_marchers(resources):
    doc = make_doc(resources, "خرجت مسيرات في البلدة تطالب بالإفراج عن المعتقلين.", places=[("البلدة", "Town", "town")])
    (ev,) = real_events(run_events(resources, doc))
    assert ev.type == "protest.peaceful"
    assert [(r.role, r.text) for r in ev.participants] == [("actor", "مسيرات")]
    assert ev.notes_en.startswith("Protesters demonstrated in Town")


def test_a_state_beside_its_government_is_named_once(resources):
    from rasid.doc import Participant
    from rasid.events.notes import note

    doc = make_doc(resources, "قررت الحكومة المصرية ومصر قطع العلاقات.",
                   entities=[("الحكومة المصرية", "ORG", "Government of Egypt")], places=[("مصر", "Egypt", "country")])
    ev = run_events(resources, doc).events[0]
    gov = next(e for e in doc.entities if e.type == "ORG")
    egypt = doc.places[0]
    ev = replace(ev, participants=(Participant("actor", gov.text, gov.start, gov.end, gov.id),
                                   Participant("actor", egypt.text, egypt.start, egypt.end, egypt.id)))
    line = note(ev, doc, resources.get("events"))
    assert line.startswith("Government of Egypt cut") and "and Egypt" not in line


def test_an_unresolved_organisation_of_a_states_means_is_that_states_forces(resources):
    # an ORG the registry does not know, headed by a force noun with a nationality
    doc = make_doc(resources, "أسقطت الدفاعات الجوية التركية طائرة مسيرة فوق البلدة.",
                   entities=[("الدفاعات الجوية التركية", "ORG", None)], places=[("البلدة", "Town", "town")])
    ev = real_events(run_events(resources, doc))[0]
    assert "Turk" in ev.notes_en.split(" intercepted")[0]
