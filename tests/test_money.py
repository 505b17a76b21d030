"""The money section: every figure found once, read exactly, with its ISO 4217 currency.

Each table row is a sentence as news writes it and what the service must return for it.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import REFERENCE_DATE
from spacy.language import Language

from schemas.money import MoneySchema
from service.extract import analyse_doc
from service.extract.model import Money

D = Decimal


def money_in(nlp: Language, text: str) -> list[Money]:
    """The money section of ``text``, with the entities stage run first as in the service."""
    return analyse_doc(nlp(text), REFERENCE_DATE, include=("entities", "money")).money


def only(nlp: Language, text: str) -> Money:
    found = money_in(nlp, text)
    assert len(found) == 1, [m.text for m in found]
    return found[0]


# --- forms: (sentence, span text, amount, currency) ---------------------------------------------

FORMS = [
    # symbol forms
    ("Tesla's market value rose by $4.5bn on Monday.", "$4.5bn", "4500000000", "USD"),
    ("The European Commission pledged €228 million in humanitarian aid.", "€228 million", "228000000", "EUR"),
    ("The start-up raised US$ 12 million in its first funding round.", "US$ 12 million", "12000000", "USD"),
    ("Pre-tax profits rose to £3.2m, the retailer said.", "£3.2m", "3200000", "GBP"),
    (
        "The Bank of Japan said it would buy ¥500 billion of government bonds.",
        "¥500 billion",
        "500000000000",
        "JPY",
    ),
    (
        "Qantas posted an underlying loss of A$1.86 billion for the year.",
        "A$1.86 billion",
        "1860000000",
        "AUD",
    ),
    ("Brookfield paid C$450 million for the stake.", "C$450 million", "450000000", "CAD"),
    ("HSBC shares closed at HK$58.20 on Friday.", "HK$58.20", "58.2", "HKD"),
    ("Petrobras plans to invest R$ 30 billion next year.", "R$ 30 billion", "30000000000", "BRL"),
    ("Admission to the museum costs CHF 10 for adults.", "CHF 10", "10", "CHF"),
    ("The bill was paid in cash: 100 € in small notes.", "100 €", "100", "EUR"),
    ("Samsung will spend ₩2.3 trillion on the new plant.", "₩2.3 trillion", "2300000000000", "KRW"),
    # ISO-code forms
    ("Brent crude traded at USD 200 on the spot market.", "USD 200", "200", "USD"),
    ("The club was sold for GBP 27 million last summer.", "GBP 27 million", "27000000", "GBP"),
    ("Net income was USD34.6 million in the quarter.", "USD34.6 million", "34600000", "USD"),
    ("The headphones go on sale next month for $349 USD.", "$349 USD", "349", "USD"),
    ("Membership of the scheme costs $79 (USD) a year.", "$79 (USD)", "79", "USD"),
    ("Tickets for the final were priced at 500 EUR.", "500 EUR", "500", "EUR"),
    # name forms
    ("Fans paid more than 1,000 euros for a seat.", "more than 1,000 euros", "1000", "EUR"),
    ("The businessman left two million dollars to the hospital.", "two million dollars", "2000000", "USD"),
    ("A loaf of bread now costs 50 cents more than last year.", "50 cents", "0.5", "USD"),
    ("The ministry set aside half a million dollars for repairs.", "half a million dollars", "500000", "USD"),
    (
        "The Swiss National Bank lost 23 billion Swiss francs.",
        "23 billion Swiss francs",
        "23000000000",
        "CHF",
    ),
    ("Each download sells for $1.29 US dollars.", "$1.29 US dollars", "1.29", "USD"),
    ("Workers will receive 300 bucks each.", "300 bucks", "300", "USD"),
    # scale words and abbreviations
    ("The firm raised $10k from friends and family.", "$10k", "10000", "USD"),
    ("Congress approved a $1.5 trillion tax cut.", "$1.5 trillion", "1500000000000", "USD"),
    ("The company posted a loss of €3 mn.", "€3 mn", "3000000", "EUR"),
    (
        "The producer said the film grossed Rs 5 crore in its first weekend in India.",
        "Rs 5 crore",
        "50000000",
        "INR",
    ),
    ("Farmers in India will get ₹2.5 lakh each.", "₹2.5 lakh", "250000", "INR"),
    (
        "Microsoft overtook its rival, with a market value of $412.6 billion at the close.",
        "$412.6 billion",
        "412600000000",
        "USD",
    ),
    (
        "Miners in Perth said Rio Tinto earned $US5.2 billion last year.",
        "$US5.2 billion",
        "5200000000",
        "USD",
    ),
    (
        "Airbus said it would cut costs by euro2.5 billion over four years.",
        "euro2.5 billion",
        "2500000000",
        "EUR",
    ),
    ("The country's debt passed $1.2tn in March.", "$1.2tn", "1200000000000", "USD"),
    # spoken and adjectival forms
    ("A three hundred dollar coat now sells for ninety dollars.", "three hundred dollar", "300", "USD"),
    (
        "The governor unveiled a one point two billion dollar plan for the schools.",
        "one point two billion dollar",
        "1200000000",
        "USD",
    ),
    ("Magna shares rose 42.5 Canadian cents in Toronto trading.", "42.5 Canadian cents", "0.425", "CAD"),
    (
        "The party received donations of about 300,000 marks (dlrs 170,000) in 1997.",
        "dlrs 170,000",
        "170000",
        "USD",
    ),
    # typos seen in real copy
    (
        "Denmark said it was donating 1.7 billion kroner (€228 millin) in aid to Ukraine.",
        "€228 millin",
        "228000000",
        "EUR",
    ),
]


@pytest.mark.parametrize(("text", "span", "amount", "currency"), FORMS, ids=[f[1] for f in FORMS])
def test_forms(nlp: Language, text: str, span: str, amount: str, currency: str) -> None:
    found = {m.text: m for m in money_in(nlp, text)}
    assert span in found, list(found)
    m = found[span]
    assert text[m.start : m.end] == span
    assert (m.amount, m.currency) == (D(amount), currency)


# --- ranges, approximations, per-unit prices ---------------------------------------------------

DETAILS = [
    # (sentence, span, fields that must hold)
    (
        "The deal is worth between $5 and $10 million, people familiar said.",
        "between $5 and $10 million",
        {"amount": None, "min": D("5000000"), "max": D("10000000"), "currency": "USD"},
    ),
    (
        "The start-up expects revenue of $5-10m this year.",
        "$5-10m",
        {"amount": None, "min": D("5000000"), "max": D("10000000"), "currency": "USD"},
    ),
    (
        "Repairs will cost 5 to 10 million euros, the mayor said.",
        "5 to 10 million euros",
        {"min": D("5000000"), "max": D("10000000"), "currency": "EUR"},
    ),
    (
        "Analysts expect the console to sell for around $499 US dollars in stores.",
        "around $499 US dollars",
        {"amount": D("499"), "approximate": True},
    ),
    (
        "The firm said more than $4 billion had been spent.",
        "more than $4 billion",
        {"amount": D("4000000000"), "approximate": True},
    ),
    ("Fines of up to €500 can be imposed.", "up to €500", {"amount": D("500"), "approximate": True}),
    ("The house sold for nearly £1m.", "nearly £1m", {"amount": D("1000000"), "approximate": True}),
    ("The repairs will cost $2 million or more.", "$2 million or more", {"approximate": True}),
    (
        "The central bank has pumped billions of dollars into the money markets since March.",
        "billions of dollars",
        {"amount": None, "currency": "USD", "approximate": True},
    ),
    ("The company earned $3.50 a share in the quarter.", "$3.50", {"amount": D("3.5"), "per_unit": "share"}),
    (
        "The retailer earned $212 million, or twenty-one cents per share, in the quarter.",
        "twenty-one cents",
        {"amount": D("0.21"), "currency": "USD", "per_unit": "share"},
    ),
    ("Oil rose to $80 per barrel.", "$80", {"amount": D("80"), "per_unit": "barrel"}),
    ("Revenue rose to $4.2 billion from $3.9 billion a year earlier.", "$3.9 billion", {"per_unit": None}),
    ("The board approved a $45-a-share offer for the company.", "$45", {"per_unit": "share"}),
    (
        "Its profit forecast is $17 million to $19 million for the quarter.",
        "$17 million to $19 million",
        {"amount": None, "min": D("17000000"), "max": D("19000000")},
    ),
    (
        "In Tokyo the currency weakened to 151.40 yen to the dollar on Friday.",
        "151.40 yen",
        {"amount": D("151.4"), "currency": "JPY", "per_unit": "dollar"},
    ),
    ("The price was $19.99, not ~$25.", "~$25", {"amount": D("25"), "approximate": True}),
]


@pytest.mark.parametrize(("text", "span", "expected"), DETAILS, ids=[d[1] for d in DETAILS])
def test_details(nlp: Language, text: str, span: str, expected: dict[str, object]) -> None:
    found = {m.text: m for m in money_in(nlp, text)}
    assert span in found, list(found)
    m = found[span]
    for name, value in expected.items():
        assert getattr(m, name) == value, name


# --- one figure per amount -----------------------------------------------------------------------

COUNTS = [
    ("The two phones will cost $599 and $799 USD respectively.", ["$599", "$799 USD"]),
    (
        "The tablet comes in a 64GB model and a 256GB model for US$329 and US$479, respectively.",
        ["US$329", "US$479"],
    ),
    (
        "The lender raised its credit line to the utility from US$20 billion to US$35 billion.",
        ["US$20 billion", "US$35 billion"],
    ),
    (
        "A year earlier the bank had earned $1.1 billion, or twelve cents per share.",
        ["$1.1 billion", "twelve cents"],
    ),
    # a change and the level it reached, not a range
    ("Shares of the chipmaker rose 75 cents to $31.50 in early trading.", ["75 cents", "$31.50"]),
    # a per-unit "a pound" is no second figure
    (
        "Silver rose 15 cents, to $20.07 an ounce and copper rose to $2.22 a pound.",
        ["15 cents", "$20.07", "$2.22"],
    ),
    ("The stock plunged $3 to $12.25 after the warning.", ["$3", "$12.25"]),
]


@pytest.mark.parametrize(("text", "spans"), COUNTS, ids=[c[0][:40] for c in COUNTS])
def test_each_figure_once(nlp: Language, text: str, spans: list[str]) -> None:
    assert [m.text for m in money_in(nlp, text)] == spans


# --- negatives -----------------------------------------------------------------------------------

NEGATIVES = [
    "The bank collapsed in 2008 after the housing crash.",
    "For tickets call 555-0123 or +44 20 7946 0958 before Friday.",
    "Traffic on the M4 motorway was stopped for 3 hours.",
    "Set the variable with export PATH=$HOME/bin and echo $x to check it.",
    "The floods left 3 million people without power.",
    "Unemployment rose 5% to 8.2 percent in the third quarter.",
    "The baby weighed 8 pounds at birth.",
    "He has lost 20 pounds since January.",
    "The Dow closed above the 10,000 mark for the first time.",
    "Ministers from the 17 euro zone countries met in Brussels.",
    "The 30GB iPod holds 7,500 songs and 25,000 photos.",
    "Profits were adjusted to 2008 dollars for the comparison.",
    "The agency shipped 800 pounds (360 kilograms) of medical supplies to the British base.",
    "The company shipped 4 million iPhones, a 40 m rise.",
    "Spain hosted Euro 2004 and won 2 trophies.",
    "The A380 made its first flight with 4 engines.",
]


@pytest.mark.parametrize("text", NEGATIVES, ids=[n[:40] for n in NEGATIVES])
def test_not_money(nlp: Language, text: str) -> None:
    assert money_in(nlp, text) == []


# --- currency from the article's countries --------------------------------------------------------

CONTEXT = [
    # (text, span, currency, alternatives)
    (
        "Canada's finance minister said in Ottawa that Canadian households would get $2 billion. "
        "The Canadian plan starts in May.",
        "$2 billion",
        "CAD",
        [],
    ),
    (
        "Australian miners in Sydney said the Australian government's $5 billion fund was too small. "
        "Australia's treasurer disagreed.",
        "$5 billion",
        "AUD",
        [],
    ),
    ("The Apple iPhone will be cut to $199 in the US.", "$199", "USD", []),
    (
        "Norway's oil fund said the Norwegian government would spend 3 billion kroner.",
        "3 billion kroner",
        "NOK",
        [],
    ),
    ("Denmark said it was donating 1.7 billion kroner in aid.", "1.7 billion kroner", "DKK", []),
    ("The company said it would pay 40 million kroner in fines.", "40 million kroner", "DKK", ["NOK"]),
    (
        "The British government in London will spend 5 million pounds on the scheme.",
        "5 million pounds",
        "GBP",
        [],
    ),
    (
        "Egypt's government said Egyptian farmers would get 500 million pounds.",
        "500 million pounds",
        "EGP",
        [],
    ),
    (
        "The Chinese central bank in Beijing injected ¥300 billion into the Chinese money market.",
        "¥300 billion",
        "CNY",
        [],
    ),
]


@pytest.mark.parametrize(("text", "span", "currency", "alternatives"), CONTEXT, ids=[c[1] for c in CONTEXT])
def test_currency_from_context(
    nlp: Language, text: str, span: str, currency: str, alternatives: list[str]
) -> None:
    found = {m.text: m for m in money_in(nlp, text)}
    assert span in found, list(found)
    assert (found[span].currency, found[span].alternatives) == (currency, alternatives)


def test_european_thousands_separator(nlp: Language) -> None:
    """A dot before three digits ("15.000 euros") may be a decimal point (15) or a group mark
    (15000): the euro's locales group with a dot, so 15000 is picked, 15 is the other reading."""
    m = only(nlp, "The fine was set at 15.000 euros by the court in Madrid.")
    assert (m.amount, m.amount_confidence) == (D("15000"), 0.7)
    assert [(a.amount, a.confidence, a.convention) for a in m.amount_alternatives] == [
        (D("15"), 0.3, "decimal_point")
    ]


def test_marks_in_a_german_story_before_the_euro(nlp: Language) -> None:
    """A common word as currency ("marks") only when the article's country used it then."""
    text = "The German party said it had received about 549,000 marks from a single donor."
    money = analyse_doc(nlp(text), REFERENCE_DATE.replace(year=1998), include=("entities", "money")).money
    assert [(m.text, m.amount, m.currency) for m in money] == [("about 549,000 marks", D("549000"), "DEM")]
    assert money_in(nlp, "The German index passed 549,000 marks.") == []


def test_francs_follow_the_publication_year(nlp: Language) -> None:
    """French francs in a story published while France used them."""
    text = "The French government said France would spend 5 billion francs on the railways."
    money = analyse_doc(nlp(text), REFERENCE_DATE.replace(year=1998), include=("entities", "money")).money
    assert [(m.text, m.currency) for m in money] == [("5 billion francs", "FRF")]


# --- conversions, ids, the sample article ---------------------------------------------------------


def test_sample_article(nlp: Language, sample_text: str) -> None:
    money = money_in(nlp, sample_text)
    assert [(m.id, m.amount, m.currency, m.conversion_of) for m in money] == [
        ("M1", D("1700000000"), "DKK", None),
        ("M2", D("228000000"), "EUR", "M1"),
    ]
    assert [m.text for m in money] == ["1.7 billion kroner", "€228 millin"]


CONVERSIONS = [
    ("The regulator imposed a fine of £10m ($13m) on the bank.", [None, "M1"]),
    ("The fund will hold 2 billion Swiss francs, or about $2.2 billion, the bank said.", [None, "M1"]),
    # same currency: not a conversion
    ("A year earlier the bank had earned $1.1 billion, or twelve cents per share.", [None, None]),
]


@pytest.mark.parametrize(("text", "links"), CONVERSIONS, ids=[c[0][:40] for c in CONVERSIONS])
def test_conversions(nlp: Language, text: str, links: list[str | None]) -> None:
    assert [m.conversion_of for m in money_in(nlp, text)] == links


def test_schema_dumps_exact_decimals(nlp: Language) -> None:
    money = money_in(nlp, "The Swiss National Bank lost 23.1 billion Swiss francs, worth $0.1 in cents.")
    dumped = MoneySchema(many=True).dump(money)
    assert dumped[0]["amount"] == "23100000000"
    assert dumped[0]["id"] == "M1"
    assert dumped[1]["amount"] == "0.1"


@pytest.mark.parametrize(
    "text",
    [
        "It cost $99999999999999999999999999999999999999 trillion.",
        "It cost $0.00000000000000000000000000001 in the end.",
        "It cost $" + "9" * 80 + ".",
    ],
    ids=["huge", "tiny", "80 digits"],
)
def test_digit_soup_is_not_a_figure(nlp: Language, text: str) -> None:
    """Amounts whose exact decimal string would need an exponent are not read (and do not fail)."""
    assert money_in(nlp, text) == []


def test_amounts_dump_without_exponent(nlp: Language) -> None:
    money = money_in(nlp, "It cost $0.000001 a unit, or $1,000,000,000,000,000,000,000 in all.")
    assert [m["amount"] for m in MoneySchema(many=True).dump(money)] == ["0.000001", "1000000000000000000000"]
