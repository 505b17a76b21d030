"""Offsets in the caller's unit: code points (Python), UTF-16 code units (JavaScript, Java, C#) or
UTF-8 bytes (Go, Rust, C).

The extractors work in code points (``text[start:end]`` in Python). :func:`convert_offsets` returns
a copy of an :class:`~service.extract.model.Analysis` whose every span is in another unit: it walks
the result's dataclasses generically, so any object with integer ``start`` and ``end`` fields is
converted, wherever it sits (a span field added to a section later is covered without a change here).
"""

from __future__ import annotations

import dataclasses
import itertools
from typing import Any, Literal, TypeVar, get_args

from .model import Analysis

OffsetUnit = Literal["codepoint", "utf16", "utf8"]
OFFSET_UNITS: tuple[str, ...] = get_args(OffsetUnit)
DEFAULT_UNIT: OffsetUnit = "codepoint"

T = TypeVar("T")


def unit_lengths(text: str, unit: str) -> list[int] | None:
    """The length in ``unit`` of each code point of ``text``; None when every one is 1 (no change)."""
    if unit == "codepoint":
        return None
    if unit == "utf16":
        if text.isascii() or max(text) <= "\uffff":
            return None
        return [2 if ch > "\uffff" else 1 for ch in text]
    if unit == "utf8":
        if text.isascii():
            return None
        return [len(ch.encode("utf-8", "surrogatepass")) for ch in text]
    raise ValueError(f"unknown offset unit {unit!r}: choose among {', '.join(OFFSET_UNITS)}")


def offset_table(text: str, unit: str) -> list[int] | None:
    """``table[i]``: the offset in ``unit`` of code point ``i`` (``i`` up to ``len(text)``), or None
    when the offsets are the same in both units."""
    lengths = unit_lengths(text, unit)
    return None if lengths is None else [0, *itertools.accumulate(lengths)]


def convert_offsets(result: Analysis, unit: str = DEFAULT_UNIT) -> Analysis:
    """A copy of ``result`` with every ``start``/``end`` in ``unit`` (``result`` is left as it is)."""
    table = offset_table(result.text, unit)
    converted = result if table is None else map_offsets(result, table, table)
    return dataclasses.replace(converted, offsets=unit)


def map_offsets(value: T, starts: list[int], ends: list[int]) -> T:
    """A copy of ``value`` (a result dataclass, or a list of them, walked generically) with every
    ``start`` replaced by ``starts[start]`` and every ``end`` by ``ends[end]``."""
    if isinstance(value, list):
        return [map_offsets(item, starts, ends) for item in value]  # type: ignore[return-value]
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return value
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(value):
        if not f.init:
            continue
        item = getattr(value, f.name)
        if f.name in ("start", "end") and isinstance(item, int) and not isinstance(item, bool):
            changes[f.name] = (starts if f.name == "start" else ends)[item]
        elif isinstance(item, list) or dataclasses.is_dataclass(item):
            changes[f.name] = map_offsets(item, starts, ends)
    return dataclasses.replace(value, **changes) if changes else value
