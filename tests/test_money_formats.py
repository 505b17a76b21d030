"""Money in the number formats of the world's press, and the cases of issue 15 (amounts that came
back wrong with the right currency, or not at all) as regression tests: one row a sentence."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.numbers import format_currency
from conftest import REFERENCE_DATE
from spacy.language import Language

from service.extract import analyse_doc
from service.extract.model import Money
from service.extract.money.lexicon import lexicon

D = Decimal


def money_in(nlp: Language, text: str) -> list[Money]:
    return analyse_doc(nlp(text), REFERENCE_DATE, include=("entities", "money")).money


def by_span(nlp: Language, text: str, span: str) -> Money:
    found = {m.text: m for m in money_in(nlp, text)}
    assert span in found, list(found)
    return found[span]


# --- grouping and decimal conventions: (sentence, span, amount, currency) --------------------------

FORMATS = [
    # issue 15's table: each was read wrong with the right currency, or missed
    ("Shoppers in Berlin paid €1.234,56 for the set.", "€1.234,56", "1234.56", "EUR"),
    ("A coffee in Paris now costs € 2,99 at the counter.", "€ 2,99", "2.99", "EUR"),
    ("The television sells for 2 390 € in Lyon.", "2 390 €", "2390", "EUR"),
    ("The ministry paid 1 234 567 euros to the contractor.", "1 234 567 euros", "1234567", "EUR"),
    # a space before a hyphenated figure does not group: ten notes of a hundred dollars
    ("He handed over 10 100-dollar bills.", "100-dollar", "100", "USD"),
    ("The club raised $ 1.144.000 from its members.", "$ 1.144.000", "1144000", "USD"),
    ("A seat at the match costs 35,70 € this season.", "35,70 €", "35.7", "EUR"),
    # no-break, narrow no-break and thin spaces as group marks
    ("The flat in Lyon rents for 1\u00a0234,56 € a month.", "1\u00a0234,56 €", "1234.56", "EUR"),
    ("The fine came to 12\u202f500 euros.", "12\u202f500 euros", "12500", "EUR"),
    ("The watch sold for CHF 1\u2009250.50 in Geneva.", "CHF 1\u2009250.50", "1250.5", "CHF"),
    # apostrophes (Swiss)
    ("The bank charged CHF 1'234.50 in fees.", "CHF 1'234.50", "1234.5", "CHF"),
    ("The bank charged CHF 1’234.50 in fees.", "CHF 1’234.50", "1234.5", "CHF"),
    # Indian grouping
    ("The court fined the builder ₹1,23,45,678 on Monday.", "₹1,23,45,678", "12345678", "INR"),
    ("Each family will get Rs 2,50,000 in compensation.", "Rs 2,50,000", "250000", "INR"),
    # English grouping, for comparison
    ("The painting fetched £1,234,567.89 at auction.", "£1,234,567.89", "1234567.89", "GBP"),
    # a decimal comma with a scale word
    (
        "The Dutch state will invest €1,5 miljard, or €1,5 billion, in dikes.",
        "€1,5 billion",
        "1500000000",
        "EUR",
    ),
]


@pytest.mark.parametrize(("text", "span", "amount", "currency"), FORMATS, ids=[f[1] for f in FORMATS])
def test_number_formats(nlp: Language, text: str, span: str, amount: str, currency: str) -> None:
    m = by_span(nlp, text, span)
    assert (m.amount, m.currency, m.amount_confidence, m.amount_alternatives) == (
        D(amount),
        currency,
        1.0,
        [],
    )


# --- ambiguous shapes: the pick and the other reading ------------------------------------------------

AMBIGUOUS = [
    # (sentence, span, picked amount, other amount, other convention)
    ("The ticket costs €1.500 in Madrid.", "€1.500", "1500", "1.5", "decimal_point"),
    ("The stock closed at $26.875 on Friday.", "$26.875", "26.875", "26875", "decimal_comma"),
    # the article's other numbers decide: here they write decimal commas
    (
        "The pasta costs €2,49 and the wine €1.250 at the shop in Rome.",
        "€1.250",
        "1250",
        "1.25",
        "decimal_point",
    ),
    # in an article that writes decimal commas, a comma before three digits may be one too
    ("In Berlin petrol costs 1,799 € a litre, up from 1,65 €.", "1,799 €", "1.799", "1799", "decimal_point"),
    # a scale word means a decimal point
    ("The deal was worth €1.234 billion.", "€1.234 billion", "1234000000", "1234000000000", "decimal_comma"),
]


@pytest.mark.parametrize(
    ("text", "span", "amount", "other", "convention"), AMBIGUOUS, ids=[a[1] for a in AMBIGUOUS]
)
def test_ambiguous_numbers_carry_the_other_reading(
    nlp: Language, text: str, span: str, amount: str, other: str, convention: str
) -> None:
    m = by_span(nlp, text, span)
    assert m.amount == D(amount)
    assert m.amount_confidence < 1.0
    [alt] = m.amount_alternatives
    assert (alt.amount, alt.convention) == (D(other), convention)
    assert alt.confidence < m.amount_confidence
    assert alt.confidence + m.amount_confidence == pytest.approx(1.0)


def test_a_shape_no_convention_allows_is_not_read(nlp: Language) -> None:
    """ "€1,2345" (four decimals after a comma, or a group of four) is no amount: not read at all,
    rather than truncated to €1."""
    assert money_in(nlp, "The price was €1,2345 per unit.") == []


# --- local symbols from CLDR and the table ----------------------------------------------------------

SYMBOLS = [
    ("A loaf of bread costs R273.00 in Johannesburg.", "R273.00", "273", "ZAR"),
    ("The ride cost 135 lei in the end.", "135 lei", "135", "RON"),
    ("Farmers are paid KSh 500 a bag.", "KSh 500", "500", "KES"),
    ("The permit costs TSh 2,000 at the border.", "TSh 2,000", "2000", "TZS"),
    ("A litre of petrol costs KD 5 in the new tariff.", "KD 5", "5", "KWD"),
    ("The album sells for AU $59.95 online.", "AU $59.95", "59.95", "AUD"),
    ("The miner paid A$5 million for the licence.", "A$5 million", "5000000", "AUD"),
    ("The railway was sold for C$5 million.", "C$5 million", "5000000", "CAD"),
    ("The flat sold for HK$5 million.", "HK$5 million", "5000000", "HKD"),
    ("The grant was S$5 million.", "S$5 million", "5000000", "SGD"),
    ("The prize was NZ$5 million.", "NZ$5 million", "5000000", "NZD"),
    ("The fare is Rs 500 one way.", "Rs 500", "500", "INR"),
    ("The fare is ₹500 one way.", "₹500", "500", "INR"),
    # a bare "pounds" with no British place and no weight in sight is sterling
    ("She found ten pounds in the street.", "ten pounds", "10", "GBP"),
    ("The app now costs 99¢ in the store.", "99¢", "0.99", "USD"),
    ("Shoppers pay 50p for each plastic bag.", "50p", "0.5", "GBP"),
    ("Shares in the bank rose 15p to 362p in London.", "362p", "3.62", "GBP"),
    ("A kebab costs 100 TL in Istanbul now.", "100 TL", "100", "TRY"),
    (
        "A quarter of a million dollars was stolen from the bank.",
        "A quarter of a million dollars",
        "250000",
        "USD",
    ),
    ("The fare is Ksh.500 in Nairobi.", "Ksh.500", "500", "KES"),
    # a code and a small number tagged as a name is money where the article is about its country
    ("In Japan, shoppers paid JPY40 for it.", "JPY40", "40", "JPY"),
    ("The budget is Rs 1.5 lakh crore this year.", "Rs 1.5 lakh crore", "1500000000000", "INR"),
    ("The project costs Tk 500 crore.", "Tk 500 crore", "5000000000", "BDT"),
    ("Qatar paid QR 500 million for the stake.", "QR 500 million", "500000000", "QAR"),
    ("Manila paid Php 500 million for the bridge.", "Php 500 million", "500000000", "PHP"),
    ("Millions live on less than a dollar a day.", "less than a dollar", "1", "USD"),
    # scale abbreviations that were dropped, leaving the bare number
    ("The country's debt is $1.5 trn, the IMF said.", "$1.5 trn", "1500000000000", "USD"),
    ("The utility raised $5 bil in bonds.", "$5 bil", "5000000000", "USD"),
    ("The fund is worth 5.5 millions dollars.", "5.5 millions dollars", "5500000", "USD"),
    # a unit with its subunit is one amount
    ("He paid 20 dollars 43 cents for the book.", "20 dollars 43 cents", "20.43", "USD"),
    ("The fine was 5 pounds and 20 pence.", "5 pounds and 20 pence", "5.2", "GBP"),
]


@pytest.mark.parametrize(("text", "span", "amount", "currency"), SYMBOLS, ids=[s[1] for s in SYMBOLS])
def test_local_symbols_and_units(nlp: Language, text: str, span: str, amount: str, currency: str) -> None:
    m = by_span(nlp, text, span)
    assert (m.amount, m.currency) == (D(amount), currency)


# --- ranges with both ends ----------------------------------------------------------------------------

RANGES = [
    ("Tickets cost from 10 to 20 dollars.", "from 10 to 20 dollars", "10", "20", "USD"),
    ("The repairs will cost $10-20 million.", "$10-20 million", "10000000", "20000000", "USD"),
    ("The fine will be between €5m and €7m.", "between €5m and €7m", "5000000", "7000000", "EUR"),
    ("Seats sell from €5m to €7m, the agent said.", "from €5m to €7m", "5000000", "7000000", "EUR"),
    (
        "It will cost between 1,5 and 2 million euros.",
        "between 1,5 and 2 million euros",
        "1500000",
        "2000000",
        "EUR",
    ),
    ("Estimates ranged from £5bn-£6bn.", "from £5bn-£6bn", "5000000000", "6000000000", "GBP"),
    (
        "Prices range from 1.234,50 € to 2.345,50 €.",
        "from 1.234,50 € to 2.345,50 €",
        "1234.5",
        "2345.5",
        "EUR",
    ),
]


@pytest.mark.parametrize(("text", "span", "low", "high", "currency"), RANGES, ids=[r[1] for r in RANGES])
def test_ranges_both_ends(nlp: Language, text: str, span: str, low: str, high: str, currency: str) -> None:
    m = by_span(nlp, text, span)
    assert (m.amount, m.min, m.max, m.currency) == (None, D(low), D(high), currency)


def test_a_change_from_one_level_to_another_is_not_a_range(nlp: Language) -> None:
    text = "Shares of the bank rose from $5 to $7 on Monday."
    assert [(m.text, m.amount) for m in money_in(nlp, text)] == [("$5", D("5")), ("$7", D("7"))]


# --- a figure that continues the currency of the one before ------------------------------------------


def test_ellipsis_continues_the_currency(nlp: Language) -> None:
    text = "The US has pledged US$5 billion in aid on top of the four billion it has already received."
    found = [(m.text, m.amount, m.currency) for m in money_in(nlp, text)]
    assert found == [("US$5 billion", D("5000000000"), "USD"), ("four billion", D("4000000000"), "USD")]


ELLIPSIS_NEGATIVES = [
    # a count of things, not money
    "The agency spent $5 million on shelters for 3 million people.",
    # another sentence
    "The agency spent $5 million. It said 3 million would follow.",
]


@pytest.mark.parametrize("text", ELLIPSIS_NEGATIVES, ids=[t[:40] for t in ELLIPSIS_NEGATIVES])
def test_no_ellipsis_across_nouns_or_sentences(nlp: Language, text: str) -> None:
    assert [m.text for m in money_in(nlp, text)] == ["$5 million"]


# --- names and numbers that only look like money ----------------------------------------------------

NOT_MONEY = [
    "Delegates at COP27 in Egypt and COP 28 in Dubai agreed on a loss and damage fund.",
    "The R2-D2 toy was the best-selling gift.",
    "The boxer lost 20 pounds before the fight.",
    "The minutes of the meeting of 12.05.2020 were published.",
    # "a million dollars" after a partitive is no amount of a million
    "The repairs cost a fraction of a million dollars.",
    "The new 1080p screen is sharper.",
    "The bank sold a dollar-denominated bond.",
    # sentences from the quotes training data
    "At 6:00p.m. Donald Trump spoke again.",
    "The provision makes a dollar of health insurance worth more than a dollar of wages.",
    "We could not engage in a quid pro quo, nor could any money change hands.",
    "A pound of flour costs more than it did.",
    # a currency pair's quote is an exchange rate
    "The euro rose against the dollar, with EUR/USD at 1.0850 and then EUR/USD 1.0900 by noon.",
]


@pytest.mark.parametrize("text", NOT_MONEY, ids=[t[:40] for t in NOT_MONEY])
def test_names_that_look_like_money(nlp: Language, text: str) -> None:
    assert money_in(nlp, text) == []


def test_reading_money_leaves_babel_formatting_intact() -> None:
    """Building the symbol table reads each locale's own symbols without leaving that unmerged
    data in Babel's cache (where formatting in Andorra's Catalan locale found no number symbols)."""
    lexicon()
    assert format_currency(Decimal("1234.5"), "EUR", locale="ca_AD") == "1.234,50\u00a0€"


# --- formats other parsers' test suites use (issue: "money breadth"); one row a sentence ------------
# (sentence, span, amount, currency); a "-" amount is negative.

BREADTH = [
    # compact scale letters as Babel's English compact formats and US finance write them
    ("The company said it is now worth $2.5T after the rally.", "$2.5T", "2500000000000", "USD"),
    ("The lender arranged a $2.5MM credit line for the start-up.", "$2.5MM", "2500000", "USD"),
    ("The film earned ₹15Cr in its first weekend in India.", "₹15Cr", "150000000", "INR"),
    ("The farmer in India was paid ₹32L for the land.", "₹32L", "3200000", "INR"),
    ("He bought three $5 T-shirts at the stall.", "$5", "5", "USD"),
    # "grand" names money by itself
    ("The people who spend 100 grand to get a degree deserve better.", "100 grand", "100000", "USD"),
    # spoken amounts
    ("He sold the comic for a buck fifty.", "a buck fifty", "1.5", "USD"),
    ("A pint in the village costs five pounds fifty, the landlord said.", "five pounds fifty", "5.5", "GBP"),
    (
        "The studio paid three-quarters of a million dollars for the script.",
        "three-quarters of a million dollars",
        "750000",
        "USD",
    ),
    # vulgar fractions
    ("The city will borrow $1½ million for the bridge.", "$1½ million", "1500000", "USD"),
    ("The stock closed at $26⅞ on Friday.", "$26⅞", "26.875", "USD"),
    ("Germany will spend 2½ billion euros on the railways.", "2½ billion euros", "2500000000", "EUR"),
    # round prices with a dash for the decimals (Swiss and German)
    ("A coffee at the station costs CHF 5.- in Zurich.", "CHF 5.-", "5", "CHF"),
    ("The ticket costs 12,- € in Berlin.", "12,- €", "12", "EUR"),
    ("The watch sold for 1'000.– CHF in Geneva.", "1'000.– CHF", "1000", "CHF"),
    # a territory's code before its dollar or pound sign, and press symbols
    ("In Trinidad, a barrel of diesel costs TT$400 now.", "TT$400", "400", "TTD"),
    ("Belize will spend BZ$12 million on roads.", "BZ$12 million", "12000000", "BZD"),
    ("Fiji's budget sets aside FJ$50 million for schools.", "FJ$50 million", "50000000", "FJD"),
    ("In Kingston a taxi ride costs J$1,500.", "J$1,500", "1500", "JMD"),
    ("The ministry in Jerusalem raised the fee to NIS 100.", "NIS 100", "100", "ILS"),
    ("Mexico's central bank printed Mex$100 notes.", "Mex$100", "100", "MXN"),
    ("Alibaba raised Rmb5bn in the bond sale.", "Rmb5bn", "5000000000", "CNY"),
    ("In Cairo, a kilo of rice costs E£30.", "E£30", "30", "EGP"),
    ("A bus ride in Accra costs GH¢5.", "GH¢5", "5", "GHS"),
    ("A meal in Dar es Salaam costs Tsh5,000.", "Tsh5,000", "5000", "TZS"),
    ("A haircut in Zurich costs Fr. 40.", "Fr. 40", "40", "CHF"),
    # agency English for crowns
    (
        "Carlsberg earned 1.5 billion Danish crowns in the quarter.",
        "1.5 billion Danish crowns",
        "1500000000",
        "DKK",
    ),
    ("Volvo set aside 2 million Swedish crowns for the fund.", "2 million Swedish crowns", "2000000", "SEK"),
    ("CEZ paid 10 million Czech crowns in fines.", "10 million Czech crowns", "10000000", "CZK"),
    # numbers in words with a scale inside them
    (
        "The deal cost one million two hundred thousand dollars, the filing said.",
        "one million two hundred thousand dollars",
        "1200000",
        "USD",
    ),
    (
        "The widow left a million and a half dollars to the zoo.",
        "a million and a half dollars",
        "1500000",
        "USD",
    ),
    # news-agency style and other spellings of CLDR's names
    ("Net profit rose to 15.5 mln dlrs from 12 mln dlrs.", "15.5 mln dlrs", "15500000", "USD"),
    ("The brewer earned 2.5 mln stg in the year.", "2.5 mln stg", "2500000", "GBP"),
    ("The board declared a dividend of 15 cts a share.", "15 cts", "0.15", "USD"),
    ("The unit earned 5 mln Canadian dlrs in the quarter.", "5 mln Canadian dlrs", "5000000", "CAD"),
    ("Gazprom paid 1.5 billion Russian roubles in tax.", "1.5 billion Russian roubles", "1500000000", "RUB"),
    (
        "The bank lent 1.5 billion Icelandic kronur to the town.",
        "1.5 billion Icelandic kronur",
        "1500000000",
        "ISK",
    ),
    ("Petrobras earned 1.5 billion Brazilian reais.", "1.5 billion Brazilian reais", "1500000000", "BRL"),
    (
        "The island paid 1,500 Trinidad & Tobago dollars in fees.",
        "1,500 Trinidad & Tobago dollars",
        "1500",
        "TTD",
    ),
    # a peso's "$" with the currency spelled out after it
    (
        "In Mexico City, Pemex paid $1.5 billion pesos for the refinery.",
        "$1.5 billion pesos",
        "1500000000",
        "MXN",
    ),
    # a scale abbreviation's dot before the currency
    ("Siemens will invest 1,5 Mrd. Euro in Berlin.", "1,5 Mrd. Euro", "1500000000", "EUR"),
    # negatives: a minus sign or word before the figure, or between the symbol and the digits
    ("The fund's net flow was -$5m in the quarter.", "-$5m", "-5000000", "USD"),
    ("The fund's net flow was $-5m in the quarter.", "$-5m", "-5000000", "USD"),
    ("Its balance went to −€2.5 billion in March.", "−€2.5 billion", "-2500000000", "EUR"),
    ("The account stood at minus $40 on Friday.", "minus $40", "-40", "USD"),
    ("Free cash flow was negative $5 million last year.", "negative $5 million", "-5000000", "USD"),
]


@pytest.mark.parametrize(("text", "span", "amount", "currency"), BREADTH, ids=[b[1] for b in BREADTH])
def test_breadth_of_formats(nlp: Language, text: str, span: str, amount: str, currency: str) -> None:
    m = by_span(nlp, text, span)
    assert (m.amount, m.currency) == (D(amount), currency)


# Letters that are a currency's symbol only in its own country's press (N, K, P, Sh, LE, Br, Ft):
# read in a story about that country, never elsewhere, and never before a bare small number.
CONTEXT_SYMBOLS = [
    ("Nigeria's senate said in Abuja that Nigeria would spend N5 billion on roads.", "N5 billion", "NGN"),
    ("In Nigeria, a bag of rice now costs N500, traders in Nigeria said.", "N500", "NGN"),
    ("Kenya's treasury in Nairobi said Kenya would borrow Sh50 billion.", "Sh50 billion", "KES"),
    ("In Zambia, a bag of maize costs K500, farmers in Zambia said.", "K500", "ZMW"),
    ("In the Philippines, a sack of rice costs P500, Philippine traders said.", "P500", "PHP"),
    ("In Hungary, a ticket costs 1.000 Ft, officials in Hungary said.", "1.000 Ft", "HUF"),
]


@pytest.mark.parametrize(("text", "span", "currency"), CONTEXT_SYMBOLS, ids=[c[1] for c in CONTEXT_SYMBOLS])
def test_context_symbols_in_their_country(nlp: Language, text: str, span: str, currency: str) -> None:
    assert by_span(nlp, text, span).currency == currency


NOT_MONEY_BREADTH = [
    # context symbols outside their country, before a small number, or after "&"
    "Health workers need N95 masks, the hospital said.",
    "Health workers in Nigeria need N95 masks, officials in Nigeria said.",
    "Police in Zambia used a K9 unit, the Zambian police said.",
    "The Nigerian side lost 2-1 in Nigeria, and N2 was closed for repairs.",
    "The S&P500 index rose in Manila as the Philippines reopened, Philippine traders said.",
    "The LE 2 engine was launched in Cairo, the Egyptian firm said in Egypt.",
    "A bag of rice costs N500 at the market.",
    # "grand" is money only at the end of its phrase
    "The 1,000 grand pianos were sold at auction.",
    "She won her 100th grand slam match.",
    # a dash at a line's start is a list's, a hyphen between two numbers a score
    "The plan:\n-5 new schools\n-2 hospitals",
    "Temperatures fell to -5 degrees in Chicago.",
    # a sentence's end between a scale word and a currency word
    "The firm lost 5 million. Euros were scarce that year.",
    # crowns with no country of a crown currency and no scale word
    "The dentist fitted 3 crowns on Monday.",
]


@pytest.mark.parametrize("text", NOT_MONEY_BREADTH, ids=[t[:40] for t in NOT_MONEY_BREADTH])
def test_breadth_look_alikes_are_not_money(nlp: Language, text: str) -> None:
    assert money_in(nlp, text) == []


def test_a_list_dash_is_no_minus_sign(nlp: Language) -> None:
    text = "The budget includes:\n-$5 million for schools\n- $2 million for roads."
    assert [(m.text, m.amount) for m in money_in(nlp, text)] == [
        ("$5 million", D("5000000")),
        ("$2 million", D("2000000")),
    ]


def test_a_hyphen_between_two_figures_is_a_range_not_a_minus(nlp: Language) -> None:
    m = by_span(nlp, "The repairs will cost $3-$4 billion.", "$3-$4 billion")
    assert (m.min, m.max) == (D("3000000000"), D("4000000000"))


def test_spoken_cents_need_the_phrase_to_end(nlp: Language) -> None:
    """ "two dollars fifty years ago": the second number counts years, not cents."""
    text = "A loaf cost two dollars fifty years ago."
    assert [(m.text, m.amount) for m in money_in(nlp, text)] == [("two dollars", D("2"))]
