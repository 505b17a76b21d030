"""Ranges: "between $5 and $10 million", "$5-10m", "5 to 10 million euros" read as one figure with
``min`` and ``max``."""

from __future__ import annotations

from decimal import Decimal

from .lexicon import lexicon
from .scan import Figure, merge_names


def _joins(text: str, a: Figure, b: Figure) -> bool:
    """Whether two neighbouring figures are the two ends of one range."""
    lex = lexicon()
    gap = text[a.end : b.start].strip().lower()
    left = lex.left_approx.search(text, max(0, a.start - 40), a.start)
    opener = (left.group("opener") or "").lower() if left else ""
    compatible = a.name is None or b.name is None or bool(set(a.name.currencies) & set(b.name.currencies))
    if gap == "to" and opener != "from":
        opener = "change" if lex.change.search(text, max(0, a.start - 40), a.start) else opener
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
