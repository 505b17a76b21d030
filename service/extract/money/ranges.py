"""Figures that are one amount: ranges ("between $5 and $10 million", "$5-10m", "from 10 to 20
dollars") read as one figure with ``min`` and ``max``, and a unit with its subunit ("20 dollars 43
cents") as one amount."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import get_currency_precision

from .lexicon import Name, lexicon
from .numbers import readings
from .scan import Figure, merge_names

_SUBUNIT_GAPS = ("", "and")


def _joins(text: str, a: Figure, b: Figure) -> bool:
    """Whether two neighbouring figures are the two ends of one range."""
    lex = lexicon()
    gap = text[a.end : b.start].strip().lower()
    left = lex.left_approx.search(text, max(0, a.start - 40), a.start)
    opener = (left.group("opener") or "").lower() if left else ""
    compatible = a.name is None or b.name is None or bool(set(a.name.currencies) & set(b.name.currencies))
    if gap == "to" and opener != "from":
        opener = "change" if lex.change.search(text, max(0, a.start - 40), a.start) else opener
    elif gap in ("to", "-", "–", "—") and opener == "from":
        # "cost from 10 to 20 dollars" is a range; "rose from $5 to $7" a change and a level.
        sentence = max(text.rfind(c, 0, a.start) for c in ".!?;\n") + 1
        opener = "change" if lex.change_word.search(text, sentence, a.start) else "from-range"
    joins = (
        gap in ("-", "–", "—", "to")
        and opener not in ("from", "change")
        or (gap == "and" and opener == "between")
    )
    # A bare second number needs a scale or a dash: "$5-10", "$5 to 10 million", not "$5 to 10 times".
    bare_ok = b.name is not None or b.scale is not None or gap != "to"
    return joins and compatible and bare_ok and (a.name is None or a.per_unit is None)


def bounds(
    low: Decimal, low_scale: Decimal | None, high: Decimal, high_scale: Decimal | None
) -> tuple[Decimal, Decimal]:
    """A range's two ends times their scales; the first end takes the second's scale ("$5-10m")."""
    if low_scale is None and high_scale is not None and low <= high:
        low_scale = high_scale
    return low * (low_scale or 1), high * (high_scale or 1)


def _range(a: Figure, b: Figure) -> Figure | None:
    """The range from ``a`` to ``b`` (the first end takes the second's scale: "$5-10m"), or None
    when its low end is not below its high end."""
    assert a.value is not None and b.value is not None
    low, high = bounds(a.value, a.scale, b.value, b.scale)
    name = merge_names(a.name, b.name) if a.name and b.name else (a.name or b.name)
    if low >= high:
        return None
    return Figure(
        a.start,
        b.end,
        None,
        None,
        name,
        approximate=a.approximate or b.approximate,
        per_unit=b.per_unit or a.per_unit,
        min=low,
        max=high,
        ends=(a, b),
    )


def ranges(text: str, figures: list[Figure]) -> list[Figure]:
    """The figures with each pair of range ends joined into one figure."""
    out: list[Figure] = []
    i = 0
    while i < len(figures):
        a = figures[i]
        b = figures[i + 1] if i + 1 < len(figures) else None
        if b is not None and a.value is not None and b.value is not None and (a.name or b.name):
            joined = _range(a, b) if _joins(text, a, b) else None
            if joined is not None:
                out.append(joined)
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _subunit_of(text: str, a: Figure, b: Figure) -> Name | None:
    """The currency of "20 dollars 43 cents" when ``b`` is ``a``'s subunit, else None."""
    if a.name is None or b.name is None or a.value is None or b.value is None or a.ends or b.ends:
        return None
    if a.written and len(readings(a.written)) > 1:
        return None  # "1.234 dollars 43 cents": keep the ambiguous figure and its alternative
    if a.name.factor != 1 or b.name.factor >= 1 or b.scale is not None or a.per_unit is not None:
        return None
    if text[a.end : b.start].strip().lower() not in _SUBUNIT_GAPS or b.value != b.value.to_integral_value():
        return None
    if not 0 < b.value * b.name.factor < 1:
        return None
    both = tuple(c for c in a.name.currencies if c in b.name.currencies)
    return Name(both, a.name.key, len(both) == 1) if both else None


def _spoken_subunit(text: str, a: Figure, b: Figure) -> Decimal | None:
    """The subunit factor of "a buck fifty", "two pounds 50": a whole number of a currency named by
    a word, then a bare number of its minor units (1 to 99, Babel's precision of two places) that
    ends the phrase (punctuation or a function word after it: not "two dollars fifty years ago")."""
    if a.name is None or b.name is not None or a.value is None or b.value is None or a.ends or b.ends:
        return None
    if a.name.factor != 1 or a.scale is not None or b.scale is not None or a.per_unit is not None:
        return None
    if not text[a.end - 1 : a.end].isalpha() or text[a.end : b.start] != " ":
        return None  # "$5 20": a symbol's figure is followed by no spoken subunit
    if b.written is not None and not (b.written.isdigit() and len(b.written) == 2):
        return None
    whole = (a.value, b.value)
    if any(v != v.to_integral_value() for v in whole) or not 1 <= b.value <= 99:
        return None
    if not lexicon().ellipsis_follower.match(text, b.end):
        return None
    if get_currency_precision(a.name.currencies[0]) != 2:
        return None
    return Decimal("0.01")


def subunits(text: str, figures: list[Figure]) -> list[Figure]:
    """The figures with a unit and its subunit written together ("20 dollars 43 cents", "a buck
    fifty") joined."""
    out: list[Figure] = []
    for fig in figures:
        prev = out[-1] if out else None
        name = _subunit_of(text, prev, fig) if prev is not None else None
        spoken = _spoken_subunit(text, prev, fig) if prev is not None and name is None else None
        if prev is not None and spoken is not None:
            assert prev.name is not None and prev.value is not None and fig.value is not None
            out[-1] = Figure(
                prev.start,
                fig.end,
                prev.value + fig.value * spoken,
                None,
                prev.name,
                approximate=prev.approximate,
            )
            continue
        if prev is None or name is None:
            out.append(fig)
            continue
        assert prev.value is not None and fig.value is not None and fig.name is not None
        value = prev.value * (prev.scale or 1) + fig.value * fig.name.factor
        out[-1] = Figure(
            prev.start, fig.end, value, None, name, approximate=prev.approximate, per_unit=fig.per_unit
        )
    return out
