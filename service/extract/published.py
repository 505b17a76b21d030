"""The article's publication date: given by the caller, or read from a dateline.

A dateline is a line near the top of the article that carries nothing but
the date and a byline or place: ``date 2023-05-02 By Euronews with AP``,
``March 06, 2008``; or the wire form that opens the first paragraph, a place
in capitals, the date, the agency and a dash: ``WASHINGTON, March 20, 2024
(Reuters) - The Federal Reserve held ...``. Only the first few lines are looked
at, and only complete dates (year, month and day) count: a date inside the
story's prose, even a one-line story ("The deal will close on March 3, 2014."),
is an event date, not a dateline.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from .model import PublishedSource, Span
from .tables import read_yaml


@functools.cache
def _months() -> dict[str, int]:
    """Month names and abbreviations -> number: the dates stage's table (``data/dates.yaml``)."""
    return {str(name).lower(): int(number) for name, number in read_yaml("dates.yaml")["months"].items()}


@functools.cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    month = r"(?P<month>" + "|".join(sorted(_months(), key=len, reverse=True)) + r")\.?"
    return (
        re.compile(r"(?P<year>\d{4})-(?P<mon>\d{1,2})-(?P<day>\d{1,2})\b"),
        re.compile(month + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b", re.I),
        re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + month + r",?\s+(?P<year>\d{4})\b", re.I),
    )


# A dateline is short; a line longer than this is prose.
_MAX_DATELINE_WORDS = 12
_HEAD_LINES = 4


def parse_published(value: str) -> dt.date:
    """A date (``2023-05-02``) or an RFC 3339 date-time, to its calendar date.

    Raises ValueError for anything else.
    """
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})", value):
        return dt.datetime.fromisoformat(value.replace("z", "Z")).date()
    raise ValueError("not a date (YYYY-MM-DD) or an RFC 3339 date-time")


# the wire form: "WASHINGTON, March 20, 2024 (Reuters) - ", "PARIS, France, 2 May 2023 — "
_WIRE_HEAD = re.compile(r"^\s*[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Z][\w.'’ -]{1,30})?,\s*$")
_WIRE_TAIL = re.compile(r"^\s*(?:\([^()\n]{1,40}\)\s*)?[-–—]")
_WORD = re.compile(r"[^\W\d_][\w.'’-]*")


@functools.cache
def _byline_words() -> frozenset[str]:
    return frozenset(str(w).lower() for w in read_yaml("datelines.yaml")["byline_words"])


def _is_dateline(line: str, start: int, end: int) -> bool:
    """The wire form, or a short line whose words besides the date are a byline or a place."""
    if _WIRE_HEAD.match(line[:start]) and _WIRE_TAIL.match(line[end:]):
        return True
    if len(line.split()) > _MAX_DATELINE_WORDS:
        return False
    rest = line[:start] + " " + line[end:]
    prose = [w for w in _WORD.findall(rest) if w[0].islower() and w.lower() not in _byline_words()]
    return len(prose) <= 1


def find_dateline(text: str) -> tuple[dt.date, Span] | None:
    """The publication date written in the first lines of ``text``, if any."""
    offset = 0
    seen = 0
    for line in text.split("\n"):
        if line.strip():
            seen += 1
            long = len(line) > 400 or len(line.split()) > _MAX_DATELINE_WORDS
            found = _date_in(line[:120] if long else line)  # a long line: only a wire dateline's opening
            if found is not None and _is_dateline(line, found[1], found[2]):
                day, start, end = found
                return day, Span(line[start:end], offset + start, offset + end)
            if seen >= _HEAD_LINES:
                break
        offset += len(line) + 1
    return None


def _date_in(line: str) -> tuple[dt.date, int, int] | None:
    for pattern in _patterns():
        m = pattern.search(line)
        if not m:
            continue
        groups = m.groupdict()
        month = int(groups["mon"]) if groups.get("mon") else _months()[groups["month"].lower()]
        try:
            return dt.date(int(groups["year"]), month, int(groups["day"])), m.start(), m.end()
        except ValueError:
            continue
    return None


def resolve_published(
    text: str, published: dt.date | None
) -> tuple[dt.date | None, PublishedSource, Span | None]:
    """The publication date to anchor relative dates on, and where it came from."""
    dateline = find_dateline(text)
    if published is not None:
        return published, "request", dateline[1] if dateline else None
    if dateline is not None:
        return dateline[0], "dateline", dateline[1]
    return None, "none", None
