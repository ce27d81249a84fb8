"""Events: trigger inflections, types, several events per sentence, roles, places, dates, quantities,
negation and hypotheticals — on small hand-written sentences."""

from __future__ import annotations

import pytest
from test_events_helpers import make_doc, run_events, spans_ok

from rasid.events.lexicon import noun_forms, verb_forms


@pytest.fixture(scope="module")
def lex(resources):
    return resources.get("events")


def real(doc):
    return [e for e in doc.events if not e.negated and not e.hypothetical]


def test_verb_forms_cover_past_present_and_derived_stems():
    assert {"قصف", "قصفت", "قصفوا", "يقصف", "يقصفون", "تقصف"} <= verb_forms("قصف")
    assert {"اعتقل", "اعتقلت", "يعتقل", "يعتقلون"} <= verb_forms("اعتقل")
    assert {"استهدف", "يستهدف", "تستهدف"} <= verb_forms("استهدف")
    assert {"انسحب", "ينسحب", "انسحبوا"} <= verb_forms("انسحب")


def test_noun_forms_cover_plurals_duals_and_taa_marbuta():
    forms = noun_forms("مظاهره")
    assert {"مظاهره", "مظاهرات", "مظاهرتين", "مظاهرتان"} <= forms
    assert {"اشتباك", "اشتباكات"} <= noun_forms("اشتباك")


@pytest.mark.parametrize("word,typ", [
    ("قصفت", "shelling"), ("والقصف", "shelling"), ("اشتباكات", "clash.armed"), ("لاشتباك", "clash.armed"),
    ("اعتقال", "arrest"), ("اعتقلوا", "arrest"), ("بخروج", "movement.exit"), ("خرجوا", "movement.exit"),
    ("انسحبت", "movement.withdrawal"), ("اغتيال", "killing.assassination"), ("اختطاف", "abduction"),
    ("تظاهر", "protest.peaceful"), ("مظاهرات", "protest.peaceful"), ("غارات", "strike.air"),
    ("تفجير", "explosion.ied"), ("انشقاق", "defection"),
])
def test_trigger_inflections_with_clitics(resources, lex, word, typ):
    from rasid.events.triggers import find_mentions

    doc = make_doc(resources, f"وذكر التقرير {word} في المنطقة.")
    types = [m.type for m in find_mentions(doc, lex)]
    assert typ in types


def test_phrase_triggers_need_their_second_word(resources, lex):
    from rasid.events.triggers import find_mentions

    doc = make_doc(resources, "وتم القبض عليهم قرب الحاجز. وقال إن القبض مهم.")
    ms = find_mentions(doc, lex)
    assert [m.type for m in ms] == ["arrest"]
    assert ms[0].suffix_pronoun


def test_instrument_words_refine_generic_triggers(resources):
    doc = make_doc(resources, "استهدفت طائرة مسيرة سيارة في البلدة. واستهدفت المدفعية القرية. وشن الطيران الحربي غارة على المدينة.",
                   places=[("البلدة", "Town A", "town"), ("القرية", "Village B", "village"),
                           ("المدينة", "City C", "city")])
    doc = run_events(resources, doc)
    subs = [(e.type, e.acled_sub_event_type) for e in real(doc)]
    assert ("strike.drone", "Air/drone strike") in subs
    assert ("shelling", "Shelling/artillery/missile attack") in subs
    assert ("strike.air", "Air/drone strike") in subs
    assert spans_ok(doc)


def test_one_event_per_listed_place(resources):
    text = "قصفت قوات النظام بلدتي كفرنبل وحاس بالمدفعية."
    doc = make_doc(resources, text, entities=[("قوات النظام", "ORG", "Syrian Army")],
                   places=[("كفرنبل", "Kafr Nabl", "town"), ("حاس", "Has", "village")])
    doc = run_events(resources, doc)
    evs = real(doc)
    assert [e.location for e in evs] == ["p1", "p2"]
    assert all(e.acled_sub_event_type == "Shelling/artillery/missile attack" for e in evs)
    assert all(any(p.role == "actor" and p.text == "قوات النظام" for p in e.participants) for e in evs)


def test_two_types_in_one_sentence_give_two_events(resources):
    text = "اندلعت اشتباكات في القرية بينما اعتقلت الشرطة شابين في المدينة."
    doc = make_doc(resources, text, places=[("القرية", "Village", "village"), ("المدينة", "City", "city")])
    doc = run_events(resources, doc)
    got = {(e.type, e.location) for e in real(doc)}
    assert got == {("clash.armed", "p1"), ("arrest", "p2")}


def test_death_toll_folds_into_the_attack_and_gives_fatalities(resources):
    text = "سقطت قذائف على البلدة ما أدى إلى مقتل خمسة مدنيين."
    doc = make_doc(resources, text, places=[("البلدة", "Town", "town")],
                   quantities=[("خمسة مدنيين", "killed", 5, 5)])
    doc = run_events(resources, doc)
    evs = real(doc)
    assert len(evs) == 1
    assert evs[0].type == "shelling" and evs[0].fatalities == 5


def test_roles_from_prepositions(resources):
    text = "تم اعتقال ثلاثة شبان من قبل الأمن العسكري في البلدة. وخرج مقاتلو الكتيبة من الحي إلى إدلب عبر الحاجز."
    doc = make_doc(resources, text, entities=[("الأمن العسكري", "ORG", "Military Security"), ("الكتيبة", "ORG", None)],
                   places=[("البلدة", "Town", "town"), ("الحي", "Quarter", "neighbourhood"), ("إدلب", "Idlib", "city"),
                           ("الحاجز", "Checkpoint", "facility")])
    doc = run_events(resources, doc)
    arrest = next(e for e in real(doc) if e.type == "arrest")
    assert ("actor", "الأمن العسكري") in {(p.role, p.text) for p in arrest.participants}
    exit_ = next(e for e in real(doc) if e.type == "movement.exit")
    roles = {(p.role, p.text) for p in exit_.participants}
    assert ("destination", "إدلب") in roles and ("via", "الحاجز") in roles and ("origin", "الحي") in roles
    assert exit_.location == "p4"  # the route: «عبر الحاجز»


def test_verb_subject_is_actor_and_object_after_على_is_target(resources):
    text = "هاجمت جبهة النصرة على مواقع الجيش السوري في القرية."
    doc = make_doc(resources, text, entities=[("جبهة النصرة", "ORG", "Nusra Front"), ("الجيش السوري", "ORG", "Syrian Army")],
                   places=[("القرية", "Village", "village")])
    ev = real(run_events(resources, doc))[0]
    roles = {(p.role, p.text) for p in ev.participants}
    assert ("actor", "جبهة النصرة") in roles


@pytest.mark.parametrize("sentence", [
    "نفى الجيش قصف البلدة.",
    "لم يتم اعتقال أي شخص في البلدة.",
    "فشلت محاولة اغتيال القائد في البلدة.",
])
def test_negated_statements_are_flagged_not_counted(resources, sentence):
    doc = run_events(resources, make_doc(resources, sentence, places=[("البلدة", "Town", "town")]))
    assert doc.events and not real(doc)
    assert all(e.negated for e in doc.events)


@pytest.mark.parametrize("sentence", [
    "هدد التنظيم بقصف البلدة.",
    "يعتزم الجيش الانسحاب من البلدة.",
    "سوف تنسحب القوات من البلدة.",
    "ستقصف القوات البلدة غدا.",
    "من المقرر خروج المقاتلين من البلدة.",
    "طالب المحتجون بإسقاط النظام واعتقال المسؤولين في البلدة.",
    "وفي حال خروج المسلحين من البلدة ستتوقف العملية.",
])
def test_hypothetical_statements_are_flagged_not_counted(resources, sentence):
    doc = run_events(resources, make_doc(resources, sentence, places=[("البلدة", "Town", "town")]))
    assert doc.events, "the trigger should still be found"
    assert not real(doc)
    assert all(e.hypothetical for e in doc.events if not e.negated)


def test_habitual_sentence_is_not_an_incident(resources):
    doc = run_events(resources, make_doc(resources, "تشهد المنطقة عادة قصفا مدفعيا."))
    assert not doc.events


def test_repeated_mention_merges_into_one_event(resources):
    text = "استهدف هجوم بطائرة مسيرة القاعدة صباح أمس. وقال المسؤول إن الهجوم على القاعدة لم يسفر عن قتلى."
    doc = make_doc(resources, text, published="2024-08-11", places=[("القاعدة", "Base", "facility")],
                   times=[("صباح أمس", "2024-08-10", "2024-08-10", 1)])
    evs = real(run_events(resources, doc))
    assert len(evs) == 1 and evs[0].type == "strike.drone"
    assert evs[0].date is not None and evs[0].date.start == "2024-08-10"


def test_dates_sentence_then_inherited_then_publication(resources):
    text = "قصفت المدفعية القرية يوم الخميس. واندلعت اشتباكات في البلدة.\n\nوتظاهر الأهالي في المدينة."
    doc = make_doc(resources, text, published="2020-05-10",
                   places=[("القرية", "V", "village"), ("البلدة", "T", "town"), ("المدينة", "C", "city")],
                   times=[("يوم الخميس", "2020-05-07", "2020-05-07", 1)])
    evs = real(run_events(resources, doc))
    dates = {e.type: e.date for e in evs}
    assert dates["shelling"].start == "2020-05-07"
    assert dates["clash.armed"].start == "2020-05-07"  # inherited from the sentence before


def test_publication_date_fallback_and_no_invented_date(resources):
    text = "اندلعت اشتباكات في البلدة."
    places = [("البلدة", "T", "town")]
    with_pub = real(run_events(resources, make_doc(resources, text, published="2020-05-10", places=places)))
    assert with_pub[0].date is not None and with_pub[0].date.end == "2020-05-10" and with_pub[0].date.precision == 2
    without = real(run_events(resources, make_doc(resources, text, places=places)))
    assert without[0].date is None
    unresolved = make_doc(resources, "اندلعت اشتباكات في البلدة فجر الخميس.", places=places,
                          times=[("فجر الخميس", None, None, None)])
    assert real(run_events(resources, unresolved))[0].date is None


def test_state_actor_taking_territory_is_government_regains(resources):
    text = "سيطر الجيش السوري على البلدة بعد معارك."
    doc = make_doc(resources, text, entities=[("الجيش السوري", "ORG", "Syrian Army")],
                   places=[("البلدة", "Town", "town")], category={"الجيش السوري": "State forces"})
    evs = real(run_events(resources, doc))
    assert any(e.acled_sub_event_type == "Government regains territory" for e in evs)


def test_title_event_merges_into_the_body_event(resources):
    doc = make_doc(resources, "قصفت قوات النظام البلدة بالمدفعية صباح اليوم.", title="قصف مدفعي على البلدة",
                   places=[("البلدة", "Town", "town")])
    evs = real(run_events(resources, doc))
    assert len(evs) == 1 and evs[0].evidence.start >= doc.body_start


def test_every_event_has_valid_acled_types_and_spans(resources, lex):
    from rasid.doc import ACLED_EVENT_TYPES

    text = ("أفادت مصادر محلية بمقتل شخصين في انفجار عبوة ناسفة في السوق. واعتقلت الشرطة ثلاثة مشتبهين. "
            "وتظاهر العشرات أمام المبنى.")
    doc = run_events(resources, make_doc(resources, text, places=[("السوق", "Market", "facility")]))
    assert doc.events
    for e in doc.events:
        assert e.acled_event_type in ACLED_EVENT_TYPES
        assert e.type in lex.types
    assert spans_ok(doc)


def test_single_death_without_count_gives_one_fatality(resources):
    text = "واستهدف قصف مدفعي البلدة ما أدى إلى مقتله."
    doc = make_doc(resources, text, places=[("البلدة", "Town", "town")])
    evs = real(run_events(resources, doc))
    assert len(evs) == 1 and evs[0].fatalities == 1


def test_no_casualty_statement_gives_zero_fatalities(resources):
    text = "قصفت المدفعية أطراف البلدة، ولم يسفر القصف عن وقوع أي إصابات."
    evs = real(run_events(resources, make_doc(resources, text, places=[("البلدة", "Town", "town")])))
    assert evs and evs[0].fatalities == 0


def test_protest_actor_from_the_protesters_named_nearby(resources):
    text = "خرجت مظاهرات في وسط المدينة. ورفع المتظاهرون لافتات تطالب بالإفراج عن المعتقلين."
    evs = real(run_events(resources, make_doc(resources, text, places=[("المدينة", "City", "city")])))
    assert len(evs) == 1 and evs[0].type == "protest.peaceful"
    assert ("actor", "المتظاهرون") in {(p.role, p.text) for p in evs[0].participants}


def test_actors_beyond_a_relative_clause_are_found_in_the_sentence(resources):
    text = "اندلعت اشتباكات في محيط البلدة، حاول خلالها مقاتلون من جبهة النصرة اقتحامها."
    doc = make_doc(resources, text, entities=[("جبهة النصرة", "ORG", "Nusra Front")],
                   places=[("البلدة", "Town", "town")])
    evs = real(run_events(resources, doc))
    assert any(p.text == "جبهة النصرة" for e in evs for p in e.participants)


def test_deaths_without_attack_or_killer_are_not_events(resources):
    places = [("البلدة", "Town", "town")]
    acc = real(run_events(resources, make_doc(resources, "لقي ثلاثة أشخاص حتفهم غرقا قرب البلدة.", places=places)))
    assert acc == []
    kill = real(run_events(resources, make_doc(resources, "قتل شاب برصاص مسلحين مجهولين في البلدة.", places=places)))
    assert [e.type for e in kill] == ["killing"]


def test_protest_with_storming_is_a_riot(resources):
    text = "خرجت مظاهرة أمام السفارة وحاول المتظاهرون اقتحام مبناها."
    evs = real(run_events(resources, make_doc(resources, text, places=[("السفارة", "Embassy", "facility")])))
    assert [(e.type, e.acled_event_type) for e in evs] == [("riot", "Riots")]


def test_who_a_protest_is_against_is_its_target(resources):
    text = "خرجت مظاهرات مناهضة لهيئة تحرير الشام في المدينة."
    doc = make_doc(resources, text, entities=[("هيئة تحرير الشام", "ORG", "HTS")], places=[("المدينة", "City", "city")])
    ev = real(run_events(resources, doc))[0]
    assert ("target", "هيئة تحرير الشام") in {(p.role, p.text) for p in ev.participants}
    assert not any(p.role == "actor" and p.text == "هيئة تحرير الشام" for p in ev.participants)


def test_shooting_at_security_units_is_a_clash_and_at_people_an_attack(resources):
    places = [("البلدة", "Town", "town")]
    clash = real(run_events(resources, make_doc(resources, "أطلق مسلح النار على دورية للجيش في البلدة.", places=places)))
    assert [e.type for e in clash] == ["clash.armed"]
    attack = real(run_events(resources, make_doc(resources, "أطلق مسلح النار على سيارة مدنية في البلدة.", places=places)))
    assert [e.type for e in attack] == ["attack.civilians"]


def test_background_mentions_are_not_events(resources):
    text = "ويطالب الأهالي بالإفراج عن أبنائهم نتيجة الاعتقالات والإخفاء القسري في البلدة."
    doc = run_events(resources, make_doc(resources, text, places=[("البلدة", "Town", "town")]))
    assert real(doc) == []
    text2 = "اعتقلت الشرطة خمسة شبان في البلدة. وجميعهم اعتقلوا من منازلهم."
    evs = real(run_events(resources, make_doc(resources, text2, places=[("البلدة", "Town", "town")])))
    assert len(evs) == 1


@pytest.mark.parametrize("sentence", ["وتحدث التقرير عن ضربة محتملة على البلدة.", "ويستعد الجيش للهجوم المرتقب على البلدة."])
def test_expected_events_are_hypothetical(resources, sentence):
    doc = run_events(resources, make_doc(resources, sentence, places=[("البلدة", "Town", "town")]))
    assert doc.events and not real(doc)


def test_a_place_beyond_another_trigger_belongs_to_it(resources):
    text = "خرج ثلاثة عناصر من الحي، لكن تم القبض عليهم قرب البلدة."
    doc = make_doc(resources, text, places=[("الحي", "Quarter", "neighbourhood"), ("البلدة", "Town", "town")])
    evs = {e.type: e.location for e in real(run_events(resources, doc))}
    assert evs == {"movement.exit": "p1", "arrest": "p2"}


def test_damage_only_formula_gives_zero_fatalities(resources):
    text = "سقطت قذيفة صاروخية على البلدة واقتصرت أضرارها على الماديات."
    evs = real(run_events(resources, make_doc(resources, text, places=[("البلدة", "Town", "town")])))
    assert evs and evs[0].fatalities == 0
