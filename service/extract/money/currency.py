"""Choosing the currency of an ambiguous symbol or word ("$", "kroner", "pounds", "¥") from the
countries the article mentions (GPE and NORP entities), weighed against the convention of English
news ("$" is USD unless the story is, say, Canadian); the other currencies the context allowed are
returned as alternatives."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from babel.numbers import get_territory_currencies
from spacy.tokens import Doc

from ..model import Analysis
from .lexicon import Name, country_names, lexicon, rules

_CONTEXT_LABELS = ("GPE", "NORP")


@functools.cache
def currencies_of(territory: str, year: int | None) -> tuple[str, ...]:
    """Currencies tender in ``territory`` in ``year`` (today when None)."""
    if year is None:
        return tuple(get_territory_currencies(territory))
    return tuple(
        get_territory_currencies(territory, start_date=dt.date(year, 1, 1), end_date=dt.date(year, 12, 31))
    )


def _territories(doc: Doc) -> Counter[str]:
    """How often each country is mentioned (GPE and NORP names, demonyms, capitals)."""
    names = country_names()
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
class CurrencyContext:
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
                n for t, n in self.counts.items() if currency in currencies_of(t, year)
            )
        return self._support[currency]


def choose(name: Name, ctx: CurrencyContext) -> tuple[str, list[str]]:
    """(currency, alternatives): the reading of a possibly ambiguous name in context.

    The candidate most supported by the article's countries wins; a conventional default ("$" is
    USD) yields only to a country mentioned at least ``min_support`` times and more often than the
    default's. Without support the default stands; the alternatives are the other supported
    candidates, or (for a default that is not a convention) the other currencies in use today.
    """
    cands = name.currencies
    if len(cands) == 1:
        return cands[0], []
    table = rules()
    spec = table["defaults"].get(name.key) or table["defaults"].get(name.key.split()[-1]) or {}
    default: str = spec["currency"] if spec.get("currency") in cands else cands[0]
    conventional = bool(spec.get("conventional"))
    scores = {c: ctx.support(c) for c in cands}
    supported = sorted((c for c in cands if scores[c] > 0), key=lambda c: (-scores[c], c != default))
    if supported:
        best = supported[0]
        if best != default and scores[best] == scores[default]:
            best = default
        if conventional and best != default:
            if scores[best] < int(table["min_support"]) or scores[best] <= scores[default]:
                best = default
        return best, [c for c in supported if c != best]
    if conventional:
        return default, []
    usage = lexicon().usage
    others = [c for c in cands if c != default and usage.get(c, 0) > 0][:4]
    return default, others
