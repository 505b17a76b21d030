"""Ranges written as one phrase: both ends become expressions, linked begin -> end.

- A day after a month and day: "July 13-15", "July 13 to 15, 2024" (the second day, same month);
- a day before a day and month: "13-15 August", "from 13 to 15 August", "between 13 and 15 August";
- an hour before a clock time: "3-4pm", "10:30 to 11:45 a.m." (the same half of the day, or the
  morning when the first hour is the larger: "11-1pm");
- two expressions found on their own and joined as a range: "from Monday to Friday",
  "March 3 - March 5", "between 2010 and 2012", "Monday through Friday".

The new end points are candidates of the rule of the expression they lean on, with the day or hour
replaced; the begin candidate's ``range_end`` points at the end candidate.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .grammar import Candidate

_DASH = r"\s*[-–—]\s*"
_JOIN = rf"(?:{_DASH}|\s+(?:to|through|thru|until|till)\s+)"
_FOLLOW = r"(?=\s*(?:[.,;:)]|$)|\s+(?:in|at|on|when|and|or|for|with|from|to|as|after|before)\b)"
_DAY_AFTER = re.compile(
    rf"{_JOIN}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:(?:,?\s+(?P<year>(?:1[6-9]|20)\d\d))|{_FOLLOW})"
)
_DAY_BEFORE = re.compile(
    rf"(?:(?P<between>\bbetween\s+)|(?P<from>\bfrom\s+))?(?<![\d.,:/$])(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"(?:{_JOIN}|\s+and\s+)(?:the\s+)?$",
    re.I,
)
_HOUR_BEFORE = re.compile(rf"(?<![\d.,:/$])(?P<h>\d{{1,2}})(?:[:.](?P<mi>\d\d))?{_JOIN}$", re.I)
_JOINED = re.compile(rf"^(?:{_DASH}|\s+(?:to|through|thru|until|till|and)\s+)$", re.I)
_OPENER = re.compile(r"\b(?P<word>from|between)\s+$", re.I)
_POINT_RULES = frozenset(
    {"iso", "numeric_date", "month_day", "day_month", "month_year", "month", "weekday", "year"}
)


def with_ranges(text: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (in text order, without overlaps) with the new end points of ranges, in text order;
    a new end point replaces what it overlaps ("10:30" found alone in "10:30 to 11:45 a.m.")."""
    extra = sorted(find_ranges(text, cands), key=lambda c: c.start)
    if not extra:
        return cands
    kept: list[Candidate] = []
    j = 0
    for c in cands:  # both in text order: one pass
        while j < len(extra) and extra[j].end <= c.start:
            j += 1
        if not any(c.start < e.end and e.start < c.end for e in extra[j : j + 2]):
            kept.append(c)
    return sorted([*kept, *extra], key=lambda c: c.start)


def find_ranges(text: str, cands: list[Candidate]) -> list[Candidate]:
    """The new end points of ranges in ``cands`` (in text order, without overlaps); links set in place."""
    extra: list[Candidate] = []
    for i, cand in enumerate(cands):
        if cand.range_end is not None or any(c.range_end is cand for c in cands[max(0, i - 1) : i]):
            continue
        if i + 1 < len(cands) and _join_pair(text, cand, cands[i + 1]):
            continue
        partner = _day_after(text, cand) or _day_before(text, cand) or _hour_before(text, cand)
        if partner is not None:
            extra.append(partner)
    return extra


def _join_pair(text: str, a: Candidate, b: Candidate) -> bool:
    """ "from Monday to Friday", "2010-2012", "between May and July": two expressions of one kind."""
    if a.rule not in _POINT_RULES or b.rule not in _POINT_RULES or a.mod_word or b.mod_word:
        return False
    between = text[a.end : b.start]
    if not _JOINED.match(between) or (a.rule == "year") != (b.rule == "year"):
        return False
    opener = _OPENER.search(text, max(0, a.start - 9), a.start)
    word = between.strip().lower()
    if word == "and" and not (opener and opener.group("word").lower() == "between"):
        return False
    if word in ("to", "until", "till") and not opener:
        return False  # "moved it to Friday" after "Monday": no range without "from"
    a.range_end = b
    return True


def _day_after(text: str, cand: Candidate) -> Candidate | None:
    if cand.rule != "month_day":
        return None
    m = _DAY_AFTER.match(text, cand.end)
    if m is None or not int(cand.groups["day"]) < int(m.group("day")) <= 31:
        return None
    year = m.group("year") or cand.groups.get("year")
    if year and not cand.groups.get("year"):
        cand.groups["year"] = year  # "July 13-15, 2024": the year of both ends
    groups = {**cand.groups, "day": m.group("day"), "lead_wd": None, "year": year}
    stop = m.end("year") if m.group("year") else m.end("day")
    end = Candidate(m.start("day"), stop, "month_day", groups, extra={"coordinated": "yes"})
    cand.range_end = end
    return end


def _day_before(text: str, cand: Candidate) -> Candidate | None:
    if cand.rule != "day_month":
        return None
    m = _DAY_BEFORE.search(text, max(0, cand.start - 30), cand.start)
    if m is None or not 1 <= int(m.group("day")) < int(cand.groups["day"]):
        return None
    if text[m.end("day") : cand.start].strip().lower().startswith("and") and not m.group("between"):
        return None  # "13 and 15 August" without "between": two days, not a range
    groups = {**cand.groups, "day": m.group("day"), "lead_wd": None}
    begin = Candidate(m.start("day"), m.end("day"), "day_month", groups)
    begin.range_end = cand
    return begin


def _hour_before(text: str, cand: Candidate) -> Candidate | None:
    if cand.rule != "clock" or not cand.groups.get("ampm") or cand.mod_word:
        return None
    m = _HOUR_BEFORE.search(text, max(0, cand.start - 12), cand.start)
    if m is None or not 1 <= int(m.group("h")) <= 12:
        return None
    ampm = cand.groups["ampm"]
    if int(m.group("h")) > int(cand.groups["h"]) and int(m.group("h")) != 12:
        ampm = "am" if ampm.lower().startswith("p") else "pm"  # "11-1pm": from 11 in the morning
    groups = {**cand.groups, "clock": m.group(0), "h": m.group("h"), "mi": m.group("mi"), "ampm": ampm}
    end = m.end("mi") if m.group("mi") else m.end("h")
    begin = replace(cand, start=m.start("h"), end=end, groups=groups, extra=dict(cand.extra))
    begin.range_end = cand
    return begin
