"""Finding figures: where numbers start (cheap searches), the anchored pattern that reads each one,
and the currency symbol, code or name written before or after it (dictionary look-ups); linear in
the text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .lexicon import Lexicon, Name, lexicon, rules, scales, vulgar_fractions
from .numbers import COMMA, POINT, readings, words_value

_MODEL_NUMBER = re.compile(r"[-–]?[^\W_]")
_PAIR = re.compile(r"[A-Z]{3}/\Z")
_CLOCK = re.compile(r"\d:\d\d\Z")
_HYPHEN_WORD = re.compile(r"-[^\W\d_]")


@dataclass(slots=True)
class Figure:
    """One number found in the text, with whatever currency and scale came with it."""

    start: int
    end: int
    value: Decimal | None  # before the scale; None for vague amounts ("billions of")
    scale: Decimal | None
    name: Name | None  # the currency word/symbol/code
    vague: bool = False
    approximate: bool = False
    per_unit: str | None = None
    min: Decimal | None = None
    max: Decimal | None = None
    currency: str | None = None
    alternatives: list[str] = field(default_factory=list)
    written: str | None = None  # the digits as written ("1.234,56"); None for number words
    ends: tuple[Figure, Figure] | None = None  # a range's two ends
    unit_end: int = 0  # where the per-unit words after it end ("a share")
    negative: bool = False  # "-$5m", "$-5m", "minus $40"


def merge_names(pre: Name | None, post: Name | None) -> Name | None:
    """The currency named before and after a number ("$249 USD", "£5 pounds"): the narrower one,
    or the one after it when they share none ("$1.5 billion pesos": Latin American papers write
    their peso's sign "$")."""
    if pre is None or post is None:
        return pre or post
    both = tuple(c for c in pre.currencies if c in post.currencies)
    if both:
        return Name(
            both,
            post.key if len(post.currencies) <= len(pre.currencies) else pre.key,
            len(both) == 1,
            post.factor,
        )
    return post  # the name spelled out after the figure has the last word ("$5 billion pesos")


def _starts(text: str) -> list[int]:
    """Where a number may start: a digit, or a number word ("two", "a", "billions"). Cheap
    searches (a character class; lowercase words on a lowercased copy) so that the full
    pattern is only tried where it can match."""
    lex = lexicon()
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
    lex = lexicon()
    signed = start > 0 and text[start - 1] in lex.minus_signs  # "$-5m", "€ -1.234,56"
    for gap in (0, 1):
        end = start - signed - gap
        if gap and (end < 1 or not text[end].isspace()):
            break
        for length in range(min(lex.longest_prefix, end), 0, -1):
            candidate = text[end - length : end]
            if candidate in lex.prefixes and (gap + signed == 0 or candidate not in lex.attached):
                before = text[end - length - 1] if end - length > 0 else " "
                if not (before.isalnum() or before in "_$&"):  # not "S&P500"
                    return end - length
    return None


def _suffix(text: str, pos: int) -> tuple[Name | None, int]:
    """The currency named right after a number at ``pos``, and where its name ends: an ISO code
    ("$249 USD", "$99 (USD)"), a name ("kroner", "Swiss francs", "of dollars") or a symbol ("100 €")."""
    lex = lexicon()
    m = lex.subunit_sign.match(text, pos)
    if m and pos > 0 and text[pos - 1].isdigit() and not _resolution(text, pos, m.group("sign")):
        if _CLOCK.search(text, max(0, pos - 6), pos):
            return None, pos  # "6:00p"
        return lex.subunit_signs[m.group("sign")], m.end()
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


def _unit_after(m: re.Match[str]) -> bool:
    """ "a dollar": the article is one before a unit name from the table."""
    after = re.match(r"[\s-]+([^\W\d_]+)(\s+of\b)?", m.string[m.end() : m.end() + 24])
    # "a dollar of wages": a unit of measure, not an amount
    return after is not None and after.group(1).lower() in rules()["article_units"] and not after.group(2)


def _resolution(text: str, pos: int, sign: str) -> bool:
    """ "1080p" is a video resolution, not pence."""
    number = re.search(r"\d+\Z", text[max(0, pos - 8) : pos])
    return sign == "p" and number is not None and number.group() in rules()["not_pence"]


def _match_at(lex: Lexicon, text: str, start: int) -> re.Match[str] | None:
    """The figure pattern matched at a number start, from the currency prefix before it if any."""
    before = _prefix_before(text, start)
    if before is None:
        return lex.core_bare.match(text, start)
    m = lex.core.match(text, before)
    if m is not None and m.group("pre") not in lex.codes and m.group("pre") not in lex.symbols:
        m = lex.core_bare.match(text, start)  # three capitals that are no ISO code ("THE 5")
    return m


def _number(m: re.Match[str]) -> tuple[Decimal | None, Decimal | None, bool] | None:
    """(value, scale, vague) of a matched figure, or None when it is no number."""
    table = rules()
    scale_word = m.group("scale")
    scale = scales().get(scale_word.lower()) if scale_word else None
    if m.group("num"):
        if len(m.group("num")) > 40:
            return None
        found = readings(m.group("num"))
        if not found:
            return None  # "12.05.2020", "1,2345": no number format writes these
        value = found.get(POINT, found.get(COMMA))
        if m.group("frac") and value is not None:
            if set(m.group("num")) & set(".,"):
                return None  # "1.5½": no such number
            value += vulgar_fractions()[m.group("frac")]
        if scale_word and len(scale_word) == 1 and m.start("scale") > m.end("num"):
            if not m.group("pre") or _HYPHEN_WORD.match(m.string, m.end("scale")):
                scale = None  # "5 m" is metres more often than millions; "$5 T-shirts"
        return value, scale, False
    if m.group("wnum"):
        words = words_value(m.group("wnum"))
        wtext = m.group("wnum").lower().strip()
        if words is None or (wtext in table["article_one"] and scale is None and not _unit_after(m)):
            return None
        if wtext in table["article_one"] and lexicon().partitive.search(
            m.string, max(0, m.start() - 30), m.start()
        ):
            return None  # "a fraction of a million dollars"
        if scale_word and len(scale_word) <= 2:
            return None  # "two m": not a money abbreviation
        if scale_word and set(re.split(r"[\s-]+", wtext)) & set(table["word_scales"]):
            # "one million two hundred | thousand": the last scale is the last group's
            return words_value(f"{wtext} {scale_word}"), Decimal(1), False  # scale folded in
        return words, scale, False
    return None, scale, True


def _amount_shaped(m: re.Match[str], scale: Decimal | None) -> bool:
    """Whether a figure after a context symbol looks like an amount: a scale word, group or
    decimal marks, or a number of at least ``context_symbol_min``."""
    num = m.group("num") or ""
    if scale is not None or not num.isdigit():
        return True
    return int(num) >= int(rules()["context_symbol_min"])


def _adjective_after(lex: Lexicon, text: str, end: int, pre: Name) -> tuple[Name | None, int]:
    """ "$5 Canadian": a currency adjective after a figure narrows an ambiguous prefix."""
    a = lex.adjective.match(text, end)
    if a:
        cands = tuple(c for c in lex.adjectives[a.group("adj").lower()] if c in pre.currencies)
        if cands:
            return Name(cands, cands[0], True), a.end()
    return None, end


def _figure(lex: Lexicon, text: str, m: re.Match[str]) -> Figure | None:
    """The figure a pattern match reads, with its currency, approximation and unit; None if the
    match is no number or a vague amount with no currency."""
    read = _number(m)
    if read is None:
        return None
    value, scale, vague = read
    pre = m.group("pre")
    pre_name = (lex.codes.get(pre) or lex.symbols.get(pre)) if pre else None
    end = m.end() if scale is not None or not m.group("scale") else m.end("num")
    post_name, suffix_end = _suffix(text, end)
    if post_name is pre_name is None and len(m.group("scale") or "") == 3 and text.startswith(".", end):
        post_name, suffix_end = _suffix(text, end + 1)  # "1,5 Mrd. Euro": the abbreviation's dot
    if post_name is not None:
        end = suffix_end
    elif pre_name is not None and not pre_name.explicit:
        post_name, end = _adjective_after(lex, text, end, pre_name)
    if vague and post_name is None and pre_name is None:
        return None
    if pre in lex.attached and post_name is None and _MODEL_NUMBER.match(text, end):
        return None  # "R2-D2", "R5a": a name with a number, not "R5" rand
    if pre in lex.codes and _PAIR.search(text, max(0, m.start() - 4), m.start()):
        return None  # "EUR/USD 1.0850": an exchange rate quote, not an amount
    if (
        post_name is None
        and pre_name is None
        and scale is not None
        and lex.ellipsis_follower.match(text, end)
    ):
        post_name = lex.money_scales.get(m.group("scale").lower())  # "100 grand", not "100 grand pianos"
    if pre in rules()["context_symbols"] and not _amount_shaped(m, scale):
        return None  # "K9", "N2", "LE 2": a name with a number
    name = merge_names(pre_name, post_name)
    written = None if m.group("frac") else m.group("num")  # "1½": no convention to decide
    fig = Figure(m.start(), end, value, scale, name, vague=vague, approximate=vague, written=written)
    if name is not None and value:
        minus = lex.minus_before.search(text, max(0, m.start() - 12), m.start())
        fig.negative = bool(m.group("sign") or minus)
        fig.start = minus.start() if minus and not m.group("sign") else fig.start
    if name is not None:
        r = lex.right_approx.match(text, end)
        if r:
            fig.approximate, fig.end = True, r.end()
        u = lex.per_unit.match(text, fig.end)
        if u:
            fig.per_unit = (u.group("unit1") or u.group("unit2") or u.group("unit3")).lower()
            fig.unit_end = u.end()
    return fig


def scan(text: str) -> list[Figure]:
    """Every number in ``text`` with its currency, scale and unit, in order; linear in the text."""
    lex = lexicon()
    figures: list[Figure] = []
    pos = 0
    for start in _starts(text):
        if start < pos:
            continue
        m = _match_at(lex, text, start)
        if m is None:
            continue
        pos = m.end()
        fig = _figure(lex, text, m)
        if fig is None:
            continue
        pos = max(pos, fig.end, fig.unit_end)  # "$2.22 a pound": the unit is no second figure
        figures.append(fig)
    return figures
