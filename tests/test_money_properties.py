"""Property tests: random amounts written by Babel (CLDR) in the number and currency formats of many
locales, embedded in an English news sentence, must come back as the exact Decimal and ISO code.

The expected answers come from Babel, never from our own rules: ``format_currency`` writes the
amount (its symbol and layout, its grouping and decimal marks) and the amount it was given, at the
currency's own precision, is the answer; ``format_decimal`` writes the number before a scale word.

Forms left out because an English article never prints them (each is Babel's output for a
currency that is foreign to the locale, in that locale's own abbreviation): French and Spanish
suffixed dollar symbols ("$CA", "$AU", "$HK", "$NZ", "$SG", "$MX"), "£GB"-style pound symbols, and
the accounting/compact patterns. Only the locale's own currency and the world currencies an English
story names by symbol or code are drawn. Bounded (few examples, no deadline, derandomized) so the
suite stays fast and does not flake.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from fractions import Fraction

import pytest
from babel import Locale
from babel.numbers import (
    format_compact_currency,
    format_currency,
    format_decimal,
    get_currency_name,
    get_currency_precision,
    get_territory_currencies,
)
from conftest import REFERENCE_DATE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from service.extract import analyse_doc

# Locales by family; each writes its own currency and the world currencies.
FAMILIES = {
    "english": ["en_US", "en_GB", "en_IN", "en_AU", "en_CA", "en_NZ", "en_IE", "en_SG", "en_ZA", "en_KE"],
    "european": [
        "de_DE",
        "de_AT",
        "fr_FR",
        "es_ES",
        "it_IT",
        "nl_NL",
        "pt_PT",
        "de_CH",
        "fr_CH",
        "sv_SE",
        "da_DK",
        "nb_NO",
        "fi_FI",
        "pl_PL",
        "cs_CZ",
        "ro_RO",
    ],
    "other": [
        "pt_BR",
        "tr_TR",
        "ru_RU",
        "id_ID",
        "ms_MY",
        "ja_JP",
        "zh_CN",
        "ko_KR",
        "th_TH",
        "vi_VN",
        "he_IL",
    ],
}
WORLD = ["USD", "EUR", "GBP", "JPY", "CHF"]
SETTINGS = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def own_currency(locale: str) -> str:
    return get_territory_currencies(Locale.parse(locale).territory or "")[0]


def country(locale: str) -> str:
    """The English name of the locale's country, for the sentence's context ("in Norway")."""
    territory = locale.split("_")[-1]  # "en_TT" names Trinidad and Tobago even where CLDR has no such locale
    return str(Locale("en").territories[territory])


@st.composite
def amounts(draw: st.DrawFn, currency: str) -> Decimal:
    """An amount at the currency's own precision (cents for EUR, none for JPY), below 10**9 (from ten
    digits Babel's de_CH pattern writes "CHF 1000000'000.00", a grouping no paper prints)."""
    places = get_currency_precision(currency)
    cents = draw(st.integers(min_value=1, max_value=10 ** (9 + places) - 1))
    return Decimal(cents).scaleb(-places)


@st.composite
def priced(draw: st.DrawFn, family: str) -> tuple[str, str, Decimal, str]:
    """(locale, written amount, amount, ISO code) drawn for one locale family."""
    locale = draw(st.sampled_from(FAMILIES[family]))
    currency = draw(st.sampled_from([own_currency(locale), *WORLD]))
    amount = draw(amounts(currency))
    return locale, format_currency(amount, currency, locale=locale), amount, currency


def read_back(
    nlp: Language, locale: str, written: str
) -> list[tuple[Decimal | None, str | None, list[Decimal]]]:
    place = country(locale)  # twice: one mention does not overturn "$" as USD
    text = f"In {place}, shoppers paid {written} for the new phone, retailers in {place} said on Monday."
    found = analyse_doc(nlp(text), REFERENCE_DATE, include=("money",)).money
    return [
        (m.amount, m.currency, [a.amount for a in m.amount_alternatives if a.amount is not None])
        for m in found
    ]


def check(nlp: Language, locale: str, written: str, amount: Decimal, currency: str) -> None:
    found = read_back(nlp, locale, written)
    assert len(found) == 1, (written, found)
    got, code, _others = found[0]
    assert (got, code) == (amount, currency), written


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_babel_currency_formats_read_back(nlp: Language, family: str) -> None:
    @SETTINGS
    @given(priced(family))
    def prop(case: tuple[str, str, Decimal, str]) -> None:
        check(nlp, *case)

    prop()


SCALES = [
    ("bn", Decimal(10) ** 9),
    ("m", Decimal(10) ** 6),
    (" million", Decimal(10) ** 6),
    (" billion", Decimal(10) ** 9),
]
PREFIXES = [("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("US$", "USD"), ("A$", "AUD")]


@SETTINGS
@given(
    st.sampled_from(PREFIXES),
    st.sampled_from(SCALES),
    st.decimals(min_value=Decimal("0.1"), max_value=Decimal("999.9"), places=1),
)
def test_scale_words(
    nlp: Language, prefix: tuple[str, str], scale: tuple[str, Decimal], number: Decimal
) -> None:
    """ "$1.2bn", "€350m", "US$ 4.5 billion": Babel writes the number, the scale multiplies it."""
    (symbol, currency), (word, factor) = prefix, scale
    written = f"{symbol}{format_decimal(number, locale='en_US')}{word}"
    check(nlp, "en_US", written, number * factor, currency)


@SETTINGS
@given(
    st.sampled_from([("da_DK", "kroner", "DKK"), ("nb_NO", "kroner", "NOK"), ("sv_SE", "kronor", "SEK")]),
    st.decimals(min_value=Decimal("0.1"), max_value=Decimal("99.9"), places=1),
)
def test_scale_words_after_local_numbers(nlp: Language, case: tuple[str, str, str], number: Decimal) -> None:
    """ "2.5 million kroner" in a story about Denmark, with the number as an English (and as a
    Danish, "2,5") writer prints it."""
    locale, name, currency = case
    for numbering in ("en_US", locale):
        written = f"{format_decimal(number, locale=numbering)} million {name}"
        check(nlp, locale, written, number * 10**6, currency)


@st.composite
def local_numbers(draw: st.DrawFn) -> tuple[str, str, Decimal, str]:
    """A European locale's number (format_decimal, its own grouping and decimal marks) followed by
    the ISO code or the English name of its currency, as an English story quoting a local figure
    prints it ("1.234,56 euros", "12 345,50 SEK")."""
    locale = draw(st.sampled_from(FAMILIES["european"]))
    currency = own_currency(locale)
    amount = draw(amounts(currency))
    places = get_currency_precision(currency)
    number = format_decimal(amount, format=f"#,##0.{'0' * places}" if places else "#,##0", locale=locale)
    unit = draw(st.sampled_from([currency, get_currency_name(currency, count=5, locale="en")]))
    return locale, f"{number} {unit}", amount, currency


@SETTINGS
@given(local_numbers())
def test_local_numbers_with_code_or_english_name(nlp: Language, case: tuple[str, str, Decimal, str]) -> None:
    check(nlp, *case)


@st.composite
def compact(draw: st.DrawFn) -> tuple[str, str, Decimal, str]:
    """Babel's short compact currency forms ("$1.5B", "£3.2m", "US$10k", "₹15Cr", "₹32L"): a
    mantissa of 1 to 99.9 times a unit the locale abbreviates, so that the form is exact."""
    locale, units = draw(
        st.sampled_from(
            [
                ("en_US", [10**3, 10**6, 10**9, 10**12]),
                ("en_GB", [10**3, 10**6, 10**9, 10**12]),
                ("en_IN", [10**3, 10**5, 10**7]),
            ]
        )
    )
    currency = draw(st.sampled_from([own_currency(locale), *WORLD]))
    tenths = draw(st.integers(min_value=10, max_value=999))
    amount = Decimal(tenths) / 10 * draw(st.sampled_from(units))
    return (
        locale,
        format_compact_currency(amount, currency, locale=locale, fraction_digits=1),
        amount,
        currency,
    )


@SETTINGS
@given(compact())
def test_babel_compact_currency_forms_read_back(nlp: Language, case: tuple[str, str, Decimal, str]) -> None:
    check(nlp, *case)


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_babel_negative_amounts_read_back(nlp: Language, family: str) -> None:
    """Babel's negative amounts ("-$1,234.56", "-1.234,56 €", "€ -1.234,56", "$-1'234.56")
    come back negative."""

    @SETTINGS
    @given(priced(family))
    def prop(case: tuple[str, str, Decimal, str]) -> None:
        locale, _, amount, currency = case
        check(nlp, locale, format_currency(-amount, currency, locale=locale), -amount, currency)

    prop()


def exact_fractions() -> list[tuple[str, Decimal]]:
    """Unicode's vulgar fraction characters (by their Unicode name) whose value
    (``unicodedata.numeric``) has a finite decimal expansion, with that value."""
    found = []
    for code in range(0xA0, 0x2200):
        char = chr(code)
        if (
            not unicodedata.name(char, "").startswith("VULGAR FRACTION")
            or not 0 < unicodedata.numeric(char) < 1
        ):
            continue
        fraction = Fraction(unicodedata.numeric(char)).limit_denominator(100)
        den = fraction.denominator
        if den == 2 ** (den.bit_length() - 1) or den in (5, 10, 20, 25, 40, 50, 100):
            found.append((char, Decimal(fraction.numerator) / Decimal(den)))
    return found


@SETTINGS
@given(
    st.sampled_from(PREFIXES),
    st.sampled_from(exact_fractions()),
    st.integers(min_value=0, max_value=999),
    st.sampled_from([("", Decimal(1)), (" million", Decimal(10) ** 6), (" billion", Decimal(10) ** 9)]),
)
def test_vulgar_fractions(
    nlp: Language,
    prefix: tuple[str, str],
    fraction: tuple[str, Decimal],
    whole: int,
    scale: tuple[str, Decimal],
) -> None:
    """ "$1½ million", "$26⅞": the fraction's value from ``unicodedata``."""
    (symbol, currency), (char, value), (word, factor) = prefix, fraction, scale
    check(nlp, "en_US", f"{symbol}{whole}{char}{word}", (whole + value) * factor, currency)


def _tender() -> list[tuple[str, str]]:
    """(territory, the currency it uses today) for every CLDR territory with one, each currency once."""
    seen: dict[str, str] = {}
    for territory in Locale("en").territories:
        if len(territory) == 2 and territory.isalpha():
            for currency in get_territory_currencies(territory)[:1]:
                seen.setdefault(currency, territory)
    return sorted((t, c) for c, t in seen.items())


@SETTINGS
@given(st.sampled_from(_tender()), st.integers(min_value=1, max_value=10**7))
def test_english_currency_names_of_every_country(nlp: Language, tender: tuple[str, str], amount: int) -> None:
    """ "1,500 Trinidad & Tobago dollars", "1 Ghanaian cedi": CLDR's English name of each country's
    currency (singular or plural as CLDR's plural rules pick for the amount), in a story about it."""
    territory, currency = tender
    name = get_currency_name(currency, count=amount, locale="en")
    written = f"{format_decimal(amount, locale='en')} {name}"
    check(nlp, f"en_{territory}", written, Decimal(amount), currency)
