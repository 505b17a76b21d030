"""The shared vocabulary stays bounded: past VOCAB_GROWTH_LIMIT new lexemes, each call's new strings
are freed when it ends (spaCy's memory zone); below it, calls skip the zone's cost."""

from __future__ import annotations

import uuid

import pytest

import service.extract as core
from service.extract import extract, extract_many


def new_word() -> str:
    return "Zq" + uuid.uuid4().hex[:10]  # a string no text has had before


def sentence(word: str) -> str:
    return f"{word} said on Monday that the company would sell its plant in Detroit for $3 billion."


@pytest.mark.parametrize("batch", [False, True], ids=["extract", "extract_many"])
def test_past_the_limit_a_texts_new_strings_are_freed(nlp, monkeypatch, batch):
    monkeypatch.setattr(core, "VOCAB_GROWTH_LIMIT", -1)  # as if the vocabulary had grown past it
    word = new_word()
    result = list(extract_many([(sentence(word), None)]))[0] if batch else extract(sentence(word))
    assert result.entities, "the text was read"
    assert word not in nlp.vocab.strings


def test_below_the_limit_no_zone_is_opened(nlp, monkeypatch):
    monkeypatch.setattr(core, "VOCAB_GROWTH_LIMIT", 10**12)
    word = new_word()
    extract(sentence(word))
    assert word in nlp.vocab.strings  # kept, as spaCy keeps every string outside a zone


def test_results_are_the_same_either_way(monkeypatch):
    text = sentence("Reznikov")
    monkeypatch.setattr(core, "VOCAB_GROWTH_LIMIT", -1)
    zoned = extract(text)
    monkeypatch.setattr(core, "VOCAB_GROWTH_LIMIT", 10**12)
    assert extract(text) == zoned  # (timings are not compared)


def test_the_lemmatizers_cache_stays_bounded(nlp, monkeypatch):
    """spaCy's rule lemmatizer keeps every word's lemmas in a dict no memory zone empties: a worker
    reading text of new words grew without bound. Past LEMMA_CACHE_LIMIT entries it is emptied."""
    monkeypatch.setattr(core, "LEMMA_CACHE_LIMIT", 50)
    text = " ".join(sentence(new_word()) for _ in range(40))
    first = extract(text)
    assert len(nlp.get_pipe("lemmatizer").cache) <= 50
    assert extract(text).quotes == first.quotes and extract(text).entities == first.entities


def test_in_zones_the_heap_is_trimmed_now_and_then(nlp, monkeypatch):
    """glibc keeps freed memory for reuse: in zones, every TRIM_EVERY calls hand it back."""
    monkeypatch.setattr(core, "VOCAB_GROWTH_LIMIT", -1)
    monkeypatch.setattr(core, "TRIM_EVERY", 2)
    calls = []
    monkeypatch.setattr(core, "trim_heap", lambda: calls.append(1) or True)
    for _ in range(4):
        extract(sentence(new_word()))
    assert len(calls) == 2


def test_trimming_the_heap_is_safe_to_call():
    assert core.trim_heap() in (True, False)
