"""The dates section: detection, TIMEX3 normalisation, anchoring, events, dated quotes.

Every relative date resolves against a fixed publication date, never the clock.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import REFERENCE_DATE  # 2023-05-02, a Tuesday
from spacy.language import Language

from service.extract import analyse_doc
from service.extract.dates import extract_dates
from service.extract.model import Analysis, Quote, Span, Speaker, TimeExpression


def _dates(nlp: Language, text: str, published: dt.date | None = REFERENCE_DATE) -> list[TimeExpression]:
    return analyse_doc(nlp(text), published, include=("dates",)).dates


def _triples(dates: list[TimeExpression]) -> list[tuple[str, str, str | None]]:
    return [(d.text, d.type, d.value) for d in dates]


# --- the sample article -------------------------------------------------------------


def test_sample_article(nlp: Language, sample_text: str) -> None:
    result = analyse_doc(nlp(sample_text), None, include=("dates",))
    assert result.published == REFERENCE_DATE  # from the dateline
    got = {(d.text, d.value) for d in result.dates}
    assert ("14-month", "P14M") in got
    assert ("the last eight months", "P8M") in got
    assert ("2 May 2023", "2023-05-02") in got
    assert ("Monday", "2023-05-01") in got
    tuesdays = [d for d in result.dates if d.text == "Tuesday"]
    assert len(tuesdays) == 3 and {d.value for d in tuesdays} == {"2023-05-02"}
    assert [d.id for d in result.dates] == [f"T{i}" for i in range(1, len(result.dates) + 1)]
    assert all(sample_text[d.start : d.end] == d.text for d in result.dates)


def test_sample_dateline_is_the_publication_date(nlp: Language, sample_text: str) -> None:
    first = analyse_doc(nlp(sample_text), None, include=("dates",)).dates[0]
    assert (first.text, first.value, first.role, first.event) == (
        "2023-05-02",
        "2023-05-02",
        "publication",
        None,
    )


# --- detection and normalisation, anchored on Tuesday 2 May 2023 ---------------------------------

CASES = [
    # absolute dates
    ("The treaty was signed on 2 May 2023 in Kyiv.", [("2 May 2023", "DATE", "2023-05-02")]),
    ("Apple released the SDK on March 06, 2008.", [("March 06, 2008", "DATE", "2008-03-06")]),
    ("The figures were released April 3 by NPD Group.", [("April 3", "DATE", "2023-04-03")]),
    ("Sales rose sharply in May 2023.", [("May 2023", "DATE", "2023-05")]),
    ("The company was founded in 1976.", [("1976", "DATE", "1976")]),
    ("Unemployment was high in the 1990s.", [("the 1990s", "DATE", "199")]),
    ("The firm grew fast during the early 1980s.", [("the early 1980s", "DATE", "198")]),
    ("Oil prices collapsed in the nineties.", [("the nineties", "DATE", "199")]),
    ("The chain opened most of its 1990s stores abroad.", [("1990s", "DATE", "199X")]),
    ("It was the worst crash since October 1987.", [("October 1987", "DATE", "1987-10")]),
    # weekdays: past tense looks back, future tense forward, "next" forward
    ("Reznikov said Monday that the army was ready.", [("Monday", "DATE", "2023-05-01")]),
    (
        "The ministry noted in an assessment Tuesday that supplies were low.",
        [("Tuesday", "DATE", "2023-05-02")],
    ),
    ("The minister will travel to Brussels on Thursday.", [("Thursday", "DATE", "2023-05-04")]),
    ("Talks resumed last Friday in Geneva.", [("last Friday", "DATE", "2023-04-28")]),
    ("The two leaders will meet next Monday.", [("next Monday", "DATE", "2023-05-08")]),
    # times
    ("The vote is expected at 8 p.m. Tuesday.", [("8 p.m. Tuesday", "TIME", "2023-05-02T20:00")]),
    ("Trading was suspended at 16:08 UTC.", [("16:08 UTC", "TIME", "2023-05-02T16:08Z")]),
    ("Officials met Friday morning to discuss the plan.", [("Friday morning", "TIME", "2023-04-28TMO")]),
    # calendar units relative to the publication date
    ("Prices rose last week, the agency said.", [("last week", "DATE", "2023-W17")]),
    ("Inflation will peak next year, economists said.", [("next year", "DATE", "2024")]),
    ("Profit fell in the third quarter.", [("the third quarter", "DATE", "2022-Q3")]),  # May: last year's
    ("Q1 revenue fell 3%.", [("Q1", "DATE", "2023-Q1")]),
    ("The company hopes to finish the work this spring.", [("this spring", "DATE", "2023-SP")]),
    ("Earlier this month the central bank raised rates.", [("Earlier this month", "DATE", "2023-05")]),
    ("Yesterday, at the conference, Jobs unveiled the phone.", [("Yesterday", "DATE", "2023-05-01")]),
    ("The earthquake hit the country a week ago.", [("a week ago", "DATE", "2023-04-25")]),
    ("He left the company two years ago.", [("two years ago", "DATE", "2021")]),
    # durations
    ("Both sides in the 14-month war feel an ammunition crunch.", [("14-month", "DURATION", "P14M")]),
    (
        "He had only been in his job for the last eight months.",
        [("the last eight months", "DURATION", "P8M")],
    ),
    ("Russia has been at war for a decade.", [("a decade", "DURATION", "P10Y")]),
    (
        "The index closed at its lowest level in more than six years.",
        [("more than six years", "DURATION", "P6Y")],
    ),
    # "in two days" looking ahead is the day two days on (docs/dates.md); looking back it is a length
    ("The new phone will be available in two days.", [("two days", "DATE", "2023-05-04")]),
    ("The first batch sold out in two days.", [("two days", "DURATION", "P2D")]),
    ("Stocks fell for six straight days.", [("six straight days", "DURATION", "P6D")]),
    # references to the present, past and future
    ("Right now it is necessary to double production.", [("Right now", "DATE", "PRESENT_REF")]),
    ("The company is currently reviewing its options.", [("currently", "DATE", "PRESENT_REF")]),
    ("In recent months the conflict has become bogged down.", [("recent months", "DURATION", "PXM")]),
    ("Shares have slid in recent weeks.", [("recent weeks", "DURATION", "PXW")]),
    ("Fighting has intensified in recent years.", [("recent years", "DATE", "PAST_REF")]),
    ("Such attacks were rare in the past.", [("the past", "DATE", "PAST_REF")]),
    ("The company will raise the money at a later date.", [("a later date", "DATE", "FUTURE_REF")]),
    # sets
    ("The magazine is published weekly.", [("weekly", "SET", "P1W")]),
    (
        "The festival takes place every year in June.",
        [("every year", "SET", "P1Y"), ("June", "DATE", "2023-06")],
    ),
    # holidays
    ("Shoppers spent heavily before Christmas.", [("Christmas", "DATE", "2022-12-25")]),
    # bugs found on the dev data, each with the sentence that showed it
    (
        "Savin Corp. reported a third-quarter net loss, compared with a profit a year earlier.",
        [("third-quarter", "DATE", "2022-Q3"), ("a year earlier", "DATE", "2021-Q3")],
    ),
    ("Revenue was $14.5 million in the 1988 quarter.", [("the 1988 quarter", "DATE", "1988-Q1")]),
    ("The company said it would acquire the bank in January.", [("January", "DATE", "2024-01")]),
    ("Five years after its launch, iTunes passed Wal-Mart.", [("Five years", "DURATION", "P5Y")]),
    ("Three days later, the index recovered.", [("Three days later", "DURATION", "P3D")]),
    ("The phone launches two days before the conference.", [("two days", "DURATION", "P2D")]),
    (
        "Russian markets to remain closed until Friday\nSeptember 18, 2008",
        [("Friday", "DATE", "2023-05-05"), ("September 18, 2008", "DATE", "2008-09-18")],
    ),
    ("Stocks had their best week since January.", [("January", "DATE", "2023-01")]),
    ("The alliance held its summit in April.", [("April", "DATE", "2023-04")]),
    (
        "Atlanta nineteen ninety-six. A bomb blast shocks the Olympic games.",
        [("nineteen ninety-six", "DATE", "1996")],
    ),
    ("The deal is expected to close by year-end.", [("year-end", "DATE", "2023")]),
    ("The new operating system will be released in mid-2011.", [("mid-2011", "DATE", "2011")]),
    # "until", "as soon as" point a weekday forward whatever the tense; "not until" does not
    ("The exchange kept all markets closed until Friday.", [("Friday", "DATE", "2023-05-05")]),
    ("Officials postponed until Monday any decision on the boy.", [("Monday", "DATE", "2023-05-08")]),
    ("The delegation could leave as soon as Thursday.", [("Thursday", "DATE", "2023-05-04")]),
    ("It was not until Monday that the minister spoke.", [("Monday", "DATE", "2023-05-01")]),
    ("Until Monday, police had not named a suspect.", [("Monday", "DATE", "2023-05-01")]),
    (
        "The doctor was shot dead on the night of Oct. 23, 2022 in his kitchen.",
        [("Oct. 23, 2022", "DATE", "2022-10-23")],
    ),
    (
        "In the year-earlier third quarter, the bank had net income of $5 million.",
        [("the year-earlier third quarter", "DATE", "2021-Q3")],  # the third quarter reported is 2022's
    ),
    (
        "For the quarter a year ago, the airline reported a loss.",
        [("the quarter a year ago", "DATE", "2022-Q1")],
    ),
    # "a year earlier" beside a report's nine months or half (no quarter named): the year before
    (
        "Savin Corp. reported a third-quarter net loss, compared with a profit a year earlier. For the "
        "nine months, the company reported a net loss of $608,413, compared with year-earlier net income.",
        [
            ("third-quarter", "DATE", "2022-Q3"),
            ("a year earlier", "DATE", "2021-Q3"),
            ("the nine months", "DURATION", "P9M"),
            ("year-earlier", "DATE", "2021"),
        ],
    ),
    (
        "Revenue from non-GM accounts was 45% of EDS's total business in the latest nine months, compared "
        "with 40% a year earlier.",
        [("the latest nine months", "DURATION", "P9M"), ("a year earlier", "DATE", "2022")],
    ),
    # "fiscal" joined to the ordinal by a hyphen
    (
        "Net income was C$4.7 million, or 12 Canadian cents a share, for the fiscal-first quarter. "
        "Profit was C$2.3 million a year ago.",
        [("the fiscal-first quarter", "DATE", "2023-Q1"), ("a year ago", "DATE", "2022-Q1")],
    ),
    # "the quarter ended July 31" (May to July): the calendar quarter of its middle month
    (
        "In the quarter ended July 31, Jayark had an average of 5.6 million shares outstanding.",
        [("the quarter", "DATE", "2022-Q2"), ("July 31", "DATE", "2022-07-31")],
    ),
    (
        "For the quarter ending Jan. 31, sales rose.",
        [("the quarter", "DATE", "2022-Q4"), ("Jan. 31", "DATE", "2023-01-31")],
    ),
    # "the day before" set off after a date renames that date: the day before what follows
    (
        "Eight trading days after Oct. 12, the day before the stock market plunge, the index fell.",
        [
            ("Eight trading days", "DURATION", "P8D"),
            ("Oct. 12", "DATE", "2022-10-12"),
            ("the day before", "DATE", "2022-10-12"),
        ],
    ),
    (
        "He was last seen Nov. 3. The day before, he had called his sister.",
        [("Nov. 3", "DATE", "2022-11-03"), ("The day before", "DATE", "2022-11-02")],
    ),
    # a quarter still to come, in a forecast, is not the quarter being reported
    (
        "Travelers estimated that the California earthquake last month will result in a fourth-quarter "
        "pre-tax charge. Earnings from commercial property/casualty lines fell 59% in the latest quarter.",
        [
            ("last month", "DATE", "2023-04"),
            ("fourth-quarter", "DATE", "2023-Q4"),
            ("the latest quarter", "DATE", "2023-Q1"),
        ],
    ),
    # "that year": the year of the date named before
    (
        "The exile returned to Havana in June 1998 but fled again later that year.",
        [("June 1998", "DATE", "1998-06"), ("later that year", "DATE", "1998")],
    ),
    # halves of a year, by any of their names (wsj_1014: "the last half of 1989"); not of something else
    (
        "The projection means lower earnings for the last half of 1989 and for 1990.",
        [("the last half of 1989", "DATE", "1989-H2"), ("1990", "DATE", "1990")],
    ),
    ("Sales picked up in the latter half of 2021.", [("the latter half of 2021", "DATE", "2021-H2")]),
    ("The Knicks led for the last half of the game.", []),
    ("Shares rose in the first half hour of trading.", []),
    # halves: the half in the next smaller unit
    (
        "The minister spent 5 1/2 hours in talks with rebel leaders.",
        [("5 1/2 hours", "DURATION", "PT5H30M")],
    ),
    ("The suspect had been on the run for 2 1/2 years.", [("2 1/2 years", "DURATION", "P2Y6M")]),
    ("The vote was delayed by an hour and a half.", [("an hour and a half", "DURATION", "PT1H30M")]),
    # a weekday and a date, a month and "last year": one expression
    (
        "The newspaper said in an editorial on Monday, May 1: The decision was wrong.",
        [("Monday, May 1", "DATE", "2023-05-01")],
    ),
    ("The rebel leader was arrested in July last year.", [("July last year", "DATE", "2022-07")]),
    ("The treaty will take effect in April next year.", [("April next year", "DATE", "2024-04")]),
    (
        "Parliament began the ratification in early February this year.",
        [("early February this year", "DATE", "2023-02")],
    ),
    # the clause an infinitive hangs on sets its direction: past there, so no forward reading
    (
        "The offer had been due to expire Monday evening, but it was extended to May 16.",
        [("Monday evening", "TIME", "2023-05-01TEV"), ("May 16", "DATE", "2023-05-16")],
    ),
    (
        "No inspection team had been allowed to carry out an inspection since Jan. 13.",
        [("Jan. 13", "DATE", "2023-01-13")],
    ),
    ("Poland can take part in planning for the summit in June.", [("June", "DATE", "2023-06")]),
    # "until", "through", "effective" point a month or a weekday's clock time forward
    (
        "Control Data got up to $90 million in revolving loans through August.",
        [("August", "DATE", "2023-08")],
    ),
    (
        "The board named a four-member office of the chairman, effective July 1.",
        [("July 1", "DATE", "2023-07-01")],
    ),
    (
        "The immigration service has given the relatives until 9 a.m. Monday to sign a paper.",
        [("9 a.m. Monday", "TIME", "2023-05-08T09:00")],
    ),
    # a part of the day with "yesterday", a season or a month with a year read aloud: one expression
    (
        "In London at mid-afternoon yesterday, the shares were up 2 pence.",
        [("mid-afternoon yesterday", "TIME", "2023-05-01TAF")],
    ),
    (
        "Oil fell to the level we saw in the winter of nineteen ninety-four.",
        [("the winter of nineteen ninety-four", "DATE", "1994-WI")],
    ),
    ("January nineteen ninety-seven. Atlanta again.", [("January nineteen ninety-seven", "DATE", "1997-01")]),
    # the second of two coordinated days, in the first one's month and year
    (
        "The accession will be celebrated at the Washington summit on April 24 and 25.",
        [("April 24", "DATE", "2023-04-24"), ("25", "DATE", "2023-04-25")],
    ),
    # a capitalised ambiguous month between a determiner and a noun; a month after "late-"
    ("The March accession let the three countries attend the summit.", [("March", "DATE", "2023-03")]),
    ("Nobody expected the late-November trip, Castro said.", [("the late-November", "DATE", "2022-11")]),
    ("The post-1959 politics have split families.", [("post-1959", "DATE", "1959")]),
    (
        "This is a major theme of our campaign from now to Election Day.",
        [
            ("now", "DATE", "PRESENT_REF"),
            ("Election Day", "DATE", "2023-11-07"),
        ],
    ),
    # "one day" in a future clause is some future day, not a period of one day
    (
        "Islam will one day be the second largest religion in the country.",
        [("one day", "DATE", "FUTURE_REF")],
    ),
    ("The strike lasted one day.", [("one day", "DURATION", "P1D")]),
    # anaphora: the month and the day of the date named before
    (
        "The company hired advisers in March 2022. The following month, it put itself up for sale.",
        [("March 2022", "DATE", "2022-03"), ("The following month", "DATE", "2022-04")],
    ),
    (
        "Clinton spoke in Boston on Monday and arrived in Philadelphia later in the day.",
        [("Monday", "DATE", "2023-05-01"), ("the day", "DATE", "2023-05-01")],
    ),
    # a verb that looks ahead makes a bare weekday the nearest one, unless it dates the planning
    (
        "Exiles planned a large demonstration in Little Havana on Thursday.",
        [("Thursday", "DATE", "2023-05-04")],
    ),
    (
        "The U.S. attorney has scheduled a news conference Thursday to announce a development.",
        [("Thursday", "DATE", "2023-05-04")],
    ),
    ("On Thursday, the Kenyan government planned to hold talks.", [("Thursday", "DATE", "2023-04-27")]),
    # a clock time followed by its weekday is on that weekday
    (
        "The ceasefire, which began at 6 p.m. local time on Saturday, held overnight.",
        [
            ("6 p.m.", "TIME", "2023-04-29T18:00"),
            ("Saturday", "DATE", "2023-04-29"),
            ("overnight", "TIME", "2023-04-29TNI"),
        ],
    ),
    # "later" counts from the date named before, never from the publication date
    (
        "The firm was founded in March 1995 and went public two months later.",
        [("March 1995", "DATE", "1995-03"), ("two months later", "DATE", "1995-05")],
    ),
    (
        "The firm was founded in the mid-1990s and went public a decade later.",
        [("the mid-1990s", "DATE", "199"), ("a decade later", "DURATION", "P10Y")],
    ),
    ("FY2013 earnings will be lower, the company said.", [("FY2013", "DATE", "2013")]),
    (
        "He appeared in court on Monday and was released the next morning.",
        [("Monday", "DATE", "2023-05-01"), ("the next morning", "TIME", "2023-05-02TMO")],
    ),
    (
        "The case may finally be resolved in a court hearing the week of May 22.",
        [("the week of May 22", "DATE", "2023-W21")],
    ),
    # a clock time opening a line heads a live-blog entry: the day of publication
    (
        "Trump spoke in Ohio on Monday.\n\n___.\n\n11:40 a.m.\n\nA spokeswoman for Clinton said so.",
        [("Monday", "DATE", "2023-05-01"), ("11:40 a.m.", "TIME", "2023-05-02T11:40")],
    ),
    # "the day before last Tuesday": one expression; "until then": the date named before
    (
        "The day before last Tuesday's federal court hearing, the family met in Miami.",
        [("The day before last Tuesday", "DATE", "2023-04-24")],
    ),
    (
        "The stock will stop trading on Nov. 30. Until then, it remains listed.",
        [("Nov. 30", "DATE", "2023-11-30"), ("then", "DATE", "2023-11-30")],
    ),
    ("Until then, nobody had heard of him.", []),
    # ISO timestamps with seconds and a zone; locale-ordered numeric dates read by dateparser
    (
        "The statement was posted at 2023-04-28T14:30:00+02:00 on the ministry's site.",
        [("2023-04-28T14:30:00+02:00", "TIME", "2023-04-28T14:30+02:00")],
    ),
    ("The log entry is stamped 2023-04-28T14:30Z.", [("2023-04-28T14:30Z", "TIME", "2023-04-28T14:30Z")]),
    ("The first tranche was agreed on 28.04.2023 in Brussels.", [("28.04.2023", "DATE", "2023-04-28")]),
    ("The decree is dated 2023/04/28.", [("2023/04/28", "DATE", "2023-04-28")]),
    ("The decree is dated 31.02.2023, a day that does not exist.", []),
    # negatives: words that look like dates but are not
    ("Good evening from Central Park in downtown Manhattan.", []),
    # a part of the day that modifies a noun is a kind of thing (APW19980418.0210), one named by the
    # event after it has no date to give
    ("A fit-looking Farkas said on state TV's morning talk show that he was ready.", []),
    ("He read the headlines on the evening news.", []),
    ("Air traffic control tapes from the night that the plane went down were released.", []),
    ("The Communist Party daily Granma compared the boy with a hostage.", []),
    ("He can't make fun of the NBC Nightly News ratings if Holt asks him.", []),
    ("The bank lost heavily. Now, analysts say, it must raise capital.", []),
    ("The rules do not fit today's world, the judge wrote.", []),
    ("The drama speaks to today's youth.", []),
    ("There are no shipments at the moment, the official said.", []),
    ("The poll was published by USA Today and CNN.", []),
    ("Iraq imports about three-quarters of its food.", []),
    ("Pension funds hold more than a quarter of the market.", []),
    (
        "Japan entered a recession after two consecutive quarters of negative growth.",
        [("two consecutive quarters", "DURATION", "P2Q")],
    ),
    ('The secretary of state said on ABC\'s "This Week" that talks had failed.', []),
    ("Average daily volume was 133 million shares.", []),
    ("Mr. Schwarz, 52 years old, will succeed him.", []),
    ("Qantas will add four flights a week on the route.", []),
    ("The company raised its quarterly dividend.", []),
    ("We may see more attacks, he said.", []),
    ("Thousands joined the march through the city.", []),
    ("Shares saw a fall in value.", []),
    ("The firm employs 2000 people.", []),
    ("We want peace, she said.", []),
    ("A 15-year-old boy was arrested.", []),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_detection_and_value(nlp: Language, sentence: str, expected: list[tuple[str, str, str]]) -> None:
    assert _triples(_dates(nlp, sentence)) == expected


MODS = [
    ("The company expects a loss early next year.", "early next year", "2024", "START"),
    ("The plant will open in late November.", "late November", "2023-11", "END"),
    ("The talks lasted nearly two years.", "nearly two years", "P2Y", "EQUAL_OR_LESS"),
    ("They have kept the secret for more than a century.", "more than a century", "P100Y", "MORE_THAN"),
    ("The bonds will be repaid by the end of 2025.", "the end of 2025", "2025", "END"),
    ("Prices will stay high for the next two years or so.", "the next two years or so", "P2Y", "APPROX"),
    # modifiers after the expression, and a year's prefix (TimeBank wsj_0189, wsj_0529, NYT20000224)
    (
        "The plants will be closed over the next year or so, a spokesman said.",
        "the next year or so",
        "2024",
        "APPROX",
    ),
    ("Then, a week or so ago, the general picked a date.", "a week or so ago", "2023-04-25", "APPROX"),
    (
        "Investors worry about future earnings and cash flow for 2024 and beyond.",
        "2024 and beyond",
        "2024",
        "ON_OR_AFTER",
    ),
    ("But the post-1959 politics have managed to split families.", "post-1959", "1959", "AFTER"),
    ("The sale is to be completed around Nov. 1.", "around Nov. 1", "2023-11-01", "APPROX"),
    ("The transaction is expected to close around year end.", "around year end", "2023", "APPROX"),
    ("The exiles' lawyers found a way around Wednesday's ruling.", "Wednesday", "2023-04-26", None),
]


@pytest.mark.parametrize(("sentence", "text", "value", "mod"), MODS, ids=[m[1] for m in MODS])
def test_mod(nlp: Language, sentence: str, text: str, value: str, mod: str | None) -> None:
    dates = _dates(nlp, sentence)
    assert [(d.text, d.value, d.mod) for d in dates] == [(text, value, mod)]


KNOWN_FAILURES = [
    # TimeBank dates "a year earlier" in a quarterly report to the quarter; we do only when the
    # sentence says "quarter" or "period".
    (
        "Net income was $5 million, up from $3 million a year earlier.",
        [("a year earlier", "DATE", "2022-Q1")],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), KNOWN_FAILURES, ids=[c[0][:40] for c in KNOWN_FAILURES])
@pytest.mark.xfail(strict=True, reason="needs discourse context the rules do not read")
def test_known_failures(nlp: Language, sentence: str, expected: list[tuple[str, str, str]]) -> None:
    assert _triples(_dates(nlp, sentence)) == expected


# --- no publication date: relative values stay unresolved -------------------------------------------


UNANCHORED = [
    ("Reznikov said Monday that the army was ready.", "Monday", "XXXX-WXX-1"),
    ("The festival opens on December 25.", "December 25", "XXXX-12-25"),
    ("Prices rose last week.", "last week", None),
    ("Profit fell in the third quarter.", "the third quarter", "XXXX-Q3"),
]


@pytest.mark.parametrize(("sentence", "text", "value"), UNANCHORED, ids=[u[1] for u in UNANCHORED])
def test_without_publication_date_nothing_is_guessed(
    nlp: Language, sentence: str, text: str, value: str | None
) -> None:
    (date,) = _dates(nlp, sentence, published=None)
    assert (date.text, date.value, date.relative, date.resolved) == (text, value, True, False)


def test_absolute_dates_resolve_without_publication_date(nlp: Language) -> None:
    (date,) = _dates(nlp, "The treaty was signed on 2 May 2023.", published=None)
    assert (date.value, date.relative, date.resolved) == ("2023-05-02", False, True)


# --- events and dated quotes ---------------------------------------------------------------------


EVENTS = [
    ("Ukrainian Defense Minister Oleksiy Reznikov said Monday that the army was ready.", "Monday", "said"),
    (
        "The UK defense ministry noted in an assessment Tuesday that logistics problems remain.",
        "Tuesday",
        "assessment",
    ),
    ("Apple released the iPhone in 2007.", "2007", "released"),
]


@pytest.mark.parametrize(("sentence", "date_text", "event"), EVENTS, ids=[e[1] for e in EVENTS])
def test_event_is_the_word_the_date_attaches_to(
    nlp: Language, sentence: str, date_text: str, event: str
) -> None:
    (date,) = _dates(nlp, sentence)
    assert date.text == date_text
    assert date.event is not None and date.event.text == event
    assert sentence[date.event.start : date.event.end] == event


def _quote(text: str, inner: str, cue: str, qid: str = "Q1") -> Quote:
    start = text.index(inner)
    c = text.index(cue)
    return Quote(
        id=qid, text=inner, start=start, end=start + len(inner), kind="direct", cue=Span(cue, c, c + len(cue))
    )


def test_dated_cue_dates_the_quote_and_anchors_today_inside_it(nlp: Language) -> None:
    text = "“As of today, we are entering the home stretch,” Reznikov said Monday."
    doc = nlp(text)
    quote = _quote(text, "As of today, we are entering the home stretch,", "said")
    result = Analysis(text=text, published=REFERENCE_DATE, published_source="request", quotes=[quote])
    dates = {d.text: d for d in extract_dates(doc, result)}
    assert quote.said_on == "2023-05-01"
    assert dates["Monday"].event is not None and dates["Monday"].event.text == "said"
    assert dates["today"].value == "2023-05-01"  # said on Monday, not the publication day


def test_undated_cue_leaves_the_quote_alone(nlp: Language) -> None:
    text = "“As of today, we are entering the home stretch,” Reznikov said in televised comments."
    quote = _quote(text, "As of today, we are entering the home stretch,", "said")
    result = Analysis(text=text, published=REFERENCE_DATE, published_source="request", quotes=[quote])
    dates = extract_dates(nlp(text), result)
    assert quote.said_on is None
    assert [(d.text, d.value) for d in dates] == [("today", "2023-05-02")]


def test_publication_role_only_for_the_dateline(nlp: Language) -> None:
    text = "June 9, 2008\nApple Computer today launched a 3G version of its iPhone."
    dates = _dates(nlp, text, published=None)
    assert [(d.text, d.value, d.role) for d in dates] == [
        ("June 9, 2008", "2008-06-09", "publication"),
        ("today", "2008-06-09", "event"),
    ]


def _spoken(quote: Quote, speaker: str, entity: str) -> Quote:
    quote.speaker = Speaker(speaker, 0, len(speaker), entity=entity)
    return quote


def test_next_quote_by_the_same_speaker_keeps_the_day(nlp: Language) -> None:
    text = (
        "Reznikov said Monday that “key things” were ready.\n\n"
        "“As of today, we are entering the home stretch,” Reznikov said in televised comments."
    )
    first = _spoken(_quote(text, "key things", "said"), "Reznikov", "E1")
    second_cue = text.index("said", text.index("home stretch"))
    inner = "As of today, we are entering the home stretch,"
    start = text.index(inner)
    second = _spoken(
        Quote(
            id="Q2",
            text=inner,
            start=start,
            end=start + len(inner),
            kind="direct",
            cue=Span("said", second_cue, second_cue + 4),
        ),
        "Reznikov",
        "E1",
    )
    result = Analysis(text=text, published=REFERENCE_DATE, published_source="request", quotes=[first, second])
    dates = {d.text: d for d in extract_dates(nlp(text), result)}
    assert (first.said_on, second.said_on) == ("2023-05-01", "2023-05-01")
    assert dates["today"].value == "2023-05-01"


def test_a_date_on_the_cue_s_object_dates_the_quote(nlp: Language) -> None:
    text = "The UK defense ministry noted in an assessment Tuesday that “logistics problems remain.”"
    quote = _quote(text, "logistics problems remain.", "noted")
    result = Analysis(text=text, published=REFERENCE_DATE, published_source="request", quotes=[quote])
    extract_dates(nlp(text), result)
    assert quote.said_on == "2023-05-02"


def test_the_date_that_dates_a_cue_is_not_read_again_inside_its_quote(nlp: Language) -> None:
    # wsj_0938 (TimeBank): the quotes stage reads "yesterday's announcement" as what the shareholders
    # "responded" to; "yesterday" dates that cue, and must not then be re-read from the day it set
    text = "Cineplex shareholders responded coolly to yesterday's announcement."
    quote = _quote(text, "yesterday's announcement", "responded")
    result = Analysis(text=text, published=REFERENCE_DATE, published_source="request", quotes=[quote])
    dates = extract_dates(nlp(text), result)
    assert quote.said_on == "2023-05-01"
    assert [(d.text, d.value) for d in dates] == [("yesterday", "2023-05-01")]


def test_a_date_read_again_inside_a_quote_keeps_its_forward_cue(nlp: Language) -> None:
    # "until Friday" looks ahead whatever the tense: from the Monday the words were said, the Friday after
    text = "The minister said Monday that the vote had been put off until Friday."
    quote = _quote(text, "the vote had been put off until Friday", "said")
    result = Analysis(text=text, published=REFERENCE_DATE, published_source="request", quotes=[quote])
    dates = {d.text: d.value for d in extract_dates(nlp(text), result)}
    assert quote.said_on == "2023-05-01"
    assert dates["Friday"] == "2023-05-05"
