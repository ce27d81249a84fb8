"""The quantities stage: each number form on small hand-written sentences."""

from __future__ import annotations

import pytest

from rasid.doc import Document, Entity, Quantity
from rasid.resources import Resources
from rasid.stages import dates as dates_stage
from rasid.stages import quantities as quantities_stage


@pytest.fixture(scope="module")
def run():
    res = Resources()
    dates, quants = dates_stage.make(res), quantities_stage.make(res)

    def go(text: str, published: str | None = "2015-08-09", entities: tuple[Entity, ...] = ()) -> list[Quantity]:
        doc = quants(dates(Document(text=text, published=published, entities=entities)))
        for q in doc.quantities:
            assert doc.text[q.start:q.end] == q.text
        return list(doc.quantities)

    return go


def qs(run, text: str) -> list[tuple[str, float | None, float | None, str | None, str]]:
    return [(q.kind, q.low, q.high, q.unit, q.text) for q in run(text)]


@pytest.mark.parametrize("text, expected", [
    ("خرج 8 عناصر من الحي", ("people", 8, 8, "persons", "8 عناصر")),
    ("قتل ١٢ شخصاً في القصف", ("killed", 12, 12, "persons", "١٢ شخصاً")),
    ("وصل ثلاثة جنود إلى الموقع", ("people", 3, 3, "persons", "ثلاثة جنود")),
    ("شارك خمسة وعشرون مقاتلا في الهجوم", ("people", 25, 25, "persons", "خمسة وعشرون مقاتلا")),
    ("وصلت ثلاث نساء إلى المخيم", ("people", 3, 3, "persons", "ثلاث نساء")),
    ("نزح أحد عشر طفلا", ("people", 11, 11, "persons", "أحد عشر طفلا")),
    ("أسفر القصف عن مقتل 3 مدنيين", ("killed", 3, 3, "persons", "3 مدنيين")),
    ("سقط 22 قتيلا في الاشتباكات", ("killed", 22, 22, "persons", "22 قتيلا")),
    ("أصيب 5 أشخاص بجروح", ("injured", 5, 5, "persons", "5 أشخاص")),
    ("وسقط 4 جرحى", ("injured", 4, 4, "persons", "4 جرحى")),
    ("اعتقلت الشرطة 8 أشخاص", ("detained", 8, 8, "persons", "8 أشخاص")),
    ("اختطف مسلحون 5 مدنيين", ("abducted", 5, 5, "persons", "5 مدنيين")),
    ("شنت الطائرات أربع غارات على البلدة", ("strikes", 4, 4, "strikes", "أربع غارات")),
    ("حلقت ثلاث مقاتلات فوق المدينة", ("aircraft", 3, 3, "aircraft", "ثلاث مقاتلات")),
    ("سقطت أكثر من 300 قذيفة على الحي", ("other", 300, None, "shells", "أكثر من 300 قذيفة")),
    ("اعتقل الأمن قرابة 300 شخص", ("detained", 300, 300, "persons", "قرابة 300 شخص")),
    ("قتل نحو 14 من العناصر", ("killed", 14, 14, "persons", "نحو 14 من العناصر")),
    ("وصل حوالي 50 عنصرا", ("people", 50, 50, "persons", "حوالي 50 عنصرا")),
    ("اعتقل ما لا يقل عن 40 شخصا", ("detained", 40, None, "persons", "ما لا يقل عن 40 شخصا")),
    ("نزح أقل من 100 شخص", ("people", None, 100, "persons", "أقل من 100 شخص")),
    ("قتل اثنين على الأقل", ("killed", 2, None, "persons", "اثنين على الأقل")),
    ("وأصيب العشرات بجروح", ("injured", 20, None, "persons", "العشرات")),
    ("نزح مئات المدنيين", ("people", 100, None, "persons", "مئات المدنيين")),
    ("فر آلاف الأشخاص", ("people", 1000, None, "persons", "آلاف الأشخاص")),
    ("أصيب عدد من المدنيين", ("injured", 2, None, "persons", "عدد من المدنيين")),
    ("تتراوح أعدادهم بين 3 إلى 9 أشخاص", ("people", 3, 9, "persons", "بين 3 إلى 9 أشخاص")),
    ("خرجت مجموعات من 3 إلى 9 عناصر", ("people", 3, 9, "persons", "من 3 إلى 9 عناصر")),
    ("خرجت مجموعات من 3-9 عناصر", ("people", 3, 9, "persons", "من 3-9 عناصر")),
    ("وصلت 3-9 عناصر", ("people", 3, 9, "persons", "3-9 عناصر")),
    ("على شكل مجموعات بين ثلاثة عناصر إلى تسعة عناصر",
     ("people", 3, 9, "persons", "بين ثلاثة عناصر إلى تسعة عناصر")),
    ("يتراوح المبلغ بين 1500 دولار إلى 3000 دولار",
     ("money", 1500, 3000, "USD", "بين 1500 دولار إلى 3000 دولار")),
    ("دفعت العائلة مليون ليرة سورية", ("money", 1_000_000, 1_000_000, "SYP", "مليون ليرة سورية")),
    ("بلغت الفدية 1.5 مليون دولار", ("money", 1_500_000, 1_500_000, "USD", "1.5 مليون دولار")),
    ("بلغت الفدية ٢٥٠٠ دينار", ("money", 2500, 2500, "IQD", "٢٥٠٠ دينار")),
    ("طالب الخاطفون بخمسة آلاف يورو", ("money", 5000, 5000, "EUR", "خمسة آلاف يورو")),
    ("حكم عليه بالسجن 5 سنوات", ("duration", 5, 5, "years", "5 سنوات")),
    ("استمر الحصار ثلاثة أشهر", ("duration", 3, 3, "months", "ثلاثة أشهر")),
    ("دامت المعركة ساعات طويلة لمدة 6 ساعات", ("duration", 6, 6, "hours", "6 ساعات")),
    ("وقتل جنديين في الكمين", ("killed", 2, 2, "persons", "جنديين")),
    ("سقط قتيلين في الحي", ("killed", 2, 2, "persons", "قتيلين")),
    ("استهدف الحي بقذيفتين", ("other", 2, 2, "shells", "قذيفتين")),
    ("وأصيب شخص آخر بجروح", ("injured", 1, 1, "persons", "شخص آخر")),
    ("قتل ١٥ مدنياً", ("killed", 15, 15, "persons", "١٥ مدنياً")),
])
def test_each_form(run, text, expected):
    assert qs(run, text) == [expected]


def test_approximations_follow_the_documented_convention(run):
    got = {q.text: (q.low, q.high) for q in run("نزح نحو 200 شخص، وقتل أكثر من 30 مدنيا، وفر أقل من 10 عناصر")}
    assert got == {"نحو 200 شخص": (200, 200), "أكثر من 30 مدنيا": (30, None), "أقل من 10 عناصر": (None, 10)}


def test_companions_count_the_named_people_of_the_clause(run):
    text = "فر خالد العمر وأبو محمد الحلبي مع شخص آخر باتجاه حمص"
    a, b = text.index("خالد العمر"), text.index("أبو محمد الحلبي")
    ents = (Entity("e1", "خالد العمر", "PER", a, a + 10), Entity("e2", "أبو محمد الحلبي", "PER", b, b + 15))
    got = run(text, entities=ents)
    assert [(q.kind, q.low, q.high, q.text) for q in got] == [("people", 3, 3, "مع شخص آخر")]
    # without the entities only the unnamed companion is counted
    assert [(q.low, q.text) for q in run(text)] == [(1, "مع شخص آخر")]


def test_companions_with_a_number(run):
    assert [(q.low, q.text) for q in run("اعتقل القيادي مع شخصين آخرين")] == [(2, "مع شخصين آخرين")]
    assert [(q.low, q.text) for q in run("فر الأمير برفقة 4 آخرين")] == [(4, "برفقة 4 آخرين")]


def test_years_and_dates_are_not_quantities(run):
    assert qs(run, "تأسست الحركة عام 2014 ووقع الهجوم في 12 آب 2015 وقبل يومين") == []


def test_duration_inside_since_is_kept(run):
    got = qs(run, "لم يستلموا رواتبهم منذ 6 شهور")
    assert got == [("duration", 6, 6, "months", "6 شهور")]


def test_codes_models_and_ordinals_are_not_counts(run):
    assert qs(run, "حلقت طائرة إف-16 فوق الموقع في الـ3 من الشهر والساعة 11:30 وقرار مجلس الأمن T90") == []


def test_ordinary_words_are_not_numbers(run):
    assert qs(run, "قالت ست البيت إن أحد العناصر خرج وكانت كمية الوقود قليلة وحجر واحد سقط") == []


def test_context_after_the_noun_gives_the_kind(run):
    assert [(q.kind, q.low) for q in run("لقي 4 أشخاص حتفهم في الانفجار")] == [("killed", 4)]


def test_several_quantities_keep_their_order_and_spans(run):
    text = "أسفرت الغارات عن مقتل ٧ أشخاص وإصابة ١٢ آخرين، ونزوح مئات العائلات خلال 3 أيام"
    got = run(text)
    assert [(q.kind, q.low, q.high) for q in got] == [
        ("killed", 7, 7), ("injured", 12, 12), ("people", 100, None), ("duration", 3, 3)]
    assert [q.start for q in got] == sorted(q.start for q in got)


def test_a_lone_person_with_a_killing_verb_counts_one(run):
    assert qs(run, "وكان ضابطاً سورياً استشهد في الغارة") == [("killed", 1, 1, "persons", "ضابطاً سورياً استشهد")]


def test_killed_and_injured_together_are_casualties(run):
    assert [(q.kind, q.low, q.text) for q in run("سقط 20 بين قتيل وجريح، وقتل وجرح 15 شخصا")] == [
        ("casualties", 20, "20 بين قتيل وجريح"), ("casualties", 15, "15 شخصا")]


def test_numbers_glued_to_a_conjunction_are_read(run):
    # the «و12» is read, and the two counts of the killed joined by it are one count
    assert [(q.kind, q.low) for q in run("قتل 3 أشخاص و12 مدنيا")] == [("killed", 15)]


@pytest.mark.parametrize("text, counts", [
    ("قتل طفلان وامرأة في القصف", [("killed", 2 + 1, "طفلان وامرأة")]),
    ("استشهد شاب وفتى برصاص الاحتلال", [("killed", 1 + 1, "شاب وفتى")]),
    ("قتل ثلاثة أطفال وامرأتان في القصف", [("killed", 3 + 2, "ثلاثة أطفال وامرأتان")]),
    # counts of different kinds stay apart, and a noun of the killed or wounded keeps its own kind whatever
    # word came before («قتلى» is not the kind of «جرحى»)
    ("قتل شخصان وأصيب ثلاثة في القصف", [("killed", 2, "شخصان"), ("injured", 3, "ثلاثة")]),
    ("سقط 3 قتلى و5 جرحى برصاص مسلح", [("killed", 3, "3 قتلى"), ("injured", 5, "5 جرحى")]),
    ("نتج عنها عشرات القتلى ومئات الجرحى", [("killed", 20, "عشرات القتلى"), ("injured", 100, "مئات الجرحى")]),
])
def test_people_counted_in_parts_joined_by_and(run, text, counts):
    assert [(q.kind, q.low, q.text) for q in run(text)] == counts


def test_labels_and_list_numbers_are_not_counts(run):
    assert qs(run, "نص القرار 2254 والمادة (12) على وقف النار.\n2 - يجوز للطرفين التفاوض") == []


def test_aircraft_and_weapon_models_are_not_counts(run):
    """«إف 16 مواقع» read 16 as a count of sites; a model number belongs to its name."""
    assert qs(run, "قصفت طائرات إف 16 مواقع في الريف") == []
    assert qs(run, "أسقطت الدفاعات طائرة ميغ-29 وطائرة F-16 فوق البلدة") == []
    assert [(q.kind, q.low) for q in run("قتل 4 جنود بصاروخ تي 72")] == [("killed", 4)]
    # a channel or a regiment named by its number («القناة 12», «الفوج 46») counts nothing
    assert qs(run, 'وبثت "القناة 12" مشاهد الهجوم على جبهة "الفوج 46"') == []


def test_the_event_word_decides_over_the_status_noun(run):
    assert [(q.kind, q.low) for q in run("أعلنت الكتائب مقتل نحو 50 أسيرا")] == [("killed", 50)]


def test_dead_and_wounded_nouns_together_are_casualties(run):
    assert [(q.kind, q.low, q.text) for q in run("سقط أكثر من مئة شهيد وجريح")] == [
        ("casualties", 100, "أكثر من مئة شهيد وجريح")]


def test_a_context_word_glued_to_its_neighbour_still_counts(run):
    # scraped text often loses the space before «مقتل»
    assert [(q.kind, q.low) for q in run("أعلن المركز في سوريامقتل 17 عنصرا من الهيئة")] == [("killed", 17)]


def test_a_companion_phrase_takes_the_verb_of_its_clause(run):
    text = "قتل القائد في غارة على بلدته العام الماضي، مع نحو 10 من مرافقيه العسكريين"
    assert [(q.kind, q.low) for q in run(text)] == [("killed", 10)]
    assert [(q.kind, q.low) for q in run("خرج القائد من الحي مع 20 عنصرا")] == [("people", 20)]


def test_fractions_construct_duals_and_one_after_a_noun(run):
    assert qs(run, "ارتفع التمويل من نصف مليون دولار إلى مليوني دولار") == [
        ("money", 500_000, 2_000_000, "USD", "من نصف مليون دولار إلى مليوني دولار")]
    assert qs(run, "أسفر الانفجار عن مقتل شخص واحد") == [("killed", 1, 1, "persons", "شخص واحد")]


def test_every_quantity_span_is_the_text_it_points_to():
    """Spans point into the original text even where normalisation dropped marks or split clitics."""
    res = Resources()
    text = ("قُتِلَ ١٢ مدنيّاً وأُصيبَ ٢٥ آخرونَ، واعتُقِلَ نحوَ ثلاثينَ شاباً، ودُفِعَت فديةٌ بين ١٥٠٠ دولارٍ "
            "إلى ٣٠٠٠ دولارٍ، واستمرَّ الحصارُ ستةَ أشهرٍ، وسقط عشراتُ الجرحى بقذيفتين.")
    doc = quantities_stage.make(res)(dates_stage.make(res)(Document(text=text, published="2015-08-09")))
    assert len(doc.quantities) >= 6
    for q in doc.quantities:
        assert doc.text[q.start:q.end] == q.text
    assert [(q.kind, q.low, q.high) for q in doc.quantities] == [
        ("killed", 12, 12), ("injured", 25, 25), ("detained", 30, 30), ("money", 1500, 3000),
        ("duration", 6, 6), ("injured", 20, None), ("other", 2, 2)]


def test_a_number_inside_a_name_is_not_a_quantity(run):
    text = "اجتمعت مجموعة العشرين وقتل 3 أشخاص"
    a = text.index("مجموعة العشرين")
    ents = (Entity("e1", "مجموعة العشرين", "ORG", a, a + len("مجموعة العشرين")),)
    assert [(q.kind, q.low) for q in run(text, entities=ents)] == [("killed", 3)]


@pytest.mark.parametrize("text,value", [
    ("9.098,27", 9098.27), ("1,234.5", 1234.5), ("1.234.567,89", 1234567.89), ("1,234,567.89", 1234567.89),
    ("3.5,2", None), ("1,2.3,4", None), ("1,500", 1500.0), ("1,5", 1.5), ("1.234.567", 1234567.0),
])
def test_digits_with_both_separators(text, value) -> None:
    # the last separator marks the decimals; a price table («9.098,27») once crashed the quantities stage
    from rasid.numbers.words import parse_digits

    assert parse_digits(text) == value


def test_a_count_of_people_with_a_dot_before_three_digits_is_in_thousands(run):
    assert qs(run, "وأعادت القوات 24.680 مهاجرا إلى الشاطئ.")[0][1:3] == (24680.0, 24680.0)
    assert qs(run, "وبلغت نسبة الزيادة 24.5 في المئة.")[0][1] == 24.5  # no people: a decimal stays one


def test_one_person_after_a_word_of_killing_wounding_or_arrest(run):
    assert qs(run, "أسفر القصف عن مقتل طفل وإصابة امرأة.") == [
        ("killed", 1, 1, "persons", "طفل"), ("injured", 1, 1, "persons", "امرأة")]
    assert qs(run, "وجرى اعتقال شاب في المدينة.")[0][:3] == ("detained", 1, 1)
    # the definite one is a named person, counted nowhere; «آخر» keeps its own reading
    assert qs(run, "أعلن مقتل الشاب في القصف.") == []
    assert qs(run, "وأصيب شخص آخر.") == [("injured", 1, 1, "persons", "شخص آخر")]


def test_two_others_count_two_once(run):
    assert qs(run, "قتل شخص وأصيب آخران في القصف.") == [
        ("killed", 1, 1, "persons", "شخص"), ("injured", 2, 2, "persons", "آخران")]
    assert [q[1] for q in qs(run, "قتل شخصان آخران في القصف.")] == [2]
    assert [q[:3] for q in qs(run, "قتل جندي وأصيب اثنان آخران في الهجوم.")] == [("killed", 1, 1), ("injured", 2, 2)]


def test_an_open_count_stays_open_when_a_part_is_added(run):
    # «أكثر من 20 مدنيا وطفل»: at least 21, no upper bound
    assert [(q.kind, q.low, q.high) for q in run("قتل أكثر من 20 مدنيا وطفل في القصف")] == [("killed", 21, None)]
