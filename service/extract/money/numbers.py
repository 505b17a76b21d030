"""Reading numbers: English number words ("two", "one hundred and fifty", "half a") and exact
decimals without exponent."""

from __future__ import annotations

import functools
import re
from decimal import Decimal

from .lexicon import rules


@functools.cache
def _phrases() -> re.Pattern[str]:
    """The number words of several words ("a quarter of a", "three-quarters of a"), longest first."""
    phrases = sorted((w for w in rules()["number_words"] if " " in w), key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(re.escape(p) for p in phrases)})\b")


def words_value(text: str) -> Decimal | None:
    """The value of English number words ("two", "twenty-five", "one hundred and fifty", "half a",
    "one million two hundred thousand", "a million and a half")."""
    table = rules()
    words = table["number_words"]
    inner = {w: Decimal(str(table["scales"][w])) for w in table["word_scales"]}
    low = re.sub(r"\s+", " ", text.lower()).strip()
    low = _phrases().sub(lambda p: re.sub(r"[\s-]", "_", p.group()), low)  # one token each
    tokens = [t.replace("_", " ") for t in re.split(r"[\s-]+", low) if t and t != "and"]
    if not tokens or tokens[0] == "point" or tokens[0] in inner:
        return None
    total, group, scale = Decimal(0), Decimal(0), Decimal(0)  # done groups, the current one, its scale
    decimals: list[str] | None = None  # digits after "point" ("one point six")
    for i, token in enumerate(tokens):
        if decimals is not None:
            if not isinstance(words.get(token), int) or not 0 <= words[token] <= 9:
                return None
            decimals.append(str(words[token]))
        elif token == "point":
            decimals = []
        elif token in table["article_one"]:
            if i != 0:
                return None
            group = Decimal(1)
        elif token in ("hundred", "dozen"):
            group = max(group, Decimal(1)) * Decimal(words[token])
        elif token in inner:  # "one million | two hundred thousand"
            total, group, scale = total + max(group, Decimal(1)) * inner[token], Decimal(0), inner[token]
        elif token in words and scale and group == 0 and Decimal(str(words[token])) < 1:
            total += Decimal(str(words[token])) * scale  # "a million and a half"
        elif token in words:
            group += Decimal(str(words[token]))
        else:
            return None
    if decimals is not None and not decimals:
        return None
    return total + group + (Decimal("0." + "".join(decimals)) if decimals else 0)


def clean(value: Decimal) -> Decimal:
    """``value`` without exponent or trailing zeros (1.7E+9 -> 1700000000, 3.50 -> 3.5)."""
    value = value.normalize()
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value


# --- written numbers: grouping and decimal conventions --------------------------------------------

POINT, COMMA = "decimal_point", "decimal_comma"  # which mark separates the decimals
_SPACES = " \u00a0\u202f\u2009"  # space, no-break space, narrow no-break space, thin space
_APOSTROPHES = "'’"
_GROUP_MARKS = {POINT: ",", COMMA: "."}  # besides spaces and apostrophes
_DECIMAL_MARKS = {POINT: ".", COMMA: ","}
# A decimal comma has at most two decimals ("2,99"; "1,234" is 1234) unless the article writes
# decimal commas elsewhere, where "1,799 € a litre" has three.
_MAX_DECIMALS = {POINT: 40, COMMA: 2}
COMMA_ARTICLE_DECIMALS = 3
_PARTS = re.compile(r"\d+|\D")


def _grouped(parts: list[str], marks: str) -> str | None:
    """The digits of an integer part written with one kind of group mark ("1,234,567", "1 234",
    Indian "1,23,45,678"), or None when its groups are not well formed."""
    digits, seps = parts[::2], set(parts[1::2])
    if not seps:
        return digits[0]
    if len(seps) != 1 or not seps <= set(marks):
        return None
    head, tail = digits[0], digits[1:]
    if 1 <= len(head) <= 3 and all(len(g) == 3 for g in tail):
        return "".join(digits)
    indian = seps == {","} and len(head) <= 2 and all(len(g) == 2 for g in tail[:-1]) and len(tail[-1]) == 3
    return "".join(digits) if indian else None


def read_as(written: str, convention: str, comma_decimals: int = _MAX_DECIMALS[COMMA]) -> Decimal | None:
    """The value of a written number (digits and marks, as the scanner found it) under one
    convention, or None when its shape does not fit that convention."""
    parts = _PARTS.findall("0" + written if written[:1] in ".," else written)
    if not parts or not parts[-1].isdigit():
        return None
    mark = _DECIMAL_MARKS[convention]
    fraction = ""
    if mark in parts[1::2]:
        at = len(parts) - 2
        if parts[at] != mark or parts[1:at:2].count(mark):
            return None  # the decimal mark stands once, before the last digits
        fraction = parts[-1]
        if len(fraction) > (comma_decimals if convention == COMMA else _MAX_DECIMALS[POINT]):
            return None
        parts = parts[:at]
    integer = _grouped(parts, _GROUP_MARKS[convention] + _SPACES + _APOSTROPHES) if parts else "0"
    if integer is None:
        return None
    return Decimal(f"{integer}.{fraction}" if fraction else integer)


def readings(written: str, comma_decimals: int = _MAX_DECIMALS[COMMA]) -> dict[str, Decimal]:
    """Each convention's value of a written number: one entry when its shape decides ("1,234.56",
    "1.234,56", "2,99"), two different values when it does not ("1.234"), none when it is no number."""
    found = {c: v for c in (POINT, COMMA) if (v := read_as(written, c, comma_decimals)) is not None}
    if len(set(found.values())) == 1:
        return {next(iter(found)): next(iter(found.values()))}
    return found


def shows_convention(written: str) -> str | None:
    """The convention a number's shape shows on its own (a decimal mark or a group mark that only
    one convention allows), or None when it shows none ("1234", "1 234") or both ("1.234", and
    "1,799", which a decimal-comma article may write for 1.799)."""
    found = readings(written, COMMA_ARTICLE_DECIMALS)
    if len(found) != 1 or not any(m in written for m in ",."):
        return None
    return next(iter(found))
