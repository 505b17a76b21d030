"""Every article of the development corpora through the extractors: no exception, no stage warning,
offsets that slice the text back, the same answer twice, and each section the same whether asked
alone or with the others.

The corpora live outside the repository (``../shared/data/``, ~1,300 news articles: TimeBank/AQUAINT,
PolNeAR, MEANTIME); where that folder is absent these tests skip and say so.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from schemas.extract import AnalysisSchema
from service.extract import SECTIONS, extract_each
from service.extract.markup import html_text
from service.extract.stages import STAGES

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
FILES = sorted(DATA.glob("*.jsonl")) if DATA.is_dir() else []
SAMPLE = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
needs_data = pytest.mark.skipif(not FILES, reason=f"development corpora not found at {DATA}")


def _articles(path: Path) -> list[tuple[str, dt.date | None]]:
    items = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            published = dt.date.fromisoformat(doc["published"]) if doc.get("published") else None
            items.append((doc["text"], published))
    return items


def _spans(value: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every object in the dumped result that has a start, an end and a text."""
    if isinstance(value, dict):
        if {"start", "end", "text"} <= value.keys():
            yield where, value
        for key, inner in value.items():
            yield from _spans(inner, f"{where}.{key}")
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from _spans(inner, f"{where}[{i}]")


def _check(text: str, outcome: Any) -> dict[str, Any]:
    assert not isinstance(outcome, Exception), repr(outcome)
    assert outcome.warnings == [], outcome.warnings
    data = AnalysisSchema().dump(outcome)
    bad = [(w, s) for w, s in _spans(data) if text[s["start"] : s["end"]] != s["text"]]
    assert bad == [], bad[:3]
    return data


@needs_data
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_article_is_read_without_error_and_with_true_offsets(path):
    articles = _articles(path)
    for (text, _), outcome in zip(articles, extract_each(articles), strict=True):
        _check(text, outcome)


OWNS = {stage.section: stage.owns for stage in STAGES}


def _sections_alone_and_together(articles: list[tuple[str, dt.date | None]]) -> None:
    schema = AnalysisSchema()
    together = [schema.dump(o) for o in extract_each(articles)]
    for section in SECTIONS:
        alone = [schema.dump(o) for o in extract_each(articles, include=(section,))]
        for i, (full, one) in enumerate(zip(together, alone, strict=True)):
            for name in (section, *OWNS[section]):  # e.g. `sources`, written with `quotes`
                assert one[name] == full[name], f"{name} differs alone, article {i}"
            assert all(one[f] == [] for other in SECTIONS if other != section for f in (other, *OWNS[other]))


def test_each_section_is_the_same_alone_or_with_the_others_on_the_sample():
    _sections_alone_and_together([(p.read_text(encoding="utf-8"), None) for p in SAMPLE])


@needs_data
def test_each_section_is_the_same_alone_or_with_the_others_on_dev_news():
    """MEANTIME news (money with ambiguous currencies, datelines, quotes) and PolNeAR dev."""
    articles = _articles(DATA / "news-dev.jsonl") + _articles(DATA / "quotes-dev.jsonl")[:20]
    _sections_alone_and_together(articles)


@needs_data
def test_the_same_article_gives_the_same_answer_twice():
    articles = _articles(DATA / "news-dev.jsonl")
    schema = AnalysisSchema()
    first = [schema.dump(o) for o in extract_each(articles)]
    again = [schema.dump(o) for o in extract_each(list(reversed(articles)))]
    assert first == list(reversed(again))


def _as_page(text: str) -> str:
    """``text`` as a web page: each paragraph a <p>, escaped with the standard library."""
    paragraphs = (p for p in re.split(r"\n\s*\n", text) if p.strip())
    return "<html><head><title>t</title></head><body>" + "".join(
        f"<p>{html.escape(p)}</p>\n" for p in paragraphs
    )


@needs_data
def test_articles_sent_as_web_pages_map_every_span_back_into_the_html():
    """The dev news as HTML: every span's offsets slice the page to the markup that shows its words."""
    pages = [(_as_page(text), published) for text, published in _articles(DATA / "news-dev.jsonl")]
    readings = [html_text(page) for page, _ in pages]
    outcomes = extract_each([(m.text, published) for m, (_, published) in zip(readings, pages, strict=True)])
    for markup, outcome in zip(readings, outcomes, strict=True):
        assert not isinstance(outcome, Exception), repr(outcome)
        data = AnalysisSchema().dump(markup.to_source(outcome))
        shown = [
            (w, s)
            for w, s in _spans(data)
            if " ".join(html.unescape(re.sub(r"<[^>]*>", " ", markup.source[s["start"] : s["end"]])).split())
            != " ".join(s["text"].split())
        ]
        assert shown == [], shown[:3]
