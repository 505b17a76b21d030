"""Reading numbers: English number words ("two", "one hundred and fifty", "half a") and exact
decimals without exponent."""

from __future__ import annotations

import re
from decimal import Decimal

from .lexicon import rules


def words_value(text: str) -> Decimal | None:
    """The value of English number words ("two", "twenty-five", "one hundred and fifty", "half a")."""
    table = rules()
    words = table["number_words"]
    low = re.sub(r"\s+", " ", text.lower()).strip()
    for phrase in ("half a", "a half"):
        low = low.replace(phrase, phrase.replace(" ", "_"))
    tokens = [t for t in re.split(r"[\s-]+", low) if t and t != "and"]
    if not tokens:
        return None
    total = Decimal(0)
    decimals: list[str] | None = None  # digits after "point" ("one point six")
    for i, token in enumerate(tokens):
        token = token.replace("_", " ")
        if decimals is not None:
            if not isinstance(words.get(token), int) or not 0 <= words[token] <= 9:
                return None
            decimals.append(str(words[token]))
        elif token == "point":
            if i == 0:
                return None
            decimals = []
        elif token in table["article_one"]:
            if i != 0:
                return None
            total = Decimal(1)
        elif token in ("hundred", "dozen"):
            total = max(total, Decimal(1)) * Decimal(words[token])
        elif token in words:
            total += Decimal(str(words[token]))
        else:
            return None
    if decimals is not None:
        if not decimals:
            return None
        total += Decimal("0." + "".join(decimals))
    return total


def clean(value: Decimal) -> Decimal:
    """``value`` without exponent or trailing zeros (1.7E+9 -> 1700000000, 3.50 -> 3.5)."""
    value = value.normalize()
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value
