"""docs/dates.md is a specification: every row of its table is read by the extractor as written."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from spacy.language import Language

from service.extract import analyse_doc

DOC = Path(__file__).resolve().parent.parent / "docs" / "dates.md"
PUBLISHED = dt.date(2023, 5, 2)  # a Tuesday, as the page says
ROW = re.compile(
    r"^\| (?P<cls>[^|]+) \| (?P<sentence>[^|]+) \| (?P<text>[^|]+) \| (?P<type>[A-Z]+) \| "
    r"`(?P<value>[^`]+)`(?: \((?P<mod>[A-Z_]+)\))? \|$"
)


def _rows() -> list[dict[str, str | None]]:
    return [m.groupdict() for line in DOC.read_text(encoding="utf-8").splitlines() if (m := ROW.match(line))]


def test_the_page_has_its_table() -> None:
    assert len(_rows()) >= 40


@pytest.mark.parametrize("row", _rows(), ids=lambda r: str(r["text"]))
def test_each_row_is_read_as_the_page_says(nlp: Language, row: dict[str, str | None]) -> None:
    dates = analyse_doc(nlp(str(row["sentence"])), PUBLISHED, include=("dates",)).dates
    found = [(d.text, d.type, d.value, d.mod) for d in dates]
    assert (row["text"], row["type"], row["value"], row["mod"]) in found, found
