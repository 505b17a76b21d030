"""Dates on hostile and far-off input (issue 19): no exception anywhere in the calendar, linear time.

Each crash that reached users has its sentence; the calendar arithmetic is checked at both ends of
Python's date range with Hypothesis; each pattern that was slow on a long input has a timed case at
the service's size limit.
"""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from service.config import Settings
from service.extract import analyse_doc
from service.extract.dates.grammar import find_candidates
from service.extract.dates.normalize import TimexContext, normalize
from service.extract.dates.ranges import with_ranges

# --- the sentences that crashed --------------------------------------------------------------

FAR_CASES = [
    # (sentence, published, expected (text, type, value) of the expressions)
    (
        "The ancient city was founded 3,000 years ago.",
        dt.date(2023, 5, 2),
        [("3,000 years ago", "DATE", "BC0978")],  # astronomical -977: 978 BC
    ),
    (
        "Archaeologists say people lived in the cave about 12,000 years ago.",
        dt.date(2023, 5, 2),
        [("about 12,000 years ago", "DATE", "BC9978")],
    ),
    (
        "The sediment settled there some 200,000 years ago, the team said.",
        dt.date(2023, 5, 2),
        [("some 200,000 years ago", "DURATION", "P200000Y")],  # no ISO-TimeML year for it
    ),
    ("The temple was built 1,500 years ago.", dt.date(2023, 5, 2), [("1,500 years ago", "DATE", "0523")]),
    # a market table's column headings, not "58,100 years ago"
    ("Corn exports: This Week 61,200 Week Ago 58,100 Year Ago 30,800", dt.date(2023, 5, 2), []),
]


@pytest.mark.parametrize(("text", "published", "expected"), FAR_CASES)
def test_far_points_and_tables(nlp: Language, text: str, published: dt.date, expected: list) -> None:
    dates = analyse_doc(nlp(text), published, include=("dates",)).dates
    got = [(d.text, d.type, d.value) for d in dates if d.type in ("DATE", "DURATION")]
    assert got == expected


EDGE_TEXT = (
    "The talks began yesterday and resume next week, on Friday at 5 p.m., before Easter; "
    "two days ago the minister said the deal would close in three years, next month or "
    "the following day, and 3,000 years from now nobody will care. Last Christmas was quiet."
)


@pytest.mark.parametrize("published", [dt.date.min, dt.date(1, 1, 3), dt.date(9999, 12, 30), dt.date.max])
def test_relative_dates_at_the_ends_of_the_calendar(nlp: Language, published: dt.date) -> None:
    """Anchored on 0001-01-01 or 9999-12-31, every relative expression still comes back."""
    result = analyse_doc(nlp(EDGE_TEXT), published, include=("dates",))
    assert not result.warnings
    assert len(result.dates) >= 8
    for d in result.dates:
        assert d.value is None or _VALUE.fullmatch(d.value), d


_VALUE = re.compile(r"(?:BC)?\d{1,4}[\w:+-]*|P[\dTXYMWDHS.]+|\w+_REF")

PHRASES = [
    "yesterday",
    "tomorrow at 9 a.m.",
    "next week",
    "last month",
    "next year",
    "Friday",
    "next Monday",
    "the previous day",
    "the first quarter",
    "last Christmas",
    "Easter",
    "Thanksgiving",
    "the weekend",
    "this past weekend",
    "two days ago",
    "3,000 days from now",
    "99,999 years ago",
    "9,000 centuries ago",
    "in 5,000 years",
    "last spring",
    "March 3",
    "the end of the month",
    "the year-ago quarter",
    "the second half",
    "the first Tuesday of next month",
    "the last Friday of December",
    "Wednesday next week",
    "Tuesday the 19th",
    "the week after next",
    "Tuesday, March 5",
    "Ramadan",
    "Independence Day",
    "last Easter",
    "next Thanksgiving",
    "July 13-15",
    "3-4pm",
    "from Monday to Friday",
    "this afternoon at 3:20",
    "at 7:30 PM on Fri, Sep 20",
]


@settings(max_examples=60, deadline=None)
@given(
    anchor=st.one_of(
        st.dates(max_value=dt.date(1, 2, 1)),
        st.dates(min_value=dt.date(9999, 11, 1)),
        st.dates(),
    ),
    phrase=st.sampled_from(PHRASES),
    tense=st.sampled_from(["past", "present", "future"]),
)
def test_calendar_arithmetic_never_raises(anchor: dt.date, phrase: str, tense: str) -> None:
    """Every rule's normalisation, for any anchor in Python's range and any tense, returns a value
    or None: never an exception."""
    text = f"They met {phrase} in the capital."
    for cand in find_candidates(text):
        norm = normalize(cand, TimexContext(anchor=anchor, tense=tense, last_day=anchor))
        if norm is not None and norm.value is not None:
            assert _VALUE.fullmatch(norm.value), (phrase, norm)


# --- time: every pattern linear in its input ----------------------------------------------------

LIMIT = Settings().max_chars
HOT_SPOTS = {
    # "1,000,000..." read again from every comma group: quadratic (120 s at 200k characters)
    "comma chain": lambda n: "1" + ",000" * ((n - 1) // 4),
    "durations": lambda n: "5 years " * (n // 8),
    "dotted numbers": lambda n: "1." * (n // 2),
    "ranges": lambda n: "July 1-2, 3:30 to 4 p.m., " * (n // 26),
}


def _per_char(text: str) -> float:
    started = time.perf_counter()
    with_ranges(text, find_candidates(text))
    return (time.perf_counter() - started) / len(text)


@pytest.mark.parametrize("name", sorted(HOT_SPOTS))
def test_detection_is_linear_at_the_size_limit(name: str) -> None:
    """At the size limit, time per character stays near its value on a tenth of it (a quadratic
    pattern costs ten times more per character there) and under a ceiling a loaded CI runner keeps."""
    small = _per_char(HOT_SPOTS[name](LIMIT // 10))
    large = _per_char(HOT_SPOTS[name](LIMIT))
    assert large < 100e-6, f"{name}: {large * 1e6:.1f} µs a character"
    assert large < 3 * small + 2e-6, f"{name}: {small * 1e6:.1f} -> {large * 1e6:.1f} µs a character"
