"""Calendar arithmetic for TIMEX3 values: weeks, quarters, seasons, holidays, shifts."""

from __future__ import annotations

import datetime as dt

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta


def week_value(d: dt.date) -> str:
    """The ISO week holding ``d``: ``2023-W18``."""
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def quarter_of(d: dt.date) -> int:
    """1..4."""
    return (d.month - 1) // 3 + 1


def shift_quarter(year: int, quarter: int, n: int) -> tuple[int, int]:
    """The quarter ``n`` quarters after (year, quarter)."""
    index = year * 4 + quarter - 1 + n
    return index // 4, index % 4 + 1


def shift(d: dt.date, unit: str, n: int) -> dt.date:
    """``d`` moved by ``n`` units (day, week, month, quarter, year, decade, century)."""
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
    """The ``nth`` (1-based; -1 = last) ``isoweekday`` of the month."""
    if nth > 0:
        first = dt.date(year, month, 1)
        offset = (isoweekday - first.isoweekday()) % 7
        return first + dt.timedelta(days=offset + 7 * (nth - 1))
    last = dt.date(year, month, 1) + relativedelta(months=1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - isoweekday) % 7)


def holiday_date(spec: dict[str, int], year: int) -> dt.date:
    """The date of a holiday in dates.yaml (fixed day, nth weekday and days after it, or Easter offset)."""
    if "easter" in spec:
        return easter(year) + dt.timedelta(days=int(spec["easter"]))
    if "weekday" in spec:
        day = nth_weekday(year, int(spec["month"]), int(spec["weekday"]), int(spec["nth"]))
        return day + dt.timedelta(days=int(spec.get("after", 0)))
    return dt.date(year, int(spec["month"]), int(spec["day"]))
