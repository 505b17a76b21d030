"""The publication date: from the request, else from a dateline, else none (never the server's clock)."""

from __future__ import annotations

import datetime as dt

import pytest

from service.extract.published import find_dateline, parse_published, resolve_published

D = dt.date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-05-02", D(2023, 5, 2)),
        ("2023-05-02T09:30:00Z", D(2023, 5, 2)),
        ("2023-05-02T23:30:00.123+05:30", D(2023, 5, 2)),
        ("2023-05-02t09:30:00z", D(2023, 5, 2)),
        (" 2023-05-02 ", D(2023, 5, 2)),
    ],
)
def test_published_accepts_dates_and_rfc3339_datetimes(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "yesterday",
        "May 2, 2023",
        "2023-5-2",
        "2023-02-30",
        "0000-01-01",
        "2023-05-02T09:30",
        "20230502",
        "",
    ],
)
def test_published_rejects_anything_else(value):
    with pytest.raises(ValueError):
        parse_published(value)


# (article opening, dateline date, the dateline's text)
DATELINES = [
    ("date 2023-05-02 By Euronews with AP\n\nKremlin orders more munitions", D(2023, 5, 2), "2023-05-02"),
    (
        "Apple releases iPhone SDK, announces upcoming update\nMarch 06, 2008\nDuring a media event",
        D(2008, 3, 6),
        "March 06, 2008",
    ),
    ("LONDON, 2 May 2023 (Reuters) - Britain's economy grew", D(2023, 5, 2), "2 May 2023"),
    ("Published Sept. 14, 2021\nThe Senate voted", D(2021, 9, 14), "Sept. 14, 2021"),
]


@pytest.mark.parametrize(("text", "day", "span_text"), DATELINES)
def test_dateline_in_the_first_lines(text, day, span_text):
    found = find_dateline(text)
    assert found is not None
    assert found[0] == day
    assert text[found[1].start : found[1].end] == span_text == found[1].text


@pytest.mark.parametrize(
    "text",
    [
        # A date in the story's prose is an event date, not a dateline.
        "The Senate voted on March 3, 2021 to approve a relief bill that the House had passed "
        "the week before, sending it to the president.",
        # Month and year only: not a full date.
        "May 2023\nThe economy grew.",
        # Below the opening lines.
        "Headline\nStandfirst\nFirst paragraph.\nSecond paragraph.\nMarch 06, 2008",
        "",
    ],
)
def test_no_dateline(text):
    assert find_dateline(text) is None


def test_the_request_wins_over_the_dateline_and_none_means_none():
    text = "date 2023-05-02 By Euronews\n\nShoigu spoke on Tuesday."
    assert resolve_published(text, D(2023, 5, 9))[:2] == (D(2023, 5, 9), "request")
    assert resolve_published(text, None)[:2] == (D(2023, 5, 2), "dateline")
    assert resolve_published("Shoigu spoke on Tuesday.", None) == (None, "none", None)
