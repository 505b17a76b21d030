"""The money vocabulary: currency codes, symbols and names from Babel's CLDR data plus the rules in
``data/money.yaml`` and ``data/money_countries.tsv``, and the patterns compiled from them.

Currency ISO codes, English display names (singular and plural), symbols and which territory used
which currency when come from CLDR; the tables hold what CLDR lacks (scale words, slang, subunits,
press-style symbols, the rules for ambiguous symbols and words).
"""

from __future__ import annotations

import datetime as dt
import functools
import pickle
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from babel import Locale, localedata
from babel.core import get_global
from babel.numbers import get_currency_name, get_territory_currencies, list_currencies

from ..tables import DATA_DIR, read_yaml

_EVER = (dt.date(1800, 1, 1), dt.date(2200, 1, 1))


@functools.cache
def rules() -> dict[str, Any]:
    """The hand-written rules in ``data/money.yaml``."""
    table: dict[str, Any] = read_yaml("money.yaml")
    return table


@functools.cache
def scales() -> dict[str, Decimal]:
    """Scale word or abbreviation (lowercase) -> multiplier ("bn" -> 1000000000)."""
    return {k.lower(): Decimal(str(v)) for k, v in rules()["scales"].items()}


@dataclass(frozen=True, slots=True)
class Name:
    """What a currency word, symbol or code can mean."""

    currencies: tuple[str, ...]  # candidates, most likely first
    key: str  # the word/symbol as looked up in the rules' defaults ("kroner", "$")
    explicit: bool  # names exactly one currency ("Danish kroner", "USD", "€")
    factor: Decimal = Decimal(1)  # 0.01 for "cents"


@dataclass(frozen=True, slots=True)
class Lexicon:
    symbols: dict[str, Name]
    codes: dict[str, Name]
    names: dict[str, Name]  # lowercase word or phrase -> meaning
    adjectives: dict[str, tuple[str, ...]]  # "canadian" -> (CAD,) for "$5 Canadian"
    usage: dict[str, int]  # currency -> number of territories using it today
    core: re.Pattern[str]
    core_bare: re.Pattern[str]  # the same without a prefix: tried where none stands before the number
    suffix_code: re.Pattern[str]
    suffix_words: re.Pattern[str]
    suffix_symbol: re.Pattern[str]
    name_word: re.Pattern[str]
    not_after: re.Pattern[str]
    adjective: re.Pattern[str]
    left_approx: re.Pattern[str]
    right_approx: re.Pattern[str]
    per_unit: re.Pattern[str]
    weight: re.Pattern[str]
    year_cue: re.Pattern[str]
    digit_start: re.Pattern[str]
    word_start: re.Pattern[str]
    word_start_i: re.Pattern[str]
    prefixes: frozenset[str]  # symbols and ISO codes that may stand before a number
    attached: frozenset[str]  # prefixes only read when touching the digits ("euro2.5 billion")
    longest_prefix: int
    change: re.Pattern[str]
    change_word: re.Pattern[str]
    partitive: re.Pattern[str]  # "a fraction of " before "a million dollars"
    subunit_sign: re.Pattern[str]  # "99¢", "50p"
    subunit_signs: dict[str, Name]  # a change word anywhere ("raised its credit line ... from $5 to $7")
    ellipsis_follower: re.Pattern[str]
    minus_before: re.Pattern[str]  # "-" or "minus " right before a figure ("-$5m", "minus $40")
    minus_signs: str
    money_scales: dict[str, Name]  # "grand": a scale word that names money itself


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so that the longest one wins."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _bounded_alternation(symbols: Iterable[str]) -> str:
    """Like :func:`alternation`, but a symbol that starts or ends with a letter must not touch
    another letter there ("Kr" is not the start of "Kremlin", "RM" not the end of "FIRM")."""
    parts = []
    for symbol in sorted(set(symbols), key=lambda w: (-len(w), w)):
        part = re.escape(symbol)
        if symbol[0].isalpha():
            part = r"(?<![^\W\d_])" + part
        if symbol[-1].isalpha():
            part += r"(?![^\W\d_])"
        parts.append(part)
    return "|".join(parts)


def _tender_everywhere() -> tuple[dict[str, int], set[str]]:
    """Currencies in use today (with how many territories use each) and every currency ever tender."""
    usage: Counter[str] = Counter()
    ever: set[str] = set()
    for territory in Locale("en").territories:
        if not isinstance(territory, str) or len(territory) != 2 or not territory.isalpha():
            continue
        usage.update(get_territory_currencies(territory))
        ever.update(get_territory_currencies(territory, start_date=_EVER[0], end_date=_EVER[1]))
    return dict(usage), ever


def _own_symbols(identifier: str) -> dict[str, str]:
    """The currency symbols a CLDR locale defines itself (not inherited), read from Babel's data file
    directly: ``localedata.load(merge_inherited=False)`` would leave the unmerged data in Babel's
    cache, where later formatting in that locale would find it."""
    with open(localedata.resolve_locale_filename(identifier), "rb") as fh:
        own: dict[str, str] = pickle.load(fh).get("currency_symbols", {})  # Babel's own package data
    return own


def _territory_symbols() -> Iterator[tuple[str, str, bool]]:
    """(symbol, currency, written in English) from CLDR: for each territory, the symbol of its
    currency in its most likely language's locale and in English where CLDR has it, and the
    English locales' symbols with a currency sign for other currencies ("US$" in en_CA, "JP¥")."""
    known = set(localedata.locale_identifiers())
    likely = get_global("likely_subtags")
    for territory in Locale("en").territories:
        if not isinstance(territory, str):
            continue
        currencies = get_territory_currencies(territory) if len(territory) == 2 else []
        if not currencies:
            continue
        language = likely.get(f"und_{territory}", "").split("_")[0]
        for lang in dict.fromkeys((language, "en")):
            for ident in (f"{lang}_{territory}", lang):
                if ident not in known:
                    continue
                raw = _own_symbols(ident)
                if lang == "en":
                    for code, symbol in raw.items():
                        if code != currencies[0] and any(unicodedata.category(c) == "Sc" for c in symbol):
                            yield symbol, code, True
                if currencies[0] in raw:
                    yield raw[currencies[0]], currencies[0], lang == "en"
                    break


def _symbol_table(table: dict[str, Any]) -> dict[str, list[str]]:
    """Symbol -> currencies, from CLDR (English symbols, then each territory's) and the table."""
    symbols: dict[str, list[str]] = {}
    english_only = set(table["english_only_symbols"])
    alphabetic = set(table["alphabetic_symbols"])
    english = [(symbol, code, True) for code, symbol in Locale("en").currency_symbols.items()]
    for symbol, code, in_english in [*english, *_territory_symbols()]:
        symbol = symbol.strip().strip("\u200b\u200e\u200f")
        if not symbol or symbol == code or symbol == "¤":
            continue
        bare = symbol.replace(".", "")
        if bare.isascii() and bare.isalpha() and symbol not in alphabetic:
            continue  # "R", "K", "Br": too often not money
        if symbol in english_only and not in_english:
            continue
        codes = symbols.setdefault(symbol, [])
        if code not in codes:
            codes.append(code)
    for symbol, codes in table["extra_symbols"].items():
        symbols[symbol] = list(codes)  # news usage overrides CLDR ("C$" is CAD, not the cordoba)
    for symbol, code in _territory_signs(table["territory_signs"]):
        symbols.setdefault(symbol, [code])
    for symbol, codes in table["context_symbols"].items():
        if len(symbol) > 1:  # one letter: only touching the digits, see attached_symbols
            symbols[symbol] = list(codes)
    return symbols


def _territory_signs(signs: dict[str, str]) -> Iterator[tuple[str, str]]:
    """("TT$", "TTD"), ("LB£", "LBP"): a territory's code before the sign of its dollar or pound,
    for each currency whose English name ends in the sign's word and whose ISO code starts with
    the territory's code."""
    for territory in Locale("en").territories:
        if not isinstance(territory, str) or len(territory) != 2 or not territory.isalpha():
            continue
        for code in get_territory_currencies(territory)[:1]:
            name = get_currency_name(code, locale="en").lower()
            for sign, word in signs.items():
                if code.startswith(territory) and name.endswith(word):
                    yield f"{territory}{sign}", code


def attached_symbols(table: dict[str, Any]) -> dict[str, list[str]]:
    """Prefixes read only when touching the digits: the wire-copy words ("euro2.5 billion") and
    the one-letter context symbols ("N500")."""
    found = {word: list(codes) for word, codes in table["attached_prefixes"].items()}
    found.update({s: list(c) for s, c in table["context_symbols"].items() if len(s) == 1})
    return found


Ranked = Callable[[Iterable[str]], tuple[str, ...]]


def _cldr_names(ever: set[str]) -> tuple[dict[str, set[str]], dict[str, set[str]], dict[str, set[str]]]:
    """CLDR English display names, singular and plural: (full name, head word, adjective) ->
    currencies. "Danish krone", "Danish kroner" name one currency; "kroner" may name several."""
    english = Locale("en")
    plural = english._data["currency_names_plural"]
    full: dict[str, set[str]] = {}
    heads: dict[str, set[str]] = {}
    adjectives: dict[str, set[str]] = {}
    for code, name in english.currencies.items():
        if code not in ever and code not in ("EUR",):
            continue
        forms = {name, *dict(plural.get(code, {})).values()}
        for form in forms:
            low = form.lower()
            if "(" in low:
                continue
            full.setdefault(low, set()).add(code)
            words = low.split()
            heads.setdefault(words[-1], set()).add(code)
            if len(words) > 1:
                adjectives.setdefault(" ".join(words[:-1]), set()).add(code)
    return full, heads, adjectives


def _plain(text: str) -> str:
    """``text`` without accents ("krónur" -> "kronur", "bolívars" -> "bolivars")."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _spellings(full: dict[str, set[str]], table: dict[str, Any]) -> dict[str, set[str]]:
    """CLDR's full names and the other spellings English news gives them: the head word translated
    ("Danish crowns") or spelled another way ("Russian roubles", "Canadian dlrs"), and without
    accents ("Icelandic kronur")."""
    variants: dict[str, list[str]] = {}
    for alias, head in table["head_aliases"].items():
        variants.setdefault(head, []).append(alias)
    for head, translation in table["head_translations"].items():
        variants.setdefault(head, []).append(translation)
    found: dict[str, set[str]] = {}
    for phrase, cands in full.items():
        *adjective, head = phrase.split()
        for word in (head, *variants.get(head, ())):
            for form in {" ".join([*adjective, word]), _plain(" ".join([*adjective, word]))}:
                found.setdefault(form, set()).update(cands)
    return found


def _names(
    table: dict[str, Any], ever: set[str], ranked: Ranked
) -> tuple[dict[str, Name], dict[str, tuple[str, ...]]]:
    """Currency names (CLDR's, the tables' slang and subunits) and currency adjectives."""
    full, heads, adjectives = _cldr_names(ever)
    names: dict[str, Name] = {}
    stop_heads = set(table["stop_heads"])
    for head, head_cands in heads.items():
        if head in stop_heads or not head.replace("-", "").isalpha():
            continue
        ordered = ranked(head_cands)
        names[head] = Name(ordered, head, len(ordered) == 1)
    for alias, head in table["head_aliases"].items():
        if head in names:
            names[alias] = Name(names[head].currencies, alias, names[head].explicit)
    translations = table["head_translations"]
    for form, form_cands in _spellings(full, table).items():
        if " " in form:
            ordered = ranked(form_cands)
            names[form] = Name(ordered, form, len(ordered) == 1)
    for head, translation in translations.items():  # "crowns" alone: every currency so called
        if head in heads:
            cands = set(heads[head]) | set(names[translation].currencies if translation in names else ())
            names[translation] = Name(ranked(cands), translation, len(cands) == 1)
    for word, cands in table["slang"].items():
        names[word.lower()] = Name(tuple(cands), word.lower(), len(cands) == 1)
    for word, sub in table["subunits"].items():
        names[word] = Name(
            tuple(sub["currencies"]), word, len(sub["currencies"]) == 1, Decimal(sub["factor"])
        )
    # US dollars are also written "U.S. dollars".
    for phrase in [p for p in names if p.startswith("us ")]:
        names["u.s. " + phrase[3:]] = names[phrase]
    adjective_table = {adj: ranked(c) for adj, c in adjectives.items() if len(c) == 1}
    adjective_table.update({"u.s.": ("USD",)})
    # "Canadian cents", "U.S. cents": a subunit named with its currency's adjective.
    for word, sub in table["subunits"].items():
        for adj, (code,) in adjective_table.items():
            if code in sub["currencies"] and f"{adj} {word}" not in names:
                names[f"{adj} {word}"] = Name((code,), f"{adj} {word}", True, Decimal(sub["factor"]))
    return names, adjective_table


@functools.cache
def vulgar_fractions() -> dict[str, Decimal]:
    """Unicode's vulgar fractions with an exact decimal value ("½" 0.5, "⅞" 0.875; not "⅓"), read
    after whole digits ("$1½ million", "26⅞"): the characters whose compatibility form is a fraction."""
    found: dict[str, Decimal] = {}
    for code in range(0xA0, 0x2200):
        char = chr(code)
        parts = unicodedata.normalize("NFKC", char).split("\u2044")
        if len(parts) != 2 or not all(p.isdigit() for p in parts):
            continue
        den = int(parts[1])
        while den % 2 == 0 or den % 5 == 0:
            den //= 2 if den % 2 == 0 else 5
        if den == 1 and 0 < int(parts[0]) < int(parts[1]):
            found[char] = Decimal(parts[0]) / Decimal(parts[1])
    return found


def _core_pattern(table: dict[str, Any], symbol_alt: str, prefixed: bool = True) -> str:
    """The anchored pattern of one figure: an optional prefix (code or symbol), the number
    (digits, number words or a vague amount) and an optional scale word. Without ``prefixed``, the
    pattern of a figure with no prefix (most numbers): its groups never match a prefix, and the
    long alternation of symbols is not tried at each number."""
    code_alt = "[A-Z]{3}"  # checked against the ISO list after matching: one dict lookup, not 300 branches
    attached = alternation(attached_symbols(table))
    money_prefix = (
        rf"(?:(?<![A-Za-z])(?:{code_alt})(?![A-Za-z])"
        rf"|(?<![\w$])(?:{symbol_alt})"
        rf"|(?<![\w$])(?:{attached})(?=\d))"
    )
    scale_alt = alternation(table["scales"])
    number_alt = alternation(table["number_words"])
    article_alt = alternation(table["article_one"])
    vague_num = alternation(table["vague_numbers"])
    vague_scale = alternation(table["vague_scales"])
    vague_mult = alternation(table["vague_multipliers"])
    word = rf"(?:{number_alt}|point)(?![A-Za-z])"
    # "a"/"an" is a number only before "hundred" or a scale word: "a million dollars".
    units = alternation(table["article_units"])
    article = rf"(?:{article_alt})(?=[\s-]+(?:hundred|dozen|{scale_alt}|{units})(?![A-Za-z]))"
    inner = rf"(?:{alternation(table['word_scales'])})(?![A-Za-z])"
    word_sep = r"(?:(?<=hundred)\s+and\s+|\s+and\s+(?=a\s+half)|[\s-]+)"
    # Digits with any group and decimal marks ("1,234.56", "1.234,56", "1 234,56", "1'234.56",
    # "1,23,45,678"); a space only before three digits. numbers.readings tells what they mean.
    # A dot right after a letter is an abbreviation's ("Ksh.500"), not a decimal point.
    minus = f"[{''.join(re.escape(m) for m in table['minus_signs'])}]"
    digits = r"\d+(?:(?:[,.'’]|[\x20\u00a0\u202f\u2009](?=\d{3}(?![\d-])))\d+)*|(?<![^\W\d_])\.\d+"
    start = (
        rf"(?:(?P<pre>{money_prefix})(?:(?<=[^\W\d_])\.)?\s?(?P<sign>{minus}(?=\d))?|(?<![\w.,]))"
        if prefixed
        else r"(?:(?P<pre>(?!))(?P<sign>(?!)))?(?<![\w.,])"
    )
    return rf"""
        {start}
        (?:
            (?P<vague>(?i:(?:(?:{vague_mult})\s+of\s+)?(?:{vague_scale})(?:\s+(?:and|or)\s+(?:{vague_scale}))?
                (?=\s+of\s)))
          | (?P<vnum>(?i:(?:{vague_num})(?=[\s-]+(?:{scale_alt})(?![A-Za-z]))))
          | (?P<num>{digits})(?:(?P<frac>[{"".join(vulgar_fractions())}])|[.,][-–—](?![\w-]))?(?![\d])
          | (?P<wnum>(?i:(?:{article}|{word})(?:{word_sep}(?:{word}|{inner}(?={word_sep}{word})))*))
        )
        (?:(?:\s?|-)(?P<scale>(?i:{scale_alt}))(?![A-Za-z\d]))?
    """


def _around_patterns(table: dict[str, Any], names: dict[str, Name]) -> dict[str, str]:
    """Patterns of what may stand around a figure: approximators, per-unit words, weight cues."""
    name_alt = alternation(names)
    approx_alt = alternation(table["approximators"])
    units = alternation(table["per_unit_words"])
    not_unit = alternation(table["not_per_unit_after"])
    return {
        "left_approx": (
            rf"(?i:(?P<approx>(?<![\w.])(?:{approx_alt})\s+|~\s*)|(?<![\w.])(?P<opener>between|from)\s+)\Z"
        ),
        "right_approx": (rf"(?i:\s*(?:{alternation(table['trailing_approximators'])}))(?=\s*[^\w\s]|\s*$)"),
        "per_unit": (
            rf"(?i:\s*(?:per|/)\s*(?!cent\b|cents\b)(?P<unit1>[A-Za-z][\w-]*)"
            rf"|[\s-]+(?:a|an)[\s-]+(?P<unit2>{units})(?![A-Za-z])(?!\s+(?:{not_unit})\b)"
            rf"|\s+to\s+(?:the|one|a|an)\s+(?P<unit3>{name_alt})(?![A-Za-z]))"
        ),
        "weight": rf"(?i:(?<![A-Za-z])(?:{alternation(table['weight_cues'])})(?![A-Za-z]))",
        "change": rf"(?i:(?<![\w-])(?:{alternation(table['change_words'])})(?:\s+[\w-]+){{0,2}}\s+)\Z",
        "change_word": rf"(?i:(?<![\w-])(?:{alternation(table['change_words'])})(?![\w-]))",
        "ellipsis_follower": (
            rf"(?i:\s*(?:[^\w\s]|$|(?:{alternation(table['ellipsis_followers'])})(?![\w-])))"
        ),
        "partitive": rf"(?i:(?<![\w-])(?:{alternation(table['partitives'])})\s+of\s+)\Z",
        # a sign after a space or bracket (not at a line's start: a list's dash), or a word
        "minus_before": (
            rf"(?:(?<=[\x20\u00a0(\u200e\u200f])(?:{alternation(table['minus_signs'])})"
            rf"|(?i:(?<![\w-])(?:{alternation(table['minus_words'])})\s+))\Z"
        ),
        "year_cue": rf"(?i:(?<![\w-])(?:{alternation(table['year_cues'])})\s+)\Z",
    }


def _starters(table: dict[str, Any]) -> str:
    """The words a number may start with ("two", "a", "billions"), as one alternation."""
    return alternation(
        [
            *table["number_words"],
            *table["article_one"],
            *table["vague_numbers"],
            *table["vague_scales"],
            *table["vague_multipliers"],
        ]
    )


@functools.cache
def lexicon() -> Lexicon:
    """Currency vocabulary from CLDR plus the rules file, and the compiled patterns."""
    table = rules()
    usage, ever = _tender_everywhere()

    def ranked(codes: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted(set(codes), key=lambda c: (-usage.get(c, 0), c)))

    stop_codes = set(table["code_stoplist"])
    codes = {c: Name((c,), c, True) for c in list_currencies() if c not in stop_codes and c.isalpha()}
    symbols: dict[str, Name] = {}
    for symbol, cands in _symbol_table(table).items():
        ordered = tuple(cands) if symbol in table["extra_symbols"] else ranked(cands)
        symbols[symbol] = Name(ordered, symbol, len(ordered) == 1)
    names, adjective_table = _names(table, ever, ranked)

    symbol_alt = _bounded_alternation(symbols)
    for word, cands in attached_symbols(table).items():  # after symbol_alt: only before a digit
        symbols[word] = Name(tuple(cands), word, len(cands) == 1)
    max_words = max(len(re.split(r"[\s-]+", n)) for n in names)
    name_word = r"(?:[^\W\d_][\w.'’ʻ]*|&)"  # "&": "Trinidad & Tobago dollars"
    suffix_words = rf"[\s-]?(?:(?i:of)\s+)?(?P<words>{name_word}(?:[\s-]{name_word}){{0,{max_words - 1}}})"
    adjective = rf"\s(?P<adj>(?i:{alternation(adjective_table)}))(?=\s*[^\w\s]|\s*$)"
    around = {key: re.compile(pattern) for key, pattern in _around_patterns(table, names).items()}
    starters = _starters(table)
    return Lexicon(
        symbols=symbols,
        codes=codes,
        names=names,
        adjectives=adjective_table,
        usage=usage,
        core=re.compile(_core_pattern(table, symbol_alt), re.X),
        core_bare=re.compile(_core_pattern(table, symbol_alt, prefixed=False), re.X),
        # A right-to-left mark may stand before a symbol or code written after the number (he_IL).
        suffix_code=re.compile(
            r"\s*\(\s*(?P<pcode>[A-Z]{3})\s*\)|\s?[\u200e\u200f]?(?P<code>[A-Z]{3})(?![A-Za-z])"
        ),
        suffix_words=re.compile(suffix_words),
        suffix_symbol=re.compile(rf"\s?[\u200e\u200f]?(?P<sym>{symbol_alt})(?!\s?\d)"),
        name_word=re.compile(name_word),
        not_after=re.compile(rf"(?i:[\s-]*(?:{alternation(table['not_after_name'])})\b)"),
        adjective=re.compile(adjective),
        digit_start=re.compile(r"(?<![\d,.])\d|(?<![\d,.])\.\d"),
        word_start=re.compile(rf"\b(?:{starters})\b"),
        word_start_i=re.compile(rf"\b(?:{starters})\b", re.I),
        prefixes=frozenset(symbols) | frozenset(codes),
        attached=frozenset(attached_symbols(table)),
        longest_prefix=max(len(p) for p in (*symbols, *codes)),
        left_approx=around["left_approx"],
        right_approx=around["right_approx"],
        per_unit=around["per_unit"],
        weight=around["weight"],
        change=around["change"],
        change_word=around["change_word"],
        partitive=around["partitive"],
        # not "6:00p.m.": no letter after a dot, no clock time before
        subunit_sign=re.compile(rf"(?P<sign>{alternation(table['subunit_signs'])})(?![\w$£€¢]|\.[^\W\d_])"),
        subunit_signs={
            sign: Name(tuple(sub["currencies"]), sign, len(sub["currencies"]) == 1, Decimal(sub["factor"]))
            for sign, sub in table["subunit_signs"].items()
        },
        ellipsis_follower=around["ellipsis_follower"],
        minus_before=around["minus_before"],
        minus_signs="".join(table["minus_signs"]),
        money_scales={w: Name(tuple(c), w, len(c) == 1) for w, c in table["money_scales"].items()},
        year_cue=around["year_cue"],
    )


@functools.cache
def country_names() -> dict[str, str]:
    """Lowercase country name, demonym or city -> ISO 3166 territory code."""
    english = Locale("en")
    table: dict[str, str] = {}
    likely = get_global("likely_subtags")
    for lang, name in english.languages.items():
        subtags = likely.get(lang, "").split("_")
        if len(subtags) >= 2 and len(subtags[-1]) == 2 and subtags[-1].isalpha():
            table[name.lower()] = subtags[-1]
    for code, name in english.territories.items():
        if len(code) == 2 and code.isalpha():
            table[name.lower()] = code
    with open(DATA_DIR / "money_countries.tsv", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip() or line.startswith("name\t"):
                continue
            name, territory = line.rstrip("\n").split("\t")
            table[name.lower()] = territory
    return table
