"""A hand-written grammar of Arabic time expressions, matched word by word over the normalised text.

Each match yields a `Found`: its words, whether it needs the publication date (`deictic`), the previous
time in the article (`anchored`) or nothing (`absolute`), and a resolver from that reference to a date range.
Matching is cheap: a word is tried only when one of its forms is in `TimeLexicon.starters` or is a number.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from rasid.numbers.lexicon import NumberLexicon
from rasid.numbers.scan import Words
from rasid.numbers.words import read_number
from rasid.temporal import calendar as cal
from rasid.temporal.calendar import Range
from rasid.temporal.lexicon import TimeLexicon

#: resolver: reference range (publication day, or the anchor's range) -> (start, end, precision) or None
Resolver = Callable[[Range | None], tuple[date, date, int] | None]

# «12/8/2015», «12 / 8 / 2015», «2015-08-12» (some sources put spaces around the separators)
# (a full stop right after the date ends the sentence: «في 12/4/2024.»; one before a digit continues it)
_DMY = re.compile(r"(?<![\d/.\-])(\d{1,2}) ?([/.\-]) ?(\d{1,2}) ?\2 ?(\d{4})(?![\d/\-]|\.\d)")
_YMD = re.compile(r"(?<![\d/.\-])(\d{4}) ?([/.\-]) ?(\d{1,2}) ?\2 ?(\d{1,2})(?![\d/\-]|\.\d)")
_RECENT_EXTRA = ("الاخيره", "الاخير", "الماضيه", "الماضي")


@dataclass(frozen=True)
class Found:
    start: int  # normalised char offsets
    end: int
    kind: str  # absolute | deictic | anchored
    resolve: Resolver
    future: bool = False


def _fixed(s: date, e: date | None = None, p: int | None = None) -> tuple[date, date, int]:
    e = e or s
    return s, e, p if p is not None else cal.precision(s, e)


def _safe(f: Callable[[], tuple[date, date, int] | None]) -> tuple[date, date, int] | None:
    """Impossible dates («31 شباط») resolve to nothing rather than failing the article."""
    try:
        return f()
    except (ValueError, OverflowError):
        return None


class _Scan:
    def __init__(self, words: Words, lx: TimeLexicon, nlx: NumberLexicon) -> None:
        self.w = words
        self.lx = lx
        self.nlx = nlx

    # ---- small readers -------------------------------------------------------------------------
    def day(self, i: int) -> tuple[int, int] | None:
        """A day of the month at word i: «12», «الـ12», «الخامس», «الحادي عشر», «الخامس والعشرين»."""
        w = self.w.word(i)
        if w == "ال" and self.w.glued(i + 1) and self.w.word(i + 1).isdigit():
            i += 1  # «الـ3 من حزيران»
            w = self.w.word(i)
        if w.isdigit() and len(w) <= 2:
            d = int(w)
            return (d, i + 1) if 1 <= d <= 31 else None
        got = self.w.lookup(i, self.lx.ordinals)
        if got is not None:
            d = got[0]
            nxt = self.w.word(i + 1)
            if nxt in self.lx.ordinal_tens and self.w.adjacent(i, i + 1):
                d += self.lx.ordinal_tens[nxt]
                return (d, i + 2) if d <= 31 else None
            return (d, i + 1) if w not in ("الحادي", "الحاديه") else None
        got2 = self.w.lookup(i, self.lx.ordinal_round)
        if got2 is not None:
            return got2[0], i + 1
        return None

    def month(self, i: int, clitics: bool = True) -> tuple[int, bool, int, bool] | None:
        """(month, hijri?, next word, had an alternate name) for «آب/أغسطس», «أيلول (سبتمبر)», «تشرين الأول»."""
        got = self.w.phrase(i, self.lx.months, 3, clitics=clitics)
        if got is None:
            return None
        (m, hijri), n, _ = got
        j = i + n
        alt = False
        gap = self.w.gap(j - 1)
        if j < len(self.w) and (set(gap) & set("/(-") or self.w.word(j) == "او"):
            k = j + 1 if self.w.word(j) == "او" else j
            got2 = self.w.phrase(k, self.lx.months, 3, clitics=False)
            if got2 is not None and got2[0][0] == m:
                j = k + got2[1]
                alt = True
        return m, hijri, j, alt

    def year(self, i: int) -> tuple[int, bool, int] | None:
        """A 4-digit year at word i and an optional era mark after it: (year, hijri?, next word)."""
        w = self.w.word(i)
        if len(w) != 4 or not w.isdigit():
            return None
        y = int(w)
        j = i + 1
        mark = self.w.word(j)
        hijri = False
        if mark in self.lx.hijri_year_marks:
            hijri, j = True, j + 1
        elif mark in self.lx.gregorian_year_marks:
            j += 1
        elif 1380 <= y <= 1499:
            hijri = True
        if hijri and not 1300 <= y <= 1500:
            return None
        if not hijri and not 1800 <= y <= 2100:
            return None
        return y, hijri, j

    def rel(self, i: int) -> int | None:
        """-1 past («الماضي»), 0 current («الجاري»), +1 next («المقبل») for word i."""
        w = self.w.word(i)
        if w in self.lx.past:
            return -1
        if w in self.lx.current:
            return 0
        if w in self.lx.future:
            return 1
        return None

    def weekday(self, i: int, context: bool) -> tuple[int, int, int] | None:
        """(weekday, next word, relation) for «الخميس», «الخميس الماضي», «الجمعة المقبلة»."""
        got = self.w.lookup(i, self.lx.weekdays)
        if got is None:
            return None
        wd = got[0]
        j = i + 1
        r = self.rel(j) if self.w.adjacent(i, j) else None
        if r is not None:
            j += 1
        form = self.w.word(i)
        if not context and r is None and any(f in self.lx.ambiguous_weekdays for f, _ in self.w.stems(i)):
            return None
        if self.w.is_in(i - 1, self.lx.not_weekday_before, clitics=True) and not context:
            return None
        del form
        return wd, j, (r if r is not None else 2)

    # ---- resolvers -----------------------------------------------------------------------------
    @staticmethod
    def r_offset(n: int, span: int = 0, p: int | None = None) -> Resolver:
        def f(ref: Range | None) -> tuple[date, date, int] | None:
            if ref is None:
                return None
            s = ref[0] + timedelta(days=n)
            return _fixed(s, s + timedelta(days=span), p)
        return f

    @staticmethod
    def r_weekday(wd: int, rel: int, span: tuple[int, int] = (0, 0)) -> Resolver:
        """rel 2: most recent on or before the reference; -1: strictly before; +1: the next one after; 3: on or after;
        4: «اليوم» + weekday; 5: «أمس» + weekday.

        4 and 5 allow for a publication stamp up to a day behind the writer's clock (feeds stamp in UTC, so a story
        written after midnight in Beirut carries the previous date): «اليوم الإثنين» stamped on a Sunday is the
        next day, not six days earlier, and «أمس الإثنين» stamped on a Monday is that Monday, not a week before."""
        def f(ref: Range | None) -> tuple[date, date, int] | None:
            if ref is None:
                return None
            d0 = ref[0]
            ahead = (wd - d0.weekday()) % 7
            if rel == 4:
                d = d0 + timedelta(days=1) if ahead == 1 else d0 - timedelta(days=(7 - ahead) % 7)
            elif rel == 5:
                d = d0 - timedelta(days=(d0.weekday() - wd) % 7)
            elif rel in (1, 3):  # the next one (3: on or after the reference, for «غداً الثلاثاء»)
                d = d0 + timedelta(days=ahead or (0 if rel == 3 else 7))
            else:
                back = (d0.weekday() - wd) % 7
                if rel == -1 and back == 0:
                    back = 7
                d = d0 - timedelta(days=back)
            return _fixed(d + timedelta(days=span[0]), d + timedelta(days=span[1]))
        return f

    # ---- matchers: each returns (end word, first-word clitic offset, kind, resolver, future) ------------
    def m_phrases(self, i: int) -> tuple[int, int, str, Resolver, bool] | None:
        lx = self.lx
        best = None
        tables: list[tuple[dict[tuple[str, ...], bool], str, Resolver, bool]] = [
            (lx.night_before_last, "deictic", self.r_offset(-2, 1), False),
            (lx.last_night, "deictic", self.r_offset(-1, 1), False),
            (lx.next_day, "anchored", self.r_offset(1), False),
            (lx.same_day, "anchored", self.r_offset(0), False),
            (lx.day_before_yesterday, "deictic", self.r_offset(-2), False),
            (lx.day_after_tomorrow, "deictic", self.r_offset(2), True),
            (lx.tonight, "deictic", self.r_offset(0, 1), False),
        ]
        for table, kind, res, fut in tables:
            got = self.w.phrase(i, table, lx.longest)
            if got is not None and (best is None or i + got[1] > best[0]):
                best = (i + got[1], got[2], kind, res, fut)
        got = self.w.phrase(i, lx.earlier, 3)
        if got is not None:
            j = i + got[1]
            k = j + 1 if self.w.word(j) == "من" else j
            of = self.w.phrase(k, lx.earlier_of, 2, clitics=False)
            if of is not None:
                unit = of[0]
                return k + of[1], got[2], "deictic", self.r_current(unit, to_ref=True), False
            if best is None or j > best[0]:
                best = (j, got[2], "deictic", self.r_offset(-1, 1), False)
        return best

    def r_current(self, unit: str, to_ref: bool = False, back: int = 0, part: str | None = None) -> Resolver:
        """This/last/next week, month or year relative to the reference (to_ref: cut at the reference day)."""
        def f(ref: Range | None) -> tuple[date, date, int] | None:
            if ref is None:
                return None
            d = ref[0]
            if unit == "day":
                return _fixed(d)
            if unit == "week":
                s, e = cal.part_of(cal.week_range(d, back), part, "week")
            elif unit == "month":
                m = cal.add_months(d.replace(day=1), -back)
                s, e = cal.part_of(cal.month_range(m.year, m.month), part, "month")
            else:
                s, e = cal.part_of(cal.year_range(d.year - back), part, "year")
            if to_ref and back == 0 and part is None:
                e = min(e, d)
            p = 5 if unit == "year" and part is None and not (to_ref and back == 0) else None
            return _fixed(s, e, p)
        return f

    def m_part(self, i: int) -> tuple[int, int, str, Resolver, bool] | None:
        """A part of the day followed by a day: «فجر الخميس», «مساء أمس», «ليلة الأحد على الإثنين»."""
        got = self.w.phrase(i, self.lx.day_parts, 2)
        if got is None:
            return None
        part, n, off = got
        j = i + n
        if self.w.word(j) == "يوم":
            j += 1
        if not self.w.adjacent(i, j):
            return None
        nd = self.w.phrase(j, self.lx.next_day, self.lx.longest, clitics=False)
        if nd is not None:
            return j + nd[1], off, "anchored", self.r_offset(1), False
        dby = self.w.phrase(j, self.lx.day_before_yesterday, 4, clitics=False)
        if dby is not None:
            return j + dby[1], off, "deictic", self.r_offset(-2), False
        dd = self.m_deictic(j, after_part=True)
        if dd is not None:
            end, _, kind, res, fut = dd
            if part in ("eve", "night") and self.w.word(j) in ("امس",):
                return end, off, kind, self.r_offset(-1, 1), fut
            return end, off, kind, res, fut
        wd = self.weekday(j, context=True)
        if wd is not None:
            d, k, r = wd
            if part in ("eve", "night"):
                # «ليلة الأحد على الإثنين»: the night between two days
                # «ليلة السبت الأحد»: the second day may also follow with nothing between
                if self.w.word(k) in self.lx.night_joiners or set(self.w.gap(k - 1)) & set("-/") \
                        or self.w.adjacent(k - 1, k):
                    k2 = k + 1 if self.w.word(k) in self.lx.night_joiners else k
                    wd2 = self.weekday(k2, context=True)
                    if wd2 is not None and (wd2[0] - d) % 7 == 1:
                        return wd2[1], off, "deictic", self.r_weekday(wd2[0], r, (-1, 0)), r == 1
                span = (-1, 0) if part == "eve" else (0, 1)
                return k, off, "deictic", self.r_weekday(d, r, span), r == 1
            return k, off, "deictic", self.r_weekday(d, r), r == 1
        dt = self.m_date(j)
        if dt is not None:
            return dt[0], off, dt[2], dt[3], dt[4]
        return None

    def m_deictic(self, i: int, after_part: bool = False) -> tuple[int, int, str, Resolver, bool] | None:
        """«اليوم», «أمس», «غداً», «يوم أمس», optionally with a weekday («أمس الجمعة», «اليوم الإثنين»)."""
        j = i
        if self.w.word(i) == "يوم" and self.w.word(i + 1) in self.lx.deictic_days and self.w.word(i + 1) != "اليوم":
            j = i + 1  # «يوم أمس», «يوم غد»
        got = self.w.lookup(j, self.lx.deictic_days)
        if got is None:
            return None
        n, off = got
        if j == i:
            off = got[1]
        else:
            off = 0
        nxt = self.w.word(j + 1)
        form = self.w.word(j)
        if form.endswith("يوم") and (nxt in self.lx.not_today_after and self.w.adjacent(j, j + 1)):
            return None
        if form.endswith("يوم") and not after_part and self.w.word(i - 1) in ("ذلك", "هذا", "ذات", "نفس"):
            return None
        end = j + 1
        wd = self.weekday(end, context=True) if self.w.adjacent(j, end) else None
        if wd is not None and wd[2] == 2:
            # the weekday is the more specific statement (articles are often dated the day after writing)
            return wd[1], off, "deictic", self.r_weekday(wd[0], 5 if n < 0 else (3 if n > 0 else 4)), n > 0
        return end, off, "deictic", self.r_offset(n), n > 0

    def m_weekday(self, i: int) -> tuple[int, int, str, Resolver, bool] | None:
        j = i + 1 if self.w.word(i) == "يوم" else i
        wd = self.weekday(j, context=j > i)
        if wd is None:
            return None
        d, k, r = wd
        dt = self.m_date(k) if self.w.adjacent(j, k) or set(self.w.gap(k - 1)) <= set(" ,،") else None
        if dt is not None and dt[2] == "absolute":
            return dt[0], 0, dt[2], dt[3], dt[4]
        off = self.w.lookup(i, {self.w.stems(i)[-1][0]: 1})
        return k, off[1] if off and j == i else 0, "deictic", self.r_weekday(d, r), r == 1

    def m_period(self, i: int) -> tuple[int, int, str, Resolver, bool] | None:
        """«الأسبوع الماضي», «الشهر الجاري», «هذا العام», «العام قبل الماضي»."""
        j = i
        this = self.w.is_in(i, self.lx.this, clitics=True)
        if this:
            j += 1
        got = self.w.lookup(j, self.lx.periods, clitics=not this)
        if got is None:
            return None
        unit = got[0]
        off = got[1] if not this else 0
        k = j + 1
        if this:
            r: int | None = 0
        else:
            r = self.rel(k) if self.w.adjacent(j, k) else None
            if r is None and self.w.word(k) == "قبل" and self.w.word(k + 1) in self.lx.past:
                return k + 2, off, "deictic", self.r_current(unit, back=2), False
            if r is None:
                return None
            k += 1
        back = -r if r is not None else 0
        return k, off, "deictic", self.r_current(unit, to_ref=True, back=back), back < 0

    def m_modifier(self, i: int) -> tuple[int, int, str, Resolver, bool] | None:
        """«منتصف الشهر الماضي», «أواخر عام 2014», «مطلع شهر آذار», «بداية 2012»."""
        got = self.w.lookup(i, self.lx.modifiers)
        if got is None:
            return None
        part, off = got
        j = i + 1
        if not self.w.adjacent(i, j):
            return None
        per = self.m_period(j)
        if per is not None:
            pw = self.w.lookup(j, self.lx.periods, clitics=False) or self.w.lookup(j + 1, self.lx.periods, clitics=False)
            unit = pw[0] if pw else "month"
            rel = self.rel(per[0] - 1)
            back = -(rel or 0)
            return per[0], off, "deictic", self.r_current(unit, back=back, part=part), back < 0
        pw = self.w.lookup(j, self.lx.periods, clitics=False)
        if pw is not None and self.year(j + 1) is None:
            # «منتصف الشهر» / «نهاية العام» without a relation: the current one
            return j + 1, off, "deictic", self.r_current(pw[0], part=part), False
        dt = self.m_date(j, part=part)
        if dt is not None:
            return dt[0], off, dt[2], dt[3], dt[4]
        return None

    def m_date(self, i: int, part: str | None = None) -> tuple[int, int, str, Resolver, bool] | None:
        """Explicit dates: [day [من]] [شهر] month [year | الماضي | الجاري …], or a year alone."""
        j = i
        dy = self.day(i)
        day = None
        if dy is not None:
            day, j = dy
            if self.w.word(j) == "من":
                j += 1
        had_word = self.w.is_in(j, self.lx.month_word, clitics=True)
        if had_word:
            j += 1
        mo = self.month(j, clitics=(j == i))
        if mo is None:
            if day is not None and self.w.word(j) == "الشهر":
                r = self.rel(j + 1)
                if r is not None:
                    return j + 2, 0, "deictic", self.r_month_day(day, -r), r == 1
            if day is None and not had_word:
                return self.m_year(i, part)
            return None
        m, hijri, k, alt = mo
        yr = None
        kk = k + 1 if self.w.word(k) == "من" and self.w.word(k + 1) in self.lx.year_words else k
        if self.w.word(kk) in self.lx.year_words:
            yr = self.year(kk + 1)
        else:
            yr = self.year(k)
        r = None
        if yr is not None:
            y, yhijri, k = yr
            hijri = hijri and yhijri or (hijri and y < 1600)
            if hijri != yhijri and y >= 1600:
                hijri = False
        else:
            r = self.rel(k)
            if r is not None:
                k += 1
            elif self.w.word(k) == "من" and self.w.word(k + 1) in ("العام", "السنه") and self.rel(k + 2) is not None:
                r = self.rel(k + 2)
                k += 3
        month_words = self.w.text[j:mo[2]]
        # the month as matched, its proclitic peeled: «باب» (a gate: «باب الهوى») reads as ب + «آب» once the
        # madda is normalised away, and the proclitic is itself the preposition, so «في باب …» is no «في آب»
        bare = self.w.stems(j)[-1][0] if month_words and month_words[0] not in self.lx.ambiguous_months else ""
        clitic = bool(bare) and bare in self.lx.ambiguous_months
        if (clitic or any(w in self.lx.ambiguous_months for w in month_words[:1])) and not (
                day is not None or yr is not None or had_word or alt or r is not None or part is not None
                or (not clitic and self.w.word(i - 1) in ("في", "منذ", "خلال", "حتى"))):
            return None
        unit_part = part if day is None else None
        if yr is not None:
            res = self.r_absolute(yr[0], m, day, hijri, unit_part)
            return k, 0, "absolute", res, False
        return k, 0, "deictic", self.r_month(m, hijri, day, r, unit_part), r == 1

    @staticmethod
    def r_absolute(y: int, m: int, day: int | None, hijri: bool = False, part: str | None = None) -> Resolver:
        """A day or (part of a) month with its year, Gregorian or Hijri."""
        def f(_ref: Range | None) -> tuple[date, date, int] | None:
            if hijri:
                return _safe(lambda: _fixed(cal.hijri_day(y, m, day)) if day
                             else _fixed(*cal.part_of(cal.hijri_month_range(y, m), part, "month")))
            return _safe(lambda: _fixed(date(y, m, day)) if day
                         else _fixed(*cal.part_of(cal.month_range(y, m), part, "month")))
        return f

    @staticmethod
    def r_month_day(day: int, back: int) -> Resolver:
        def f(ref: Range | None) -> tuple[date, date, int] | None:
            if ref is None:
                return None
            m = cal.add_months(ref[0].replace(day=1), -back)
            return _safe(lambda: _fixed(m.replace(day=day)))
        return f

    @staticmethod
    def r_month(m: int, hijri: bool, day: int | None, rel: int | None, part: str | None) -> Resolver:
        """A month without a year: the most recent such month (rel None or past), the current year's (0)
        or the next one (+1)."""
        def f(ref: Range | None) -> tuple[date, date, int] | None:
            if ref is None:
                return None
            d0 = ref[0]
            if hijri:
                hy, hm, _ = cal.to_hijri(d0)
                y = hy if rel == 0 or (rel is None and m <= hm) or (rel == -1 and m < hm) else hy - 1
                if rel == 1:
                    y = hy if m > hm else hy + 1
                return _safe(lambda: _fixed(cal.hijri_day(y, m, day)) if day
                             else _fixed(*cal.part_of(cal.hijri_month_range(y, m), part, "month")))
            cur = d0.month
            if rel == 0:
                y = d0.year
            elif rel == 1:
                y = d0.year if m > cur else d0.year + 1
            elif rel == -1:
                y = d0.year if m < cur or (day is not None and m == cur and day < d0.day) else d0.year - 1
            else:
                y = d0.year if m <= cur else d0.year - 1
            return _safe(lambda: _fixed(date(y, m, day)) if day
                         else _fixed(*cal.part_of(cal.month_range(y, m), part, "month")))
        return f

    def m_year(self, i: int, part: str | None = None) -> tuple[int, int, str, Resolver, bool] | None:
        """«عام 2014», «سنة 2005», «في 2014», «1436 هـ»."""
        j = i
        had_word = self.w.is_in(i, self.lx.year_words, clitics=True)
        if had_word:
            j += 1
        yr = self.year(j)
        if yr is None:
            return None
        y, hijri, k = yr
        marked = k > j + 1
        if not (had_word or marked or part is not None or self.w.is_in(i - 1, self.lx.year_before, clitics=True)
                or self.bare_year(i, y, hijri)):
            return None
        off = self.w.stems(i)[-1][1] if had_word and self.w.stems(i)[-1][0] in self.lx.year_words else 0

        def f(_r: Range | None) -> tuple[date, date, int] | None:
            r = cal.hijri_year_range(y) if hijri else cal.year_range(y)
            s, e = cal.part_of(r, part, "year") if not hijri else r
            return _fixed(s, e, 5 if part is None else None)
        return k, off, "absolute", f, False

    def bare_year(self, i: int, y: int, hijri: bool) -> bool:
        """A four-digit number alone is a year («حرب 1967», «نكبة 1948») unless it counts something
        («1948 شخصاً», «1500 دولار»), is glued to letters, or follows a word that introduces an amount."""
        if hijri or not 1900 <= y <= 2100 or self.w.glued(i):
            return False
        if self.w.is_in(i - 1, self.lx.year_blockers, clitics=True):
            return False
        nxt = self.w.word(i + 1)
        if self.w.adjacent(i, i + 1) and nxt:
            nl = self.nlx
            bare = nxt[2:] if nxt.startswith("ال") else nxt
            if any(x in nl.noun_kind or x in nl.currencies or x in nl.durations or x in nl.scales
                   or x.rstrip("ا") in nl.noun_kind for x in (nxt, bare)):
                return False
            if len(nxt) > 4 and (nxt.endswith("يين") or nxt.endswith("يا")):
                return False
        return not set(self.w.gap(i)) & set("%٪")

    def count_unit(self, j: int) -> tuple[str, int | None, tuple[int, int] | None, int] | None:
        """«6 أشهر», «ثلاثة أيام», «يومين», «أيام», «أسبوع»: (unit, n, vague range, next word)."""
        num = read_number(self.w, j, self.nlx)
        k = j
        n: int | None = None
        if num is not None:
            n, k = int(num.value), num.end
        u = self.w.lookup(k, self.lx.units, clitics=(num is None))
        if u is None or self.year(k + 1) is not None:
            return None  # «منذ عام 1998» is a year, not «a year ago»
        unit, un = u[0]
        if n is None:
            n = un
        vague = None
        if n is None:
            vague = self.lx.vague_counts.get(self.w.word(k).removeprefix("ال"), (2, 9))
        return unit, n, vague, k + 1

    def m_ago(self, i: int) -> tuple[int, int, str, Resolver, bool] | None:
        """«منذ 6 أشهر», «قبل يومين», «قبل أيام»; «بعد أقل من أسبوع», «بعد ذلك بيومين» (anchored)."""
        heads = self.lx.ago | self.lx.after
        got = next(((f, off) for f, off in self.w.stems(i) if f in heads), None)
        if got is None:
            return None
        head = got[0]
        sign = 1 if head in self.lx.after else -1
        j = i + 1
        anchored = sign > 0
        if self.w.word(j) in ("ذلك", "ذاك"):
            anchored = True
            j += 1
        approx = None
        ap = self.w.phrase(j, self.lx.approx, 3)
        if ap is not None:
            approx, j = ap[0], j + ap[1]
        cu = self.count_unit(j)
        if cu is None:
            return None
        unit, n, vague, k = cu
        if not self.w.adjacent(i, k - 1):
            return None
        days = {"hour": 0, "day": 1, "week": 7, "month": 30, "year": 365}[unit]
        lo, hi = (n, n) if n is not None else (vague or (2, 9))
        lo_days, hi_days = lo * days, hi * days
        if approx == "less":
            lo_days = 1 if unit != "hour" else 0
        elif approx == "more":
            hi_days *= 2

        def f(ref: Range | None) -> tuple[date, date, int] | None:
            if ref is None:
                return None
            if unit == "hour":
                d = hi // 24 if n is not None else 1
                return _fixed(ref[0] - timedelta(days=d), ref[0]) if sign < 0 else _fixed(ref[1], ref[1] + timedelta(days=d))
            if sign > 0 and unit in ("month", "year") and n is not None and approx is None:
                if unit == "month":
                    m = cal.add_months(ref[0].replace(day=1), n)
                    return _fixed(*cal.month_range(m.year, m.month))
                return _fixed(*cal.year_range(ref[0].year + n), 5)
            if sign > 0:
                return _fixed(ref[0] + timedelta(days=lo_days), ref[1] + timedelta(days=hi_days))
            base = ref[0]
            if unit in ("month", "year") and n is not None and approx is None:
                if unit == "month":
                    m = cal.add_months(base.replace(day=1), -n)
                    return _fixed(*cal.month_range(m.year, m.month))
                return _fixed(*cal.year_range(base.year - n), 5)
            if unit == "week" and n is not None and approx is None:
                c = base - timedelta(days=7 * n)
                return _fixed(c - timedelta(days=3), c + timedelta(days=3))
            return _fixed(base - timedelta(days=hi_days), base - timedelta(days=lo_days))
        return k, got[1], "anchored" if anchored else "deictic", f, sign > 0 and not anchored

    def m_within(self, i: int) -> tuple[int, int, str, Resolver, bool] | None:
        """«خلال الساعات الماضية», «في الأيام الأخيرة», «خلال الـ24 ساعة الماضية»."""
        if not self.w.is_in(i, self.lx.within_past, clitics=True):
            return None
        j = i + 1
        n: int | None = None
        if self.w.word(j) == "ال" and self.w.glued(j + 1):
            j += 1  # «خلال الـ24 ساعة الماضية»
        if self.w.word(j).isdigit() and len(self.w.word(j)) <= 3:
            n = int(self.w.word(j))
            j += 1
        u = self.w.lookup(j, self.lx.units, clitics=False)
        if u is None:
            return None
        w = self.w.word(j)
        if n is None and not w.startswith("ال"):
            return None
        unit = u[0][0]
        k = j + 1
        if n is None:  # «خلال الأيام الثلاثة الماضية»: the count after the unit, definite like it
            num = read_number(self.w, k, self.nlx)
            if num is not None and num.words and self.w.word(k).startswith("ال") and 2 <= num.value <= 60:
                n, k = int(num.value), num.end
        if self.w.word(k) not in self.lx.past and self.w.word(k) not in _RECENT_EXTRA:
            return None
        if not self.w.adjacent(i, k):
            return None
        span = {"hour": 1, "day": 7, "week": 30, "month": 180, "year": 5 * 365}[unit]
        if n is not None:
            span = max(1, n * {"hour": 1, "day": 1, "week": 7, "month": 30, "year": 365}[unit]
                       // (24 if unit == "hour" else 1))

        def f(ref: Range | None) -> tuple[date, date, int] | None:
            if ref is None:
                return None
            return _fixed(ref[0] - timedelta(days=span), ref[0])
        return k + 1, 0, "deictic", f, False

    def m_decade(self, i: int) -> tuple[int, int, str, Resolver, bool] | None:
        """«الثمانينيات», «تسعينيات القرن الماضي»: a decade of the 20th century unless the 21st is named."""
        got = self.w.lookup(i, self.lx.decades)
        if got is None:
            return None
        tens, off = got
        j = i + 1
        century = 1900
        if self.w.word(j) == "من":
            j += 1
        if self.w.word(j) == "القرن":
            nxt = self.w.word(j + 1)
            j += 2
            if nxt in self.lx.current or nxt == "الحادي":
                century = 2000
                if nxt == "الحادي":
                    j += 1  # «الحادي والعشرين»
            elif nxt not in self.lx.past and nxt != "العشرين":
                j -= 2
        else:
            j = i + 1
        y = century + tens

        def f(_r: Range | None) -> tuple[date, date, int] | None:
            return _fixed(date(y, 1, 1), date(y + 9, 12, 31), 4)
        return j, off, "absolute", f, False

    def m_prayer(self, i: int) -> tuple[int, int, str, Resolver, bool] | None:
        """«عقب صلاة الجمعة» (the most recent Friday), «بعد صلاة التراويح» (the day or the night before),
        optionally followed by a day («بعد صلاة الفجر يوم الخميس»), which then decides."""
        if not self.w.is_in(i, self.lx.prayer_heads, clitics=True):
            return None
        got = self.w.phrase(i + 1, self.lx.prayers, 2, clitics=False)
        if got is None or not self.w.adjacent(i, i + got[1]):
            return None
        off = next((o for f, o in self.w.stems(i) if f in self.lx.prayer_heads), 0)
        j = i + 1 + got[1]
        for follow in (self.m_deictic, self.m_weekday):
            day = follow(j) if self.w.adjacent(j - 1, j) else None
            if day is not None:
                return day[0], off, day[2], day[3], day[4]
        if got[0] == "friday":
            return j, off, "deictic", self.r_weekday(4, 2), False
        return j, off, "deictic", self.r_offset(-1, 1), False

    # ---- driver --------------------------------------------------------------------------------------
    def scan(self) -> list[Found]:
        w = self.w
        out: list[Found] = []
        text = w.norm.text
        taken: list[tuple[int, int]] = []
        for rx, order in ((_DMY, "dmy"), (_YMD, "ymd")):
            for mt in rx.finditer(text):
                a, _, b, c = mt.group(1), mt.group(2), mt.group(3), mt.group(4)
                y, mo, d = (int(c), int(b), int(a)) if order == "dmy" else (int(a), int(b), int(c))
                if not (1 <= mo <= 12 and 1 <= d <= 31 and 1800 <= y <= 2100):
                    continue
                out.append(Found(mt.start(), mt.end(), "absolute", self.r_absolute(y, mo, d)))
                taken.append((mt.start(), mt.end()))
        matchers = (self.m_phrases, self.m_part, self.m_deictic, self.m_weekday, self.m_modifier, self.m_date,
                    self.m_period, self.m_ago, self.m_within, self.m_prayer, self.m_decade)
        starters = self.lx.starters
        i = 0
        n = len(w)
        while i < n:
            if taken and any(s <= w.starts[i] < e for s, e in taken):
                i += 1
                continue
            wd = w.text[i]
            if not (wd in starters or wd[0].isdigit() or wd == "ال"
                    or (wd[0] in "وفبلك" and any(f in starters for f, _ in w.stems(i)))):
                i += 1
                continue
            best = None
            for mfun in matchers:
                got = mfun(i)
                if got is not None and got[0] > i and (best is None or got[0] > best[0]):
                    best = got
            if best is None:
                i += 1
                continue
            end, off, kind, res, fut = best
            out.append(Found(w.starts[i] + off, w.ends[end - 1], kind, res, fut))
            i = end
        out.sort(key=lambda f: f.start)
        return out


def find(words: Words, lx: TimeLexicon, nlx: NumberLexicon) -> list[Found]:
    """Every time expression in the text, in order, unresolved."""
    return _Scan(words, lx, nlx).scan()
