"""The dates package's rule tables, each loaded once: the date vocabulary (``data/dates.yaml``) and
the regex pieces built from it; the words that decide which event a date anchors (``data/events.yaml``)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Token

from ..tables import read_yaml

_NOUNS = frozenset({"NOUN", "PROPN"})


@dataclass(frozen=True)
class Unit:
    """A duration unit: ``letter`` x ``times`` per unit, after the T when ``time``."""

    name: str
    letter: str
    times: int
    time: bool


@dataclass(frozen=True)
class Lexicon:
    """The tables of ``dates.yaml`` with their keys lower-cased, plus regex alternations."""

    raw: dict[str, Any]
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    ordinals: dict[str, int]
    units: dict[str, Unit]  # singular and plural forms
    alt: dict[str, str]  # name -> regex alternation (longest first)

    def table(self, name: str) -> Any:
        return self.raw[name]


def _alternation(words: list[str] | set[str] | dict[str, Any], apostrophe: str = "['’]") -> str:
    """A regex matching any of ``words`` (lower case), longest first, spaces matching any whitespace.

    Built as a trie ("d(?:ec(?:ember)?)"), so that at each position of the text the regex
    engine rejects all but a few words on their first letter.
    """
    trie: dict[str, Any] = {}
    for word in {str(w).lower() for w in words}:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        parts = [
            (r"\s+" if ch == " " else apostrophe if ch == "'" else re.escape(ch)) + build(child)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not parts:
            return ""
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    return "(?:" + build(trie) + ")"


@functools.cache
def lexicon() -> Lexicon:
    """Load ``dates.yaml`` (once) and build the alternations the grammar uses."""
    raw = read_yaml("dates.yaml")
    months = {str(k).lower(): int(v) for k, v in raw["months"].items()}
    weekdays = {str(k).lower(): int(v) for k, v in raw["weekdays"].items()}
    numbers = {str(k).lower(): int(v) for k, v in raw["numbers"].items()}
    ordinals = {str(k).lower(): int(v) for k, v in raw["ordinals"].items()}
    units: dict[str, Unit] = {}
    for name, spec in raw["units"].items():
        unit = Unit(name, spec["letter"], int(spec["times"]), bool(spec["time"]))
        units[name] = unit
        units[spec["plural"]] = unit
    tens = [w for w, v in numbers.items() if v in (20, 30, 40, 50, 60, 70, 80, 90)]
    ones = [w for w, v in numbers.items() if 1 <= v <= 9 and w not in ("a", "an")]
    number_words = _alternation([w for w in numbers if w not in ("a", "an")])
    compound = f"{_alternation(tens)}(?:[-\\s]+{_alternation(ones)})?"
    # never starting inside a number ("1,000,000" is read once from its first digit, not again from
    # each group: a long comma chain would cost quadratic time)
    digits = r"(?<![\d,.])(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    full_weekdays = [w for w in weekdays if len(w) >= 6]
    dotted_weekdays = [w for w in weekdays if len(w) < 6 and w not in ("sun", "sat", "mon")]
    alt = {
        "month": _alternation(months),
        "full_month": _alternation([m for m in months if len(m) > 3 or m == "may"]),
        "weekday": "(?:" + _alternation(full_weekdays) + "|" + _alternation(dotted_weekdays) + r"\.)",
        "number": f"(?:{digits}|{compound}|{number_words}|an?)",
        "vague": _alternation(raw["vague_numbers"]),
        "ordinal": _alternation(ordinals),
        "day_ordinal": _alternation(raw["day_ordinals"]).replace(r"\s+", r"[-\s]+"),
        "unit": _alternation(units),
        "season": _alternation(raw["seasons"]),
        "part_of_day": _alternation(raw["parts_of_day"]),
        "holiday": _alternation(raw["holidays"], "['’]?"),  # "Mothers Day", "New Years Eve" as written
        "fixed": _alternation(raw["fixed"]),
        "relative_day": _alternation(raw["relative_days"]),
        "frequency": _alternation(raw["frequencies"]),
        "shift": _alternation(raw["shifts"]),
        "point_mod": _alternation(raw["point_mods"]),
        "quantity_mod": _alternation(raw["quantity_mods"]),
        "trailing_mod": _alternation(raw["trailing_mods"]),
        "half_ordinal": _alternation(raw["half_ordinals"]),
        "year_prefix_mod": _alternation(raw["year_prefix_mods"]),
        "timezone": _alternation(raw["timezones"]),
    }
    return Lexicon(raw, months, weekdays, numbers, ordinals, units, alt)


@functools.cache
def _holidays_without_apostrophes() -> dict[str, Any]:
    return {name.replace("'", ""): spec for name, spec in lexicon().table("holidays").items()}


def holiday_spec(name: str) -> Any:
    """The dates.yaml entry of a holiday name as written (lower case, straight apostrophes), with
    or without its apostrophe ("mothers day" is "mother's day")."""
    table = lexicon().table("holidays")
    return table[name] if name in table else _holidays_without_apostrophes()[name.replace("'", "")]


def parse_number(text: str) -> int | float | None:
    """``"twenty four"``, ``"24"``, ``"1,000"``, ``"a"`` -> the number; None if vague or unknown."""
    lex = lexicon()
    t = re.sub(r"\s+", " ", text.strip().lower())
    if t in lex.numbers:
        return lex.numbers[t]
    digits = t.replace(",", "")
    if re.fullmatch(r"\d+", digits):
        return int(digits)
    if re.fullmatch(r"\d+\.\d+", digits):
        return float(digits)
    total = 0
    for part in re.split(r"[-\s]+", t):
        if part not in lex.numbers:
            return None
        total += lex.numbers[part]
    return total or None


@functools.cache
def word_set(name: str) -> frozenset[str]:
    """A word list of ``dates.yaml``, lower-cased."""
    return frozenset(str(w).lower() for w in lexicon().table(name))


@functools.cache
def event_table(name: str) -> frozenset[str]:
    """A word list of ``events.yaml``, lower-cased."""
    return frozenset(str(w).lower() for w in read_yaml("events.yaml")[name])


@functools.cache
def _suffixes() -> tuple[str, ...]:
    return tuple(event_table("event_noun_suffixes"))


def is_event_noun(tok: Token) -> bool:
    """A noun that names something that happens: listed, or a common noun with a deverbal ending
    ("invasion", "settlement", "bombing") that is not listed as no event ("nation", "morning")."""
    if tok.pos_ not in _NOUNS:
        return False
    words = {tok.lemma_.lower(), tok.lower_}
    if words & event_table("event_nouns"):
        return True
    return (
        tok.pos_ == "NOUN"
        and tok.lower_.rstrip("s").endswith(_suffixes())
        and not words & event_table("not_event_nouns")
    )
