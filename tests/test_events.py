"""The event each date anchors (issue 14): read from the parse, with its kind and its quote.

Each sentence is real news text with the event a reader (and TimeML's annotators) would link the date
to; the ones from issue 14 are the wrong answers the old head-of-the-date rule gave.
"""

from __future__ import annotations

import pytest
from conftest import REFERENCE_DATE
from spacy.language import Language

from evaluation.events import Scores, part_of, score_document
from service.extract import analyse_doc
from service.extract.dates import extract_dates
from service.extract.dates.events import event_token
from service.extract.model import Analysis, Event, Quote, Span, TimeExpression


def _date(nlp: Language, sentence: str, date_text: str) -> TimeExpression:
    dates = [d for d in analyse_doc(nlp(sentence), REFERENCE_DATE, include=("dates",)).dates]
    found = [d for d in dates if d.text == date_text]
    assert found, f"{date_text!r} not found as a date in {[d.text for d in dates]}"
    return found[0]


# (sentence, date, event word, kind); event None: the date dates no event in its sentence
EVENTS = [
    # issue 14: through a noun the parse hung the date on, to the verb of the phrase
    (
        "Russian Defense Minister Sergei Shoigu, speaking at a meeting with top military brass on Tuesday, "
        "said the state-owned Tactical Missiles Corporation had been fulfilling its contracts.",
        "Tuesday",
        "speaking",
        "verb",
    ),
    # the parser hangs "invested" on the name ("2003 BP [that] invested"): still the verb
    ("In 2003 BP invested around $8bn in a joint venture with Russian partners.", "2003", "invested", "verb"),
    (
        "This year's vaccine was considered effective against the strains in circulation.",
        "This year",
        "considered",
        "verb",
    ),
    (
        "In its Friday issue, The Hamilton Spectator quoted the mayor as saying the budget was balanced.",
        "Friday",
        "quoted",
        "verb",
    ),
    # captions, headings: no event
    (
        "Russian Defence Minister, 2 May 2023 AP/Russian Defense Ministry Press Service",
        "2 May 2023",
        None,
        None,
    ),
    (
        "Russian Defence Minister, 2 May 2023 AP/Russian Defense Ministry Press Service\n\n"
        "Ukraine forces get ready for counteroffensive",
        "2 May 2023",
        None,
        None,
    ),
    # a verb
    (
        "Ukrainian Defense Minister Oleksiy Reznikov said Monday that the army was ready.",
        "Monday",
        "said",
        "verb",
    ),
    ("Apple released the iPhone in 2007.", "2007", "released", "verb"),
    # a date right after a reporting verb dates it, though the parser hangs it on the clause reported
    (
        "President Fidel Castro said Tuesday his government told U.S. officials it is worried that "
        "Miami-based exiles might take Elian Gonzalez to another country.",
        "Tuesday",
        "said",
        "verb",
    ),
    (
        "Tanzanian police said on Tuesday they had arrested 14 foreigners in their search for bombers.",
        "Tuesday",
        "said",
        "verb",
    ),
    # the end of a period ("the year ended March 31") dates no event of its own
    (
        "Cilcorp said the businesses to be acquired had revenue of $76 million for the year ended March 31.",
        "March 31",
        None,
        None,
    ),
    (
        "It expects to post a loss of 6.4 billion yen for the year ending tomorrow.",
        "tomorrow",
        None,
        None,
    ),
    # an auxiliary or copula: the main verb or the predicate carries the event
    (
        "Still, Unisys said its European business was weak during the quarter.",
        "the quarter",
        "weak",
        "adjective",
    ),
    ("Australia has been independent since 1901.", "1901", "independent", "adjective"),
    (
        "In London at midafternoon yesterday, Ratners's shares were up 2 pence.",
        "midafternoon yesterday",
        "up",
        "verb",
    ),
    (
        "The company had a net loss of $2.3 million, or 14 cents a share, in the third quarter.",
        "the third quarter",
        "loss",
        "noun",
    ),
    # an event noun the date modifies
    (
        "Amir is serving a life sentence for the November 1995 assassination of Rabin.",
        "November 1995",
        "assassination",
        "noun",
    ),
    ("Tomorrow's vote has international implications.", "Tomorrow", "vote", "noun"),
    ("Nhek Bunchhay had to flee the capital after a coup last year.", "last year", "coup", "noun"),
    # a date that belongs to an adjective
    (
        "Automatic Data Processing Inc. plans to redeem on Nov. 16 its $150 million of 6.5% convertible "
        "subordinated debentures due March 1, 2011.",
        "March 1, 2011",
        "due",
        "adjective",
    ),
    (
        "Automatic Data Processing Inc. plans to redeem on Nov. 16 its $150 million of 6.5% convertible "
        "subordinated debentures due March 1, 2011.",
        "Nov. 16",
        "redeem",
        "verb",
    ),
]


@pytest.mark.parametrize(
    ("sentence", "date_text", "event", "kind"), EVENTS, ids=[e[2] or e[1] for e in EVENTS]
)
def test_event_of_the_date(
    nlp: Language, sentence: str, date_text: str, event: str | None, kind: str | None
) -> None:
    date = _date(nlp, sentence, date_text)
    if event is None:
        assert date.event is None
        return
    assert date.event is not None, f"no event for {date_text!r}"
    assert (date.event.text, date.event.kind) == (event, kind)
    assert sentence[date.event.start : date.event.end] == event


# (sentence, date, the rules' event): the rules' reading of the parse, before the ranker decides
RULES = [
    # an amount after a copula: the subject is the event
    ("A year earlier, net income was $2.1 million, or six cents a share.", "A year earlier", "income"),
    ("Apple released the iPhone in 2007.", "2007", "released"),
]


@pytest.mark.parametrize(("sentence", "date_text", "event"), RULES, ids=[r[2] for r in RULES])
def test_the_rules_event(nlp: Language, sentence: str, date_text: str, event: str) -> None:
    doc = nlp(sentence)
    start = sentence.index(date_text)
    span = doc.char_span(start, start + len(date_text), alignment_mode="expand")
    assert span is not None
    tok = event_token(span)
    assert tok is not None and tok.text == event


def test_a_dateline_header_dates_no_event(nlp: Language) -> None:
    text = "KYIV, May 2 (Reuters) - Denmark will donate 1.7 billion kroner next year."
    dates = {d.text: d for d in analyse_doc(nlp(text), None, include=("dates",)).dates}
    assert dates["May 2"].event is None
    assert dates["next year"].event is not None and dates["next year"].event.text == "donate"


def test_a_cue_event_names_its_quote(nlp: Language) -> None:
    text = "“As of today, we are entering the home stretch,” Reznikov said Monday."
    inner = "As of today, we are entering the home stretch,"
    start, cue = text.index(inner), text.index("said")
    quote = Quote(
        id="Q1",
        text=inner,
        start=start,
        end=start + len(inner),
        kind="direct",
        cue=Span("said", cue, cue + 4),
    )
    result = Analysis(text=text, published=REFERENCE_DATE, published_source="request", quotes=[quote])
    dates = {d.text: d for d in extract_dates(nlp(text), result)}
    assert dates["Monday"].event == Event("said", cue, cue + 4, kind="verb", quote="Q1")
    assert dates["today"].event is None or dates["today"].event.quote is None


def test_the_event_names_the_quote_it_has_in_a_full_answer_also_without_quotes(nlp: Language) -> None:
    """Asked alone, dates still name the quote whose cue their event is: the id that quote has in an
    answer with quotes (a section's answer never depends on the others asked for)."""
    doc = nlp("Ukrainian Defense Minister Oleksiy Reznikov said Monday that the army was ready.")
    full = analyse_doc(doc, REFERENCE_DATE)
    alone = analyse_doc(doc, REFERENCE_DATE, include=("dates",))
    assert alone.quotes == [] and alone.dates == full.dates
    event = alone.dates[0].event
    assert event is not None and event.quote is not None
    quote = next(q for q in full.quotes if q.id == event.quote)
    assert quote.cue is not None and (quote.cue.start, quote.cue.end) == (event.start, event.end)


def test_the_set_aside_part_is_a_quarter_and_stable() -> None:
    ids = [f"doc{i}" for i in range(400)]
    share = sum(part_of(i) == "set-aside" for i in ids) / len(ids)
    assert 0.15 < share < 0.35
    assert [part_of(i) for i in ids] == [part_of(i) for i in ids]


def test_scoring_counts_a_right_and_a_wrong_link(nlp: Language) -> None:
    """The scorer on a hand-made document: one date linked right, one wrong, one with no gold link."""
    text = "Apple released the iPhone in 2007. Sales rose in 2008. Shares fell Monday."
    doc = nlp(text)
    spans = {
        w: (text.index(w), text.index(w) + len(w)) for w in ("released", "2007", "rose", "2008", "Monday")
    }
    gold = {
        "timex": [
            {"tid": f"t{i}", "start": spans[w][0], "end": spans[w][1]}
            for i, w in enumerate(("2007", "2008", "Monday"))
        ],
        "events": [
            {"eid": "e1", "start": spans["released"][0], "end": spans["released"][1], "text": "released"},
            {"eid": "e2", "start": text.index("Sales"), "end": text.index("Sales") + 5, "text": "Sales"},
        ],
        "tlinks": [
            {"relType": "IS_INCLUDED", "eventID": "e1", "relatedToTime": "t0"},
            {"relType": "DURING", "timeID": "t1", "relatedToEvent": "e2"},
        ],
    }
    dates = analyse_doc(doc, REFERENCE_DATE, include=("dates",)).dates
    scores = Scores()
    score_document(doc, gold, dates, scores, None)
    # 2007 -> released (right), 2008 -> rose (gold says Sales: wrong), Monday -> fell (no gold link)
    assert (scores.links.tp_pred, scores.links.n_pred, scores.links.tp_gold, scores.links.n_gold) == (
        1,
        3,
        1,
        2,
    )
    assert (scores.linked.tp_pred, scores.linked.n_pred) == (1, 2)
    assert scores.classes == {"other verb": 1}
