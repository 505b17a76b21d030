"""Monetary figures: every amount of money in the text, read exactly, with its ISO 4217 currency.

Input: the parsed ``Doc`` (its text and the tagger's ``doc.ents``, for the countries the article is
about: only spaCy's ``ner`` is needed) and the ``Analysis`` being built (``published``).
Output: a list of :class:`Money` in text order, with ids ``M1``, ``M2``...

Forms read (linear in the text: cheap searches find where numbers start, an anchored pattern reads
each one, and symbols, codes and names around it are dictionary look-ups):

* symbol forms: ``$4.5bn``, ``€228 million``, ``US$ 12 million``, ``£3.2m``, ``A$``, ``HK$``,
  ``R$``, ``CHF 10``, ``100 €``; ISO-code forms: ``USD 200``, ``USD34.6 million``, ``$249 USD``,
  ``$99 (USD)``; name forms: ``1,000 euros``, ``1.7 billion kroner``, ``two million dollars``,
  ``50 cents``, ``billions of dollars`` (no exact amount: approximate);
* scale words and abbreviations (thousand, million, bn, m, k, lakh, crore; typos such as
  "millin"), approximators before or after ("about", "more than", "or so"), per-unit prices
  ("$3.50 a share"), ranges ("between $5 and $10 million", "$5-10m") as ``min``/``max``;
* a figure in brackets right after another in a different currency ("1.7 billion kroner
  (€228 million)") is marked as its conversion (``conversion_of``).

Currency codes, names (singular and plural), symbols and which territory used which currency
when come from Babel's CLDR data; ``data/money.yaml`` and ``data/money_countries.tsv`` hold
what CLDR lacks (scale words, slang, subunits, press-style symbols, the rules for ambiguous
symbols and words). An ambiguous symbol or word ("$", "kroner", "pounds", "¥") is read by the
countries the article mentions (GPE and NORP entities), weighed against the convention of
English news ("$" is USD unless the story is, say, Canadian); the other currencies the context
allowed are returned as ``alternatives``.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import pickle
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from babel import Locale, localedata
from babel.core import get_global
from babel.numbers import get_territory_currencies, list_currencies
from spacy.tokens import Doc

from ..model import Analysis, Money
from ..tables import DATA_DIR, read_yaml

_EVER = (dt.date(1800, 1, 1), dt.date(2200, 1, 1))
_CONTEXT_LABELS = ("GPE", "NORP")


# --- data ---------------------------------------------------------------------------------------


@functools.cache
def _rules() -> dict[str, Any]:
    """The hand-written rules in ``data/money.yaml``."""
    rules: dict[str, Any] = read_yaml("money.yaml")
    return rules


@dataclass(frozen=True, slots=True)
class _Name:
    """What a currency word, symbol or code can mean."""

    currencies: tuple[str, ...]  # candidates, most likely first
    key: str  # the word/symbol as looked up in the rules' defaults ("kroner", "$")
    explicit: bool  # names exactly one currency ("Danish kroner", "USD", "€")
    factor: Decimal = Decimal(1)  # 0.01 for "cents"


@dataclass(frozen=True, slots=True)
class _Lexicon:
    symbols: dict[str, _Name]
    codes: dict[str, _Name]
    names: dict[str, _Name]  # lowercase word or phrase -> meaning
    adjectives: dict[str, tuple[str, ...]]  # "canadian" -> (CAD,) for "$5 Canadian"
    usage: dict[str, int]  # currency -> number of territories using it today
    core: re.Pattern[str]
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


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so that the longest one wins."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _bounded_alternation(symbols: Iterable[str]) -> str:
    """Like :func:`_alternation`, but a symbol that starts or ends with a letter must not touch
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


def _own_locale_data(ident: str) -> dict[str, Any]:
    """A CLDR locale's own data, without what it inherits. Read from its file: Babel's
    ``localedata.load(ident, merge_inherited=False)`` would leave that partial data in Babel's cache,
    and every later ``Locale(ident)`` in the process (``format_currency`` too) would lack the
    inherited formats."""
    with open(localedata.resolve_locale_filename(ident), "rb") as fh:
        data: dict[str, Any] = pickle.load(fh)  # noqa: S301 - Babel's own packaged data
    return data


def _symbol_table(rules: dict[str, Any]) -> dict[str, list[str]]:
    """Symbol -> currencies, from CLDR: each locale's symbol for its own territory's currency."""
    table: dict[str, list[str]] = {}
    english_only = set(rules["english_only_symbols"])
    alphabetic = set(rules["alphabetic_symbols"])

    def add(symbol: str, code: str, english: bool) -> None:
        symbol = symbol.strip().strip("\u200b\u200e\u200f")
        if not symbol or symbol == code or symbol == "¤":
            return
        if (
            symbol.replace(".", "").isascii()
            and symbol.replace(".", "").isalpha()
            and symbol not in alphabetic
        ):
            return  # "R", "K", "Br": too often not money
        if symbol in english_only and not english:
            return
        codes = table.setdefault(symbol, [])
        if code not in codes:
            codes.append(code)

    english = Locale("en")
    for code, symbol in english.currency_symbols.items():
        add(symbol, code, True)
    # One locale per territory (its most likely language), plus English where CLDR has it.
    known = set(localedata.locale_identifiers())
    likely = get_global("likely_subtags")
    for territory in english.territories:
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
                raw = _own_locale_data(ident).get("currency_symbols", {})
                if lang == "en":  # English usage of other currencies too ("US$" in en_CA)
                    for code, symbol in raw.items():
                        if code != currencies[0] and "$" in symbol:
                            add(symbol, code, True)
                if currencies[0] in raw:
                    add(raw[currencies[0]], currencies[0], lang == "en")
                    break
    for symbol, codes in rules["extra_symbols"].items():
        table[symbol] = list(codes)  # news usage overrides CLDR ("C$" is CAD, not the cordoba)
    return table


@functools.cache
def _lexicon() -> _Lexicon:
    """Currency vocabulary from CLDR plus the rules file, and the compiled patterns."""
    rules = _rules()
    usage, ever = _tender_everywhere()

    def ranked(codes: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted(set(codes), key=lambda c: (-usage.get(c, 0), c)))

    stop_codes = set(rules["code_stoplist"])
    codes = {c: _Name((c,), c, True) for c in list_currencies() if c not in stop_codes and c.isalpha()}

    symbols: dict[str, _Name] = {}
    for symbol, cands in _symbol_table(rules).items():
        ordered = tuple(cands) if symbol in rules["extra_symbols"] else ranked(cands)
        symbols[symbol] = _Name(ordered, symbol, len(ordered) == 1)

    # Names: CLDR English display names, singular and plural ("Danish krone", "Danish kroner")
    # name one currency; their last word ("kroner") may name several.
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
    names: dict[str, _Name] = {}
    stop_heads = set(rules["stop_heads"])
    for head, head_cands in heads.items():
        if head in stop_heads or not head.replace("-", "").isalpha():
            continue
        ordered = ranked(head_cands)
        names[head] = _Name(ordered, head, len(ordered) == 1)
    for alias, head in rules["head_aliases"].items():
        if head in names:
            names[alias] = _Name(names[head].currencies, alias, names[head].explicit)
    for phrase, phrase_cands in full.items():
        if " " in phrase:
            ordered = ranked(phrase_cands)
            names[phrase] = _Name(ordered, phrase, len(ordered) == 1)
    for word, cands in rules["slang"].items():
        names[word.lower()] = _Name(tuple(cands), word.lower(), len(cands) == 1)
    for word, sub in rules["subunits"].items():
        names[word] = _Name(
            tuple(sub["currencies"]), word, len(sub["currencies"]) == 1, Decimal(sub["factor"])
        )
    # US dollars are also written "U.S. dollars".
    for phrase in [p for p in names if p.startswith("us ")]:
        names["u.s. " + phrase[3:]] = names[phrase]
    adjective_table = {adj: ranked(c) for adj, c in adjectives.items() if len(c) == 1}
    adjective_table.update({"u.s.": ("USD",)})
    # "Canadian cents", "U.S. cents": a subunit named with its currency's adjective.
    for word, sub in rules["subunits"].items():
        for adj, (code,) in adjective_table.items():
            if code in sub["currencies"] and f"{adj} {word}" not in names:
                names[f"{adj} {word}"] = _Name((code,), f"{adj} {word}", True, Decimal(sub["factor"]))

    symbol_alt = _bounded_alternation(symbols)
    for word, cands in rules["attached_prefixes"].items():  # after symbol_alt: only before a digit
        symbols[word] = _Name(tuple(cands), word, len(cands) == 1)
    code_alt = "[A-Z]{3}"  # checked against the ISO list after matching: one dict lookup, not 300 branches
    attached = _alternation(rules["attached_prefixes"])
    money_prefix = (
        rf"(?:(?<![A-Za-z])(?:{code_alt})(?![A-Za-z])"
        rf"|(?<![\w$])(?:{symbol_alt})"
        rf"|(?<![\w$])(?:{attached})(?=\d))"
    )
    scale_alt = _alternation(rules["scales"])
    number_alt = _alternation(rules["number_words"])
    article_alt = _alternation(rules["article_one"])
    vague_num = _alternation(rules["vague_numbers"])
    vague_scale = _alternation(rules["vague_scales"])
    vague_mult = _alternation(rules["vague_multipliers"])
    word = rf"(?:{number_alt}|point)(?![A-Za-z])"
    # "a"/"an" is a number only before "hundred" or a scale word: "a million dollars".
    article = rf"(?:{article_alt})(?=[\s-]+(?:hundred|dozen|{scale_alt})(?![A-Za-z]))"
    word_sep = r"(?:(?<=hundred)\s+and\s+|\s+and\s+(?=a\s+half)|[\s-]+)"
    digits = r"\d{1,2}(?:,\d\d)+,\d{3}(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
    core = rf"""
        (?:(?P<pre>{money_prefix})\s?|(?<![\w.,]))
        (?:
            (?P<vague>(?i:(?:(?:{vague_mult})\s+of\s+)?(?:{vague_scale})(?:\s+(?:and|or)\s+(?:{vague_scale}))?
                (?=\s+of\s)))
          | (?P<vnum>(?i:(?:{vague_num})(?=[\s-]+(?:{scale_alt})(?![A-Za-z]))))
          | (?P<num>{digits})(?![\d])
          | (?P<wnum>(?i:(?:{article}|{word})(?:{word_sep}{word})*))
        )
        (?:(?:\s?|-)(?P<scale>(?i:{scale_alt}))(?![A-Za-z\d]))?
    """
    name_alt = _alternation(names)
    not_after = _alternation(rules["not_after_name"])
    max_words = max(len(re.split(r"[\s-]+", n)) for n in names)
    name_word = r"[^\W\d_][\w.'’ʻ]*"
    suffix_code = r"\s*\(\s*(?P<pcode>[A-Z]{3})\s*\)|\s?(?P<code>[A-Z]{3})(?![A-Za-z])"
    suffix_words = rf"[\s-]?(?:(?i:of)\s+)?(?P<words>{name_word}(?:[\s-]{name_word}){{0,{max_words - 1}}})"
    suffix_symbol = rf"\s?(?P<sym>{symbol_alt})(?!\s?\d)"
    adjective = rf"\s(?P<adj>(?i:{_alternation(adjective_table)}))(?=\s*[^\w\s]|\s*$)"
    starters = _alternation(
        [
            *rules["number_words"],
            *rules["article_one"],
            *rules["vague_numbers"],
            *rules["vague_scales"],
            *rules["vague_multipliers"],
        ]
    )
    approx_alt = _alternation(rules["approximators"])
    left_approx = (
        rf"(?i:(?P<approx>(?<![\w.])(?:{approx_alt})\s+|~\s*)|(?<![\w.])(?P<opener>between|from)\s+)\Z"
    )
    right_approx = rf"(?i:\s*(?:{_alternation(rules['trailing_approximators'])}))(?=\s*[^\w\s]|\s*$)"
    units = _alternation(rules["per_unit_words"])
    not_unit = _alternation(rules["not_per_unit_after"])
    per_unit = (
        rf"(?i:\s*(?:per|/)\s*(?!cent\b|cents\b)(?P<unit1>[A-Za-z][\w-]*)"
        rf"|[\s-]+(?:a|an)[\s-]+(?P<unit2>{units})(?![A-Za-z])(?!\s+(?:{not_unit})\b)"
        rf"|\s+to\s+(?:the|one|a|an)\s+(?P<unit3>{name_alt})(?![A-Za-z]))"
    )
    weight = rf"(?i:(?<![A-Za-z])(?:{_alternation(rules['weight_cues'])})(?![A-Za-z]))"
    return _Lexicon(
        symbols=symbols,
        codes=codes,
        names=names,
        adjectives=adjective_table,
        usage=usage,
        core=re.compile(core, re.X),
        suffix_code=re.compile(suffix_code),
        suffix_words=re.compile(suffix_words),
        suffix_symbol=re.compile(suffix_symbol),
        name_word=re.compile(name_word),
        not_after=re.compile(rf"(?i:[\s-]*(?:{not_after})\b)"),
        adjective=re.compile(adjective),
        left_approx=re.compile(left_approx),
        right_approx=re.compile(right_approx),
        per_unit=re.compile(per_unit),
        weight=re.compile(weight),
        change=re.compile(
            rf"(?i:(?<![\w-])(?:{_alternation(rules['change_words'])})(?:\s+[\w-]+){{0,2}}\s+)\Z"
        ),
        digit_start=re.compile(r"(?<![\d,.])\d|(?<![\d,.])\.\d"),
        word_start=re.compile(rf"\b(?:{starters})\b"),
        word_start_i=re.compile(rf"\b(?:{starters})\b", re.I),
        prefixes=frozenset(symbols) | frozenset(codes),
        attached=frozenset(rules["attached_prefixes"]),
        longest_prefix=max(len(p) for p in (*symbols, *codes)),
        year_cue=re.compile(rf"(?i:(?<![\w-])(?:{_alternation(rules['year_cues'])})\s+)\Z"),
    )


@functools.cache
def _country_names() -> dict[str, str]:
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


@functools.cache
def _currencies_of(territory: str, year: int | None) -> tuple[str, ...]:
    """Currencies tender in ``territory`` in ``year`` (today when None)."""
    if year is None:
        return tuple(get_territory_currencies(territory))
    return tuple(
        get_territory_currencies(territory, start_date=dt.date(year, 1, 1), end_date=dt.date(year, 12, 31))
    )


# --- context ----------------------------------------------------------------------------------


def _territories(doc: Doc) -> Counter[str]:
    """How often each country is mentioned (GPE and NORP names, demonyms, capitals)."""
    names = _country_names()
    counts: Counter[str] = Counter()
    # The tagger's names, never the entities section: money's answer must not depend on whether
    # the entities stage ran (``include=money`` alone equals a full request's money).
    mentions = [ent.text for ent in doc.ents if ent.label_ in _CONTEXT_LABELS]
    for text in mentions:
        key = re.sub(r"^the\s+|['’]s$", "", text.strip().lower())
        territory = names.get(key)
        if territory:
            counts[territory] += 1
    return counts


@dataclass(slots=True)
class _CurrencyContext:
    """The countries an article is about, read once and only when an ambiguous figure needs it."""

    doc: Doc
    result: Analysis
    _counts: Counter[str] | None = None
    _support: dict[str, int] = field(default_factory=dict)

    @property
    def counts(self) -> Counter[str]:
        if self._counts is None:
            self._counts = _territories(self.doc)
        return self._counts

    def support(self, currency: str) -> int:
        """Mentions of countries whose tender was ``currency`` when the article was written."""
        if currency not in self._support:
            year = self.result.published.year if self.result.published else None
            self._support[currency] = sum(
                n for t, n in self.counts.items() if currency in _currencies_of(t, year)
            )
        return self._support[currency]


def _choose(name: _Name, ctx: _CurrencyContext) -> tuple[str, list[str]]:
    """(currency, alternatives): the reading of a possibly ambiguous name in context.

    The candidate most supported by the article's countries wins; a conventional default ("$" is
    USD) yields only to a country mentioned at least ``min_support`` times and more often than the
    default's. Without support the default stands; the alternatives are the other supported
    candidates, or (for a default that is not a convention) the other currencies in use today.
    """
    cands = name.currencies
    if len(cands) == 1:
        return cands[0], []
    rules = _rules()
    spec = rules["defaults"].get(name.key) or rules["defaults"].get(name.key.split()[-1]) or {}
    default: str = spec["currency"] if spec.get("currency") in cands else cands[0]
    conventional = bool(spec.get("conventional"))
    scores = {c: ctx.support(c) for c in cands}
    supported = sorted((c for c in cands if scores[c] > 0), key=lambda c: (-scores[c], c != default))
    if supported:
        best = supported[0]
        if best != default and scores[best] == scores[default]:
            best = default
        if conventional and best != default:
            if scores[best] < int(rules["min_support"]) or scores[best] <= scores[default]:
                best = default
        return best, [c for c in supported if c != best]
    if conventional:
        return default, []
    usage = _lexicon().usage
    others = [c for c in cands if c != default and usage.get(c, 0) > 0][:4]
    return default, others


# --- numbers ----------------------------------------------------------------------------------


def _words_value(text: str) -> Decimal | None:
    """The value of English number words ("two", "twenty-five", "one hundred and fifty", "half a")."""
    rules = _rules()
    words = rules["number_words"]
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
        elif token in rules["article_one"]:
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


def _clean(value: Decimal) -> Decimal:
    """``value`` without exponent or trailing zeros (1.7E+9 -> 1700000000, 3.50 -> 3.5)."""
    value = value.normalize()
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value


# --- scanning ---------------------------------------------------------------------------------


@dataclass(slots=True)
class _Figure:
    """One number found in the text, with whatever currency and scale came with it."""

    start: int
    end: int
    value: Decimal | None  # before the scale; None for vague amounts ("billions of")
    scale: Decimal | None
    name: _Name | None  # the currency word/symbol/code
    vague: bool = False
    approximate: bool = False
    per_unit: str | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    currency: str | None = None
    alternatives: list[str] = field(default_factory=list)


def _merge_names(pre: _Name | None, post: _Name | None) -> _Name | None:
    """The currency named before and after a number ("$249 USD", "£5 pounds"): the narrower one."""
    if pre is None or post is None:
        return pre or post
    both = tuple(c for c in pre.currencies if c in post.currencies)
    if both:
        return _Name(
            both,
            post.key if len(post.currencies) <= len(pre.currencies) else pre.key,
            len(both) == 1,
            post.factor,
        )
    return post if post.explicit else pre


def _starts(text: str) -> list[int]:
    """Where a number may start: a digit, or a number word ("two", "a", "billions"). Cheap
    searches (a character class; lowercase words on a lowercased copy) so that the full
    pattern is only tried where it can match."""
    lex = _lexicon()
    starts = [m.start() for m in lex.digit_start.finditer(text)]
    low = text.lower()
    if len(low) == len(text):
        starts += [m.start() for m in lex.word_start.finditer(low)]
    else:  # a few characters change length when lowercased ("İ"): search case-insensitively
        starts += [m.start() for m in lex.word_start_i.finditer(text)]
    return sorted(starts)


def _prefix_before(text: str, start: int) -> int | None:
    """Where a currency symbol or ISO code written just before the number at ``start`` begins
    ("US$", "USD ", "€"), by looking up the few strings that end there; None if there is none."""
    lex = _lexicon()
    for gap in (0, 1):
        end = start - gap
        if gap and (end < 1 or not text[end].isspace()):
            break
        for length in range(min(lex.longest_prefix, end), 0, -1):
            candidate = text[end - length : end]
            if candidate in lex.prefixes and (gap == 0 or candidate not in lex.attached):
                before = text[end - length - 1] if end - length > 0 else " "
                if not (before.isalnum() or before in "_$"):
                    return end - length
    return None


def _suffix(text: str, pos: int) -> tuple[_Name | None, int]:
    """The currency named right after a number at ``pos``, and where its name ends: an ISO code
    ("$249 USD", "$99 (USD)"), a name ("kroner", "Swiss francs", "of dollars") or a symbol ("100 €")."""
    lex = _lexicon()
    m = lex.suffix_code.match(text, pos)
    if m and (m.group("pcode") or m.group("code")) in lex.codes:
        return lex.codes[m.group("pcode") or m.group("code")], m.end()
    m = lex.suffix_words.match(text, pos)
    if m:
        words = list(lex.name_word.finditer(text, m.start("words"), m.end("words")))
        for k in range(len(words), 0, -1):  # the longest name first: "Swiss francs" before "francs"
            first, last = words[0].start(), words[k - 1].end()
            phrase = re.sub(r"\s+", " ", text[first:last].lower())
            if phrase not in lex.names and phrase.endswith("."):
                phrase, last = phrase[:-1], last - 1
            name = lex.names.get(phrase)
            if name is not None and not lex.not_after.match(text, last):
                return name, last
    m = lex.suffix_symbol.match(text, pos)
    if m:
        return lex.symbols.get(m.group("sym")), m.end()
    return None, pos


def _scan(text: str) -> list[_Figure]:
    """Every number in ``text`` with its currency, scale and unit, in order; linear in the text."""
    lex = _lexicon()
    rules = _rules()
    scales = {k.lower(): Decimal(str(v)) for k, v in rules["scales"].items()}
    figures: list[_Figure] = []
    pos = 0
    for start in _starts(text):
        if start < pos:
            continue
        before = _prefix_before(text, start)
        m = lex.core.match(text, start if before is None else before)
        if (
            m is not None
            and m.group("pre")
            and m.group("pre") not in lex.codes
            and m.group("pre") not in lex.symbols
        ):
            m = lex.core.match(text, start)  # three capitals that are no ISO code ("THE 5")
        if m is None or (before is None and m.group("pre")):
            continue
        pos = m.end()
        pre = m.group("pre")
        pre_name = None
        if pre:
            pre_name = lex.codes.get(pre) or lex.symbols.get(pre)
        scale_word = m.group("scale")
        scale = scales.get(scale_word.lower()) if scale_word else None
        vague = False
        if m.group("num"):
            if len(m.group("num")) > 40:
                continue
            try:
                value: Decimal | None = Decimal(m.group("num").replace(",", ""))
            except InvalidOperation:
                continue
            if scale_word and len(scale_word) == 1 and not pre and m.start("scale") > m.end("num"):
                scale = None  # "5 m" is metres more often than millions
        elif m.group("wnum"):
            value = _words_value(m.group("wnum"))
            wtext = m.group("wnum").lower().strip()
            if value is None or (wtext in rules["article_one"] and scale is None):
                continue
            if scale_word and len(scale_word) <= 2:
                continue  # "two m": not a money abbreviation
        elif m.group("vnum"):
            value, vague = None, True
        else:
            value, vague = None, True
        end = m.end() if scale is not None or not scale_word else m.end("num")
        post_name, suffix_end = _suffix(text, end)
        if post_name is not None:
            end = suffix_end
        elif pre_name is not None and not pre_name.explicit:
            a = lex.adjective.match(text, end)
            if a:
                cands = tuple(c for c in lex.adjectives[a.group("adj").lower()] if c in pre_name.currencies)
                if cands:
                    post_name = _Name(cands, cands[0], True)
                    end = a.end()
        if vague and post_name is None and pre_name is None:
            continue
        name = _merge_names(pre_name, post_name)
        fig = _Figure(m.start(), end, value, scale, name, vague=vague, approximate=vague)
        if name is not None:
            r = lex.right_approx.match(text, end)
            if r:
                fig.approximate, fig.end = True, r.end()
            u = lex.per_unit.match(text, fig.end)
            if u:
                fig.per_unit = (u.group("unit1") or u.group("unit2") or u.group("unit3")).lower()
        pos = max(pos, fig.end)
        figures.append(fig)
    return figures


def _ranges(text: str, figures: list[_Figure]) -> list[_Figure]:
    """Join "between $5 and $10 million", "$5-10m", "5 to 10 million euros" into one figure."""
    lex = _lexicon()
    out: list[_Figure] = []
    i = 0
    while i < len(figures):
        a = figures[i]
        b = figures[i + 1] if i + 1 < len(figures) else None
        if b is not None and a.value is not None and b.value is not None and (a.name or b.name):
            gap = text[a.end : b.start].strip().lower()
            left = lex.left_approx.search(text, max(0, a.start - 40), a.start)
            opener = (left.group("opener") or "").lower() if left else ""
            compatible = (
                a.name is None or b.name is None or bool(set(a.name.currencies) & set(b.name.currencies))
            )
            if gap == "to" and opener != "from":
                opener = "change" if lex.change.search(text, max(0, a.start - 40), a.start) else opener
            joins = (
                gap in ("-", "–", "—", "to")
                and opener not in ("from", "change")
                or (gap == "and" and opener == "between")
            )
            # A bare second number needs a scale or a dash: "$5-10", "$5 to 10 million", not "$5 to 10 times".
            bare_ok = b.name is not None or b.scale is not None or gap != "to"
            if joins and compatible and bare_ok and (a.name is None or a.per_unit is None):
                low, high = a.value, b.value
                a_scale = a.scale
                if a_scale is None and b.scale is not None and low <= high:
                    a_scale = b.scale
                low = low * (a_scale or 1)
                high = high * (b.scale or 1)
                name = _merge_names(a.name, b.name) if a.name and b.name else (a.name or b.name)
                if low < high:
                    out.append(
                        _Figure(
                            a.start,
                            b.end,
                            None,
                            None,
                            name,
                            approximate=a.approximate or b.approximate,
                            per_unit=b.per_unit or a.per_unit,
                            min=low,
                            max=high,
                        )
                    )
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


def _read(text: str, fig: _Figure, ctx: _CurrencyContext) -> bool:
    """Settle the currency, amount, span and approximation of one figure; False if it is not money."""
    lex = _lexicon()
    rules = _rules()
    name = fig.name
    if name is None:
        return False
    head = name.key.split()[-1] if name.key else ""
    if not name.explicit:
        if head in ("pound", "pounds") and not _is_sterling(text, fig, ctx):
            return False
        if head in rules["context_heads"] and fig.scale is None and not fig.vague and fig.min is None:
            if not any(ctx.support(c) for c in name.currencies):
                return False
    # "in 2008 dollars" is a year, not an amount.
    if fig.value is not None and fig.scale is None and not fig.vague and not name.explicit:
        number = text[fig.start : fig.end].split()[0]
        cue = lex.year_cue.search(text, max(0, fig.start - 24), fig.start)
        if cue and re.fullmatch(r"(?:18|19|20)\d\d", number):
            return False
    fig.currency, fig.alternatives = _choose(name, ctx)
    factor = name.factor
    with decimal.localcontext() as exact:
        exact.prec = 80  # 40-digit figures times a trillion stay exact; longer ones are not read
        if fig.value is not None:
            fig.value = _clean(fig.value * (fig.scale or 1) * factor)
        if fig.min is not None and fig.max is not None:
            fig.min, fig.max = _clean(fig.min * factor), _clean(fig.max * factor)
    if any(v is not None and v != 0 and not -6 <= v.adjusted() <= 40 for v in (fig.value, fig.min, fig.max)):
        return False  # digit soup, not a figure; its decimal string would need an exponent
    left = lex.left_approx.search(text, max(0, fig.start - 40), fig.start)
    if left and left.group("approx"):
        fig.approximate = True
        fig.start = left.start("approx")
    elif left and fig.min is not None and (left.group("opener") or "").lower() == "between":
        fig.start = left.start("opener")
    return True


def _is_sterling(text: str, fig: _Figure, ctx: _CurrencyContext) -> bool:
    """A bare "pounds" is sterling unless the words around it speak of weight."""
    lex = _lexicon()
    window = text[max(0, fig.start - 60) : min(len(text), fig.end + 30)]
    if lex.weight.search(window):
        return ctx.support("GBP") > 0 and re.search(r"(?i)\bweigh", window) is None and fig.scale is not None
    return fig.scale is not None or fig.vague or ctx.support("GBP") > 0


def _conversions(text: str, money: list[Money]) -> None:
    """Mark a figure in brackets (or after ", or") right after another currency as its conversion."""
    gaps = set(_rules()["conversion_gaps"])
    for a, b in zip(money, money[1:], strict=False):
        gap = re.sub(r"\s+", " ", text[a.end : b.start]).strip().lower()
        if gap in gaps and a.currency and b.currency and a.currency != b.currency:
            b.conversion_of = a.id


def extract_money(doc: Doc, result: Analysis) -> list[Money]:
    """Money in ``doc``: every figure with its exact amount (or min/max), ISO currency, in text order."""
    text = result.text  # the same as doc.text, which spaCy rebuilds from the tokens at every call
    ctx = _CurrencyContext(doc, result)
    money: list[Money] = []
    for fig in _ranges(text, _scan(text)):
        if not _read(text, fig, ctx):
            continue
        money.append(
            Money(
                id=f"M{len(money) + 1}",
                text=text[fig.start : fig.end],
                start=fig.start,
                end=fig.end,
                amount=fig.value if fig.min is None else None,
                currency=fig.currency,
                approximate=fig.approximate,
                min=fig.min,
                max=fig.max,
                per_unit=fig.per_unit,
                alternatives=fig.alternatives,
            )
        )
    _conversions(text, money)
    return money
