"""Issue 13: the phrasing classes the first rules missed, one table per class, in news sentences.

Anchored on Tuesday 2 May 2023 (conftest.REFERENCE_DATE) unless a case says otherwise. Each row
is (sentence, expected (text, type, value) of every DATE/TIME/DURATION expression found).
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import REFERENCE_DATE
from spacy.language import Language

from service.extract import analyse_doc


def _triples(nlp: Language, text: str, published: dt.date | None = REFERENCE_DATE) -> list[tuple]:
    dates = analyse_doc(nlp(text), published, include=("dates",)).dates
    return [(d.text, d.type, d.value) for d in dates]


HOLIDAYS = [
    ("Shoppers lined up for Black Friday 2013 deals.", [("Black Friday 2013", "DATE", "2013-11-29")]),
    (
        "Orthodox Easter fell on April 16 this year.",
        [
            ("Orthodox Easter", "DATE", "2023-04-16"),
            ("April 16 this year", "DATE", "2023-04-16"),
        ],
    ),
    ("Sales were weak last Easter, the company said.", [("last Easter", "DATE", "2023-04-09")]),
    ("The store will reopen next Christmas.", [("next Christmas", "DATE", "2023-12-25")]),
    ("The parade will be held on St. Patrick’s Day.", [("St. Patrick’s Day", "DATE", "2024-03-17")]),
    ("Markets in Shanghai were shut for Chinese New Year.", [("Chinese New Year", "DATE", "2023-01-22")]),
    (
        "The office was closed on Martin Luther King Jr. Day.",
        [("Martin Luther King Jr. Day", "DATE", "2023-01-16")],
    ),
    ("Muslims celebrated Eid al-Fitr with their families.", [("Eid al-Fitr", "DATE", "2023-04-21")]),
    ("Fireworks lit the sky over Delhi for Diwali 2022.", [("Diwali 2022", "DATE", "2022-10-24")]),
    ("The holiday season starts on Thanksgiving 2023.", [("Thanksgiving 2023", "DATE", "2023-11-23")]),
    (
        "Muslims began fasting for Ramadan in March.",
        [("Ramadan", "DATE", "2023-03-23"), ("March", "DATE", "2023-03")],
    ),
    # the article's country picks the calendar for a name other countries share
    (
        "India celebrated Independence Day with a parade in New Delhi.",
        [("Independence Day", "DATE", "2022-08-15")],
    ),
    ("Americans marked Independence Day across the U.S.", [("Independence Day", "DATE", "2022-07-04")]),
    ("Traffic in Canada was heavy on Thanksgiving.", [("Thanksgiving", "DATE", "2022-10-10")]),
    # the week of a holiday (APW20000417.0031, read on the Monday of Holy Week 2000)
    (
        "Earlier Sunday, protesters prayed for divine help as Easter week began, waving palm fronds.",
        [("Earlier Sunday", "DATE", "2023-04-30"), ("Easter week", "DATE", "2023-W14")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), HOLIDAYS)
def test_holidays(nlp: Language, text: str, expected: list) -> None:
    assert _triples(nlp, text) == expected


RANGES = [
    # (sentence, [(text, value)] of the two ends, in order)
    ("The festival runs July 13-15 in Austin.", [("July 13", "2023-07-13"), ("15", "2023-07-15")]),
    ("The conference runs July 13–15, 2024.", [("July 13", "2024-07-13"), ("15, 2024", "2024-07-15")]),
    (
        "The summit will be held from 13 to 15 August in Geneva.",
        [("13", "2023-08-13"), ("15 August", "2023-08-15")],
    ),
    ("The clinic is open 3-4pm on weekdays.", [("3", "2023-05-02T15:00"), ("4pm", "2023-05-02T16:00")]),
    (
        "The market is open from 10:30 to 11:45 a.m. today.",
        [("10:30", "2023-05-02T10:30"), ("11:45 a.m. today", "2023-05-02T11:45")],
    ),
    ("Polls will be open from Monday to Friday.", [("Monday", "2023-05-08"), ("Friday", "2023-05-12")]),
    ("Talks ran between 2010 and 2012.", [("2010", "2010"), ("2012", "2012")]),
]


@pytest.mark.parametrize(("text", "expected"), RANGES)
def test_ranges_keep_both_ends(nlp: Language, text: str, expected: list) -> None:
    dates = analyse_doc(nlp(text), REFERENCE_DATE, include=("dates",)).dates
    ends = [d for d in dates if d.range is not None]
    assert [(d.text, d.value) for d in ends] == expected
    assert ends[0].range == ends[1].range
    assert (ends[0].range.begin, ends[0].range.end) == (ends[0].id, ends[1].id)


NOT_RANGES = [
    "He moved the meeting to Friday after Monday.",
    "Shares rose 5 percent on July 13 to 15 dollars.",
    "The votes on 13 and 15 August were close.",
]


@pytest.mark.parametrize("text", NOT_RANGES)
def test_not_ranges(nlp: Language, text: str) -> None:
    assert all(d.range is None for d in analyse_doc(nlp(text), REFERENCE_DATE, include=("dates",)).dates)


CLOCKS = [
    (
        "The game starts at 7:30 PM on Fri, Sep 20.",
        [("7:30 PM", "TIME", "2023-09-20T19:30"), ("Sep 20", "DATE", "2023-09-20")],
    ),
    (
        "The minister will speak this afternoon at 3:20.",
        [("this afternoon", "TIME", "2023-05-02TAF"), ("3:20", "TIME", "2023-05-02T15:20")],
    ),
    (
        "The train left at 15:15 and arrived at 15:30.",
        [("15:15", "TIME", "2023-05-02T15:15"), ("15:30", "TIME", "2023-05-02T15:30")],
    ),
    (
        "The match kicks off at 8 p.m. on March 3, 2024.",
        [("8 p.m.", "TIME", "2024-03-03T20:00"), ("March 3, 2024", "DATE", "2024-03-03")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CLOCKS)
def test_clock_times_join_their_day(nlp: Language, text: str, expected: list) -> None:
    assert _triples(nlp, text) == expected


COMPOSED = [
    (
        "The vote is set for the first Tuesday of October.",
        [("the first Tuesday of October", "DATE", "2023-10-03")],
    ),
    ("The board meets Wednesday next week.", [("Wednesday next week", "DATE", "2023-05-10")]),
    (
        "The shop opens on the last Friday of next month.",
        [("the last Friday of next month", "DATE", "2023-06-30")],
    ),
    ("The law took effect on the first of March.", [("the first of March", "DATE", "2023-03-01")]),
    ("The hearing was held on Tuesday the 18th.", [("Tuesday the 18th", "DATE", "2023-04-18")]),
    ("He arrived on the twenty-first of April.", [("the twenty-first of April", "DATE", "2023-04-21")]),
    ("The next meeting is the week after next.", [("the week after next", "DATE", "2023-W20")]),
    # the weekday picks the year: 5 March 2023 is a Sunday, 5 March 2024 a Tuesday
    ("The talks will resume on Tuesday, March 5th.", [("Tuesday, March 5th", "DATE", "2024-03-05")]),
    ("The strike started on Monday, Jan. 9.", [("Monday, Jan. 9", "DATE", "2023-01-09")]),
    # not a day of the month: an ordinal before a noun
    ("Apple announced on Tuesday the first generation of its phones.", [("Tuesday", "DATE", "2023-05-02")]),
    # a day of the month alone: the nearest such day in the clause's direction (anchor 2 May 2023)
    ("The rent is due on the 15th, the landlord said.", [("the 15th", "DATE", "2023-05-15")]),
    ("The plant closed on the 28th, workers said.", [("the 28th", "DATE", "2023-04-28")]),
    ("Bids are due by the 20th.", [("the 20th", "DATE", "2023-05-20")]),
    ("The rent is due on the 1st.", [("the 1st", "DATE", "2023-06-01")]),
    (
        "The fair ran from the 10th to the 12th.",
        [("the 10th", "DATE", "2023-04-10"), ("the 12th", "DATE", "2023-04-12")],
    ),
    ("The deal closes on the 15th of next month.", [("the 15th of next month", "DATE", "2023-06-15")]),
    ("Talks resumed on December the 3rd.", [("December the 3rd", "DATE", "2022-12-03")]),
    # ordinals that are not days: before a noun, after no date word, or written as a word
    ("They appealed to the 11th Circuit in Atlanta.", []),
    ("He finished the 15th, behind the leaders.", []),
    ("It is the first to bear the family name.", []),
    ("In March the 3 companies merged.", [("March", "DATE", "2023-03")]),
    # numeric dates: month first unless the first number cannot be a month
    ("The contract was signed on 25/12/2022 in London.", [("25/12/2022", "DATE", "2022-12-25")]),
    ("The contract was signed on 5/2/2023 in Boston.", [("5/2/2023", "DATE", "2023-05-02")]),
    # clock times in words
    (
        "The vigil began at three o'clock this afternoon.",
        [("three o'clock", "TIME", "2023-05-02T15:00"), ("this afternoon", "TIME", "2023-05-02TAF")],
    ),
    ("Police arrived at a quarter to five.", [("a quarter to five", "TIME", "2023-05-02T04:45")]),
    ("The bars shut at half past ten tonight.", [("half past ten tonight", "TIME", "2023-05-02T22:30")]),
    # a colon time "tonight" is in the evening
    ("The polls close at 8:30 tonight.", [("8:30 tonight", "TIME", "2023-05-02T20:30")]),
    # quarters and halves in financial shorthand
    (
        "Profit doubled in Q3 '22 and again in 4Q22.",
        [("Q3 '22", "DATE", "2022-Q3"), ("4Q22", "DATE", "2022-Q4")],
    ),
    ("Revenue guidance for H1 2024 was cut.", [("H1 2024", "DATE", "2024-H1")]),
    ("The firm expects losses in 2H23.", [("2H23", "DATE", "2023-H2")]),
    ("She applied for an H1 visa.", []),
    # a week of a month: the ISO week holding most of its first (last) seven days
    ("Exports fell in the first week of March.", [("the first week of March", "DATE", "2023-W09")]),
    ("The sale runs the last week of May.", [("the last week of May", "DATE", "2023-W21")]),
    ("Talks start the second week of next month.", [("the second week of next month", "DATE", "2023-W23")]),
    # two units before last / after next
    ("Sales fell the week before last.", [("the week before last", "DATE", "2023-W16")]),
    ("The fire started the weekend before last.", [("the weekend before last", "DATE", "2023-W16-WE")]),
    ("The vote is the weekend after next.", [("the weekend after next", "DATE", "2023-W19-WE")]),
    ("Prices peaked the month before last.", [("the month before last", "DATE", "2023-03")]),
    # a day moved by an offset is one expression
    (
        "Stores opened early the day after Thanksgiving 2022.",
        [("the day after Thanksgiving 2022", "DATE", "2022-11-25")],
    ),
    ("The truce began two days before Christmas.", [("two days before Christmas", "DATE", "2022-12-23")]),
    ("Results are due a week after May 10.", [("a week after May 10", "DATE", "2023-05-17")]),
    ("The verdict is expected a week from Friday.", [("a week from Friday", "DATE", "2023-05-12")]),
    ("Polls close two weeks from today.", [("two weeks from today", "DATE", "2023-05-16")]),
    # an offset from an event is a duration, not a date; so is a stretch starting on a date
    (
        "The festival lasts ten days from June 3.",
        [("ten days", "DURATION", "P10D"), ("June 3", "DATE", "2023-06-03")],
    ),
    ("He resigned three weeks before the election.", [("three weeks", "DURATION", "P3W")]),
]


@pytest.mark.parametrize(("text", "expected"), COMPOSED)
def test_composed_and_day_of_month(nlp: Language, text: str, expected: list) -> None:
    assert _triples(nlp, text) == expected


EVERYDAY = [
    # early/late before a relative day: the word is part of the expression (TimeBank: "late yesterday", END)
    ("Shares fell late yesterday, traders said.", [("late yesterday", "DATE", "2023-05-01", "END")]),
    ("Earlier yesterday, police sealed the road.", [("Earlier yesterday", "DATE", "2023-05-01", "START")]),
    ("The blast happened early this morning.", [("early this morning", "TIME", "2023-05-02TMO", "START")]),
    ("The storm hit late last night.", [("late last night", "TIME", "2023-05-01TNI", "END")]),
    # a clock time before a day and its part of the day is one time; an evening puts it after noon
    ("The fire started at 2:15 Monday morning.", [("2:15 Monday morning", "TIME", "2023-05-01T02:15", None)]),
    ("The polls closed at 5:40 Friday evening.", [("5:40 Friday evening", "TIME", "2023-04-28T17:40", None)]),
    (
        "The suspect was seen at 10:30 yesterday morning.",
        [("10:30 yesterday morning", "TIME", "2023-05-01T10:30", None)],
    ),
    (
        "Police were called at 11 p.m. Saturday night.",
        [("11 p.m. Saturday night", "TIME", "2023-04-29T23:00", None)],
    ),
    # a holiday's weekend: the Saturday and Sunday next to it, as an ISO week's weekend
    (
        "Officials will meet over Memorial Day weekend.",
        [("Memorial Day weekend", "DATE", "2023-W21-WE", None)],
    ),
    (
        "Traffic was heavy over the Thanksgiving weekend.",
        [("the Thanksgiving weekend", "DATE", "2022-W47-WE", None)],
    ),
    ("Churches were full over the Easter holiday.", [("Easter", "DATE", "2023-04-09", None)]),
    # US wire time zones without the standard/daylight letter, and Asian zones, belong to the time
    (
        "Markets closed at 4 p.m. ET on Monday.",
        [("4 p.m. ET", "TIME", "2023-05-01T16:00", None), ("Monday", "DATE", "2023-05-01", None)],
    ),
    ("The quake struck at 10:15 a.m. JST.", [("10:15 a.m. JST", "TIME", "2023-05-02T10:15", None)]),
    # half a unit: the half in the next smaller unit, as "a year and a half" is P1Y6M
    ("Trading was halted for half an hour.", [("half an hour", "DURATION", "PT30M", None)]),
    ("The strike cost the firm half a year of sales.", [("half a year", "DURATION", "P6M", None)]),
    ("He won half a million dollars.", []),
    # an hour with its part of the day in words, after a clock word ("at", "until")
    (
        "The shelling began at five in the morning.",
        [("five in the morning", "TIME", "2023-05-02T05:00", None)],
    ),
    ("The bars must close by 10 at night.", [("10 at night", "TIME", "2023-05-02T22:00", None)]),
    (
        "The polls will shut at 3:30 in the afternoon on Friday.",
        [("3:30 in the afternoon", "TIME", "2023-05-05T15:30", None), ("Friday", "DATE", "2023-05-05", None)],
    ),
    # units ago without a number: some past time, as TimeBank reads "several years ago"
    ("The town thrived years ago, residents said.", [("years ago", "DATE", "PAST_REF", None)]),
    ("The mine closed decades ago.", [("decades ago", "DATE", "PAST_REF", None)]),
    # after "just"/"only" the phrase measures how little time has passed (TimeBank: PXM over "months")
    ("The firm, which just months ago was losing money, rose.", [("months", "DURATION", "PXM", None)]),
    # "soon" looking ahead is a future reference; "soon after", "as soon as", a past "soon" are not
    ("The regulator may soon approve the merger.", [("soon", "DATE", "FUTURE_REF", None)]),
    ("The suspect was soon released.", []),
    ("Soon after the vote, he resigned.", []),
    ("They will leave as soon as possible.", []),
    ("It is too soon to say how deep the damage is.", []),
    ("Soon enough, the crowd dispersed.", []),
    # "the" belongs to a season (TimeBank: "the summer", "the early summer", "the winter of ..."); a
    # capitalised season before a name is part of the name
    ("The firm plans to list in the spring of 2024.", [("the spring of 2024", "DATE", "2024-SP", None)]),
    ("Sales slowed in the early summer.", [("the early summer", "DATE", "2023-SU", "START")]),
    ("She competed at the Summer Olympics.", []),
    # "earlier in", "late in" before a unit set its mod and belong to it (TimeBank: "earlier in the year")
    ("Shares fell earlier in the week.", [("earlier in the week", "DATE", "2023-W18", "START")]),
    ("He will quit later in the year.", [("later in the year", "DATE", "2023", "END")]),
    # a calendar quarter named by its months; months that open no calendar quarter stay months
    ("Growth in the April-June quarter slowed.", [("the April-June quarter", "DATE", "2023-Q2", None)]),
    ("Sales in the January-March period rose.", [("the January-March period", "DATE", "2023-Q1", None)]),
    ("Sales in the February-April quarter rose.", [("February", "DATE", "2023-02", None)]),
    # a month and day with "last/this/next year" is one date in that year
    ("The market opened on May 1 last year.", [("May 1 last year", "DATE", "2022-05-01", None)]),
    ("The plant reopens on 15 March next year.", [("15 March next year", "DATE", "2024-03-15", None)]),
    (
        "He was hired on the 5th of June this year.",
        [("the 5th of June this year", "DATE", "2023-06-05", None)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), EVERYDAY)
def test_everyday_phrases(nlp: Language, text: str, expected: list) -> None:
    dates = analyse_doc(nlp(text), REFERENCE_DATE, include=("dates",)).dates
    assert [(d.text, d.type, d.value, d.mod) for d in dates] == expected


LOWER_CASE = [
    (
        "the deal closed on march 3 and shares rose on tuesday.",
        [("march 3", "DATE", "2023-03-03"), ("tuesday", "DATE", "2023-05-02")],
    ),
    ("the company will report results in january 2024.", [("january 2024", "DATE", "2024-01")]),
    ("the treaty was signed on 9 may 1999 in the capital.", [("9 may 1999", "DATE", "1999-05-09")]),
    # verbs and nouns, not months
    ("you may march to the square if you wish.", []),
    ("thousands joined this march in the capital.", []),
]


@pytest.mark.parametrize(("text", "expected"), LOWER_CASE)
def test_lower_case_names_decided_from_the_parse(nlp: Language, text: str, expected: list) -> None:
    assert _triples(nlp, text) == expected


def test_wire_dateline_is_the_publication_date(nlp: Language) -> None:
    text = (
        "WASHINGTON, March 20, 2024 (Reuters) - The Federal Reserve held rates steady on Wednesday "
        "and signalled three cuts before the end of the year, officials told reporters after the meeting."
    )
    result = analyse_doc(nlp(text), None, include=("dates",))
    assert (result.published, result.published_source) == (dt.date(2024, 3, 20), "dateline")
    got = [(d.text, d.value, d.role) for d in result.dates]
    assert got[:2] == [("March 20, 2024", "2024-03-20", "publication"), ("Wednesday", "2024-03-20", "event")]


def test_a_date_in_prose_is_no_dateline(nlp: Language) -> None:
    result = analyse_doc(
        nlp("The deal will close on March 3, 2014."), dt.date(2014, 1, 10), include=("dates",)
    )
    assert [(d.text, d.value, d.role) for d in result.dates] == [("March 3, 2014", "2014-03-03", "event")]
    assert result.dates[0].event is not None


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("Crowds are still cleaning up after this past weekend.", dt.date(2023, 5, 5), "2023-W17-WE"),
        ("Crowds will gather this coming weekend.", dt.date(2023, 5, 5), "2023-W18-WE"),
        ("Crowds are still cleaning up after this past weekend.", dt.date(2023, 5, 7), "2023-W18-WE"),
    ],
)
def test_this_past_and_coming_weekend(nlp: Language, text: str, published: dt.date, value: str) -> None:
    assert [d.value for d in analyse_doc(nlp(text), published, include=("dates",)).dates] == [value]


BREADTH = [
    # everyday phrases other date parsers' test suites read (Duckling, SUTime, HeidelTime, chrono, dateparser)
    # "in three days" looking ahead is the day three days on; looking back, a length of time
    ("The new bridge will open in three days.", [("three days", "DATE", "2023-05-05", None)]),
    ("The bridge sold out in three days.", [("three days", "DURATION", "P3D", None)]),
    # a fraction of a unit ago is counted in the next smaller unit; hours ago move the day
    ("The plant closed half a year ago.", [("half a year ago", "DATE", "2022-11", None)]),
    ("The outage began 48 hours ago.", [("48 hours ago", "DATE", "2023-04-30", None)]),
    # SETs
    ("The council meets every other week.", [("every other week", "SET", "P2W", None)]),
    ("Inspectors visit every three months.", [("every three months", "SET", "P3M", None)]),
    ("Prices are reviewed every few days.", [("every few days", "SET", "PXD", None)]),
    ("The board meets twice a year.", [("twice a year", "SET", "P1Y", None)]),
    ("The market opens on Saturdays.", [("Saturdays", "SET", "XXXX-WXX-6", None)]),
    ("The museum is shut on Sunday mornings.", [("Sunday mornings", "SET", "XXXX-WXX-7TMO", None)]),
    ("Parks are crowded at weekends.", [("weekends", "SET", "XXXX-WXX-WE", None)]),
    ("The shop opens every morning.", [("every morning", "SET", "XXXX-XX-XXTMO", None)]),
    ("Crowds gather every summer.", [("every summer", "SET", "XXXX-SU", None)]),
    # the first or last day of a month or year
    (
        "Rent is due on the last day of the month.",
        [("the last day of the month", "DATE", "2023-05-31", None)],
    ),
    ("The fiscal year ends on the last day of June.", [("the last day of June", "DATE", "2023-06-30", None)]),
    (
        "The sale ends on the last Friday of the month.",
        [("the last Friday of the month", "DATE", "2023-05-26", None)],
    ),
    # decades without their apostrophe; a "hundreds" is a century; temperatures are no decade
    ("The band was formed in the 90s.", [("the 90s", "DATE", "199", None)]),
    ("The mill was built in the 1800s.", [("the 1800s", "DATE", "18", None)]),
    ("Highs will be in the 70s on Friday.", [("Friday", "DATE", "2023-05-05", None)]),
    # a bare hour after "at", beside a day
    ("The polls close at 9 tonight.", [("9 tonight", "TIME", "2023-05-02T21:00", None)]),
    (
        "The blast came at 6 this morning.",
        [("6", "TIME", "2023-05-02T06:00", None), ("this morning", "TIME", "2023-05-02TMO", None)],
    ),
    (
        "The talks resume tomorrow at 10.",
        [("tomorrow", "DATE", "2023-05-03", None), ("10", "TIME", "2023-05-03T10:00", None)],
    ),
    ("The rate stood at 5 yesterday, up from 4.", [("yesterday", "DATE", "2023-05-01", None)]),
    ("He lives at 10 Downing Street.", []),
    # Easter-cycle feasts, fixed days, names written without their apostrophe
    ("Churches were full on Ash Wednesday.", [("Ash Wednesday", "DATE", "2023-02-22", None)]),
    ("Crowds filled the streets for Mardi Gras.", [("Mardi Gras", "DATE", "2023-02-21", None)]),
    ("Shops closed on Whit Monday.", [("Whit Monday", "DATE", "2022-06-06", None)]),
    ("Families gathered on Mothers Day.", [("Mothers Day", "DATE", "2022-05-08", None)]),
    ("Stores will close early on New Years Eve.", [("New Years Eve", "DATE", "2023-12-31", None)]),
    ("Workers marched on May Day.", [("May Day", "DATE", "2023-05-01", None)]),
    ("The station broadcasts from Corpus Christi.", []),
    # a day of the month in words after its month, not before a noun
    ("The vote will be held on July fourth.", [("July fourth", "DATE", "2023-07-04", None)]),
    ("In March the second round of talks began.", [("March", "DATE", "2023-03", None)]),
    # whole units, fractions of a unit, "a couple", a bare plural after a verb of lasting
    ("The generator ran all day.", [("all day", "DURATION", "P1D", None)]),
    ("The talks lasted a quarter of an hour.", [("a quarter of an hour", "DURATION", "PT15M", None)]),
    ("The talks lasted a couple weeks.", [("a couple weeks", "DURATION", "P2W", None)]),
    ("The talks took months.", [("months", "DURATION", "PXM", None)]),
    # decades ago are a year, as "twenty years ago"; weekdays counted back or on past next
    ("The mine closed two decades ago.", [("two decades ago", "DATE", "2003", None)]),
    ("The vote is on Monday after next.", [("Monday after next", "DATE", "2023-05-15", None)]),
    ("The fire started the Monday before last.", [("the Monday before last", "DATE", "2023-04-24", None)]),
    ("The plant closed two Fridays ago.", [("two Fridays ago", "DATE", "2023-04-21", None)]),
    ("He worked three Sundays in a row.", []),
    ("Prices were lower this time last year.", [("this time last year", "DATE", "2022-05-02", None)]),
    ("The cuts take effect in June of next year.", [("June of next year", "DATE", "2024-06", None)]),
    # a year read aloud after a date word; a count is no year
    ("The firm was founded in two thousand eight.", [("two thousand eight", "DATE", "2008", None)]),
    ("The army sent two thousand eight hundred troops.", []),
    # a day of the month as an ordinal word from "tenth" on, after a date word
    ("Rent is due on the fifteenth.", [("the fifteenth", "DATE", "2023-05-15", None)]),
    ("He spoke on the twentieth anniversary of the war.", []),
    ("Bids closed on the second, officials said.", []),
]


@pytest.mark.parametrize(("text", "expected"), BREADTH)
def test_everyday_breadth(nlp: Language, text: str, expected: list) -> None:
    dates = analyse_doc(nlp(text), REFERENCE_DATE, include=("dates",)).dates
    assert [(d.text, d.type, d.value, d.mod) for d in dates] == expected
