"""Calendar arithmetic for TIMEX3 values: weeks, quarters, seasons, holidays, shifts.

Python's dates run from year 1 to 9999. Arithmetic that would leave that range ("3,000 years
ago", "tomorrow" seen from 9999-12-31) raises ``OutOfCalendar``, never a bare ValueError or
OverflowError; years outside it are written as TIMEX3/ISO-TimeML values by ``year_value``
(``BC0978``), or not at all.
"""

from __future__ import annotations

import datetime as dt
import functools
from calendar import monthrange
from typing import Any

from dateutil.easter import EASTER_ORTHODOX, EASTER_WESTERN, easter
from dateutil.relativedelta import relativedelta


class OutOfCalendar(ArithmeticError):
    """A date before 0001-01-01 or after 9999-12-31."""


# what date arithmetic raises when it leaves datetime's range
OUT_OF_RANGE = (OutOfCalendar, OverflowError)

# mean lengths in years, to place a point too far back for datetime ("1,000,000 days ago")
YEARS_PER_UNIT = {
    "second": 1 / 31_556_952,
    "minute": 1 / 525_949.2,
    "hour": 1 / 8_765.82,
    "day": 1 / 365.2425,
    "night": 1 / 365.2425,
    "week": 7 / 365.2425,
    "fortnight": 14 / 365.2425,
    "month": 1 / 12,
    "quarter": 1 / 4,
    "year": 1,
    "decade": 10,
    "century": 100,
}


def year_value(year: int) -> str | None:
    """The TIMEX3 value of an astronomical year (0 is 1 BC, -977 is 978 BC): ``2023``, ``BC0978``.

    None past 9999 either way (ISO-TimeML's four digits): only a duration can say that.
    """
    if 1 <= year <= 9999:
        return f"{year:04d}"
    if 1 - year <= 9999 and year <= 0:
        return f"BC{1 - year:04d}"
    return None


def yyyy(year: int) -> str:
    """A year of a date value (``2023``): four digits, or OutOfCalendar outside 1..9999."""
    if not 1 <= year <= 9999:
        raise OutOfCalendar(str(year))
    return f"{year:04d}"


def week_value(d: dt.date) -> str:
    """The ISO week holding ``d``: ``2023-W18``."""
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def nearest_saturday(d: dt.date) -> dt.date:
    """The Saturday of the weekend nearest ``d``: back for Monday and Tuesday, forward for Wednesday
    to Friday (a holiday weekend runs on from a Thursday or Friday, and up to a Monday)."""
    return d + dt.timedelta(days=_TO_SATURDAY[d.weekday()])


_TO_SATURDAY = {0: -2, 1: -3, 2: 3, 3: 2, 4: 1, 5: 0, 6: -1}


def quarter_of(d: dt.date) -> int:
    """1..4."""
    return (d.month - 1) // 3 + 1


def shift_quarter(year: int, quarter: int, n: int) -> tuple[int, int]:
    """The quarter ``n`` quarters after (year, quarter)."""
    index = year * 4 + quarter - 1 + n
    return index // 4, index % 4 + 1


def shift(d: dt.date, unit: str, n: int) -> dt.date:
    """``d`` moved by ``n`` units (day, week, month, quarter, year, decade, century).

    Raises OutOfCalendar when the result is not between years 1 and 9999.
    """
    try:
        return _shift(d, unit, n)
    except (OverflowError, ValueError) as exc:
        if unit not in YEARS_PER_UNIT:
            raise
        raise OutOfCalendar(f"{d} + {n} {unit}") from exc


def _shift(d: dt.date, unit: str, n: int) -> dt.date:
    if unit == "day":
        return d + dt.timedelta(days=n)
    if unit == "week":
        return d + dt.timedelta(weeks=n)
    if unit == "month":
        return d + relativedelta(months=n)
    if unit == "quarter":
        return d + relativedelta(months=3 * n)
    if unit == "year":
        return d + relativedelta(years=n)
    if unit == "decade":
        return d + relativedelta(years=10 * n)
    if unit == "century":
        return d + relativedelta(years=100 * n)
    raise ValueError(unit)


def weekday_near(anchor: dt.date, isoweekday: int, direction: str) -> dt.date:
    """The day named ``isoweekday`` near ``anchor``.

    ``direction``: "past" (on or before), "future" (on or after), "next" (strictly after),
    "last" (strictly before), or "near" (the closer of the two, ties to the past).
    """
    back = (anchor.isoweekday() - isoweekday) % 7
    ahead = (isoweekday - anchor.isoweekday()) % 7
    if direction == "past":
        return anchor - dt.timedelta(days=back)
    if direction == "future":
        return anchor + dt.timedelta(days=ahead)
    if direction == "last":
        return anchor - dt.timedelta(days=back or 7)
    if direction == "next":
        return anchor + dt.timedelta(days=ahead or 7)
    return anchor - dt.timedelta(days=back) if back <= ahead else anchor + dt.timedelta(days=ahead)


def year_for_month_day(anchor: dt.date, month: int, day: int, direction: str) -> int:
    """The year of (month, day) seen from ``anchor``: past/future/near, as in weekday_near."""
    key = (month, day)
    now = (anchor.month, anchor.day)
    if direction == "past":
        return anchor.year if key <= now else anchor.year - 1
    if direction == "future":
        return anchor.year if key >= now else anchor.year + 1
    # near: within six months either way
    diff = (month - anchor.month) * 31 + (day - anchor.day)
    if diff > 183:
        return anchor.year - 1
    if diff < -183:
        return anchor.year + 1
    return anchor.year


def nth_weekday(year: int, month: int, isoweekday: int, nth: int) -> dt.date:
    """The ``nth`` (1-based; -1 = last) ``isoweekday`` of the month (OutOfCalendar outside 1..9999;
    the fifth of a month with four falls in the next month)."""
    if not 1 <= year <= 9999:
        raise OutOfCalendar(str(year))
    if nth > 0:
        first = dt.date(year, month, 1)
        offset = (isoweekday - first.isoweekday()) % 7
        return first + dt.timedelta(days=offset + 7 * (nth - 1))
    last = dt.date(year, month, monthrange(year, month)[1])
    return last - dt.timedelta(days=(last.isoweekday() - isoweekday) % 7)


def holiday_date(spec: dict[str, Any], year: int, country: str | None = None) -> dt.date | None:
    """The date of a holiday of dates.yaml in ``year``: from the ``holidays`` package's calendar
    of a country (the article's ``country`` when its calendar has a holiday of that name, else the
    table's), from dateutil's Western or Orthodox Easter, or a fixed day; None when the package has
    no such holiday that year (a lunar holiday beyond its tables)."""
    if not 1 <= year <= 9999:
        raise OutOfCalendar(str(year))
    if "easter" in spec:
        method = EASTER_ORTHODOX if spec.get("method") == "orthodox" else EASTER_WESTERN
        return easter(year, method) + dt.timedelta(days=int(spec["easter"]))
    if "country" in spec:
        day = None
        if country and country != spec["country"] and "after" not in spec:  # Black Friday stays American
            day = country_holiday(country, str(spec["name"]), year)
        if day is None:
            day = country_holiday(str(spec["country"]), str(spec["name"]), year, spec.get("language"))
        return None if day is None else day + dt.timedelta(days=int(spec.get("after", 0)))
    if "weekday" in spec:
        day = nth_weekday(year, int(spec["month"]), int(spec["weekday"]), int(spec["nth"]))
        return day + dt.timedelta(days=int(spec.get("after", 0)))
    return dt.date(year, int(spec["month"]), int(spec["day"]))


@functools.cache
def _supported() -> frozenset[str]:
    import holidays

    return frozenset(holidays.list_supported_countries())


@functools.lru_cache(maxsize=1024)
def country_holiday(country: str, name: str, year: int, language: str | None = None) -> dt.date | None:
    """The first day of ``year`` the ``holidays`` package names ``name`` in ``country`` (every
    category it has for that country but half days; not the "(observed)" days off). A festival of
    several days that runs on from the year before into January starts that year's only after it
    (Hanukkah 2024 ends on 2 January 2025; Hanukkah 2025 starts in December)."""
    import holidays  # imported on first use

    if country not in _supported():
        return None
    kind = holidays.country_holidays(country)
    categories = tuple(c for c in kind.supported_categories if c != "half_day")
    if language is None and "en_US" in kind.supported_languages:
        language = "en_US"  # the names in dates.yaml are English
    calendar = holidays.country_holidays(country, years=year, language=language, categories=categories)
    days = sorted(day for day, names in calendar.items() if name in names.split("; "))
    run = 0
    while run < len(days) and days[run] == dt.date(year, 1, 1) + dt.timedelta(days=run):
        run += 1  # a run from 1 January may be last year's festival going on
    if 0 < run < len(days) and year > 1 and _on_new_years_eve(country, name, year - 1, language):
        days = days[run:]
    return days[0] if days else None


def _on_new_years_eve(country: str, name: str, year: int, language: str | None) -> bool:
    import holidays

    kind = holidays.country_holidays(country)
    categories = tuple(c for c in kind.supported_categories if c != "half_day")
    calendar = holidays.country_holidays(country, years=year, language=language, categories=categories)
    return name in calendar.get(dt.date(year, 12, 31), "").split("; ")
