"""Date arithmetic for resolving time expressions: month and year ranges, Hijri months, precision codes."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

Range = tuple[date, date]


def add_months(d: date, n: int) -> date:
    """`d` moved by n calendar months (the day is clipped to the month's length)."""
    y, m = divmod(d.year * 12 + d.month - 1 + n, 12)
    m += 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def month_range(y: int, m: int) -> Range:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def year_range(y: int) -> Range:
    return date(y, 1, 1), date(y, 12, 31)


def hijri_month_range(y: int, m: int) -> Range:
    """The Gregorian days of Hijri month m of year y (Umm al-Qura, via `hijridate`)."""
    from hijridate import Hijri

    first = Hijri(y, m, 1)
    return first.to_gregorian(), Hijri(y, m, first.month_length()).to_gregorian()


def hijri_day(y: int, m: int, d: int) -> date:
    from hijridate import Hijri

    return Hijri(y, m, d).to_gregorian()


def hijri_year_range(y: int) -> Range:
    return hijri_month_range(y, 1)[0], hijri_month_range(y, 12)[1]


def to_hijri(d: date) -> tuple[int, int, int]:
    from hijridate import Gregorian

    h = Gregorian(d.year, d.month, d.day).to_hijri()
    return h.year, h.month, h.day


def part_of(r: Range, part: str | None, unit: str) -> Range:
    """Early / mid / late part of a month or year (the annotation guide: mid-month ≈ 10th–20th)."""
    s, e = r
    if part is None:
        return r
    if unit == "month":
        # counted from the first day, so that Hijri months (which start mid-way through a Gregorian one) work too
        if part == "early":
            return s, s + timedelta(days=9)
        if part == "mid":
            return s + timedelta(days=9), s + timedelta(days=19)
        return s + timedelta(days=19), e
    if unit == "week":
        if part == "early":
            return s, s + timedelta(days=2)
        if part == "mid":
            return s + timedelta(days=2), s + timedelta(days=4)
        return s + timedelta(days=4), e
    if unit == "year":
        if part == "early":
            return s, date(s.year, 3, 31)
        if part == "mid":
            return date(s.year, 5, 1), date(s.year, 8, 31)
        return date(s.year, 10, 1), e
    return r


def week_range(d: date, weeks_back: int) -> Range:
    """The Saturday–Friday week containing d, moved back `weeks_back` weeks (the working week in the Levant
    starts on Saturday or Sunday; Saturday keeps Friday, the weekly holiday, at the end)."""
    start = d - timedelta(days=(d.weekday() - 5) % 7) - timedelta(days=7 * weeks_back)
    return start, start + timedelta(days=6)


def precision(s: date, e: date) -> int:
    """UCDP-style code from the range: 1 a day, 2 within a week, 3 within a month, 5 a calendar year, 4 longer."""
    days = (e - s).days
    if days == 0:
        return 1
    if days < 7:
        return 2
    if s.month == 1 and s.day == 1 and e.month == 12 and e.day == 31 and s.year == e.year:
        return 5
    if days <= 31:
        return 3
    return 4
