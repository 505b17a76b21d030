"""TIMEX3 type and value of a detected expression, given an anchor date and the clause's tense.

Absolute expressions ("2 May 2023") need no anchor. Relative ones ("Tuesday", "last year",
"the third quarter") resolve against ``TimexContext.anchor``; with no anchor they keep X
placeholders (``XXXX-WXX-2``) or no value, and say ``resolved=False``.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import calendar as cal
from .absolute import parse_absolute
from .grammar import Candidate, clock_hour
from .lexicon import holiday_spec, lexicon, parse_number

Tense = str  # "past", "present", "future"


@dataclass(frozen=True)
class TimexContext:
    """What a relative expression is read against."""

    anchor: dt.date | None
    tense: Tense = "past"
    sentence: str = ""  # the sentence, lower-cased, for cues like "quarter"
    last_day: dt.date | None = None  # the latest day-level date before this one ("the same day")
    last_quarter: str | None = None  # the latest quarter named before ("2023-Q3"), for "a year earlier"
    last_point: str | None = None  # the latest date named before ("1998", "1998-03"), for "that year"
    country: str | None = None  # ISO code of the article's country, for holidays ("Independence Day")
    apposed: bool = False  # set off by a comma right after a day-level date ("Oct. 12, the day before")

    @property
    def last_month(self) -> str | None:
        """ "1998-03" when the latest date named has a month, for "the following month"."""
        p = self.last_point
        return p[:7] if p and len(p) >= 7 and p[5:7].isdigit() else None


@dataclass
class Norm:
    """A TIMEX3 normalisation."""

    type: str
    value: str | None
    mod: str | None = None
    relative: bool = False
    resolved: bool = True


def _unresolved(type_: str, value: str | None, mod: str | None = None) -> Norm:
    return Norm(type_, value, mod, relative=True, resolved=False)


def _rel(type_: str, value: str | None, mod: str | None = None) -> Norm:
    return Norm(type_, value, mod, relative=True, resolved=True)


def _lower(value: str | None) -> str:
    return re.sub(r"\s+", " ", (value or "").lower()).replace("’", "'")


def _direction(ctx: TimexContext) -> str:
    return {"past": "past", "future": "future"}.get(ctx.tense, "near")


@functools.cache
def _point_mods() -> dict[str, str]:
    return {_lower(k): v for k, v in lexicon().table("point_mods").items()}


@functools.cache
def _quantity_mods() -> dict[str, str]:
    return {_lower(k): v for k, v in lexicon().table("quantity_mods").items()}


def _mod_of(cand: Candidate) -> str | None:
    if not cand.mod_word:
        return None
    word = _lower(cand.mod_word)
    return _point_mods().get(word) or _quantity_mods().get(word)


@functools.cache
def _edge_mods() -> dict[str, str]:
    lex = lexicon()
    return {_lower(k): v for t in ("trailing_mods", "year_prefix_mods") for k, v in lex.table(t).items()}


def _edge_mod(cand: Candidate) -> str | None:
    return _edge_mods().get(_lower(cand.extra.get("edge_mod") or "or so"))


def _month_num(name: str) -> int:
    return lexicon().months[name.lower().rstrip(".")]


# --- handlers --------------------------------------------------------------------------


def _iso(c: Candidate, ctx: TimexContext) -> Norm | None:
    g = c.groups
    try:
        day = dt.date(int(g["y"]), int(g["m"]), int(g["d"]))
    except ValueError:
        return None
    if g.get("hh"):
        zone = g.get("zone") or ""
        if zone.upper() == "Z":
            zone = "Z"
        elif zone and ":" not in zone:
            zone = f"{zone[:3]}:{zone[3:]}"  # "+0200" -> "+02:00"
        return Norm("TIME", f"{day.isoformat()}T{g['hh']}:{g['mm']}{zone}")
    return Norm("DATE", day.isoformat())


def _dotted_date(c: Candidate, ctx: TimexContext) -> Norm | None:
    """ "02.05.2023" (day first, as where dots are written), "2023/05/02": dateparser's reading."""
    text = str(c.groups.get("dmy") or c.groups.get("ymd"))
    value = parse_absolute(text, "DMY" if c.groups.get("dmy") else "YMD", ctx.anchor)
    return Norm("DATE", value) if value else None


def _numeric_date(c: Candidate, ctx: TimexContext) -> Norm | None:
    """ "5/2/2023" is month first, as in American news; "25/12/2025" can only be day first."""
    g = c.groups
    year = int(g["y"])
    if year < 100:
        year += 1900 if year > 40 else 2000
    month, day = int(g["m"]), int(g["d"])
    if month > 12 >= day:
        month, day = day, month
    try:
        return Norm("DATE", dt.date(year, month, day).isoformat())
    except ValueError:
        return None


_YEAR_SHIFTS = {"last": -1, "this": 0, "next": 1}


def _month_day(c: Candidate, ctx: TimexContext) -> Norm | None:
    g = c.groups
    month, day = _month_num(g["month"]), int(g["day"])
    if g.get("year"):
        try:
            return Norm("DATE", dt.date(int(g["year"]), month, day).isoformat(), _mod_of(c))
        except ValueError:
            return None
    if ctx.anchor is None:
        return _unresolved("DATE", f"XXXX-{month:02d}-{day:02d}", _mod_of(c))
    yshift = _lower(g.get("yshift"))
    year = ctx.anchor.year + _YEAR_SHIFTS[yshift] if yshift else _year_of_day(ctx, month, day)
    if g.get("lead_wd"):
        year = _year_of_weekday(ctx, year, month, day, lexicon().weekdays[g["lead_wd"].lower().rstrip(".")])
    try:
        return _rel("DATE", dt.date(year, month, day).isoformat(), _mod_of(c))
    except ValueError:
        return None


def _year_of_weekday(ctx: TimexContext, year: int, month: int, day: int, isoweekday: int) -> int:
    """ "Tuesday, March 5" without a year: a year in which March 5 is a Tuesday, the latest before
    the anchor in a past clause, the first after it in a future one, else the nearest (within seven
    years, the weekdays' cycle; ``year`` when none)."""
    assert ctx.anchor is not None
    try:
        if dt.date(year, month, day).isoweekday() == isoweekday:
            return year  # the year the month and day alone point to agrees with the weekday
    except ValueError:
        pass
    days = []
    for y in range(year - 7, year + 8):
        try:
            d = dt.date(y, month, day)
        except ValueError:
            continue
        if d.isoweekday() == isoweekday:
            days.append(d)
    direction = _direction(ctx)
    a = ctx.anchor
    if direction == "past" and any(d <= a for d in days):
        return max(d for d in days if d <= a).year
    if direction == "future" and any(d >= a for d in days):
        return min(d for d in days if d >= a).year
    return min(days, key=lambda d: abs((d - a).days)).year if days else year


def _week_of(c: Candidate, ctx: TimexContext) -> Norm | None:
    """ "the week of March 6": the ISO week holding that day."""
    norm = _month_day(c, ctx)
    day = day_of(norm.value) if norm is not None else None
    if norm is None or day is None:
        return None if norm is None else _unresolved("DATE", None, norm.mod)
    norm.value = cal.week_value(day)
    return norm


def _year_of_day(ctx: TimexContext, month: int, day: int) -> int:
    """The year of a month and day named without one: the nearest, unless the tense says otherwise
    by more than a month or two ("was signed on December 28" read in January)."""
    assert ctx.anchor is not None
    a = ctx.anchor
    year = cal.year_for_month_day(a, month, min(day, 28), "near")
    try:
        days = (dt.date(year, month, min(day, 28)) - a).days
    except ValueError:
        return year
    if ctx.tense == "past" and days > 60:
        return year - 1
    if ctx.tense == "future" and days < -30:
        return year + 1
    return year


def _year_text(g: dict[str, Any]) -> str | None:
    """The year in a rule's ``year``/``year2`` group, or its ``syear`` read aloud ("nineteen ninety-four")."""
    if g.get("year") or g.get("year2"):
        return str(g.get("year") or g.get("year2"))
    if g.get("syear"):
        return _nineteen(re.sub(r"^nineteen[-\s]+", "", g["syear"].lower()))
    return None


def _nineteen(rest: str) -> str | None:
    """ "ninety-four" after "nineteen" -> "1994"."""
    n = parse_number(rest)
    return f"19{int(n):02d}" if n is not None and 10 <= n <= 99 else None


def _month_year(c: Candidate, ctx: TimexContext) -> Norm | None:
    year = _year_text(c.groups)
    if year is None:
        return None
    return Norm("DATE", f"{cal.yyyy(int(year))}-{_month_num(c.groups['month']):02d}", _mod_of(c))


_SHIFT_MODS = {"early": "START", "late": "END", "earlier this": "START", "later this": "END"}


def _month(c: Candidate, ctx: TimexContext) -> Norm | None:
    g = c.groups
    month = _month_num(g["month"])
    shift = _lower(g.get("shift"))
    mod = _mod_of(c) or _SHIFT_MODS.get(shift)
    if g.get("mid"):
        mod = "MID"
    if ctx.anchor is None:
        return _unresolved("DATE", f"XXXX-{month:02d}", mod)
    a = ctx.anchor
    yshift = _lower(g.get("yshift"))
    if yshift:  # "in July last year", "in April next year"
        year = a.year + _YEAR_SHIFTS[yshift]
    elif shift in ("last", "this past"):
        year = a.year if month < a.month else a.year - 1
    elif shift in ("next", "this coming"):
        year = a.year if month > a.month else a.year + 1
    elif shift in ("this", "earlier this", "later this"):
        year = a.year
    else:
        year = _year_of_day(ctx, month, 15 if month != a.month else a.day)
    return _rel("DATE", f"{cal.yyyy(year)}-{month:02d}", mod)


def _weekday_date(wd_name: str, shift: str, ctx: TimexContext) -> dt.date | None:
    wd = lexicon().weekdays[wd_name.lower().rstrip(".")]
    if ctx.anchor is None:
        return None
    if shift in ("the previous", "the following", "the next") and ctx.last_day is not None:
        return cal.weekday_near(ctx.last_day, wd, "last" if shift == "the previous" else "next")
    if shift in ("last", "this past", "the previous"):
        return cal.weekday_near(ctx.anchor, wd, "last")
    if shift in ("next", "this coming", "the following", "the next"):
        return cal.weekday_near(ctx.anchor, wd, "next")
    return cal.weekday_near(ctx.anchor, wd, _direction(ctx))


def _weekday(c: Candidate, ctx: TimexContext) -> Norm | None:
    g = c.groups
    shift = _lower(g.get("shift"))
    mod = _mod_of(c) or {"early": "START", "late": "END", "earlier": "START", "later": "END"}.get(shift)
    pod = _lower(g.get("pod"))
    part = lexicon().table("parts_of_day").get(pod) if pod else None
    type_ = "TIME" if part else "DATE"
    day = _weekday_date(g["wd"], shift, ctx)
    wd = lexicon().weekdays[g["wd"].lower().rstrip(".")]
    if day is None:
        return _unresolved(type_, f"XXXX-WXX-{wd}" + (f"T{part}" if part else ""), mod)
    return _rel(type_, day.isoformat() + (f"T{part}" if part else ""), mod)


def _nth_month(c: Candidate, ctx: TimexContext) -> tuple[int, int] | None:
    """The year and month of "... of October", "... of next month", "... of May 2024"."""
    g = c.groups
    mshift = _lower(g.get("mshift"))
    if g.get("year"):
        return int(g["year"]), _month_num(g["month"])
    if ctx.anchor is None:
        return None
    if mshift:
        n = {"this": 0, "the": 0, "next": 1, "last": -1}[mshift]
        first = cal.shift(ctx.anchor.replace(day=1), "month", n)
        return first.year, first.month
    month = _month_num(g["month"])
    return _year_of_day(ctx, month, 15), month


def _nth(word: str) -> int | None:
    if word in ("last", "final"):
        return -1
    return 5 if word == "5th" else lexicon().table("day_ordinals").get(word) or _ORD_Q.get(word)


def _nth_weekday(c: Candidate, ctx: TimexContext) -> Norm | None:
    """ "the first Tuesday of October", "the last Friday of next month"."""
    g = c.groups
    nth = _nth(_lower(g["nth"]))
    wd = lexicon().weekdays[g["wd"].lower().rstrip(".")]
    when = _nth_month(c, ctx)
    if when is None:
        return _unresolved("DATE", None, _mod_of(c))
    if not nth:
        return None
    day = cal.nth_weekday(when[0], when[1], wd, int(nth))
    if day.month != when[1]:
        return None  # no fifth Tuesday that month
    return (
        Norm("DATE", day.isoformat(), _mod_of(c))
        if g.get("year")
        else _rel("DATE", day.isoformat(), _mod_of(c))
    )


def _nth_day(c: Candidate, ctx: TimexContext) -> Norm | None:
    """ "the last day of the month", "the first day of next year", "the last day of May 2024"."""
    g = c.groups
    last = _lower(g["nth"]) != "first"
    yshift = _lower(g.get("yshift"))
    if yshift:
        if ctx.anchor is None:
            return _unresolved("DATE", None, _mod_of(c))
        year = cal.yyyy(ctx.anchor.year + {"this": 0, "the": 0, "next": 1, "last": -1}[yshift])
        return _rel("DATE", f"{year}-12-31" if last else f"{year}-01-01", _mod_of(c))
    when = _nth_month(c, ctx)
    if when is None:
        return _unresolved("DATE", None, _mod_of(c))
    day = dt.date(when[0], when[1], monthrange(when[0], when[1])[1] if last else 1)
    return Norm("DATE", day.isoformat(), _mod_of(c), relative=not g.get("year"))


def _nth_week(c: Candidate, ctx: TimexContext) -> Norm | None:
    """ "the first week of June", "the last week of March": the ISO week holding most of that
    month's first (last) seven days, i.e. the week of its 4th (its last day but three)."""
    nth = _nth(_lower(c.groups["nth"]))
    when = _nth_month(c, ctx)
    if when is None:
        return _unresolved("DATE", None, _mod_of(c))
    if not nth:
        return None
    year, month = when
    last = cal.shift(dt.date(year, month, 1), "month", 1) - dt.timedelta(days=1)
    day = (
        last - dt.timedelta(days=3)
        if nth < 0
        else dt.date(year, month, 1) + dt.timedelta(days=7 * (nth - 1) + 3)
    )
    if day.month != month:
        return None
    value = cal.week_value(day)
    return Norm("DATE", value, _mod_of(c)) if c.groups.get("year") else _rel("DATE", value, _mod_of(c))


def _weekday_week(c: Candidate, ctx: TimexContext) -> Norm | None:
    """ "Wednesday next week", "Friday of last week": that day of the week shifted from the anchor's."""
    wd = lexicon().weekdays[c.groups["wd"].lower().rstrip(".")]
    if ctx.anchor is None:
        return _unresolved("DATE", f"XXXX-WXX-{wd}", _mod_of(c))
    n = {"next": 1, "last": -1, "this": 0}[_lower(c.groups["wshift"])]
    monday = ctx.anchor - dt.timedelta(days=ctx.anchor.isoweekday() - 1)
    return _rel("DATE", (monday + dt.timedelta(days=7 * n + wd - 1)).isoformat(), _mod_of(c))


def _day_of_month(c: Candidate, ctx: TimexContext) -> Norm | None:
    """A day of the month named without its month. "Tuesday the 19th": the 19th that is a Tuesday;
    "on the 15th": the 15th of some month; either the nearest to the anchor in the clause's
    direction (a bare day in a present clause looks ahead). "the 15th of next month" names its month."""
    d = int(c.groups["day"])
    if ctx.anchor is None:
        return _unresolved("DATE", None, _mod_of(c))
    first = ctx.anchor.replace(day=1)
    shift = _lower(c.groups.get("mshift"))
    if shift:
        month = cal.shift(first, "month", {"next": 1, "last": -1}.get(shift, 0))
        try:
            return _rel("DATE", month.replace(day=d).isoformat(), _mod_of(c))
        except ValueError:
            return None
    wd = lexicon().weekdays[c.groups["wd"].lower().rstrip(".")] if c.groups.get("wd") else None
    days = []
    for k in range(-12, 13):
        try:
            day = cal.shift(first, "month", k).replace(day=d)
        except ValueError:
            continue
        if wd is None or day.isoweekday() == wd:
            days.append(day)
    direction = _direction(ctx)
    if direction == "near" and wd is None:
        direction = "future"  # "the rent is due on the 1st", "the vote is on the 20th": the coming one
    if direction == "past":
        days = [x for x in days if x <= ctx.anchor] or days
    elif direction == "future":
        days = [x for x in days if x >= ctx.anchor] or days
    if not days:
        return None
    best = min(days, key=lambda x: abs((x - ctx.anchor).days))  # type: ignore[operator]
    return _rel("DATE", best.isoformat(), _mod_of(c))


def _day_beside(c: Candidate, ctx: TimexContext) -> Norm | None:
    """ "the day before last Tuesday's hearing": a day next to a weekday."""
    day = _weekday_date(c.groups["wd"], _lower(c.groups.get("shift")), ctx)
    if day is None:
        return _unresolved("DATE", None, _mod_of(c))
    step = -1 if _lower(c.groups["dir"]) == "before" else 1
    return _rel("DATE", (day + dt.timedelta(days=step)).isoformat(), _mod_of(c))


def _then(c: Candidate, ctx: TimexContext) -> Norm | None:
    """ "terminate on Nov. 30. Until then, ...": the date named before; nothing without one."""
    value = ctx.last_day.isoformat() if ctx.last_day else ctx.last_point
    if value is None:
        return None
    return _rel("DATE", value, _mod_of(c))


def _after_noon(c: Candidate) -> bool:
    """A part of the day after noon beside the time: "this afternoon at 3:20", "8:30 tonight",
    "5:40 Friday evening"."""
    pm = lexicon().table("pm_parts_of_day")
    return bool(c.extra.get("pm_part")) or _day_word(c) == "tonight" or _lower(c.groups.get("podref")) in pm


def _day_word(c: Candidate) -> str:
    """The day word after a clock time, without its part of the day ("monday" of "Monday morning")."""
    day = _lower(c.groups.get("dayref"))
    return day.split()[0] if c.groups.get("podref") else day


def _clock_time(c: Candidate) -> tuple[int, int]:
    """Hour and minute of a clock candidate; a part of the day named beside a 24-hour-less time
    ("this afternoon at 3:20") puts it after noon."""
    g = c.groups
    clock = _lower(g["clock"])
    if clock in ("noon", "midday"):
        return 12, 0
    if clock == "midnight":
        return 24, 0
    if g.get("h") is not None:
        hh, mm = int(g["h"]), int(g["mi"] or 0)
        ampm = _lower(g["ampm"])
        if ampm.startswith("p") and hh < 12:
            hh += 12
        elif ampm.startswith("a") and hh == 12:
            hh = 0
        return hh, mm
    if g.get("h6") is not None:  # "4 in the morning", "10 at night", "3:30 in the afternoon"
        hh, mm = clock_hour(g["h6"]), int(g.get("mi6") or 0)
        part = _lower(g["pod6"])
        if hh < 12 and (part in lexicon().table("pm_parts_of_day") or (part == "night" and hh >= 6)):
            hh += 12
        return (0 if hh == 12 and part == "morning" else hh), mm
    spoken = g.get("h4") or g.get("h5") or g.get("h7")
    if spoken is not None:  # "three o'clock", "half past two", "a quarter to five", "at 9 tonight"
        hh = clock_hour(spoken)
        frac, before = _lower(g.get("frac")), _lower(g.get("fdir")) == "to"
        mm = 30 if frac == "half" else 15 if frac else 0
        if before:
            hh, mm = hh - 1, 60 - mm
        if _after_noon(c) and hh < 12:
            hh += 12
        return hh, mm
    if g.get("h2") is not None:
        hh, mm = int(g["h2"]), int(g["mi2"])
        if _after_noon(c) and 1 <= hh < 12:
            hh += 12
        return hh, mm
    return int(g["h3"]), int(g["mi3"])


def _clock_day(c: Candidate, ctx: TimexContext) -> tuple[dt.date | None, bool] | None:
    """The day a clock time is on, and whether the text wrote it in full (with its year)."""
    g = c.groups
    dayref = _day_word(c)
    month_day = (g.get("mref"), g.get("dref"), g.get("yref"))
    if c.extra.get("date_after"):  # "at 7:30 PM on Fri, Sep 20"
        month_day = (c.extra["date_after"], c.extra["dom_after"], c.extra.get("year_after"))
    if month_day[0]:
        month, d = _month_num(str(month_day[0])), int(str(month_day[1]))
        if month_day[2]:
            year = int(str(month_day[2]))
        elif ctx.anchor:
            year = _year_of_day(ctx, month, d)
        else:
            return None
        try:
            return dt.date(year, month, d), bool(month_day[2])
        except ValueError:
            return None
    if g.get("wdref"):  # "3pm Monday", "3pm next Monday"
        return _weekday_date(g["wdref"], _lower(g.get("wdshift")), ctx), False
    if c.extra.get("weekday_after"):  # "at 6 p.m. on Friday"
        return _weekday_date(c.extra["weekday_after"], "", ctx), False
    if dayref in ("today", "tonight", "yesterday", "tomorrow"):
        off = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[dayref]
        return (ctx.anchor + dt.timedelta(days=off) if ctx.anchor else None), False
    if c.extra.get("heading"):  # "11:40 a.m." opening a live-blog entry
        return ctx.anchor, False
    return ctx.last_day or ctx.anchor, False


def _clock(c: Candidate, ctx: TimexContext) -> Norm | None:
    hh, mm = _clock_time(c)
    zone = lexicon().table("timezones").get(_lower(c.groups.get("tz"))) or ""
    found = _clock_day(c, ctx)
    if found is None:
        month = c.extra.get("date_after") or c.groups.get("mref")
        if month and ctx.anchor is None:
            d = int(c.extra.get("dom_after") or c.groups["dref"])
            return _unresolved("TIME", f"XXXX-{_month_num(month):02d}-{d:02d}T{hh:02d}:{mm:02d}{zone}")
        return None
    day, explicit = found
    if day is None:
        return _unresolved("TIME", f"XXXX-XX-XXT{hh:02d}:{mm:02d}{zone}", _mod_of(c))
    value = f"{day.isoformat()}T{hh:02d}:{mm:02d}{zone}"
    return Norm("TIME", value, _mod_of(c)) if explicit else _rel("TIME", value, _mod_of(c))


_COMPLEMENTED = re.compile(
    r"\b(?:before|after)$"
)  # "the day before", "the night before": before what follows


def _relative_day(c: Candidate, ctx: TimexContext) -> Norm | None:
    phrase = _lower(c.groups["rd"])
    spec = lexicon().table("relative_days")[phrase]
    part = spec.get("part")
    type_ = "TIME" if part else "DATE"
    base = (ctx.last_day or ctx.anchor) if spec.get("same") else ctx.anchor
    if ctx.apposed and ctx.last_day is not None and spec.get("same") and _COMPLEMENTED.search(phrase):
        # "Oct. 12, the day before the stock market plunge": a second name for the date just named,
        # counted from the event that follows, not from that date
        base, spec = ctx.last_day, {**spec, "days": 0}
    if base is None:
        return _unresolved(type_, None, _mod_of(c))
    day = base + dt.timedelta(days=int(spec["days"]))
    return _rel(type_, day.isoformat() + (f"T{part}" if part else ""), _mod_of(c))


def _calendar_value(unit: str, day: dt.date) -> str:
    """The TIMEX3 value of the calendar ``unit`` holding ``day``."""
    if unit == "day":
        return day.isoformat()
    if unit == "week":
        return cal.week_value(day)
    if unit == "weekend":
        return cal.week_value(day) + "-WE"
    if unit == "month":
        return f"{cal.yyyy(day.year)}-{day.month:02d}"
    if unit == "quarter":
        return f"{cal.yyyy(day.year)}-Q{cal.quarter_of(day)}"
    if unit == "year":
        return f"{cal.yyyy(day.year)}"
    if unit == "decade":
        return f"{day.year // 10:03d}"  # "the last decade", as "the 1990s" (TimeBank: 198)
    if unit == "century":
        return f"{day.year // 100:02d}"
    raise ValueError(unit)


def _unit_shift(c: Candidate, ctx: TimexContext) -> Norm | None:
    g = c.groups
    unit = _lower(g["unit"])
    shift = _lower(g["shift"])
    the = bool(g.get("the"))
    if shift == "past" and unit == "year" and ctx.anchor is not None:
        return _rel(
            "DATE", f"{cal.yyyy(ctx.anchor.year - 1)}", _mod_of(c)
        )  # TimeBank: "the past year" is last year
    if shift in ("previous", "following") and the and ctx.last_day is not None and unit != "weekend":
        day = cal.shift(ctx.last_day, unit, -1 if shift == "previous" else 1)
        return _rel("DATE", _calendar_value(unit, day), _mod_of(c))
    if shift in ("previous", "following") and the and unit == "month" and ctx.last_month:
        # "in March 1988 ... The following month": from the month named, not the publication
        year, month = int(ctx.last_month[:4]), int(ctx.last_month[5:7])
        day = cal.shift(dt.date(year, month, 1), "month", -1 if shift == "previous" else 1)
        return _rel("DATE", _calendar_value("month", day), _mod_of(c))
    if shift == "following" and the and unit == "year" and ctx.last_point:
        return _rel("DATE", f"{cal.yyyy(int(ctx.last_point[:4]) + 1)}", _mod_of(c))
    if shift == "past" or (
        the and shift in ("last", "next", "coming", "previous") and unit in ("decade", "century")
    ):
        letter = {
            "week": "1W",
            "weekend": "2D",
            "month": "1M",
            "quarter": "3M",
            "year": "1Y",
            "decade": "10Y",
            "century": "100Y",
        }[unit]
        return Norm("DURATION", f"P{letter}", _mod_of(c), relative=False)
    n = lexicon().table("shifts").get(shift)
    if shift == "this past":
        n = -1 if unit != "weekend" else 0
    elif shift == "this coming":
        n = 1 if unit != "weekend" else 0
    if n is None:
        return None
    mod = _mod_of(c)
    if ctx.anchor is None:
        return _unresolved("DATE", None, mod)
    if unit == "weekend":
        # "this past weekend" looks back and "this coming weekend" ahead, whatever the tense
        back = shift == "this past" or n < 0 or (ctx.tense == "past" and shift != "this coming")
        sat = cal.weekday_near(ctx.anchor, 6, "past" if back else "future")
        day = sat + dt.timedelta(weeks=n if n > 0 and ctx.tense != "future" else 0)
        return _rel("DATE", cal.week_value(day) + "-WE", mod)
    day = cal.shift(ctx.anchor, unit, n)
    return _rel("DATE", _calendar_value(unit, day), mod)


def _after_next(c: Candidate, ctx: TimexContext) -> Norm | None:
    """ "the week after next", "the month before last", "the weekend before last": two units
    ahead of (behind) the anchor's."""
    unit = _lower(c.groups["unit"])
    if ctx.anchor is None:
        return _unresolved("DATE", None, _mod_of(c))
    back = _lower(c.groups.get("dir")).startswith("before")
    if c.groups.get("wd"):  # "Monday after next": a week past next Monday
        day = _weekday_date(c.groups["wd"], "last" if back else "next", ctx)
        assert day is not None
        return _rel("DATE", (day + dt.timedelta(weeks=-1 if back else 1)).isoformat(), _mod_of(c))
    if unit == "weekend":
        return _rel("DATE", _calendar_value(unit, _weekend_beyond(ctx.anchor, back)), _mod_of(c))
    return _rel("DATE", _calendar_value(unit, cal.shift(ctx.anchor, unit, -2 if back else 2)), _mod_of(c))


def _this_time(c: Candidate, ctx: TimexContext) -> Norm | None:
    """ "this time next week": the anchor's day a week on; "this time last year" a year back."""
    if ctx.anchor is None:
        return _unresolved("DATE", None, _mod_of(c))
    n = 1 if _lower(c.groups["shift"]) == "next" else -1
    return _rel("DATE", cal.shift(ctx.anchor, _lower(c.groups["unit"]), n).isoformat(), _mod_of(c))


def _weekend_beyond(anchor: dt.date, back: bool) -> dt.date:
    """The Saturday of the weekend before last (``back``) or after next: one week beyond the last
    weekend that has ended before the anchor, or the next one that starts after it."""
    if back:
        ended = anchor - dt.timedelta(days=2)
        last = ended - dt.timedelta(days=(ended.weekday() - 5) % 7)
        return last - dt.timedelta(weeks=1)
    following = anchor + dt.timedelta(days=(5 - anchor.weekday()) % 7 or 7)
    return following + dt.timedelta(weeks=1)


def _weekend(c: Candidate, ctx: TimexContext) -> Norm | None:
    if ctx.anchor is None:
        return _unresolved("DATE", None, _mod_of(c))
    sat = cal.weekday_near(ctx.anchor, 6, "future" if ctx.tense == "future" else "past")
    return _rel("DATE", cal.week_value(sat) + "-WE", _mod_of(c))


def _tagged_unit(c: Candidate, ctx: TimexContext) -> Norm | None:
    """ "their best week", "the morning": the week or part of the day of the anchor (or of the last day)."""
    unit = _lower(c.groups["unit"])
    mod = "MID" if c.groups.get("mid") else _mod_of(c)
    part = lexicon().table("parts_of_day").get(unit)
    base = ctx.last_day or ctx.anchor
    dayref = _lower(c.groups.get("dayref"))
    if dayref and ctx.anchor is not None:  # "mid-afternoon yesterday"
        base = ctx.anchor + dt.timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1}[dayref])
    if base is None:
        return _unresolved("TIME" if part else "DATE", None, mod)
    if part:
        return _rel("TIME", f"{base.isoformat()}T{part}", mod)
    return _rel("DATE", _calendar_value(unit, base if unit == "day" else ctx.anchor or base), mod)


def _unit_edge(c: Candidate, ctx: TimexContext) -> Norm | None:
    unit = _lower(c.groups["unit"])
    edge = _lower(c.groups["edge"]).split()[-1]
    mod = {"beginning": "START", "start": "START", "end": "END", "middle": "MID", "close": "END"}[edge]
    if ctx.anchor is None:
        return _unresolved("DATE", None, mod)
    base = ctx.last_day if unit == "day" and ctx.last_day else ctx.anchor
    return _rel("DATE", _calendar_value(unit, base), mod)


def _duration_value(n: float | None, unit_word: str) -> str:
    unit = lexicon().units[unit_word.lower()]
    t = "T" if unit.time else ""
    if n is None:
        return f"P{t}X{unit.letter}"
    amount = n * unit.times
    smaller = _FRACTION_IN.get((unit.letter, unit.time))
    if amount < 1 and smaller and float(amount * smaller[1]).is_integer():
        # "a quarter of an hour" -> PT15M, "half a day" -> PT12H
        return f"P{'T' if smaller[2] else ''}{int(amount * smaller[1])}{smaller[0]}"
    if not float(amount).is_integer() and float(amount * 2).is_integer() and unit.letter in _HALF[bool(t)]:
        # "5 1/2 hours" -> PT5H30M, "2 1/2 years" -> P2Y6M: the half in the next smaller unit
        whole = f"{int(amount)}{unit.letter}" if int(amount) else ""
        return f"P{t}{whole}{_HALF[bool(t)][unit.letter]}"
    text = str(int(amount)) if float(amount).is_integer() else f"{amount:g}"
    return f"P{t}{text}{unit.letter}"


_HALF = {False: {"Y": "6M", "D": "T12H"}, True: {"H": "30M", "M": "30S"}}
# a fraction of one unit written in the next smaller: (letter, is a time unit) -> (letter, how many, time)
_FRACTION_IN = {
    ("Y", False): ("M", 12, False),
    ("M", False): ("D", 30, False),
    ("W", False): ("D", 7, False),
    ("D", False): ("H", 24, True),
    ("H", True): ("M", 60, True),
    ("M", True): ("S", 60, True),
}


_QUARTERISH = re.compile(r"\bquarter|\bperiod\b|\bnine months\b|\bsix months\b")
# a report's period longer than a quarter: "For the nine months, ... a year earlier" is the year before
_SEVERAL_QUARTERS = re.compile(r"\b(?:nine|six)[-\s]months?\b|\b(?:first|second) half\b")
_QUARTER_WORD = re.compile(r"\bquarter")


def _several_quarters(ctx: TimexContext) -> bool:
    """A sentence about a report's stretch longer than a quarter (nine months, a half), naming no quarter."""
    return bool(_SEVERAL_QUARTERS.search(ctx.sentence)) and not _QUARTER_WORD.search(ctx.sentence)


def _quarter_report(ctx: TimexContext) -> bool:
    """Whether "a year ago" in this sentence means the quarter being reported, a year before."""
    return not _several_quarters(ctx) and bool(ctx.last_quarter or _QUARTERISH.search(ctx.sentence))


def _report_year_before(ctx: TimexContext) -> str:
    """ "For the nine months, ... a year earlier": the year before the one the report is about (that of
    the quarter last named, else the anchor's)."""
    assert ctx.anchor is not None
    year = int(ctx.last_quarter[:4]) if ctx.last_quarter else ctx.anchor.year
    return cal.yyyy(year - 1)


def _ago(
    c: Candidate, ctx: TimexContext, n: float | None, unit_word: str, direction: str | None = None
) -> Norm | None:
    unit = lexicon().units[unit_word.lower()].name
    direction = direction or _lower(c.groups["ago"]).strip()
    sign = 1 if direction in ("later", "after", "from now", "hence") else -1
    if direction in ("later", "earlier") and unit in ("second", "minute", "hour", "day", "night", "week"):
        # "three days later": TimeBank measures the gap (a DURATION), not the day it lands on
        return Norm("DURATION", _duration_value(n, unit_word), _mod_of(c))
    mod = _mod_of(c)
    if mod == "EQUAL_OR_LESS":
        mod = "APPROX"
    if n is None:
        return Norm("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod)  # needs no anchor
    if ctx.anchor is None:
        return _unresolved("DATE", None, mod)
    base = ctx.anchor
    if direction not in ("ago", "from now", "hence", "back") and ctx.last_day is not None:
        base = ctx.last_day
    if not float(n).is_integer() and unit in _SMALLER:
        unit, times = _SMALLER[unit]  # "half a year ago": six months ago
        unit_word, n = unit, n * times
    whole = int(n)
    if direction in ("later", "after") and ctx.last_day is None:
        # "founded in 1995 and went public a decade later": from the date named, never from the
        # publication date; without one, only the length is known
        if unit == "month" and ctx.last_month:
            base = dt.date(int(ctx.last_month[:4]), int(ctx.last_month[5:]), 15)
        elif ctx.last_point and unit in ("year", "decade", "century"):
            base = dt.date(int(ctx.last_point[:4]), 7, 1)
        else:
            return Norm("DURATION", _duration_value(n, unit_word), mod)
    # where the point falls, in years (with the anchor's place in its year)
    into_year = (base.timetuple().tm_yday - 1) / 365.2425
    year = math.floor(base.year + into_year + sign * whole * cal.YEARS_PER_UNIT[unit])
    if not 1 <= year <= 9999:
        return _far(year, n, unit_word, mod)
    if unit in ("second", "minute", "hour"):  # "48 hours ago": two days back (the hour is not known)
        days = whole * {"second": 1, "minute": 60, "hour": 3600}[unit] // 86400
        return _rel("DATE", cal.shift(base, "day", sign * days).isoformat(), mod)
    if unit in ("day", "night"):
        return _rel("DATE", cal.shift(base, "day", sign * whole).isoformat(), mod)
    if unit == "fortnight":
        return _rel("DATE", cal.shift(base, "week", sign * 2 * whole).isoformat(), mod)
    day = cal.shift(base, unit, sign * whole)
    if unit == "year" and whole == 1 and sign < 0 and _several_quarters(ctx):
        return _rel("DATE", _report_year_before(ctx), mod)
    if unit == "year" and whole == 1 and _quarter_report(ctx):
        # "up from $10 million a year ago" in a quarterly report: the same quarter a year before
        return _rel("DATE", _year_before_quarter(ctx), mod)
    if unit == "week" and whole == 1:
        return _rel("DATE", day.isoformat(), mod)
    # "two decades ago" is the year, as "twenty years ago"
    return _rel("DATE", _calendar_value("year" if unit in ("decade", "century") else unit, day), mod)


# a fraction of a unit, counted in the next smaller one
_SMALLER = {"year": ("month", 12), "month": ("day", 30), "week": ("day", 7), "day": ("hour", 24)}


def _far(year: int, n: float, unit_word: str, mod: str | None) -> Norm:
    """A point beyond datetime's years 1..9999 ("founded 3,000 years ago"): its year, BC0978 before
    year 1; a duration when even that cannot be written (beyond 9999 BC or AD)."""
    value = cal.year_value(year)
    if value is None:
        return Norm("DURATION", _duration_value(n, unit_word), mod)
    return _rel("DATE", value, mod)


def _year_before_quarter(ctx: TimexContext) -> str:
    """The quarter a year before the one the report is about (the last named, or the last ended)."""
    assert ctx.anchor is not None
    if ctx.last_quarter:
        year, q = int(ctx.last_quarter[:4]), int(ctx.last_quarter[-1])
    else:
        year, q = cal.shift_quarter(ctx.anchor.year, cal.quarter_of(ctx.anchor), -1)
    return f"{cal.yyyy(year - 1)}-Q{q}"


def _duration(c: Candidate, ctx: TimexContext) -> Norm | None:
    g = c.groups
    num_text = _lower(g["num"])
    unit_word = _lower(g["unit"])
    if unit_word not in lexicon().units:
        return None
    vague = num_text in {_lower(v) for v in lexicon().table("vague_numbers")}
    n = None if vague else parse_number(num_text)
    if not vague and n is None:
        return None
    if n is not None and (g.get("frac") or g.get("andhalf")):
        n += 0.5  # "5 1/2 hours", "a year and a half"
    if n is not None and g.get("half"):
        n /= 2 if _lower(g["half"]) == "half" else 4  # "half an hour", "a quarter of an hour"
    if g.get("ago"):
        return _ago(c, ctx, n, unit_word)
    if _in_from_now(c, ctx):
        return _ago(c, ctx, n, unit_word, "from now")  # "will dock in three days": three days from now
    if (
        f"{num_text} {unit_word}" in lexicon().table("someday_phrases")
        and ctx.tense == "future"
        and not (g.get("the") or g.get("rel") or c.mod_word)
    ):
        return Norm("DATE", "FUTURE_REF", relative=False)  # "Islam will one day be ...": some future day
    mod = _mod_of(c) or ("APPROX" if g.get("orso") else None)  # "the next two years or so"
    if num_text in ("a", "an") and unit_word == "second":
        return None
    return Norm("DURATION", _duration_value(n, unit_word), mod)


def _in_from_now(c: Candidate, ctx: TimexContext) -> bool:
    """ "in three days" in a clause that looks ahead is the day three days on, as "three days from
    now"; in the past ("sold out in three days") or with "the", "next" ("in the next two years") it
    is a length of time."""
    g = c.groups
    return (
        g.get("before") == "in"
        and ctx.tense == "future"
        and not (g.get("the") or g.get("rel") or g.get("more") or c.mod_word)
        and _lower(g["unit"]) not in ("second", "seconds", "minute", "minutes", "hour", "hours")
    )


def _bare_units(c: Candidate, ctx: TimexContext) -> Norm | None:
    if c.groups.get("ago"):
        return Norm("DATE", "PAST_REF", _mod_of(c))  # TimeBank: "several years ago" is PAST_REF
    return Norm("DURATION", _duration_value(None, _lower(c.groups["unit"])), _mod_of(c))


def _whole_unit(c: Candidate, ctx: TimexContext) -> Norm | None:
    unit = _lower(c.groups["unit"])
    return Norm("DURATION", _duration_value(1, "day" if unit == "night" else unit), _mod_of(c))


def _long(c: Candidate, ctx: TimexContext) -> Norm | None:
    return Norm("DURATION", _duration_value(None, _lower(c.groups["unit"])))


def _year(c: Candidate, ctx: TimexContext) -> Norm | None:
    return Norm("DATE", f"{cal.yyyy(int(c.groups['year']))}", _mod_of(c))


def _short_year(c: Candidate, ctx: TimexContext) -> Norm | None:
    yy = int(c.groups["yy"])
    century = 1900
    if ctx.anchor is not None and 2000 + yy <= ctx.anchor.year + 5:
        century = 2000
    return Norm("DATE", f"{cal.yyyy(century + yy)}", _mod_of(c))


def _decade(c: Candidate, ctx: TimexContext) -> Norm | None:
    g = c.groups
    dec = g["dec"].lstrip("'’")
    if len(dec) == 2:
        century = 19
        if ctx.anchor is not None and 2000 + int(dec) <= ctx.anchor.year:
            century = 20
        dec = f"{century}{dec}"
    mod = {"early": "START", "late": "END", "mid": "MID"}.get(_lower(g.get("pm"))) or _mod_of(c)
    if dec.endswith("00") and dec != "2000":
        return Norm("DATE", dec[:2], mod)  # "the 1800s" is the nineteenth century, as "the 19th century"
    # TimeBank: "the 1980s" (the decade as a period) is 198; a bare "1980s" modifier is 198X
    return Norm("DATE", dec[:3] if g.get("the") else dec[:3] + "X", mod)


def _century(c: Candidate, ctx: TimexContext) -> Norm | None:
    n = lexicon().ordinals.get(_lower(c.groups["ord"]))
    if n is None:
        return None
    return Norm("DATE", f"{n - 1:02d}", _mod_of(c))


_ORD_Q = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


def _quarter_year(q: int, ctx: TimexContext) -> int | None:
    """The year of "the third quarter" without a year: the latest one reported, seen from the anchor."""
    if ctx.anchor is None:
        return None
    current = cal.quarter_of(ctx.anchor)
    if q < current:
        return ctx.anchor.year
    if q == current or ctx.tense != "past":
        return ctx.anchor.year
    return ctx.anchor.year - 1  # "reported a third-quarter loss" in May: last year's


def _quarter(c: Candidate, ctx: TimexContext) -> Norm | None:
    g = c.groups
    q = _ORD_Q[_lower(g["ord"])]
    if _lower(c.groups.get("the")) == "a":
        return None
    year_text = g.get("year") or g.get("year2") or g.get("year3")
    mod = _mod_of(c)
    if year_text:
        return Norm("DATE", f"{cal.yyyy(int(year_text))}-Q{q}", mod)
    rel = _lower(g.get("rel") or g.get("rel2"))
    if ctx.anchor is None:
        return _unresolved("DATE", f"XXXX-Q{q}", mod)
    if rel:
        year = ctx.anchor.year + {"this": 0, "last": -1, "next": 1}[rel]
    else:
        year = _quarter_year(q, ctx)  # type: ignore[assignment]
    return _rel("DATE", f"{cal.yyyy(year)}-Q{q}", mod)


def _code_year(g: dict[str, Any]) -> int | None:
    """The year of "Q3 2024", "Q3 '24", "3Q24" (two digits: 2000s)."""
    if g.get("year") or g.get("year2"):
        return int(g.get("year") or g["year2"])
    short = g.get("yy") or g.get("yy2")
    return 2000 + int(short) if short else None


def _month_quarter(c: Candidate, ctx: TimexContext) -> Norm | None:
    """ "the April-June quarter": the quarter its first month opens, dated as "the second quarter"."""
    q = (_month_num(c.groups["m1"]) - 1) // 3 + 1
    if c.groups.get("year"):
        return Norm("DATE", f"{cal.yyyy(int(c.groups['year']))}-Q{q}", _mod_of(c))
    year = _quarter_year(q, ctx)
    if year is None:
        return _unresolved("DATE", f"XXXX-Q{q}", _mod_of(c))
    return _rel("DATE", f"{cal.yyyy(year)}-Q{q}", _mod_of(c))


def _q(c: Candidate, ctx: TimexContext) -> Norm | None:
    q = int(c.groups.get("q") or c.groups["qf"])
    year = _code_year(c.groups)
    if year is not None:
        return Norm("DATE", f"{cal.yyyy(year)}-Q{q}", _mod_of(c))
    year = _quarter_year(q, ctx)
    if year is None:
        return _unresolved("DATE", f"XXXX-Q{q}", _mod_of(c))
    return _rel("DATE", f"{cal.yyyy(year)}-Q{q}", _mod_of(c))


def _quarter_rel(c: Candidate, ctx: TimexContext) -> Norm | None:
    norm = _quarter_rel_here(c, ctx)
    if norm is not None and c.groups.get("yago") and norm.value and norm.value[:4].isdigit():
        # "the quarter a year ago": the same quarter, a year before
        norm.value = f"{cal.yyyy(int(norm.value[:4]) - 1)}{norm.value[4:]}"
    return norm


def _quarter_ending(month: int, anchor: dt.date) -> str:
    """ "the quarter ended July 31" (a company's own quarter, May to July): the calendar quarter of its
    middle month, in the latest such stretch ended by the anchor."""
    year = anchor.year if month <= anchor.month else anchor.year - 1
    middle = dt.date(year, month, 1) - dt.timedelta(days=20)  # a day in the month before the last
    return f"{cal.yyyy(middle.year)}-Q{cal.quarter_of(middle)}"


def _quarter_rel_here(c: Candidate, ctx: TimexContext) -> Norm | None:
    g = c.groups
    rel = _lower(g.get("rel"))
    rel0 = _lower(g.get("rel0"))
    if not (g.get("the") or rel or rel0):
        return None
    if rel[:2] in ("19", "20"):
        # "the 1988 quarter": that year's quarter of the one being reported
        q = int(ctx.last_quarter[-1]) if ctx.last_quarter else 0
        if not q and ctx.anchor is not None:
            q = cal.shift_quarter(ctx.anchor.year, cal.quarter_of(ctx.anchor), -1)[1]
        return Norm("DATE", f"{rel}-Q{q}" if q else f"{rel}-QX", _mod_of(c))
    if ctx.anchor is None:
        return _unresolved("DATE", "XXXX-QX", _mod_of(c))
    if g.get("qend") and not (rel or rel0):
        return _rel("DATE", _quarter_ending(_month_num(g["qend"]), ctx.anchor), _mod_of(c))
    if ctx.last_quarter and rel in ("", "latest", "same", "just-ended", "just ended") and not rel0:
        return _rel("DATE", ctx.last_quarter, _mod_of(c))
    y, q = ctx.anchor.year, cal.quarter_of(ctx.anchor)
    if rel in ("current", "coming") or rel0 == "this" and not rel:
        n = 0 if rel == "current" or rel0 == "this" else 1
        if rel0 == "this" and ctx.tense == "past":
            n = -1
    elif rel == "next":
        n = 1
    elif rel in ("year-ago", "year-earlier"):
        n = -5
    else:
        n = -1  # "the quarter", "the latest quarter", "the last quarter": the one just reported
    if rel0.startswith("last"):
        n = -5
    yy, qq = cal.shift_quarter(y, q, n)
    return _rel("DATE", f"{cal.yyyy(yy)}-Q{qq}", _mod_of(c))


def _h(c: Candidate, ctx: TimexContext) -> Norm | None:
    """ "H1 2024", "1H24": a half of a named year."""
    year = _code_year(c.groups)
    half = c.groups.get("h") or c.groups["hf"]
    return Norm("DATE", f"{cal.yyyy(year)}-H{half}", _mod_of(c)) if year is not None else None


def _half(c: Candidate, ctx: TimexContext) -> Norm | None:
    g = c.groups
    h = int(lexicon().table("half_ordinals")[_lower(g["ord"])])
    if g.get("year"):
        return Norm("DATE", f"{cal.yyyy(int(g['year']))}-H{h}", _mod_of(c))
    if ctx.anchor is None:
        return _unresolved("DATE", f"XXXX-H{h}", _mod_of(c))
    rel = _lower(g.get("rel"))
    year = ctx.anchor.year + {"this": 0, "last": -1, "next": 1}.get(rel, 0)
    if not rel and h == 2 and ctx.anchor.month <= 6 and ctx.tense == "past":
        year -= 1
    return _rel("DATE", f"{cal.yyyy(year)}-H{h}", _mod_of(c))


def _year_ago(c: Candidate, ctx: TimexContext) -> Norm | None:
    if ctx.anchor is None:
        return _unresolved("DATE", None, _mod_of(c))
    qord = _lower(c.groups.get("qord"))
    if qord:  # "the year-ago third quarter": that quarter, a year before the one being reported
        q = _ORD_Q[qord]
        year = _quarter_year(q, ctx)
        return _rel("DATE", f"{cal.yyyy((year or ctx.anchor.year) - 1)}-Q{q}", _mod_of(c))
    if c.groups.get("unit") or _quarter_report(ctx):
        return _rel("DATE", _year_before_quarter(ctx), _mod_of(c))
    if _several_quarters(ctx):
        return _rel("DATE", _report_year_before(ctx), _mod_of(c))
    return _rel("DATE", f"{cal.yyyy(ctx.anchor.year - 1)}", _mod_of(c))


def _season(c: Candidate, ctx: TimexContext) -> Norm | None:
    g = c.groups
    code = lexicon().table("seasons")[_lower(g["season"])]
    shift = _lower(g.get("shift"))
    mod = _mod_of(c) or {"early": "START", "late": "END"}.get(shift)
    year_text = _year_text(g)
    if year_text:
        return Norm("DATE", f"{cal.yyyy(int(year_text))}-{code}", mod)
    if ctx.anchor is None:
        return _unresolved("DATE", f"XXXX-{code}", mod)
    a = ctx.anchor
    order = lexicon().table("season_order")
    current = lexicon().table("season_of_month")[a.month]
    # the season's year: winter belongs to the year it starts in (December)
    year = a.year - 1 if current == "WI" and a.month <= 2 else a.year
    here, there = order.index(current), order.index(code)
    if shift in ("last", "this past"):
        year = year if there < here else year - 1
    elif shift in ("next", "this coming"):
        year = year if there > here else year + 1
    elif shift == "this":
        year = a.year
    elif not shift:
        if ctx.tense == "past" and there > here:
            year -= 1
        elif ctx.tense == "future" and there < here:
            year += 1
    return _rel("DATE", f"{cal.yyyy(year)}-{code}", mod)


def _holiday(c: Candidate, ctx: TimexContext) -> Norm | None:
    g = c.groups
    spec = holiday_spec(_lower(g["holiday"]))
    mod = _mod_of(c)
    if g.get("year"):
        day = cal.holiday_date(spec, int(g["year"]), ctx.country)
        return Norm("DATE", _holiday_value(c, day), mod) if day else _unresolved("DATE", None, mod)
    if ctx.anchor is None:
        if "day" in spec and not (g.get("hwe") or g.get("hwk")):
            return _unresolved("DATE", f"XXXX-{int(spec['month']):02d}-{int(spec['day']):02d}", mod)
        return _unresolved("DATE", None, mod)
    direction = _holiday_direction(_lower(g.get("shift")), ctx)
    if g.get("hwk") and direction in ("past", "future"):
        day = _holiday_week_near(spec, ctx.anchor, direction, ctx.country)
    else:
        day = _holiday_near(spec, ctx.anchor, direction, ctx.country)
    return _rel("DATE", _holiday_value(c, day), mod) if day else _unresolved("DATE", None, mod)


def _holiday_value(c: Candidate, day: dt.date) -> str:
    """The holiday's day; with "weekend" after it the weekend nearest that day ("Labor Day weekend":
    the Saturday and Sunday before the Monday; "Thanksgiving weekend": those after the Thursday); with
    "week" after it the calendar week holding it ("Easter week", "Christmas week")."""
    if c.groups.get("hwe"):
        return f"{cal.week_value(cal.nearest_saturday(day))}-WE"
    return cal.week_value(day) if c.groups.get("hwk") else day.isoformat()


def _holiday_week_near(
    spec: dict[str, Any], a: dt.date, direction: str, country: str | None
) -> dt.date | None:
    """The holiday whose calendar week the clause's tense points to: in a past clause the latest week
    begun by the anchor ("as Easter week began", read on its Monday), in a future one the first not yet
    over."""
    days = [d for d in (cal.holiday_date(spec, y, country) for y in (a.year - 1, a.year, a.year + 1)) if d]
    if direction == "past":
        begun = [d for d in days if d - dt.timedelta(days=d.isoweekday() - 1) <= a]
        return max(begun) if begun else None
    ahead = [d for d in days if d + dt.timedelta(days=7 - d.isoweekday()) >= a]
    return min(ahead) if ahead else None


def _holiday_direction(shift: str, ctx: TimexContext) -> str:
    """ "last Easter": the latest before the anchor; "next Christmas": the first after; "this
    Christmas": this year's; without a word, the clause's tense decides."""
    n = lexicon().table("holiday_shifts").get(shift) if shift else None
    if n is not None:
        return {-1: "last", 1: "next", 0: "this"}[int(n)]
    return {"future": "future", "past": "past"}.get(ctx.tense, "this")


def _holiday_near(spec: dict[str, Any], a: dt.date, direction: str, country: str | None) -> dt.date | None:
    this_year = cal.holiday_date(spec, a.year, country)
    if this_year is None or direction == "this":
        return this_year
    if direction in ("future", "next"):
        ahead = this_year >= a if direction == "future" else this_year > a
        return this_year if ahead else cal.holiday_date(spec, a.year + 1, country)
    behind = this_year <= a if direction == "past" else this_year < a
    return this_year if behind else cal.holiday_date(spec, a.year - 1, country)


def _fixed(c: Candidate, ctx: TimexContext) -> Norm | None:
    type_, value = lexicon().table("fixed")[_lower(c.groups["fixed"])]
    return Norm(type_, value, _mod_of(c))


def _frequency(c: Candidate, ctx: TimexContext) -> Norm | None:
    return Norm("SET", lexicon().table("frequencies")[_lower(c.groups["freq"])])


def _every(c: Candidate, ctx: TimexContext) -> Norm | None:
    """ "every Monday" XXXX-WXX-1, "every January" XXXX-01, "every morning" XXXX-XX-XXTMO, "every
    summer" XXXX-SU; "every week" P1W, "every other week" P2W, "every three months" P3M."""
    g = c.groups
    if g.get("wd"):
        wd = lexicon().weekdays[g["wd"].lower().rstrip(".")]
        return Norm("SET", f"XXXX-WXX-{wd}" + _part(g.get("wdpod")))
    if g.get("month"):
        return Norm("SET", f"XXXX-{_month_num(g['month']):02d}")
    if g.get("pod"):
        return Norm("SET", f"XXXX-XX-XXT{lexicon().table('parts_of_day')[_lower(g['pod'])]}")
    if g.get("season"):
        return Norm("SET", f"XXXX-{lexicon().table('seasons')[_lower(g['season'])]}")
    if g.get("num"):  # "every three days"; "every few days" PXD
        vague = _lower(g["num"]) in {_lower(v) for v in lexicon().table("vague_numbers")}
        n = None if vague else parse_number(_lower(g["num"]))
        if not vague and (n is None or not float(n).is_integer()):
            return None
        return Norm("SET", _duration_value(n, _lower(g["units"])))
    unit = _lower(g["unit"])
    if unit == "weekend":
        return Norm("SET", "XXXX-WXX-WE")
    return Norm("SET", _duration_value(2 if g.get("other") else 1, "day" if unit == "night" else unit))


def _times_per(c: Candidate, ctx: TimexContext) -> Norm | None:
    """ "twice a year": P1Y, as TimeML writes the period (its ``freq`` 2X is not kept)."""
    unit = _lower(c.groups["unit"])
    return Norm("SET", _duration_value(1, "day" if unit == "night" else unit))


def _weekdays_ago(c: Candidate, ctx: TimexContext) -> Norm | None:
    """ "two Fridays ago": the last Friday before the anchor, and one week back for each more."""
    n = parse_number(_lower(c.groups["num"]))
    if n is None or not float(n).is_integer() or ctx.anchor is None:
        return _unresolved("DATE", None, _mod_of(c))
    last = _weekday_date(c.groups["wd"], "last", ctx)
    assert last is not None
    return _rel("DATE", cal.shift(last, "week", 1 - int(n)).isoformat(), _mod_of(c))


def _plural_days(c: Candidate, ctx: TimexContext) -> Norm | None:
    """ "on Mondays" XXXX-WXX-1, "on Sunday mornings" XXXX-WXX-7TMO, "at weekends" XXXX-WXX-WE."""
    wd = c.groups.get("wdp")
    if not wd:
        return Norm("SET", "XXXX-WXX-WE")
    return Norm("SET", f"XXXX-WXX-{lexicon().weekdays[_lower(wd)]}" + _part(c.groups.get("pods")))


def _part(word: str | None) -> str:
    """ "T" and the TIMEX3 part of the day a word names ("TMO"), or nothing."""
    return f"T{lexicon().table('parts_of_day')[_lower(word)]}" if word else ""


def _the_year(c: Candidate, ctx: TimexContext) -> Norm | None:
    if c.groups.get("ended"):
        return Norm("DURATION", "P1Y", _mod_of(c))
    if ctx.anchor is None:
        return _unresolved("DATE", None, _mod_of(c))
    return _rel("DATE", f"{cal.yyyy(ctx.anchor.year)}", _mod_of(c))


def _that_year(c: Candidate, ctx: TimexContext) -> Norm | None:
    """ "later that year": the year of the last date named; nothing to say without one."""
    if ctx.last_point is None:
        return None
    return _rel("DATE", ctx.last_point[:4], _mod_of(c))


def _year_end(c: Candidate, ctx: TimexContext) -> Norm | None:
    mod = _mod_of(c) or "END"  # "around year end": APPROX
    if ctx.anchor is None:
        return _unresolved("DATE", None, mod)
    return _rel("DATE", f"{cal.yyyy(ctx.anchor.year)}", mod)


def _spoken_year(c: Candidate, ctx: TimexContext) -> Norm | None:
    rest = c.groups.get("rest")
    if c.groups.get("rest2"):  # "two thousand eight"
        n = parse_number(_lower(c.groups["rest2"]))
        return (
            Norm("DATE", str(2000 + n), _mod_of(c)) if n and 1 <= n <= 99 and float(n).is_integer() else None
        )
    if rest is None:
        return Norm("DATE", "2000", _mod_of(c))
    year = _nineteen(rest)
    return Norm("DATE", year, _mod_of(c)) if year else None


_DECADE_WORDS = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}


def _decade_word(c: Candidate, ctx: TimexContext) -> Norm | None:
    d = _DECADE_WORDS[_lower(c.groups["decw"])]
    mod = {"early": "START", "late": "END", "mid": "MID"}.get(_lower(c.groups.get("pm"))) or _mod_of(c)
    return Norm("DATE", f"19{d}", mod)  # "the nineties": TimeBank writes the decade as 199


HANDLERS: dict[str, Callable[[Candidate, TimexContext], Norm | None]] = {
    "iso": _iso,
    "dotted_date": _dotted_date,
    "numeric_date": _numeric_date,
    "month_day": _month_day,
    "day_month": _month_day,
    "week_of": _week_of,
    "nth_weekday": _nth_weekday,
    "nth_day": _nth_day,
    "nth_week": _nth_week,
    "weekday_week": _weekday_week,
    "day_of_month": _day_of_month,
    "month_year": _month_year,
    "month": _month,
    "weekday": _weekday,
    "clock": _clock,
    "day_beside": _day_beside,
    "then": _then,
    "relative_day": _relative_day,
    "unit_shift": _unit_shift,
    "unit_edge": _unit_edge,
    "weekend": _weekend,
    "after_next": _after_next,
    "this_time": _this_time,
    "tagged_unit": _tagged_unit,
    "duration": _duration,
    "bare_units": _bare_units,
    "long": _long,
    "whole_unit": _whole_unit,
    "year": _year,
    "short_year": _short_year,
    "decade": _decade,
    "century": _century,
    "quarter": _quarter,
    "q": _q,
    "month_quarter": _month_quarter,
    "h": _h,
    "quarter_rel": _quarter_rel,
    "half": _half,
    "year_ago": _year_ago,
    "season": _season,
    "holiday": _holiday,
    "fixed": _fixed,
    "the_year": _the_year,
    "year_end": _year_end,
    "that_year": _that_year,
    "spoken_year": _spoken_year,
    "decade_word": _decade_word,
    "frequency": _frequency,
    "every": _every,
    "times_per": _times_per,
    "plural_days": _plural_days,
    "weekdays_ago": _weekdays_ago,
}


def normalize(cand: Candidate, ctx: TimexContext) -> Norm | None:
    """The TIMEX3 reading of ``cand`` in ``ctx``; None when the match is not a time expression.

    A relative expression whose date would fall outside years 1..9999 (an anchor near either end
    of the calendar) keeps no value and says ``resolved=False``.
    """
    try:
        norm = HANDLERS[cand.rule](cand, ctx)
        if norm is not None and norm.mod is None and (cand.groups.get("orso") or "edge_mod" in cand.extra):
            norm.mod = _edge_mod(cand)  # "a week or so ago", "1990 and beyond", "post-1959"
        offset = cand.extra.get("offset_days")
        day = day_of(norm.value) if norm is not None and offset else None
        if norm is not None and day is not None and len(norm.value or "") == 10:
            norm.value = (day + dt.timedelta(days=int(offset or 0))).isoformat()  # "the day after Christmas"
        return norm
    except cal.OUT_OF_RANGE:
        return _unresolved("TIME" if cand.rule == "clock" else "DATE", None, _mod_of(cand))


_DAY_VALUE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def day_of(value: str | None) -> dt.date | None:
    """The calendar day a value names (``2023-05-02``, ``2023-05-02T20:00``), else None."""
    if not value:
        return None
    m = _DAY_VALUE.match(value)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
