"""The spaCy pipeline as the service loads it: the tokenizer is fed long whitespace-free runs in pieces.

spaCy's tokenizer strips affixes off a whitespace-free run one at a time, re-scanning the rest: 20,000
quote marks took 78 s, 200,000 would take hours (found by the opt-in slow hostile-input tests).
"""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from service.extract.pipeline import ChunkingTokenizer

TEXTS = [
    "KYIV, May 2 (Reuters) - Denmark will donate 1.7 billion kroner ($249 million), Reznikov said.",
    'He said: "We are   ready."\n\nThe ministry (UK) said so.  ',
    "See https://example.com/" + "a" * 170 + "?q=1 for the full statement.",  # a 194-character URL
    "",
    "   ",
]
LONG = [
    '"' * 5000,
    "Before it " + "“”‘’«»\"'" * 400 + " and after it.",
    ("1234567890$€£¥₹" * 100) + " tail",
    "🙂🇺🇦" * 700,
]


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_ordinary_text_is_tokenized_exactly_as_spacy_does(nlp: Language, text: str) -> None:
    assert isinstance(nlp.tokenizer, ChunkingTokenizer)
    ours = nlp.tokenizer(text)
    theirs = nlp.tokenizer.base(text)
    assert [(t.text, t.whitespace_) for t in ours] == [(t.text, t.whitespace_) for t in theirs]


@pytest.mark.parametrize("text", LONG, ids=range(len(LONG)))
def test_long_runs_keep_the_text_and_reach_spacy_in_pieces(nlp: Language, text: str) -> None:
    seen: list[str] = []

    def spy(piece: str) -> Doc:
        seen.append(piece)
        return nlp.tokenizer.base(piece)

    spy.vocab = nlp.vocab  # type: ignore[attr-defined]
    doc = ChunkingTokenizer(spy)(text)
    assert doc.text == text
    assert max(len(run) for piece in seen for run in piece.split()) <= 200


def test_a_quote_mark_soup_goes_through_the_whole_pipeline(nlp: Language) -> None:
    text = "Intro. " + '"' * 3000 + " End."
    doc = nlp(text)
    assert doc.text == text and len(doc) >= 3000
