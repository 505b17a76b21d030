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
* a figure in brackets right after another in a different currency ("1.7 billion kroner
  (€228 million)") is marked as its conversion (``conversion_of``).

An ambiguous symbol or word ("$", "kroner", "pounds", "¥") is read by the countries the article
mentions; the other currencies the context allowed are returned as ``alternatives``.
"""

from __future__ import annotations

import decimal
import re

from spacy.tokens import Doc

from ..model import Analysis, Money
from .currency import CurrencyContext, choose
from .lexicon import lexicon, rules
from .numbers import clean
from .ranges import ranges
from .scan import Figure, scan


def _read(text: str, fig: Figure, ctx: CurrencyContext) -> bool:
    """Settle the currency, amount, span and approximation of one figure; False if it is not money."""
    lex = lexicon()
    table = rules()
    name = fig.name
    if name is None:
        return False
    head = name.key.split()[-1] if name.key else ""
    if not name.explicit:
        if head in ("pound", "pounds") and not _is_sterling(text, fig, ctx):
            return False
        if head in table["context_heads"] and fig.scale is None and not fig.vague and fig.min is None:
            if not any(ctx.support(c) for c in name.currencies):
                return False
    # "in 2008 dollars" is a year, not an amount.
    if fig.value is not None and fig.scale is None and not fig.vague and not name.explicit:
        number = text[fig.start : fig.end].split()[0]
        cue = lex.year_cue.search(text, max(0, fig.start - 24), fig.start)
        if cue and re.fullmatch(r"(?:18|19|20)\d\d", number):
            return False
    fig.currency, fig.alternatives = choose(name, ctx)
    factor = name.factor
    with decimal.localcontext() as exact:
        exact.prec = 80  # 40-digit figures times a trillion stay exact; longer ones are not read
        if fig.value is not None:
            fig.value = clean(fig.value * (fig.scale or 1) * factor)
        if fig.min is not None and fig.max is not None:
            fig.min, fig.max = clean(fig.min * factor), clean(fig.max * factor)
    if any(v is not None and v != 0 and not -6 <= v.adjusted() <= 40 for v in (fig.value, fig.min, fig.max)):
        return False  # digit soup, not a figure; its decimal string would need an exponent
    left = lex.left_approx.search(text, max(0, fig.start - 40), fig.start)
    if left and left.group("approx"):
        fig.approximate = True
        fig.start = left.start("approx")
    elif left and fig.min is not None and (left.group("opener") or "").lower() == "between":
        fig.start = left.start("opener")
    return True


def _is_sterling(text: str, fig: Figure, ctx: CurrencyContext) -> bool:
    """A bare "pounds" is sterling unless the words around it speak of weight."""
    lex = lexicon()
    window = text[max(0, fig.start - 60) : min(len(text), fig.end + 30)]
    if lex.weight.search(window):
        return ctx.support("GBP") > 0 and re.search(r"(?i)\bweigh", window) is None and fig.scale is not None
    return fig.scale is not None or fig.vague or ctx.support("GBP") > 0


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
    for fig in ranges(text, scan(text)):
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
