"""`sources`: who is quoted in an article and how often, a roll-up of `quotes` by speaker."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import REFERENCE_DATE

from service.extract import extract
from service.extract.model import Entity, Quote, Source, Span, Speaker
from service.extract.quotes.sources import roll_up


def _sources(text: str) -> list[tuple[str, str | None, int, int, int]]:
    """(name, type, direct, partial, indirect) of every source of ``text``."""
    result = extract(text, published=REFERENCE_DATE, include=("quotes",))
    counted = [q for q in result.quotes if q.speaker is not None and q.kind != "scare"]
    assert sorted(i for s in result.sources for i in s.quotes) == sorted(q.id for q in counted)
    return [(s.name, s.type, s.direct, s.partial, s.indirect) for s in result.sources]


SOURCES = [
    # a name, its surname and its pronoun are one source; direct and reported speech both count
    (
        "Ukraine's defence minister Oleksii Reznikov said on Monday that Denmark would give more tanks. "
        '"We are grateful," Reznikov told reporters. He added that the talks had gone well.',
        [("Oleksii Reznikov", "PERSON", 1, 0, 2)],
    ),
    # the most quoted first; a speaker no entity names is counted under its own words
    (
        '"We will not retreat," an army spokesman said. President Zelensky said the line would hold. '
        '"The line will hold," Zelensky said. "We have what we need," he added.',
        [("Zelensky", "PERSON", 2, 0, 1), ("an army spokesman", None, 1, 0, 0)],
    ),
    # "according to" cites its source like a reporting verb does
    (
        "According to the Pentagon, the shipment left on Friday. Officials said it would arrive in days.",
        [("Pentagon", "ORG", 0, 0, 1), ("Officials", "PERSON", 0, 0, 1)],
    ),
    # a scare quote has no speaker and no source
    ('The so-called "peace plan" was never published.', []),
]


@pytest.mark.parametrize(("text", "expected"), SOURCES, ids=[t[:40] for t, _ in SOURCES])
def test_sources_count_the_quotes_of_each_speaker(text, expected):
    assert _sources(text) == expected


def _quote(i: int, kind: str, speaker: Speaker | None) -> Quote:
    return Quote(id=f"Q{i}", text="…", start=10 * i, end=10 * i + 5, kind=kind, speaker=speaker)


PERSON = Entity(id="E1", name="Oleksii Reznikov", type="PERSON", salience=1.0)


def test_a_linked_speaker_counts_under_its_entity_whatever_words_name_it():
    quotes = [
        _quote(1, "direct", Speaker("Reznikov", 0, 8, entity="E1")),
        _quote(2, "indirect", Speaker("he", 20, 22, entity="E1", resolution="pronoun")),
        _quote(3, "partial", Speaker("the minister", 30, 42, entity="E1", resolution="nominal")),
    ]
    assert roll_up(quotes, [PERSON]) == [
        Source("E1", "Oleksii Reznikov", "PERSON", ["Q1", "Q2", "Q3"], direct=1, partial=1, indirect=1)
    ]


def test_unlinked_speakers_group_by_their_words_case_aside_and_ties_keep_text_order():
    quotes = [
        _quote(1, "direct", Speaker("A spokesman", 0, 11, resolution="nominal")),
        _quote(2, "indirect", Speaker("officials", 20, 29)),
        _quote(3, "direct", Speaker("a  spokesman", 40, 52, resolution="nominal")),
        _quote(4, "indirect", Speaker("Officials", 60, 69)),
        _quote(5, "direct", Speaker("the minister", 80, 92, resolution="nominal")),
    ]
    assert [(s.name, s.quotes) for s in roll_up(quotes, [])] == [
        ("A spokesman", ["Q1", "Q3"]),
        ("officials", ["Q2", "Q4"]),
        ("the minister", ["Q5"]),
    ]


def test_quotes_with_no_one_to_count_them_for_are_left_out():
    antecedent = Span("The UK defence ministry", 0, 23)
    quotes = [
        _quote(1, "scare", None),
        _quote(2, "direct", None),
        _quote(3, "direct", Speaker("I", 30, 31, resolution="pronoun")),  # refers to nothing found
        _quote(4, "indirect", Speaker("it", 40, 42, resolution="pronoun", antecedent=antecedent)),
    ]
    assert roll_up(quotes, []) == [Source(None, "The UK defence ministry", None, ["Q4"], indirect=1)]


TEXT = '"We will not retreat," Zelensky said on Monday.'


def test_sources_are_returned_with_quotes_only():
    """`entities` alone runs the quote stage as an input (for its mentions) but returns no quote and no
    source; `quotes` alone returns its sources, the same as in a full answer."""
    assert extract(TEXT, include=("entities",)).sources == []
    alone = extract(TEXT, include=("quotes",)).sources
    assert alone == extract(TEXT).sources and [s.name for s in alone] == ["Zelensky"]


def test_a_failing_quote_stage_empties_its_sources_too(monkeypatch):
    from service.extract import stages

    def fragile(doc, result):
        stages._quotes_and_speakers(doc, result)  # sources written, then the stage fails
        raise RuntimeError("boom")

    swapped = tuple(replace(s, run=fragile) if s.section == "quotes" else s for s in stages.STAGES)
    monkeypatch.setattr(stages, "STAGES", swapped)
    failed = extract(TEXT)
    assert [(w.section, w.code) for w in failed.warnings] == [("quotes", "stage_failed")]
    assert failed.quotes == [] and failed.sources == []
