"""Issue 13: the phrasing classes the first rules missed, one table per class, in news sentences.

Anchored on Tuesday 2 May 2023 (conftest.REFERENCE_DATE) unless a case says otherwise. Each row
is (sentence, expected (text, type, value) of every DATE/TIME/DURATION expression found).
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import REFERENCE_DATE
from spacy.language import Language

from service.extract import analyse_doc


def _triples(nlp: Language, text: str, published: dt.date | None = REFERENCE_DATE) -> list[tuple]:
    dates = analyse_doc(nlp(text), published, include=("dates",)).dates
    return [(d.text, d.type, d.value) for d in dates]


HOLIDAYS = [
    ("Shoppers lined up for Black Friday 2013 deals.", [("Black Friday 2013", "DATE", "2013-11-29")]),
    (
        "Orthodox Easter fell on April 16 this year.",
        [
            ("Orthodox Easter", "DATE", "2023-04-16"),
            ("April 16", "DATE", "2023-04-16"),
            ("this year", "DATE", "2023"),
        ],
    ),
    ("Sales were weak last Easter, the company said.", [("last Easter", "DATE", "2023-04-09")]),
    ("The store will reopen next Christmas.", [("next Christmas", "DATE", "2023-12-25")]),
    ("The parade will be held on St. Patrick’s Day.", [("St. Patrick’s Day", "DATE", "2024-03-17")]),
    ("Markets in Shanghai were shut for Chinese New Year.", [("Chinese New Year", "DATE", "2023-01-22")]),
    (
        "The office was closed on Martin Luther King Jr. Day.",
        [("Martin Luther King Jr. Day", "DATE", "2023-01-16")],
    ),
    ("Muslims celebrated Eid al-Fitr with their families.", [("Eid al-Fitr", "DATE", "2023-04-21")]),
    ("Fireworks lit the sky over Delhi for Diwali 2022.", [("Diwali 2022", "DATE", "2022-10-24")]),
    ("The holiday season starts on Thanksgiving 2023.", [("Thanksgiving 2023", "DATE", "2023-11-23")]),
]


@pytest.mark.parametrize(("text", "expected"), HOLIDAYS)
def test_holidays(nlp: Language, text: str, expected: list) -> None:
    assert _triples(nlp, text) == expected
