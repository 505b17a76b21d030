"""The scoring scripts read the annotated formats and count right, on small files made here.

(The real dev sets live outside the repository: `python -m evaluation NAME PATH`.)
"""

from __future__ import annotations

import json
import re

import pytest

from evaluation.__main__ import main
from evaluation.common import match_by_overlap

NEWS = "Apple Inc. said on Tuesday it would pay $3.5 billion to Samsung.\n"
QUOTE = '"We will win," Sergei Shoigu said on Tuesday.\n'


def span(text: str, part: str, **extra) -> dict:
    start = text.index(part)
    return {"start": start, "end": start + len(part), "text": part, **extra}


def news_doc(timex_value: str = "2023-05-02", currency: str = "USD") -> dict:
    return {
        "id": "n1",
        "text": NEWS,
        "published": "2023-05-04",
        "gold": {
            "entities": [
                span(NEWS, "Apple Inc.", label="ORG", syntactic_type="NAM"),
                span(NEWS, "Samsung", label="ORG", syntactic_type="NAM"),
            ],
            "timex": [span(NEWS, "Tuesday", type="DATE", value=timex_value)],
            "money": [
                span(
                    NEWS,
                    "$3.5 billion",
                    amount="3500000000",
                    min=None,
                    max=None,
                    currency=currency,
                    approximate=False,
                    per_unit=None,
                )
            ],
        },
    }


def run(capsys, name: str, path) -> str:
    assert main([name, str(path)]) == 0
    return capsys.readouterr().out


def line(output: str, label: str) -> str:
    return next(row for row in output.splitlines() if re.match(rf"\s*{re.escape(label)}", row))


@pytest.fixture
def write(tmp_path):
    def _write(doc: dict):
        path = tmp_path / "gold.jsonl"
        path.write_text(json.dumps(doc) + "\n", encoding="utf-8")
        return path

    return _write


def test_entities_script(capsys, write):
    out = run(capsys, "entities", write(news_doc()))
    assert "F1 1.000" in line(out, "typed    ours")


def test_money_script_counts_currency_errors(capsys, write):
    out = run(capsys, "money", write(news_doc()))
    assert "F1 1.000" in line(out, "service money") and "1.000" in line(out, "both")
    out = run(capsys, "money", write(news_doc(currency="CAD")))
    assert "F1 1.000" in line(out, "service money") and "0.000" in line(out, "currency")


def test_dates_script_counts_value_errors(capsys, write):
    out = run(capsys, "dates", write(news_doc()))
    assert "F1 1.000" in line(out, "value (relaxed span)")
    out = run(capsys, "dates", write(news_doc(timex_value="2023-05-09")))
    assert "F1 1.000" in line(out, "span relaxed") and "F1 0.000" in line(out, "value (relaxed span)")


def test_doc_cache_gives_the_same_scores(capsys, write, tmp_path, monkeypatch):
    """With $NEWSFACTS_DOC_CACHE set, the first run stores each parse and the second reads it back."""
    path = write(news_doc())
    plain = run(capsys, "dates", path)
    cache = tmp_path / "docs"
    monkeypatch.setenv("NEWSFACTS_DOC_CACHE", str(cache))
    first = run(capsys, "dates", path)
    assert len(list(cache.glob("*.spacy"))) == 1
    second = run(capsys, "dates", path)
    # timings vary run to run ("dates stage 0.01s" on a loaded machine): not compared
    strip = lambda out: [  # noqa: E731
        r for r in out.splitlines() if "ms/" not in r and " s " not in r and not r.startswith("time ")
    ]
    assert strip(plain) == strip(first) == strip(second)


def test_quotes_script(capsys, write):
    doc = {
        "id": "q1",
        "text": QUOTE,
        "published": "2023-05-02",
        "gold": {
            "attributions": [
                {
                    "id": "E1",
                    "no_source": False,
                    "source": [span(QUOTE, "Sergei Shoigu")],
                    "cue": [span(QUOTE, "said")],
                    "content": [span(QUOTE, '"We will win,"')],
                    "has_quote_mark": True,
                }
            ],
            "quotes": [
                {
                    **span(QUOTE, "We will win,"),
                    "speaker": span(QUOTE, "Sergei Shoigu"),
                    "cue": span(QUOTE, "said"),
                }
            ],
        },
    }
    out = run(capsys, "quotes", write(doc))
    assert "1.000" in line(out, "quote spans F1") and "1.000" in line(out, "speaker accuracy")
    assert "1.000" in line(out, "attribution content F1") and "1.000" in line(out, "source accuracy")
    assert "(0/0)" in line(out, "  reported speech R")  # no gold attribution without quotation marks


def test_unknown_script_is_a_usage_error(capsys):
    assert main(["sentiment", "x.jsonl"]) == 2


@pytest.mark.parametrize(
    ("pred", "gold", "pairs"),
    [
        ([(0, 10)], [(5, 15)], [(0, 0)]),
        ([(0, 10), (8, 20)], [(9, 20)], [(1, 0)]),  # the larger overlap wins the gold span
        ([(0, 5)], [(5, 10)], []),  # touching is not overlapping
        ([(0, 10)], [(0, 4), (6, 10)], [(0, 0)]),  # one-to-one
    ],
)
def test_match_by_overlap(pred, gold, pairs):
    assert match_by_overlap(pred, gold) == pairs
