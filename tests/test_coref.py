"""The coreference scorer's formulas (B-cubed, MUC: CoNLL-2012 definitions) on hand-worked examples,
and its alignment of predicted mentions to gold heads."""

from __future__ import annotations

import pytest

from evaluation.coref import GoldMention, b_cubed, in_part, muc, score_doc

# (key chains, response entities, B3 recall, B3 precision, MUC recall, MUC precision), worked by hand
CASES = [
    # one wrong split: {a,b,c} answered as {a,b} + {c,d,e}
    ([{"a", "b", "c"}, {"d", "e"}], [{"a", "b"}, {"c", "d", "e"}], 11 / 15, 11 / 15, 2 / 3, 2 / 3),
    # perfect
    ([{"a", "b"}, {"c"}], [{"a", "b"}, {"c"}], 1.0, 1.0, 1.0, 1.0),
    # everything merged into one entity
    ([{"a", "b"}, {"c", "d"}], [{"a", "b", "c", "d"}], 1.0, 0.5, 1.0, 2 / 3),
    # nothing linked: all singletons (MUC has no links to find in the response)
    ([{"a", "b", "c"}], [{"a"}, {"b"}, {"c"}], 1 / 3, 1.0, 0.0, 0.0),
    # a gold mention nobody found
    ([{"a", "b"}], [{"a"}], 0.25, 1.0, 0.0, 0.0),
]


@pytest.mark.parametrize(("key", "response", "b3_r", "b3_p", "muc_r", "muc_p"), CASES)
def test_formulas(key, response, b3_r, b3_p, muc_r, muc_p):
    b3, m = b_cubed(key, response), muc(key, response)
    assert b3.recall == pytest.approx(b3_r)
    assert b3.precision == pytest.approx(b3_p)
    assert m.recall == pytest.approx(muc_r)
    assert m.precision == pytest.approx(muc_p)


TEXT = "General Motors said the company would cut jobs. GM said it was confident."


def gold(part: str, kind: str, instance: str, head: str | None = None, nth: int = 0) -> GoldMention:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(part, start + 1)
    h = TEXT.index(head, start) if head else start
    return GoldMention(start, start + len(part), kind, instance, (h, h + len(head or part)))


def pred(part: str, eid: str) -> tuple[int, int, str]:
    start = TEXT.index(part)
    return (start, start + len(part), eid)


def test_alignment_by_head_and_unaligned_predictions():
    chain = [
        gold("General Motors", "NAM", "gm"),
        gold("the company", "NOM", "gm", head="company"),
        gold("GM", "NAM", "gm"),
        gold("it", "PRO", "gm", nth=0),
    ]
    # the predicted "the company" (whole span) aligns with the gold nominal by its head "company";
    # "jobs" aligns with nothing and is not scored
    response = [pred("General Motors", "E1"), pred("the company", "E1"), pred("GM", "E1"), pred("jobs", "E2")]
    b3, m = score_doc(TEXT, chain, response, None)
    assert b3.precision == 1.0
    assert b3.recall == pytest.approx(9 / 16)  # three of four found together (3/4 each), the pronoun missed
    assert m.recall == pytest.approx(2 / 3)


def test_held_part_is_every_third_document():
    held = [i for i in range(9) if in_part(i, "held")]
    assert held == [2, 5, 8]
    assert all(in_part(i, "tune") != in_part(i, "held") for i in range(9))


def test_a_predicted_span_goes_to_the_gold_head_it_overlaps_most():
    # gold: the apposition "General Motors said the company" is not a real mention, but two gold heads
    # ("General Motors" whole, "company") lie under one long predicted span: the larger overlap wins
    chain = [gold("General Motors", "NAM", "gm"), gold("the company", "NOM", "gm", head="company")]
    response = [pred("General Motors said the", "E1"), pred("company", "E1")]
    b3, _ = score_doc(TEXT, chain, response, None)
    assert b3.recall == 1.0 and b3.precision == 1.0
