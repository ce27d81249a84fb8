"""The dates stage: each form of Arabic time expression on small hand-written sentences."""

from __future__ import annotations

import pytest

from rasid.doc import Document, When
from rasid.numbers.lexicon import NumberLexicon
from rasid.resources import Resources
from rasid.stages import dates as dates_stage
from rasid.temporal import TimeLexicon, extract_times


@pytest.fixture(scope="module")
def stage():
    return dates_stage.make(Resources())


@pytest.fixture(scope="module")
def lexicons():
    r = Resources()
    return TimeLexicon.load(r.path("time_words.json")), NumberLexicon.load(r.path("number_words.json"))


def times(stage, text: str, published: str | None = "2015-08-09") -> tuple[When, ...]:
    doc = stage(Document(text=text, published=published))
    for t in doc.times:
        assert doc.text[t.span_start:t.span_end] == t.text
    return doc.times


def one(stage, text: str, published: str | None = "2015-08-09") -> tuple[str | None, str | None, int | None, str]:
    got = times(stage, text, published)
    assert len(got) == 1, got
    t = got[0]
    assert t.text is not None
    return t.start, t.end, t.precision, t.text


# 2015-08-09 is a Sunday.
@pytest.mark.parametrize("text, start, end, prec, span", [
    ("قتل ثلاثة مدنيين اليوم في حلب", "2015-08-09", "2015-08-09", 1, "اليوم"),
    ("وقالت الوزارة أمس إن الهجوم فشل", "2015-08-08", "2015-08-08", 1, "أمس"),
    ("وصل الوفد أول أمس إلى دمشق", "2015-08-07", "2015-08-07", 1, "أول أمس"),
    ("سقطت قذيفة على الحي أمس الأول", "2015-08-07", "2015-08-07", 1, "أمس الأول"),
    ("وخرجت المجموعة فجر الخميس من الحي", "2015-08-06", "2015-08-06", 1, "فجر الخميس"),
    ("اندلعت اشتباكات مساء السبت قرب المطار", "2015-08-08", "2015-08-08", 1, "مساء السبت"),
    ("ويعود الهجوم إلى يوم الثلاثاء", "2015-08-04", "2015-08-04", 1, "يوم الثلاثاء"),
    ("قصفت الطائرات البلدة الثلاثاء الماضي", "2015-08-04", "2015-08-04", 1, "الثلاثاء الماضي"),
    ("ووقع الانفجار ليلة الأحد على الإثنين", "2015-08-02", "2015-08-03", 2, "ليلة الأحد على الإثنين"),
    ("وقصفت الطائرات المدينة ليلة السبت الأحد", "2015-08-08", "2015-08-09", 2, "ليلة السبت الأحد"),
    ("وسقط 12 قتيلا خلال الأيام الثلاثة الماضية", "2015-08-06", "2015-08-09", 2, "خلال الأيام الثلاثة الماضية"),
    ("ونزح الآلاف خلال الأسابيع الثلاثة الماضية", "2015-07-19", "2015-08-09", 3, "خلال الأسابيع الثلاثة الماضية"),
    ("اعتقل الأمن ناشطين صباح اليوم", "2015-08-09", "2015-08-09", 1, "صباح اليوم"),
    ("وشهدت المدينة الليلة الماضية قصفا", "2015-08-08", "2015-08-09", 2, "الليلة الماضية"),
    ("وتواصلت المعارك الأسبوع الماضي", "2015-08-01", "2015-08-07", 2, "الأسبوع الماضي"),
    ("وتكررت الغارات خلال الشهر الماضي كله", "2015-07-01", "2015-07-31", 3, "الشهر الماضي"),
    ("بدأ الحصار منتصف الشهر الماضي", "2015-07-10", "2015-07-20", 3, "منتصف الشهر الماضي"),
    ("وتوقفت الرواتب أواخر العام الماضي", "2014-10-01", "2014-12-31", 4, "أواخر العام الماضي"),
    ("وقالت المصادر إن القتال تجدد مطلع شهر آذار", "2015-03-01", "2015-03-10", 3, "مطلع شهر آذار"),
    ("لم يقبض العناصر رواتبهم منذ 6 أشهر", "2015-02-01", "2015-02-28", 3, "منذ 6 أشهر"),
    ("وأفرج عنه قبل يومين بكفالة", "2015-08-07", "2015-08-07", 1, "قبل يومين"),
    ("وتعرضت القرية لقصف خلال الساعات الماضية", "2015-08-08", "2015-08-09", 2, "خلال الساعات الماضية"),
    ("وكانت الحكومة أعلنت في وقت سابق فتح المعبر", "2015-08-08", "2015-08-09", 2, "في وقت سابق"),
    ("وقعت المجزرة في 12 آب/أغسطس 2014 في القرية", "2014-08-12", "2014-08-12", 1, "12 آب/أغسطس 2014"),
    ("وجرى التوقيع بتاريخ 2014/8/12 في جنيف", "2014-08-12", "2014-08-12", 1, "2014/8/12"),
    ("وجرى التوقيع بتاريخ 12/8/2014 في جنيف", "2014-08-12", "2014-08-12", 1, "12/8/2014"),
    ("اغتيل القيادي في الخامس من آب", "2015-08-05", "2015-08-05", 1, "الخامس من آب"),
    ("سيطر التنظيم على البلدة في 3 نيسان الماضي", "2015-04-03", "2015-04-03", 1, "3 نيسان الماضي"),
    ("انسحبت القوات في يناير", "2015-01-01", "2015-01-31", 3, "يناير"),
    ("وقعت الحادثة في 15 جانفي 2015 بالعاصمة", "2015-01-15", "2015-01-15", 1, "15 جانفي 2015"),
    ("جرت الانتخابات في 3 فيفري 2014 بالجزائر", "2014-02-03", "2014-02-03", 1, "3 فيفري 2014"),
    ("فتح المعبر في 9 أفريل الماضي", "2015-04-09", "2015-04-09", 1, "9 أفريل الماضي"),
    ("قصفت الطائرات المدينة مساء أول من أمس", "2015-08-07", "2015-08-07", 1, "مساء أول من أمس"),
    ("ووقعت الاشتباكات خلال الأسبوع الجاري", "2015-08-08", "2015-08-09", 2, "الأسبوع الجاري"),
    ("وصل الوفد في 5/8/2015 إلى حلب", "2015-08-05", "2015-08-05", 1, "5/8/2015"),
    # a full stop right after the date ends the sentence, it does not continue the number
    ("ووصل الوفد إلى حلب في 5/8/2015.", "2015-08-05", "2015-08-05", 1, "5/8/2015"),
    ("ووصل الوفد إلى حلب في 2015-08-05.", "2015-08-05", "2015-08-05", 1, "2015-08-05"),
    ("ووقع الهجوم في 20 تشرين الأول 2013", "2013-10-20", "2013-10-20", 1, "20 تشرين الأول 2013"),
    ("دخل الجيش المدينة في سبتمبر (أيلول) 2012", "2012-09-01", "2012-09-30", 3, "سبتمبر (أيلول) 2012"),
    ("حوصر الحي أواخر عام 2014 بالكامل", "2014-10-01", "2014-12-31", 4, "أواخر عام 2014"),
    ("تأسست الجماعة عام 2011 في درعا", "2011-01-01", "2011-12-31", 5, "عام 2011"),
    ("قتل ١٢ شخصاً في ٣ آب ٢٠١٥ بالقصف", "2015-08-03", "2015-08-03", 1, "٣ آب ٢٠١٥"),
    ("وقعت المعركة في الأول من رمضان 1436 هـ قرب المدينة", "2015-06-18", "2015-06-18", 1, "الأول من رمضان 1436 هـ"),
    ("أعلن التنظيم الخلافة في شهر رمضان 1435", "2014-06-28", "2014-07-27", 3, "شهر رمضان 1435"),
])
def test_each_form_resolves(stage, text, start, end, prec, span):
    assert one(stage, text) == (start, end, prec, span)


def test_future_expression_is_kept_and_flagged(lexicons):
    got = extract_times("ومن المقرر أن تبدأ المفاوضات غداً في جنيف", "2015-08-09", *lexicons)
    assert [(t.when.start, t.future) for t in got] == [("2015-08-10", True)]


def test_anchored_expression_counts_from_the_previous_time(lexicons):
    text = "خرج عنصران منتصف الشهر الماضي، وبعد أقل من أسبوع خرج قيادي آخر"
    got = extract_times(text, "2015-08-09", *lexicons)
    assert [t.kind for t in got] == ["deictic", "anchored"]
    assert got[1].anchor == 0
    assert (got[1].when.start, got[1].when.end, got[1].when.precision) == ("2015-07-11", "2015-07-27", 3)


def test_anchor_can_be_an_absolute_date_without_publication(lexicons):
    got = extract_times("اعتقل في 12 آب 2015، وبعد ذلك بيومين أفرج عنه", None, *lexicons)
    assert [(t.when.start, t.when.end) for t in got] == [("2015-08-12", "2015-08-12"), ("2015-08-14", "2015-08-14")]


def test_without_published_relative_dates_stay_none_with_a_warning(stage):
    doc = stage(Document(text="خرج ثمانية عناصر فجر الخميس، واعتقل آخرون منتصف الشهر الماضي في 3 آب 2015"))
    assert [(t.text, t.start, t.end, t.precision) for t in doc.times] == [
        ("فجر الخميس", None, None, None), ("منتصف الشهر الماضي", None, None, None),
        ("3 آب 2015", "2015-08-03", "2015-08-03", 1)]
    assert dates_stage.NO_PUBLISHED in doc.warnings


def test_absolute_dates_alone_need_no_warning(stage):
    doc = stage(Document(text="وقعت المجزرة في 12 آب 2014"))
    assert doc.times[0].start == "2014-08-12"
    assert dates_stage.NO_PUBLISHED not in doc.warnings


def test_published_timestamp_is_read_as_its_date(stage):
    assert one(stage, "قتل جندي أمس", "2015-08-09T22:10:00+03:00")[:2] == ("2015-08-08", "2015-08-08")


def test_weekday_with_today_prefers_the_weekday(stage):
    # 2015-07-25 is a Saturday; a Friday story dated the next morning
    assert one(stage, "قال المتحدث اليوم الجمعة إن القصف توقف", "2015-07-25")[:2] == ("2015-07-24", "2015-07-24")


def test_today_with_tomorrows_weekday_is_a_stamp_behind_the_writers_clock(stage):
    # 2015-08-09 is a Sunday: a feed stamped in UTC carries Sunday for a story written after midnight on Monday
    assert one(stage, "قال المتحدث اليوم الإثنين إن القصف توقف", "2015-08-09")[:2] == ("2015-08-10", "2015-08-10")
    # any other weekday with «اليوم» is still the most recent one
    assert one(stage, "قال المتحدث اليوم الخميس إن القصف توقف", "2015-08-09")[:2] == ("2015-08-06", "2015-08-06")


def test_yesterday_with_the_stamps_own_weekday_is_that_day(stage):
    # «أمس الأحد» in a story stamped Sunday (UTC) was written on Monday: it is that Sunday, not a week before
    assert one(stage, "سقط قتيلان أمس الأحد في القصف", "2015-08-09")[:2] == ("2015-08-09", "2015-08-09")
    assert one(stage, "سقط قتيلان أمس السبت في القصف", "2015-08-09")[:2] == ("2015-08-08", "2015-08-08")


def test_clitics_stay_out_of_the_span(stage):
    start, _, _, span = one(stage, "واستمر القصف وأمس سقط قتيلان")
    assert (start, span) == ("2015-08-08", "أمس")


def test_ordinary_words_are_not_dates(stage):
    assert times(stage, "أدى المصلون صلاة الجمعة في المسجد وقال أحد الشهود إن اليوم الذي سبق كان هادئا") == ()
    assert times(stage, "مارس التنظيم ضغوطا على الأهالي وقتل أب وابنه") == ()


def test_every_span_matches_the_text(stage):
    text = ("أفادت مصادر محلية فجر الخميس بمقتل ٣ أشخاص، وكان الهجوم الأول في ١٥ نيسان/أبريل ٢٠١٥، "
            "ثم تكرر أواخر الشهر الماضي، وبعد يومين قصفت الطائرات البلدة مساء أمس الأول.")
    got = times(stage, text)
    assert len(got) == 5
    assert all(t.precision is not None for t in got)


def test_impossible_dates_are_left_unresolved(stage):
    got = times(stage, "في 31 شباط 2015 وقع شيء")
    assert [(t.text, t.start) for t in got] == [("31 شباط 2015", None)]


def test_prayer_times_place_an_event_in_the_day(stage):
    # 2024-03-26 is a Tuesday
    got = times(stage, "خرج المتظاهرون عقب صلاة الجمعة، واعتقل شاب بعد صلاة التراويح", "2024-03-26")
    assert [(t.text, t.start, t.end) for t in got] == [
        ("عقب صلاة الجمعة", "2024-03-22", "2024-03-22"), ("بعد صلاة التراويح", "2024-03-25", "2024-03-26")]


def test_time_infos_run_parallel_to_doc_times(stage):
    from rasid.temporal import load_lexicons, time_infos

    doc = stage(Document(text="قتل جندي أمس، وفي اليوم التالي قتل آخر، ويعقد الاجتماع الأسبوع المقبل",
                         published="2015-08-09"))
    infos = time_infos(doc, load_lexicons(Resources()))
    assert [i.when for i in infos] == list(doc.times)
    assert [(i.kind, i.anchor, i.future) for i in infos] == [
        ("deictic", None, False), ("anchored", 0, False), ("deictic", None, True)]
    assert infos[1].when.start == "2015-08-09"


def test_since_a_year_is_the_year_not_a_year_ago(stage):
    assert one(stage, "لم يحدث ذلك منذ عام 1998") == ("1998-01-01", "1998-12-31", 5, "عام 1998")
    assert one(stage, "قتل قبل عام في المدينة")[:3] == ("2014-01-01", "2014-12-31", 5)


def test_tomorrow_with_a_weekday_looks_forward(lexicons):
    # 2023-02-15 is a Wednesday
    got = extract_times("أعلنت الفصائل إضرابا يوم غد الخميس", "2023-02-15", *lexicons)
    assert [(t.when.text, t.when.start, t.future) for t in got] == [("يوم غد الخميس", "2023-02-16", True)]


def test_a_bare_year_is_a_year_unless_it_counts_something(stage):
    got = times(stage, "بعد نكبة 1948 قتل 1950 شخصا ودفع 2000 دولار وصدر القرار 2139")
    assert [(t.text, t.start, t.end, t.precision) for t in got] == [("1948", "1948-01-01", "1948-12-31", 5)]


def test_numeric_dates_with_spaced_separators_and_informal_month_names(stage):
    got = times(stage, "صدر البيان بتاريخ ( 8 / 3 / 1948 ) وأعيد نشره في كانون اول 1986")
    assert [(t.text, t.start, t.end) for t in got] == [
        ("8 / 3 / 1948", "1948-03-08", "1948-03-08"), ("كانون اول 1986", "1986-12-01", "1986-12-31")]


def test_a_hijri_year_alone(stage):
    assert one(stage, "وقعت الحادثة عام 1436 هـ في مكة") == ("2014-10-25", "2015-10-13", 5, "عام 1436 هـ")


def test_part_of_a_hijri_month_stays_inside_it(stage):
    # Ramadan 1444 began on 2023-03-23
    got = one(stage, "تبدأ الحملة بداية شهر رمضان القادم", "2023-03-01")
    assert got == ("2023-03-23", "2023-04-01", 3, "بداية شهر رمضان القادم")


def test_decades_and_parts_of_a_week(stage):
    got = times(stage, "هاجر في الثمانينيات من القرن الماضي، وعاد نهاية الأسبوع الماضي")
    assert [(t.text, t.start, t.end, t.precision) for t in got] == [
        ("الثمانينيات من القرن الماضي", "1980-01-01", "1989-12-31", 4),
        ("نهاية الأسبوع الماضي", "2015-08-05", "2015-08-07", 2)]


def test_a_weekday_inside_a_name_is_not_a_date(stage):
    from rasid.doc import Entity

    text = "قال عبدالله الخميس إن القصف وقع الخميس"
    a = text.index("عبدالله الخميس")
    doc = stage(Document(text=text, published="2015-08-09",
                         entities=(Entity("e1", "عبدالله الخميس", "PER", a, a + len("عبدالله الخميس")),)))
    assert [(t.text, t.span_start) for t in doc.times] == [("الخميس", text.rindex("الخميس"))]


def test_a_gate_is_no_august(stage):
    # «باب» (gate) is ب + «آب» once the madda is normalised away: no date in «باب الهوى», «في باب المندب»
    for text in ("عبرت الشاحنات معبر باب الهوى", "استهدفت سفينة في باب المندب", "اشتباك قرب باب توما"):
        assert times(stage, text) == ()
    # the month itself, with a relation or a year, still is one
    (t,) = times(stage, "اشتباكات بآب الماضي")
    assert (t.start, t.end) == ("2014-08-01", "2014-08-31")
    (t,) = times(stage, "في آب 2013")
    assert t.start == "2013-08-01"
