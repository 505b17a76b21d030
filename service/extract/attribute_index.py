"""spaCy's attribute ruler, matched by table look-ups instead of its Matcher: the same output, faster.

en_core_web_sm's ``attribute_ruler`` maps each fine tag to its coarse part of speech and morphology
(a tag map of ~60 patterns) and sets ~120 word exceptions. Its Matcher tries every pattern at every
token with per-pattern callbacks: ~35 µs per token, a tenth of the whole pipeline's time
(``bench/benchmark.py``), to answer what is mostly a dictionary look-up.

:func:`index_attribute_ruler` keeps the component, its patterns and its ``set_annotations``, and
replaces only its ``match`` step. Patterns whose tokens test exact values, ``IN``/``NOT_IN`` sets or
a ``REGEX`` of the string attributes below (no operators) are matched on the Doc's attribute array,
through a dictionary keyed by the first token's (tag, lower); any other pattern stays with a Matcher
of its own. Matches come out in the ruler's order (pattern number, then position), so every token
gets the same attributes in the same order as with the stock ruler: ``tests/test_attribute_index.py``
compares every token's attributes with the stock pipeline's on real news.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable
from typing import Any

from spacy.attrs import IDS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.strings import get_string_id
from spacy.tokens import Doc

#: Attributes whose value in ``Doc.to_array`` is the hash of their string (or 0/1 for the flag).
_STRING_ATTRS = ("TAG", "LOWER", "ORTH", "NORM", "DEP")
_FLAG_ATTRS = ("IS_SPACE",)
_ALIASES = {"TEXT": "ORTH"}

# A token test on one column of the attribute array: (column, test of the integer value).
_Test = tuple[int, Callable[[int], bool]]
# A pattern: its number in the ruler and the tests of each of its tokens.
_Pattern = tuple[int, list[list[_Test]]]
# What a token's attribute values match: one-token patterns, and longer patterns begun there.
_Found = tuple[tuple[int, ...], tuple[_Pattern, ...]]


class _Unsupported(ValueError):
    """A pattern the index does not read: it stays with the Matcher."""


# Rows remembered at most (~600 bytes each: ~30 MiB). 300 news articles bring ~38,000 distinct rows;
# text of random words brings one per token, and with 200,000 the cache alone grew a worker by ~120 MiB.
ROW_CACHE_LIMIT = 50_000


class IndexedMatch:
    """A drop-in ``match`` for an ``AttributeRuler``: the same matches, in the same order."""

    def __init__(self, ruler: Any) -> None:
        self.strings = ruler.vocab.strings
        self.columns: list[str] = []
        # (tag hash or None, lower hash or None) of the first token -> [(pattern number, tests per token)]
        self.index: dict[tuple[int | None, int | None], list[_Pattern]] = {}
        self.rest = Matcher(ruler.vocab)
        self._regex_cache: dict[tuple[str, int], bool] = {}
        for number, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                try:
                    self._add(number, pattern)
                except _Unsupported:
                    self.rest.add(str(number), [pattern])
        self.attr_ids = [IDS[c] for c in self.columns]
        self._tag_col = self.columns.index("TAG") if "TAG" in self.columns else None
        self._lower_col = self.columns.index("LOWER") if "LOWER" in self.columns else None
        self._rows: dict[tuple[int, ...], _Found] = {}

    def _column(self, attr: str) -> int:
        if attr not in self.columns:
            self.columns.append(attr)
        return self.columns.index(attr)

    def _add(self, number: int, pattern: list[dict[str, Any]]) -> None:
        tests = [self._token_tests(token) for token in pattern]
        first = pattern[0]
        keys = {_ALIASES.get(str(k).upper(), str(k).upper()): v for k, v in first.items()}
        tags = self._exact(keys.get("TAG"))
        lowers = self._exact(keys.get("LOWER"))
        for tag in tags:
            for lower in lowers:
                self.index.setdefault((tag, lower), []).append((number, tests))

    @staticmethod
    def _exact(value: Any) -> list[int | None]:
        """The hashes a first-token value is indexed under ([None]: not indexed by it)."""
        if isinstance(value, str):
            return [get_string_id(value)]
        if isinstance(value, dict) and set(value) == {"IN"}:
            return [get_string_id(v) for v in value["IN"]]
        return [None]

    def _token_tests(self, token: dict[str, Any]) -> list[_Test]:
        tests: list[_Test] = []
        for key, value in token.items():
            attr = _ALIASES.get(str(key).upper(), str(key).upper())
            if attr in _FLAG_ATTRS and isinstance(value, bool):
                tests.append((self._column(attr), functools.partial(operator.eq, int(value))))
            elif attr in _STRING_ATTRS:
                tests.append((self._column(attr), self._string_test(attr, value)))
            else:
                raise _Unsupported(attr)
        return tests

    def _string_test(self, attr: str, value: Any) -> Callable[[int], bool]:
        if isinstance(value, str):
            return functools.partial(operator.eq, get_string_id(value))
        if not isinstance(value, dict) or len(value) != 1:
            raise _Unsupported(attr)
        ((op, arg),) = value.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
            hashes = frozenset(get_string_id(a) for a in arg)
            return hashes.__contains__ if op == "IN" else functools.partial(_absent, hashes)
        if op == "REGEX" and isinstance(arg, str):
            return functools.partial(self._search, re.compile(arg))
        raise _Unsupported(attr)

    def _search(self, rx: re.Pattern[str], value: int) -> bool:
        key = (rx.pattern, value)
        hit = self._regex_cache.get(key)
        if hit is None:
            if len(self._regex_cache) > 100_000:
                self._regex_cache.clear()
            hit = self._regex_cache[key] = bool(rx.search(self.strings[value]))
        return hit

    def _first_token(self, row: tuple[int, ...]) -> _Found:
        """For a token's attribute values: the one-token patterns it matches, and the longer patterns
        whose first token it matches (each value tuple is worked out once, then remembered)."""
        known = self._rows.get(row)
        if known is not None:
            return known
        tag = row[self._tag_col] if self._tag_col is not None else None
        lower = row[self._lower_col] if self._lower_col is not None else None
        singles: list[int] = []
        longer: list[_Pattern] = []
        for key in dict.fromkeys(((tag, lower), (tag, None), (None, lower), (None, None))):
            for number, tests in self.index.get(key, ()):
                if all(test(row[col]) for col, test in tests[0]):
                    if len(tests) == 1:
                        singles.append(number)
                    else:
                        longer.append((number, tests))
        if len(self._rows) > ROW_CACHE_LIMIT:  # bounded: news brings new words for ever
            self._rows.clear()
        known = self._rows[row] = (tuple(singles), tuple(longer))
        return known

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        rows: list[tuple[int, ...]] = []
        if self.attr_ids and len(doc):  # (one column comes back as a flat array)
            table: list[list[int]] = doc.to_array(self.attr_ids).reshape(len(doc), -1).tolist()  # type: ignore[assignment]
            rows = [tuple(r) for r in table]
        found: set[tuple[int, int, int]] = set()
        for i, row in enumerate(rows):
            singles, longer = self._first_token(row)
            for number in singles:
                found.add((number, i, i + 1))
            for number, tests in longer:
                if _rest_match(rows, i, tests):
                    found.add((number, i, i + len(tests)))
        if len(self.rest):
            for match_id, start, end in self.rest(doc, allow_missing=True, as_spans=False):  # type: ignore[misc]
                found.add((int(self.strings[match_id]), start, end))
        # the stock ruler's order: pattern number, then position (later patterns take precedence)
        return [(number, self.strings[str(number)], s, e) for number, s, e in sorted(found)]


def _absent(values: frozenset[int], value: int) -> bool:
    return value not in values


def _rest_match(rows: list[tuple[int, ...]], start: int, tests: list[list[_Test]]) -> bool:
    """Whether the tokens after ``start`` pass the tests of a pattern's second and later tokens."""
    if start + len(tests) > len(rows):
        return False
    return all(test(rows[start + k][col]) for k in range(1, len(tests)) for col, test in tests[k])


def index_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> None:
    """Give the pipeline's attribute ruler (if it has one) the indexed ``match``."""
    if name in nlp.component_names:
        ruler: Any = nlp.get_pipe(name)
        ruler.match = IndexedMatch(ruler)
