"""The money scoring script counts amounts wrong with the right currency (silent or flagged by an
alternative reading) and scores a fixed held-out part of the documents on its own."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from evaluation.__main__ import main
from evaluation.money import part_of


def gold_doc(doc_id: str, text: str, figure: str, amount: str, currency: str) -> dict:
    start = text.index(figure)
    money = {
        "start": start,
        "end": start + len(figure),
        "text": figure,
        "amount": amount,
        "min": None,
        "max": None,
        "currency": currency,
        "approximate": False,
        "per_unit": None,
    }
    return {"id": doc_id, "text": text, "published": "2023-05-02", "gold": {"money": [money]}}


def score(capsys: pytest.CaptureFixture[str], tmp_path: Path, docs: list[dict]) -> str:
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    assert main(["money", str(path)]) == 0
    return capsys.readouterr().out


def wrong_line(out: str) -> str:
    return next(row for row in out.splitlines() if row.startswith("amount wrong with the right currency"))


def test_counts_amounts_wrong_with_the_right_currency(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    docs = [
        # the gold says 3.6 billion: read as 3.5 billion with no other reading, a silent error
        gold_doc(
            "a", "Apple said it would pay $3.5 billion to Samsung.", "$3.5 billion", "3600000000", "USD"
        ),
        # an ambiguous format: 1500 picked, the gold's 1.5 is the alternative offered
        gold_doc("b", "The club in Madrid paid €1.500 for the ball.", "€1.500", "1.5", "EUR"),
        # right
        gold_doc("c", "The fine was €2,99 in the end.", "€2,99", "2.99", "EUR"),
    ]
    out = score(capsys, tmp_path, docs)
    assert re.search(r": 2 \(silent: 1; right value among amount_alternatives: 1\)", wrong_line(out))


def test_held_out_part_is_fixed_and_reported(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    ids = [str(i) for i in range(60)]
    held = [i for i in ids if part_of(i) == "held-out"]
    assert 10 <= len(held) <= 30 and held == [i for i in ids if part_of(i) == "held-out"]
    doc = gold_doc(held[0], "The fine was €2,99 in the end.", "€2,99", "2.99", "EUR")
    out = score(capsys, tmp_path, [doc])
    assert "[held-out] 1 documents, 1 gold figures" in out and "[tune] 0 documents" in out
