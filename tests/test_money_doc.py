"""docs/money.md is a specification: every row of its table is read by the extractor as written."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import REFERENCE_DATE
from spacy.language import Language

from service.extract import analyse_doc

DOC = Path(__file__).resolve().parent.parent / "docs" / "money.md"
ROW = re.compile(
    r"^\| (?P<family>[^|]+) \| (?P<sentence>[^|]+) \| (?P<text>[^|]+) \| "
    r"(?P<low>-?[\d.]+)(?:–(?P<high>[\d.]+))? \| (?P<currency>[A-Z]{3}) \|$"
)


def _rows() -> list[dict[str, str | None]]:
    return [m.groupdict() for line in DOC.read_text(encoding="utf-8").splitlines() if (m := ROW.match(line))]


def test_the_page_has_its_table() -> None:
    assert len(_rows()) >= 50


@pytest.mark.parametrize("row", _rows(), ids=lambda r: str(r["text"]))
def test_each_row_is_read_as_the_page_says(nlp: Language, row: dict[str, str | None]) -> None:
    money = analyse_doc(nlp(str(row["sentence"])), REFERENCE_DATE, include=("entities", "money")).money
    found = [(m.text, m.amount, m.min, m.max, m.currency) for m in money]
    low = Decimal(str(row["low"]))
    if row["high"] is None:
        expected = (row["text"], low, None, None, row["currency"])
    else:
        expected = (row["text"], None, low, Decimal(row["high"]), row["currency"])
    assert expected in found, found
