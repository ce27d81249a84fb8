"""The entities stage on small hand-written articles, with the shipped model and actor registry."""

from __future__ import annotations

import pytest

from rasid.doc import Document


@pytest.fixture(scope="module")
def run(resources):
    from rasid.pipeline import load_pipeline

    pipe = load_pipeline(resources=resources, stages=["prepare", "entities"])
    return pipe


def ents(doc: Document, typ: str | None = None) -> list[str]:
    return [e.text for e in doc.entities if typ is None or e.type == typ]


def test_spans_are_exact_and_ids_in_text_order(run) -> None:
    doc = run("قصفت قوات النظام بلدة في ريف حلب وقتل القيادي أبو محمد الشامي.")
    assert doc.entities, "expected entities"
    for n, e in enumerate(doc.entities, 1):
        assert doc.text[e.start:e.end] == e.text
        assert e.id == f"e{n}"
    starts = [e.start for e in doc.entities]
    assert starts == sorted(starts)


def test_registry_match_after_proclitic_with_canonical(run) -> None:
    doc = run("اشتبك مقاتلون مع عناصر بتنظيم الدولة الإسلامية ووقوات النظام في المنطقة.")
    orgs = {e.text: e for e in doc.entities if e.type == "ORG"}
    assert "تنظيم الدولة الإسلامية" in orgs
    e = orgs["تنظيم الدولة الإسلامية"]
    assert e.canonical == "Islamic State" and e.actor_id and e.category == "Rebel group"
    assert e.source == "registry"


def test_fused_lam_lam_keeps_the_whole_token(run) -> None:
    doc = run("وتعرضت مواقع للتحالف الدولي لهجوم قرب الحدود.")
    orgs = [e for e in doc.entities if e.type == "ORG"]
    assert any(e.text == "للتحالف الدولي" and e.canonical for e in orgs)


def test_context_alias_only_with_full_name(run) -> None:
    alone = run("قال مصدر إن التنظيم انسحب من القرية.")
    assert "التنظيم" not in ents(alone)
    both = run("سيطر تنظيم الدولة على القرية ثم انسحب التنظيم منها.")
    ctx = [e for e in both.entities if e.text == "التنظيم"]
    assert ctx and ctx[0].canonical == "Islamic State"


def test_kunya_title_role_and_latin(run) -> None:
    doc = run("وعين التنظيم العقيد أبو خالد الديري قائدا للقطاع بعد اجتماع في المدينة.")
    (p,) = [e for e in doc.entities if e.type == "PER"]
    assert p.text == "أبو خالد الديري"
    assert p.role == "العقيد"
    assert p.latin and p.latin.startswith("Abu ") and "al-" in p.latin


def test_people_listed_after_cue_and_short_mention(run) -> None:
    doc = run("غادر عشرة مقاتلين البلدة، عُرف منهم محمد الزعبي وأحمد الحريري وأبو عمر الشمري. "
              "وكان وليد طحان قد غادر قبلهم، ثم اعتقل طحان على حاجز.")
    pers = ents(doc, "PER")
    for name in ("محمد الزعبي", "أحمد الحريري", "أبو عمر الشمري", "وليد طحان"):
        assert name in pers
    short = [e for e in doc.entities if e.text == "طحان"]
    full = next(e for e in doc.entities if e.text == "وليد طحان")
    assert short and short[0].refers_to == full.id


def test_title_is_not_in_the_span(run) -> None:
    doc = run("وصل الرئيس عبد الفتاح السيسي إلى القاهرة أمس.")
    pers = [e for e in doc.entities if e.type == "PER"]
    assert pers and all(not e.text.startswith("الرئيس") for e in pers)


def test_places_get_latin(run) -> None:
    doc = run("سقطت قذائف على دمشق وحلب.")
    locs = {e.text: e.latin for e in doc.entities if e.type == "LOC"}
    assert locs.get("دمشق") == "Damascus"


def test_empty_and_non_arabic_text(run) -> None:
    assert run("...").entities == ()
    assert all(e.type in {"PER", "ORG", "LOC"} for e in run("Hello world 2015").entities)


def test_generic_state_bodies_and_facilities(run) -> None:
    doc = run("وأعلنت وزارة الداخلية الأردنية أن طائرات أقلعت من قاعدة موفق السلطي الجوية نحو الحدود.")
    got = {(e.type, e.text) for e in doc.entities}
    assert ("ORG", "وزارة الداخلية الأردنية") in got
    assert any(t == "LOC" and x.startswith("قاعدة موفق") for t, x in got)


def test_region_word_joins_the_place(run) -> None:
    doc = run("قصفت الطائرات قرى بريف حماة الشمالي صباح اليوم.")
    locs = [e.text for e in doc.entities if e.type == "LOC"]
    assert any(x.startswith("ريف حماة") for x in locs), locs


def test_names_that_begin_like_clitics_are_not_cut(run) -> None:
    doc = run("والتقى باراك أوباما بنظيره في واشنطن، وقال أوباما إن المحادثات كانت مثمرة.")
    pers = [e.text for e in doc.entities if e.type == "PER"]
    assert "باراك أوباما" in pers
    short = [e for e in doc.entities if e.text == "أوباما"]
    assert short and short[0].type == "PER" and short[0].refers_to


def test_an_organisation_whose_first_letter_only_looks_like_a_clitic(run) -> None:
    # «لجان» (committees) is not ل + «جان», though «جان» is the more common word; «لقوات» is ل + «قوات»
    doc = run("وقالت لجان مقاومة كادقلي إن القصف استهدف السوق.")
    assert "لجان مقاومة كادقلي" in [e.text for e in doc.entities if e.type == "ORG"]
    doc = run("وتصدى المقاتلون لقوات الدعم السريع قرب المدينة.")
    assert "قوات الدعم السريع" in [e.text for e in doc.entities if e.type == "ORG"]


@pytest.mark.parametrize("text, place", [
    ("استهدف القصف حيّ الشيخ ناصر شرقي المدينة.", "حيّ الشيخ ناصر"),
    ("لجأت العائلات إلى مدرسة خالد بن الوليد في المخيم.", "مدرسة خالد بن الوليد"),
    ("نقل الجرحى إلى مستشفى الشهيد محمد الدرة في المدينة.", "مستشفى الشهيد محمد الدرة"),
    # after «قرية / بلدة / مدينة» the name is the village's own, without the head
    ("قصفت الطائرات قرية برخ بوطان قرب الحدود.", "برخ بوطان"),
])
def test_a_place_named_after_a_person_is_the_place(run, text, place) -> None:
    doc = run(text)
    assert ("LOC", place) in {(e.type, e.text) for e in doc.entities}
    assert not [e.text for e in doc.entities if e.type == "PER"]


def test_the_resistance_of_a_yemeni_story_is_yemens(run) -> None:
    # «المقاومة» alone is whichever resistance the article names in full: in Yemen the Popular Resistance
    doc = run("وتقدمت المقاومة الجنوبية نحو زنجبار. وقتل أربعة مسلحين بعد هجوم للمقاومة على نقطة قرب حرض.")
    assert [e.canonical for e in doc.entities if e.text == "للمقاومة"] == ["Popular Resistance (Yemen)"]


def test_a_front_where_fighting_happens_is_a_place(run) -> None:
    doc = run("واندلعت اشتباكات في جبهة الجفينة وتبادل الطرفان القصف بجبهة المخدرة.")
    assert {("LOC", "جبهة الجفينة"), ("LOC", "جبهة المخدرة")} <= {(e.type, e.text) for e in doc.entities}
    # a front that is a group stays one: named by the registry, or a member's
    assert ("ORG", "جبهة النصرة") in {(e.type, e.text) for e in run("وقال قيادي في جبهة النصرة إن المعارك مستمرة.").entities}
    assert ("ORG", "جبهة التحرير") in {(e.type, e.text) for e in run("وقال قيادي في جبهة التحرير إن المعارك مستمرة.").entities}


def test_what_a_body_belongs_to_is_not_part_of_its_name(run) -> None:
    doc = run("وقال الجهاز الأمني التابع لهيئة تحرير الشام إنه اعتقل ثلاثة، وأفادت وكالة الهجرة التابعة للأمم المتحدة بنزوح الآلاف.")
    orgs = [e.text for e in doc.entities if e.type == "ORG"]
    assert "الجهاز الأمني" in orgs and "وكالة الهجرة" in orgs
    assert not any(o.endswith("التابع") or o.endswith("التابعة") for o in orgs)
    # inside a longer span too, and «الجيش الليبي» is Haftar's army
    doc = run("وقصف الجيش الليبي التابع للحكومة المعترف بها دوليا سفينة قرب مدينة بنغازي.")
    assert ("الجيش الليبي", "Libyan National Army (Haftar)") in [(e.text, e.canonical) for e in doc.entities]


def test_a_term_of_office_is_no_place(run) -> None:
    # «ولاية» is a state, and a president's term
    doc = run("وارتفعت المساعدات خلال ولاية الرئيس جو بايدن.")
    assert ("PER", "جو بايدن") in {(e.type, e.text) for e in doc.entities}


def test_nasab_chain_in_one_span(run) -> None:
    doc = run("واستقبل الملك سلمان بن عبد العزيز وفدا من الكويت.")
    pers = [e for e in doc.entities if e.type == "PER"]
    assert any(e.text == "سلمان بن عبد العزيز" for e in pers), [e.text for e in pers]


def test_quoted_outlet_after_speech_verb(run) -> None:
    doc = run('وقال قيادي في الفصيل لـ "صدى الشام" إن المعارك مستمرة.')
    assert ("ORG", "صدى الشام") in {(e.type, e.text) for e in doc.entities}


def test_outlet_short_name_only_where_it_is_the_outlet(run) -> None:
    doc = run('وقال مراسل قناة الميادين إن القصف طال مدينة الميادين. وأكد مصدر لـ"الميادين" أن الطريق مقطوع.')
    by_text = [(e.text, e.type, e.actor_id) for e in doc.entities if "الميادين" in e.text]
    assert ("قناة الميادين", "ORG", "al_mayadeen") in by_text
    assert ("الميادين", "ORG", "al_mayadeen") in by_text  # the quoted name after «لـ»
    assert ("الميادين", "LOC", None) in by_text  # the town


def test_town_named_like_an_outlet_is_not_the_outlet(run) -> None:
    doc = run("قال مراسل قناة الميادين إن قصفا استهدف مدينة الميادين شرق دير الزور.")
    town = [e for e in doc.entities if e.text == "الميادين"]
    assert town and all(e.actor_id is None for e in town)


def test_army_of_the_articles_country(run) -> None:
    doc = run("أعلن الجيش اللبناني انتشاره في الجنوب. وقال الجيش في بيان إن وحداته انتشرت في بيروت. "
              "وكان الجيش السوري قد انسحب من لبنان عام 2005.")
    ctx = [e for e in doc.entities if e.text == "الجيش"]
    assert ctx and ctx[0].actor_id == "lebanese_armed_forces"


def test_place_named_after_a_person_is_a_place(run) -> None:
    doc = run("سقطت قذيفة في منطقة السيدة زينب جنوب دمشق.")
    assert "زينب" not in ents(doc, "PER")
    assert "السيدة زينب" in ents(doc, "LOC")


def test_an_occupation_with_a_nationality_is_that_states_forces(run) -> None:
    # «الاحتلال» alone is Israel's in this news; «الاحتلال الأميركي» / «التركي» is the US's / Turkey's
    doc = run("شنت طائرات الاحتلال الأميركي غارات على مقار في القائم، وقصفت طائرات الاحتلال مواقع في غزة.")
    by_text = {e.text: e for e in doc.entities if e.type == "ORG"}
    us = by_text["طائرات الاحتلال الأميركي"]
    israel = by_text["طائرات الاحتلال"]
    assert us.actor_id and us.actor_id != israel.actor_id
    assert "United States" in (us.canonical or "") and "Israel" in (israel.canonical or "")


def test_a_title_fused_with_lam_lam_stays_out_of_the_name(run) -> None:
    doc = run("أدان الحزب استهداف العدو للشهيد رضا حسين.")
    per = next(e for e in doc.entities if e.type == "PER" and "حسين" in e.text)
    assert per.text == "رضا حسين"


def test_the_boom_of_explosions_is_no_surname(run) -> None:
    doc = run("أفادت المصادر بدوي انفجارات في القاعدة، وقال أحمد بدوي إن الوضع هادئ.")
    assert [e.text for e in doc.entities if e.type == "PER"] == ["أحمد بدوي"]


def test_a_region_after_a_weak_media_cue_is_no_outlet(run) -> None:
    # «عن/عبر» before «الجزيرة» may introduce the channel, but not «الجزيرة السورية» (the region)
    for text in ("وتحدث الوزير عن الجزيرة السورية وثرواتها.", "نقلت الشاحنات النفط عبر الجزيرة السورية."):
        assert not any(e.actor_id and "jazeera" in e.actor_id for e in run(text).entities), text



def test_well_known_people_get_english_names(run) -> None:
    # the CRF leaves «ترامب» untagged and the romanizer would spell it letter by letter
    doc = run("وقال ترامب للصحفيين إن المفاوضات مع الرئيس الروسي فلاديمير بوتين ستستمر.")
    per = {e.text: e for e in doc.entities if e.type == "PER"}
    assert per["ترامب"].canonical == "Donald Trump" and per["ترامب"].latin == "Donald Trump"
    assert per["فلاديمير بوتين"].latin == "Vladimir Putin" and per["فلاديمير بوتين"].source == "registry"
    assert per["فلاديمير بوتين"].role == "الرئيس الروسي"


def test_a_well_known_person_after_a_verb_is_not_an_organisation(run) -> None:
    doc = run("وهاجم نتنياهو قادة المعارضة في الكنيست أمس.")
    (p,) = [e for e in doc.entities if e.type == "PER"]
    assert (p.text, p.latin) == ("نتنياهو", "Benjamin Netanyahu")
    assert not any("نتنياهو" in e.text for e in doc.entities if e.type == "ORG")


def test_short_form_of_a_known_person_needs_the_full_name(run) -> None:
    # «البرهان» is also a common word («the proof»): alone it gets no canonical name
    alone = run("وقدم الوزير البرهان على صحة الأرقام في مؤتمر صحفي.")
    assert not any(e.canonical == "Abdel Fattah al-Burhan" for e in alone.entities)
    both = run("التقى عبد الفتاح البرهان وفدا أمميا في بورتسودان، وقال البرهان إن الحرب ستنتهي.")
    short = [e for e in both.entities if e.text == "البرهان"]
    full = [e for e in both.entities if e.text == "عبد الفتاح البرهان"]
    assert short and full and short[0].canonical == "Abdel Fattah al-Burhan"
    assert short[0].refers_to == full[0].id


def test_a_nom_de_guerre_keeps_its_own_latin_name(run) -> None:
    doc = run("وأعلن حميدتي أن قواته ستواصل القتال في الفاشر.")
    (p,) = [e for e in doc.entities if e.type == "PER"]
    assert (p.latin, p.canonical) == ("Hemedti", "Mohamed Hamdan Dagalo")


def test_known_people_file_is_consistent(resources) -> None:
    known = resources.get("people")
    assert len(known) >= 150
    assert known.registry.conflicts == []  # no alias names two people
    for pid in known.latin:
        assert known.registry.get(pid) is not None


def test_a_listed_name_inside_someone_elses_name(run) -> None:
    # Syria's defence minister «علي محمود عباس» is not the Palestinian president «محمود عباس»
    doc = run("وحضر اللقاء وزير الدفاع السوري العماد علي محمود عباس وعدد من الضباط.")
    assert not any(e.canonical == "Mahmoud Abbas" for e in doc.entities)
    doc = run("وقالت سارة نتنياهو في مقابلة إن زوجها يعمل بلا توقف.")
    assert not any(e.canonical == "Benjamin Netanyahu" for e in doc.entities)
    # a verb the CRF drew into the name does not hide the listed person
    doc = run("فإن نتنياهو يرفض أي اتفاق، كما قال مسؤولون.")
    assert any(e.canonical == "Benjamin Netanyahu" for e in doc.entities)


def test_a_nationality_after_the_title_is_part_of_the_role(run) -> None:
    doc = run("وقال رئيس الوزراء العراقي محمد شياع السوداني إن الانتخابات ستجري في موعدها.")
    (p,) = [e for e in doc.entities if e.type == "PER"]
    assert (p.text, p.role) == ("محمد شياع السوداني", "رئيس الوزراء العراقي")


def test_relatives_of_well_known_people_keep_their_own_name(run) -> None:
    doc = run("وقال خالد بن سلمان إن المملكة تدعم الحل السياسي.")
    assert not any(e.canonical == "Mohammed bin Salman" for e in doc.entities)
    # the listed name's words still lend their Latin spelling («نتنياهو» is not "Natiniaho")
    doc = run("وقالت سارة نتنياهو في مقابلة إن زوجها يعمل بلا توقف.")
    assert [e.latin for e in doc.entities if e.type == "PER"] == ["Sara Netanyahu"]


def test_a_units_context_alias_counts_when_its_parent_is_named(run) -> None:
    both = run("وأعلنت حركة أنصار الله أن القوات المسلحة اليمنية استهدفت سفينة في البحر الأحمر.")
    (e,) = [e for e in both.entities if e.text == "القوات المسلحة اليمنية"]
    assert e.canonical == "Houthi-controlled Yemeni Armed Forces"
    # without the movement named, «القوات المسلحة اليمنية» may be either government's army
    alone = run("وأعلنت القوات المسلحة اليمنية استهداف سفينة في البحر الأحمر.")
    assert not any(e.canonical == "Houthi-controlled Yemeni Armed Forces" for e in alone.entities)


def test_a_month_is_no_name(run) -> None:
    doc = run("وفي السابع من نيسان/أبريل شنت الطائرات غارات على المدينة.")
    assert not any(e.text == "نيسان" for e in doc.entities)


def test_al_mayadeen_name_of_the_irgc(run) -> None:
    doc = run("وقال القائد العام لحرس الثورة في إيران إن الرد سيكون حاسما.")
    assert any(e.canonical == "Islamic Revolutionary Guard Corps" for e in doc.entities)


def test_list_letters_are_no_names(run) -> None:
    # «أ –», «ب –» number the points of a list; the CRF took them for organisations
    doc = run("وخلص التقرير إلى نتيجتين هما: أ – أن الحرب ستطول شمالي فلسطين المحتلة. ب – أن الاقتصاد تضرر بصورة "
              "شبه كاملة.")
    assert [e.text for e in doc.entities] == ["فلسطين"]


def test_a_name_with_a_number_is_no_person(run) -> None:
    for text in ('وأعلنت الكتائب استهداف دبابة عسكرية بقذيفة "ياسين 105" في محور التقدم.',
                 'واستهدف المقاتلون آلية بقذيفة "الياسين 105" شرق المدينة.'):
        assert not ents(run(text), "PER"), text
