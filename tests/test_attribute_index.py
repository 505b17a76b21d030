"""The indexed attribute ruler gives every token exactly what spaCy's own ruler gives it.

``service/extract/attribute_index.py`` replaces only the ruler's matching step (a look-up instead of
spaCy's Matcher, several times faster). The answer each test expects comes from spaCy itself: the
stock pipeline as ``spacy.load`` gives it, or a stock ``AttributeRuler`` with the same patterns.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.pipeline import AttributeRuler

from service.extract.attribute_index import IndexedMatch, index_attribute_ruler
from service.extract.pipeline import DEFAULT_MODEL

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def stock():
    return spacy.load(DEFAULT_MODEL)


def token_attributes(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


# The ruler's special cases in en_core_web_sm: multi-token patterns, REGEX and NOT_IN tests,
# dependency-conditioned patterns, whitespace tokens.
@pytest.mark.parametrize(
    "sentence",
    [
        "\"We're gon na win this, y'all,\" the coach said on Tuesday.",
        "It ai n't over, and there is nothin' they can do about it.",
        "Let's be clear: c'mon, the deal was gotta happen, he said.",
        "There are two reasons.  \n\n  That is why the company, which was sold in 2008, has been fined.",
        "Whatever they do, those who voted will be counted; these are the rules.",
    ],
)
def test_special_patterns(nlp, stock, sentence):
    assert token_attributes(nlp(sentence)) == token_attributes(stock(sentence))


def real_texts(limit_per_file: int) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for name in ("news-dev.jsonl", "quotes-dev.jsonl", "dates-dev.jsonl"):
        path = DATA / name
        if path.exists():
            with path.open(encoding="utf-8") as fh:
                texts += [json.loads(line)["text"] for line in itertools.islice(fh, limit_per_file)]
    return texts


def test_real_news_gets_the_stock_attributes(nlp, stock):
    """Seed articles always; the first 10 articles of each dev file when ../shared/data is present."""
    texts = real_texts(10)
    assert texts, "no seed article found"
    for text in texts:
        assert token_attributes(nlp(text)) == token_attributes(stock(text))


# --- any ruler: random patterns over a small vocabulary, stock ruler vs indexed ----------------------

WORDS = ["the", "deal", "was", "gon", "na", "let", "'s", "Deal", "y'", "all", ",", "."]
VALUES = st.sampled_from(WORDS)
SOME = st.lists(VALUES, min_size=1, max_size=3)
TOKEN_TEST = st.one_of(
    st.fixed_dictionaries({"LOWER": VALUES}),
    st.fixed_dictionaries({"ORTH": VALUES}),
    st.fixed_dictionaries({"LOWER": st.fixed_dictionaries({"IN": SOME})}),
    st.fixed_dictionaries({"ORTH": st.fixed_dictionaries({"NOT_IN": SOME})}),
    st.fixed_dictionaries({"LOWER": st.fixed_dictionaries({"REGEX": st.sampled_from(["^d", "a$", "'"])})}),
    st.fixed_dictionaries({"IS_PUNCT": st.booleans()}),  # not indexed: stays with a Matcher
    st.fixed_dictionaries({"LOWER": VALUES, "OP": st.sampled_from(["?", "+"])}),  # operator: Matcher
)
RULE = st.fixed_dictionaries(
    {
        "patterns": st.lists(st.lists(TOKEN_TEST, min_size=1, max_size=3), min_size=1, max_size=2),
        "attrs": st.fixed_dictionaries({"LEMMA": st.sampled_from(["a", "b", "c", "d"])}),
        "index": st.sampled_from([0, -1]),
    }
)


BLANK = spacy.blank("en")


def ruled(rules, text: str, indexed: bool):
    ruler = AttributeRuler(BLANK.vocab)
    ruler.add_patterns(rules)
    if indexed:
        ruler.match = IndexedMatch(ruler)
    return ruler(BLANK.make_doc(text))


@settings(max_examples=150, deadline=None)
@given(rules=st.lists(RULE, min_size=1, max_size=8), words=st.lists(VALUES, min_size=1, max_size=12))
def test_any_ruler_matches_as_spacy_does(rules, words):
    text = " ".join(words)
    expected = [t.lemma_ for t in ruled(rules, text, indexed=False)]
    assert [t.lemma_ for t in ruled(rules, text, indexed=True)] == expected


def test_the_service_pipeline_uses_the_index(nlp):
    assert isinstance(nlp.get_pipe("attribute_ruler").match, IndexedMatch)
    index_attribute_ruler(spacy.blank("en"))  # a pipeline without a ruler is left as it is


def test_the_row_cache_stays_bounded(nlp, stock, monkeypatch):
    """Text of new words brings a new row per token: the cache is emptied at its limit, and the
    attributes stay spaCy's (the bug: a 200,000-row limit let it hold ~120 MiB)."""
    from service.extract import attribute_index

    monkeypatch.setattr(attribute_index, "ROW_CACHE_LIMIT", 40)
    index = nlp.get_pipe("attribute_ruler").match
    words = [f"zq{n}x" for n in range(300)]
    text = " ".join(f"The {w} said it would sell {w}s on Tuesday." for w in words)
    assert token_attributes(nlp(text)) == token_attributes(stock(text))
    assert len(index._rows) <= 41
