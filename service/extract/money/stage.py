"""Monetary figures: every amount of money in the text, read exactly, with its ISO 4217 currency.

Input: the parsed ``Doc`` (its text and the tagger's ``doc.ents``, for the countries the article is
about: only spaCy's ``ner`` is needed) and the ``Analysis`` being built (``published``).
Output: a list of :class:`Money` in text order, with ids ``M1``, ``M2``...

Steps: :mod:`.scan` finds the figures (linear in the text: cheap searches find where numbers start,
an anchored pattern reads each one, and symbols, codes and names around it are dictionary look-ups
in :mod:`.lexicon`), :mod:`.numbers` reads their numbers, :mod:`.ranges` joins range ends,
:mod:`.currency` settles an ambiguous currency from the article's countries, and this module reads
each figure's amount and marks conversions.

Forms read:

* symbol forms: ``$4.5bn``, ``€228 million``, ``US$ 12 million``, ``£3.2m``, ``A$``, ``HK$``,
  ``R$``, ``CHF 10``, ``100 €``; ISO-code forms: ``USD 200``, ``USD34.6 million``, ``$249 USD``,
  ``$99 (USD)``; name forms: ``1,000 euros``, ``1.7 billion kroner``, ``two million dollars``,
  ``50 cents``, ``billions of dollars`` (no exact amount: approximate);
* scale words and abbreviations (thousand, million, bn, m, k, lakh, crore; typos such as
  "millin"), approximators before or after ("about", "more than", "or so"), per-unit prices
  ("$3.50 a share"), ranges ("between $5 and $10 million", "$5-10m") as ``min``/``max``;
* compact and agency forms ("$2.5T", "$2.5MM", "₹15Cr", "15.5 mln dlrs", "2.5 mln stg"), numbers
  in words with inner scales ("one million two hundred thousand dollars"), spoken subunits ("a
  buck fifty"), vulgar fractions ("$1½ million"), round-price dashes ("CHF 5.-"), negative amounts
  ("-$5m", "$-5m", "minus $40"), and local letters read only in their country's stories ("N500",
  "Sh1,000"); docs/money.md lists every form with a tested sentence;
* a figure in brackets right after another in a different currency ("1.7 billion kroner
  (€228 million)") is marked as its conversion (``conversion_of``).

An ambiguous symbol or word ("$", "kroner", "pounds", "¥") is read by the countries the article
mentions; the other currencies the context allowed are returned as ``alternatives``.
"""

from __future__ import annotations

import decimal
import re
from dataclasses import dataclass
from decimal import Decimal

from spacy.tokens import Doc

from ..model import AmountReading, Analysis, Money
from .convention import Reading, article_convention, decide
from .currency import CurrencyContext, choose
from .lexicon import Name, lexicon, rules
from .numbers import clean
from .ranges import bounds, ranges, subunits
from .scan import Figure, scan

_AFTER_A_WORD = re.compile(r"[^\W\d_]\s+\Z")
_LAST_WORD = re.compile(r"[^\W\d_]+\Z")
_NUMBER_LABELS = ("MONEY", "CARDINAL", "QUANTITY", "PERCENT", "ORDINAL")

Values = tuple[Decimal | None, Decimal | None, Decimal | None]  # amount, min, max (before the factor)


@dataclass(slots=True)
class _Amounts:
    """A figure's amount (or min and max) as picked, and the other reading if its format allowed one."""

    values: Values
    confidence: float = 1.0
    other: Values | None = None
    other_convention: str | None = None


def _not_money(text: str, fig: Figure, name: Name, ctx: CurrencyContext) -> bool:
    """A figure whose currency word is ambiguous and means something else here ("5 pounds of
    flour", "won 3 games", "in 2008 dollars")."""
    head = name.key.split()[-1] if name.key else ""
    if _code_in_a_name(text, fig, name, ctx):
        return True
    if name.key in rules()["context_symbols"] and not any(ctx.support(c) for c in name.currencies):
        return True  # "N500", "Sh1,000": only in a story about a country of that currency
    if not name.explicit:
        if head in ("pound", "pounds") and not _is_sterling(text, fig, ctx):
            return True
        if head in rules()["context_heads"] and fig.scale is None and not fig.vague and fig.min is None:
            if not any(ctx.support(c) for c in name.currencies):
                return True
    # "in 2008 dollars" is a year, not an amount.
    if fig.value is not None and fig.scale is None and not fig.vague and not name.explicit:
        number = text[fig.start : fig.end].split()[0]
        cue = lexicon().year_cue.search(text, max(0, fig.start - 24), fig.start)
        if cue and re.fullmatch(r"(?:18|19|20)\d\d", number):
            return True
    return False


def _code_in_a_name(text: str, fig: Figure, name: Name, ctx: CurrencyContext) -> bool:
    """An ISO code and a bare whole number under 100 inside a name the tagger found ("COP27",
    "COP 28" summits), in an article that mentions no country of that currency: the letters are
    the name's, not a currency's."""
    if name.key not in lexicon().codes or not text.startswith(name.key, fig.start):
        return False
    if fig.scale is not None or not fig.written or not fig.written.isdigit() or len(fig.written) > 2:
        return False  # "GBP 27 million", "USD 3.50", "JPY 4000": the shape of an amount
    if any(ctx.support(c) for c in name.currencies):
        return False  # "COP 28" in a story about Colombia may be pesos
    return any(
        e.start_char <= fig.start and fig.end <= e.end_char and e.label_ not in _NUMBER_LABELS
        for e in ctx.doc.ents
    )


def _continues(text: str, fig: Figure, last: Figure | None) -> Name | None:
    """The currency of a bare scaled number that continues the money figure before it in the same
    sentence ("US$5 billion in aid on top of the four billion it has already received")."""
    lex = lexicon()
    if last is None or last.currency is None or fig.value is None or fig.name is not None:
        return None
    scale = _LAST_WORD.search(text, fig.start, fig.end)
    if fig.scale is None or scale is None or scale.group().lower() not in rules()["ellipsis_scales"]:
        return None
    if any(c in text[last.end : fig.start] for c in ".!?;\n"):
        return None
    if not lex.ellipsis_follower.match(text, fig.end) or not _AFTER_A_WORD.search(
        text, max(0, fig.start - 40), fig.start
    ):
        return None  # "4 billion people"; "#400 million" (a sign we do not know stands before it)
    return Name((last.currency,), last.currency, True)


def _decided(fig: Figure, article: str | None, currency: str) -> Reading | None:
    """The reading of one figure's digits in its convention (None for number words)."""
    if fig.written is None or fig.value is None:
        return None
    return decide(fig.written, fig.scale is not None, article, (currency,))


def _amounts(fig: Figure, article: str | None) -> _Amounts:
    """The figure's values in the decimal convention decided for its number(s), and the other reading."""
    assert fig.currency is not None
    if fig.ends is None:
        r = _decided(fig, article, fig.currency)
        if r is None or r.other is None:
            return _Amounts((r.value if r else fig.value, None, None))
        return _Amounts((r.value, None, None), r.confidence, (r.other, None, None), r.other_convention)
    a, b = fig.ends
    ra, rb = _decided(a, article, fig.currency), _decided(b, article, fig.currency)
    low = ra.value if ra else a.value
    high = rb.value if rb else b.value
    assert low is not None and high is not None
    picked = _Amounts((None, *bounds(low, a.scale, high, b.scale)))
    ambiguous = [r for r in (ra, rb) if r is not None and r.other is not None]
    if ambiguous:
        other_low = ra.other if ra and ra.other is not None else low
        other_high = rb.other if rb and rb.other is not None else high
        other = bounds(other_low, a.scale, other_high, b.scale)
        if other[0] < other[1]:
            picked.confidence = min(r.confidence for r in ambiguous)
            picked.other, picked.other_convention = (None, *other), ambiguous[0].other_convention
    return picked


def _scaled(values: Values, fig: Figure, factor: Decimal) -> Values:
    """Amount, min and max times the scale word (amount only: a range's bounds carry theirs) and the
    subunit factor, without exponent."""
    amount, low, high = values
    with decimal.localcontext() as exact:
        exact.prec = 80  # 40-digit figures times a trillion stay exact; longer ones are not read
        return (
            None if amount is None else clean(amount * (fig.scale or 1) * factor),
            None if low is None else clean(low * factor),
            None if high is None else clean(high * factor),
        )


def _read(text: str, fig: Figure, ctx: CurrencyContext, article: str | None) -> _Amounts | None:
    """Settle the currency, amount, span and approximation of one figure; None if it is not money."""
    name = fig.name
    if name is None or _not_money(text, fig, name, ctx):
        return None
    fig.currency, fig.alternatives = choose(name, ctx)
    amounts = _amounts(fig, article)
    factor = -name.factor if fig.negative else name.factor
    amounts.values = _scaled(amounts.values, fig, factor)
    if amounts.other is not None:
        amounts.other = _scaled(amounts.other, fig, factor)
    fig.value, fig.min, fig.max = amounts.values
    if any(v is not None and v != 0 and not -6 <= v.adjusted() <= 40 for v in amounts.values):
        return None  # digit soup, not a figure; its decimal string would need an exponent
    left = lexicon().left_approx.search(text, max(0, fig.start - 40), fig.start)
    if left and left.group("approx"):
        fig.approximate = True
        fig.start = left.start("approx")
    elif left and fig.min is not None and (left.group("opener") or "").lower() in ("between", "from"):
        fig.start = left.start("opener")
    return amounts


def _is_sterling(text: str, fig: Figure, ctx: CurrencyContext) -> bool:
    """A bare "pounds" is sterling unless the words around it speak of weight."""
    lex = lexicon()
    window = text[max(0, fig.start - 60) : min(len(text), fig.end + 30)]
    if lex.weight.search(window):
        return ctx.support("GBP") > 0 and re.search(r"(?i)\bweigh", window) is None and fig.scale is not None
    return True


def _alternatives(amounts: _Amounts) -> list[AmountReading]:
    if amounts.other is None or amounts.other_convention is None:
        return []
    amount, low, high = amounts.other
    return [AmountReading(amount, low, high, round(1 - amounts.confidence, 2), amounts.other_convention)]


def _conversions(text: str, money: list[Money]) -> None:
    """Mark a figure in brackets (or after ", or") right after another currency as its conversion."""
    gaps = set(rules()["conversion_gaps"])
    for a, b in zip(money, money[1:], strict=False):
        gap = re.sub(r"\s+", " ", text[a.end : b.start]).strip().lower()
        if gap in gaps and a.currency and b.currency and a.currency != b.currency:
            b.conversion_of = a.id


def extract_money(doc: Doc, result: Analysis) -> list[Money]:
    """Money in ``doc``: every figure with its exact amount (or min/max), ISO currency, in text order."""
    text = result.text  # the same as doc.text, which spaCy rebuilds from the tokens at every call
    ctx = CurrencyContext(doc, result)
    money: list[Money] = []
    found = scan(text)
    article = article_convention(f.written for f in found if f.written)
    last: Figure | None = None
    for fig in subunits(text, ranges(text, found)):
        fig.name = fig.name or _continues(text, fig, last)
        amounts = _read(text, fig, ctx, article)
        if amounts is None:
            continue
        last = fig
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
                amount_confidence=amounts.confidence,
                amount_alternatives=_alternatives(amounts),
            )
        )
    _conversions(text, money)
    return money
