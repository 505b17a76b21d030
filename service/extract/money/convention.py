"""Which decimal convention a written number follows when its shape alone does not decide
("€1.234": one euro and 234 thousandths, or 1,234 euros?).

The number's own shape decides first (:func:`.numbers.readings`); a scale word after it means a
decimal point ("€1.234 billion"); more decimals than the currency's minor unit plus two mean a
group mark ("223.314 JPY"); then the article: the conventions its other numbers show unambiguously;
then the currency's usual locale: the decimal symbol CLDR gives for the most likely language of the
territories that use the currency (Babel's ``get_decimal_symbol``). With no evidence English usage
(decimal point) stands. Later cues that agree raise the confidence, those that disagree lower it;
the reading not picked is kept as an alternative with the remaining confidence.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.numbers import get_currency_precision, get_decimal_symbol, get_territory_currencies

from .numbers import COMMA, COMMA_ARTICLE_DECIMALS, POINT, readings, shows_convention

# How sure the pick is, by what decided it (the alternative gets the rest).
_CONFIDENCE = {"scale": 0.8, "precision": 0.8, "article": 0.8, "currency": 0.7, "default": 0.6}


@functools.cache
def currency_convention(currency: str) -> str | None:
    """The decimal convention of the locales that use ``currency`` (majority of its territories'
    most likely languages in CLDR), or None when they are evenly split or unknown."""
    likely = get_global("likely_subtags")
    votes: Counter[str] = Counter()
    for territory in Locale("en").territories:
        if not isinstance(territory, str) or len(territory) != 2 or not territory.isalpha():
            continue
        if currency not in get_territory_currencies(territory):
            continue
        language = likely.get(f"und_{territory}", "en").split("_")[0]  # CLDR omits English's own
        symbol = _decimal_symbol(f"{language}_{territory}") or _decimal_symbol(language)
        if symbol is None:
            continue
        votes[COMMA if symbol == "," else POINT] += 1
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _decimal_symbol(identifier: str) -> str | None:
    try:
        return str(get_decimal_symbol(Locale.parse(identifier)))
    except (UnknownLocaleError, ValueError):
        return None


def article_convention(written: Iterable[str]) -> str | None:
    """The convention most of the article's numbers show on their own, None if none or a tie."""
    votes = Counter(c for w in written if (c := shows_convention(w)) is not None)
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _precise_enough(value: Decimal, currencies: tuple[str, ...]) -> bool:
    """Whether a decimal-point reading has a plausible number of decimals for the currency: at
    most two more than its minor unit ("$26.875" in eighths is; "223.314 JPY" is not: yen have no
    minor unit, so that is 223,314 yen)."""
    if not currencies:
        return True
    decimals = -int(value.as_tuple().exponent)
    return decimals <= get_currency_precision(currencies[0]) + 2


@dataclass(frozen=True, slots=True)
class Reading:
    """A number's value under the convention picked, and the other reading when its shape allowed two."""

    value: Decimal
    convention: str | None  # None when the shape shows no convention ("1234")
    confidence: float = 1.0
    other: Decimal | None = None
    other_convention: str | None = None


def decide(written: str, scaled: bool, article: str | None, currencies: tuple[str, ...]) -> Reading | None:
    """The reading of ``written`` given a scale word after it, the article's convention and the
    candidate currencies; None when the shape fits no convention.

    The first cue that speaks decides (a scale word, an implausible number of decimals for the
    currency, the article's numbers, the currency's locales); each later cue that agrees with it
    adds 0.1 to its confidence, each that disagrees takes 0.1 off."""
    found = readings(written, COMMA_ARTICLE_DECIMALS if article == COMMA else 2)
    if not found:
        return None
    if len(found) == 1:
        convention, value = next(iter(found.items()))
        return Reading(value, convention if any(m in written for m in ",.") else None)
    cues = [
        ("scale", POINT if scaled else None),
        ("precision", None if _precise_enough(found[POINT], currencies) else COMMA),
        ("article", article),
        ("currency", currency_convention(currencies[0]) if currencies else None),
    ]
    spoken = [(why, c) for why, c in cues if c is not None]
    why, pick = spoken[0] if spoken else ("default", POINT)
    conf = _CONFIDENCE[why] + sum(0.1 if c == pick else -0.1 for _, c in spoken[1:])
    conf = round(min(0.95, max(0.55, conf)), 2)
    other = COMMA if pick == POINT else POINT
    return Reading(found[pick], pick, conf, found[other], other)
