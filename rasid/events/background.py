"""Background told around an incident: motives, circumstances and running totals.

News of one strike usually says why it was carried out and amid what: «استهدفت المقاومة موقع الرمثا ردًّا
على عدوان الاحتلال على محيط بعلبك», «دعمًا لقطاع غزة وإسنادًا لمقاومته», «في ظل استمرار العدوان». The
triggers in such a phrase («عدوان») name earlier or ongoing violence, not a new incident, and its places and
parties («بعلبك», «الاحتلال») are not where or by whom the incident told happened. Running totals
(«حصيلة المعتقلين», «نفذ 1650 حالة اعتقال منذ بدء الحرب») count events over a period: not incidents either.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from rasid.doc import Token, When
from rasid.events import cues as cuemod
from rasid.events.lexicon import Cues
from rasid.events.triggers import Mention, rests, strips

#: Tokens that close a motive phrase: the clause goes on with the incident after them.
CLOSERS = frozenset(("،", ",", "؛", ";", ":", ".", "!", "؟", "?", "(", ")"))
#: A verb trigger this many tokens after the cue's start resumes the main clause («دعمًا لغزة استهدف
#: مجاهدو المقاومة ...»); one right after it («ردًّا على قصف ...») is the motive's own object.
RESUME_AFTER = 3
#: No verb follows these: a trigger right after one («كما حدث في قصف ...») is a noun, not a resumed clause.
PREPOSITIONS = frozenset(("في", "علي", "من", "الي", "عن", "مع", "ضد", "بعد", "قبل", "خلال", "اثناء"))
#: A «منذ» this many tokens after a trigger (in its clause) can make it a running total.
SINCE_WINDOW = 10
#: A period starting more than this many days before publication is a running total, not an incident.
SINCE_DAYS = 7
#: A time inherited from an earlier sentence more than this many days before publication is a historical
#: reference («اتفاقية جنيف لعام 1949»), not the day of an incident told later without a time of its own.
INHERIT_DAYS = 60


def motive_spans(tokens: Sequence[Token], lo: int, hi: int, mentions: Sequence[Mention],
                 cues: Cues) -> list[tuple[int, int]]:
    """Token spans [a, b) of the sentence [lo, hi) that tell a motive or circumstance: from the cue to the
    next punctuation mark, or to a verb trigger further on that resumes the main clause."""
    verbs = sorted(m.tok_start for m in mentions if m.pos == "verb")
    spans: list[tuple[int, int]] = []
    i = lo
    while i < hi:
        j = cuemod.any_phrase(tokens, i, hi, cues.motive)
        if j is None:
            break
        if cuemod.any_phrase(tokens, j, j + 1, cues.motive_except) is not None:
            i = j + 1  # «ردًّا على سؤال»: in answer to a question, no motive
            continue
        k = j + 1
        while k < hi and tokens[k].norm not in CLOSERS and not (k in verbs and k - j >= RESUME_AFTER
                                                                and tokens[k - 1].norm not in PREPOSITIONS):
            k += 1
        spans.append((j, k))
        i = k + 1
    return spans


def inside(tok: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a <= tok < b for a, b in spans)


def running_total(tokens: Sequence[Token], m: Mention, clause: tuple[int, int], cues: Cues,
                  times: Sequence[When], published: str | None) -> bool:
    """«حصيلة المعتقلين», «وتيرة الاستهدافات», «نفذ 1650 حالة اعتقال ... منذ بدء عملية طوفان الأقصى»:
    a count of events over a period. «اعتقلت 15 فلسطينيًا منذ مساء أمس» is an incident (a recent start)."""
    sent = tokens[m.tok_start].sentence
    before = [t for t in tokens[max(0, m.tok_start - 2):m.tok_start] if t.sentence == sent]
    if any(rests(t.norm) & cues.statistic_before for t in before):
        return True
    # only a «منذ» after the trigger: «تزايدت الهجمات منذ مطلع العام وكان أبرزها الهجوم على متحف باردو» tells
    # a total and then one incident of it
    _, hi = clause
    for k in range(m.tok_end, min(hi, m.tok_end + SINCE_WINDOW)):
        if "منذ" not in rests(tokens[k].norm):
            continue
        if k > 0 and rests(tokens[k - 1].norm) & cues.since_superlative:
            continue  # «عدوان جوي هو الأول منذ الحرب»: one incident, the first of its kind for a while
        nxt = [t for t in tokens[k + 1:k + 3] if t.sentence == sent]
        if any(rests(t.norm) & cues.statistic_since for t in nxt):
            return True
        if nxt and _long_ago(nxt[0].start, times, published):
            return True
    return False


#: Words opening the period a toll was counted over («خلال 3200 يوم», «طوال الأشهر الماضية», «على مدى ثلاثة أشهر»).
PERIOD_OPENERS = frozenset(("خلال", "طوال", "طيله", "مدي", "مدار"))
#: Units of such a period in days; a plural without a count («خلال الأشهر الماضية») is at least two.
PERIOD_DAYS = {"يوم": 1, "يوما": 1, "اسبوع": 7, "اسبوعا": 7, "اسابيع": 7, "شهر": 30, "شهرا": 30, "اشهر": 30,
               "شهور": 30, "عام": 365, "عاما": 365, "اعوام": 365, "سنه": 365, "سنوات": 365, "سنين": 365}
PERIOD_PLURALS = frozenset(("اسابيع", "اشهر", "شهور", "اعوام", "سنوات", "سنين"))
#: Words that may stand between the opener and the unit: a count in words or an approximation.
PERIOD_COUNT_WORDS = frozenset(("ثلاثه", "اربعه", "خمسه", "سته", "سبعه", "ثمانيه", "تسعه", "عشره", "عده", "بضعه",
                                "اكثر", "نحو", "قرابه", "حوالي", "من"))
#: A toll counted over this many days or more is a statistic.
LONG_PERIOD_DAYS = 30


def long_period(tokens: Sequence[Token], m: Mention, times: Sequence[When]) -> bool:
    """«أسفر قصف العدوان، خلال 3200 يوم، عن استشهاد 2475 امرأة», «قتل 300 مدني خلال الأشهر الستة الماضية»:
    events counted over a month or more, in a sentence that names no single day, are a statistic, not an
    incident. «قتل خمسة في قصف خلال يومين» and «قتل شاب اليوم، وهو الخامس خلال شهر» stay incidents."""
    lo, hi = cuemod.sentence_bounds(tokens, m.tok_start)
    found = False
    for k in range(lo, hi):
        if not rests(tokens[k].norm) & PERIOD_OPENERS:
            continue
        count: int | None = None
        for t in tokens[k + 1:min(hi, k + 4)]:
            w = t.norm
            if w.isdigit():
                count = int(w)
                continue
            if w in PERIOD_COUNT_WORDS:
                continue  # «خلال ثلاثة أشهر», «على مدى أكثر من عام»: a plural or a year decides
            bare = w[2:] if w.startswith("ال") else w
            unit = PERIOD_DAYS.get(bare)
            if unit is not None:
                n = count if count is not None else (2 if bare in PERIOD_PLURALS else 1)
                found = unit * n >= LONG_PERIOD_DAYS
            break
        if found:
            break
    if not found:
        return False
    s0, s1 = tokens[lo].start, tokens[hi - 1].end
    return not any(t.precision == 1 and t.span_start is not None and s0 <= t.span_start < s1 for t in times)


def _long_ago(offset: int, times: Sequence[When], published: str | None) -> bool:
    """Does a time expression starting at `offset` begin more than SINCE_DAYS before publication?"""
    for t in times:
        if t.span_start is None or t.span_end is None or not t.start:
            continue
        if t.span_start <= offset < max(t.span_end, t.span_start + 1):
            return long_ago(t.start, published)
    return False


def long_ago(start: str | None, published: str | None, days: int = SINCE_DAYS) -> bool:
    """Is the ISO date `start` more than `days` before the publication date?"""
    if not start or not published:
        return False
    try:
        return date.fromisoformat(published[:10]) - date.fromisoformat(start[:10]) > timedelta(days=days)
    except ValueError:
        return False


#: How near a word of continuation or duration must stand to «العدوان» to make it the whole war.
WAR_WINDOW = 3


def whole_war(tokens: Sequence[Token], m: Mention, clause: tuple[int, int], cues: Cues) -> bool:
    """«يواصل الاحتلال عدوانه على غزة», «العدوان المستمر», «وقف العدوان», «جراء العدوان»: the war as a whole,
    not an incident of it."""
    if m.pos != "noun" or m.lemma not in cues.war_lemmas:
        return False
    # the war is «العدوان» / «عدوانه»: an indefinite «جراء عدوان إسرائيلي على البلدة» is one incident
    norm = tokens[m.tok_start].norm
    if not any(p.endswith("ال") or p.endswith("لل") for _, p in strips(norm)) and not norm.endswith(("ه", "ها", "هم")):
        return False
    lo, hi = clause
    near = [*tokens[max(lo, m.tok_start - WAR_WINDOW):m.tok_start], *tokens[m.tok_end:min(hi, m.tok_end + WAR_WINDOW)]]
    return any(rests(t.norm) & cues.war_context for t in near)


#: How far after a trigger «كافة/جميع مناطق» may stand to make it a statement about a whole region.
REGION_WINDOW = 6


def whole_region(tokens: Sequence[Token], m: Mention, clause: tuple[int, int], cues: Cues) -> bool:
    """«القصف المتواصل على كافة مناطق القطاع», «غارات في مختلف أنحاء البلاد»: violence over a whole region
    told in general, not one incident."""
    _, hi = clause
    return cuemod.any_phrase(tokens, m.tok_end, min(hi, m.tok_end + REGION_WINDOW), cues.general_region) is not None


def ongoing(tokens: Sequence[Token], m: Mention, cues: Cues) -> bool:
    """«القصف المتواصل», «الغارات المستمرة»: a definite trigger noun right followed by a word of continuation
    names the ongoing violence (the caller checks that no place of its own follows)."""
    if m.pos != "noun" or m.tok_end >= len(tokens) or tokens[m.tok_end].sentence != m.sentence:
        return False
    if not any("ال" in pre or pre.endswith("لل") for _, pre in strips(tokens[m.tok_start].norm)):
        return False
    return bool(rests(tokens[m.tok_end].norm) & cues.ongoing_after)


#: Place features of a whole country or region: «العدوان على قطاع غزة / لبنان / اليمن» is the war there.
REGION_FEATURES = frozenset(("country", "region", "admin1", "territory"))
#: How many words may stand between «العدوان» and its «على» («العدوان الإسرائيلي الغاشم على»).
WAR_ON_WINDOW = 3


def war_on_region(tokens: Sequence[Token], m: Mention, clause: tuple[int, int], cues: Cues,
                  regions: Sequence[tuple[int, int]]) -> bool:
    """«العدوان الإسرائيلي على قطاع غزة», «عدوانه على لبنان»: the war against a whole country or region, not an
    incident of it («عدوان إسرائيلي على بلدة الخيام» is one, and so is «العدوان على بلدة الخيام»).
    `regions`: character spans of the article's places that are countries or regions."""
    if m.pos != "noun" or m.lemma not in cues.war_lemmas:
        return False
    # definite: with the article, or a possessive pronoun («عدوانه»); «عدواناً» is indefinite
    if not any(rest.startswith(m.lemma) and ("ال" in pre or pre.endswith("لل")
                                            or rest[len(m.lemma):] in ("ه", "ها", "هم", "هما"))
               for rest, pre in strips(tokens[m.tok_start].norm)):
        return False
    _, hi = clause
    for k in range(m.tok_end, min(hi, m.tok_end + WAR_ON_WINDOW + 1)):
        if "علي" in rests(tokens[k].norm):
            return k + 1 < hi and any(a <= tokens[k + 1].start < b for a, b in regions)
    return False
