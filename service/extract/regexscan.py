"""Cheaper whole-text scans with rule regexes, giving exactly the matches ``finditer`` gives.

Python's ``re`` skips quickly to the positions where a pattern can start only when the pattern opens
with a literal or a character set; a pattern that opens with ``\\b`` is tried at every position
(~35 ns a character each). Two helpers, both read from the pattern's parse tree:

* ``required_substrings``: strings one of which every match holds, so that a rule can be skipped by
  a cheap ``in`` test on the whole text. Sound by construction: when it cannot be shown, ``()``.
* ``word_start_body`` / ``finditer_at_word_start``: for ``\\b`` + a body that opens with a literal
  or a character set, search the body (fast skip) and keep the matches that start at a word
  boundary, searching again one character on after one that does not: the leftmost boundary match
  from each position, as ``finditer`` of the whole pattern finds it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

try:  # CPython's own regex parser and compiler (the ones ``re.compile`` uses); without them, no shortcut
    from re import _compiler as sre_compiler  # type: ignore[attr-defined]
    from re import _constants as sre_c  # type: ignore[attr-defined]
    from re import _parser as sre_p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another interpreter
    sre_c = sre_p = sre_compiler = None

_BOUNDARY = re.compile(r"\b")
_WORD = re.compile(r"\w")
# ASCII words differ from the Unicode words of ``_BOUNDARY`` and ``_WORD``; in a VERBOSE pattern a closing
# comment would swallow the gate's ")": neither takes a shortcut
_OTHER_WORDS = re.ASCII | re.VERBOSE

#: a requirement of more alternatives than this costs more ``in`` tests than it saves
MAX_ALTERNATIVES = 16


def required_substrings(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """Strings one of which every match of ``pattern`` holds (or looks ahead to); ``()``: none known.
    Case-insensitive patterns get ``()``: their literals do not name the text's letters."""
    if sre_p is None or pattern.flags & re.IGNORECASE:
        return ()
    try:
        found = _required(sre_p.parse(pattern.pattern, pattern.flags).data)
    except Exception:  # an unexpected tree from another Python version: no shortcut
        return ()
    return tuple(sorted(found)) if found else ()


def _better(a: set[str] | None, b: set[str] | None) -> set[str] | None:
    """The more selective of two requirements: the longer shortest string, then the fewer strings."""
    if a is None or b is None:
        return a if b is None else b
    return a if (min(map(len, a)), -len(a)) >= (min(map(len, b)), -len(b)) else b


def _required(items: Sequence[tuple[Any, Any]]) -> set[str] | None:
    """A requirement of a sequence of regex nodes: every node's requirement holds; keep the best."""
    best: set[str] | None = None
    run = ""  # consecutive literal characters: one substring
    for op, av in items:
        if op is sre_c.LITERAL:
            run += chr(av)
            continue
        if run:
            best, run = _better(best, {run}), ""
        best = _better(best, _node(op, av))
    return _better(best, {run}) if run else best


def _node(op: Any, av: Any) -> set[str] | None:
    if op is sre_c.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        return None if add_flags & re.IGNORECASE else _required(sub.data)
    if op is sre_c.BRANCH:  # one of the branches matches: the union of their requirements
        parts = [_required(branch.data) for branch in av[1]]
        if any(part is None for part in parts):
            return None
        union: set[str] = set().union(*parts)  # type: ignore[arg-type]
        return union if len(union) <= MAX_ALTERNATIVES else None
    if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _required(av[2].data)
    if op is sre_c.ASSERT and av[0] == 1:  # a positive lookahead: in the text just after
        return _required(av[1].data)
    return None


def word_start_body(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """For a pattern ``\\b`` + body whose body opens with a literal or a character set and never
    matches the empty string: the body, compiled (``finditer_at_word_start`` scans with it).
    Otherwise None (scan with the pattern itself)."""
    source = pattern.pattern
    if sre_p is None or pattern.flags & _OTHER_WORDS or not source.startswith(r"\b"):
        return None
    try:
        tree = sre_p.parse(source[2:], pattern.flags)
        if tree.getwidth()[0] == 0:
            return None  # an empty match would make finditer's stepping differ
        code = sre_compiler._code(tree, pattern.flags)
        fast = code[0] == sre_c.INFO and code[2] & (sre_c.SRE_INFO_PREFIX | sre_c.SRE_INFO_CHARSET)
    except Exception:  # an unexpected tree from another Python version: no shortcut
        return None
    return re.compile(source[2:], pattern.flags) if fast else None


def word_start_gate(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """For a pattern ``\\b`` + body whose every match opens with a word character: ``\\W`` + body,
    which ``re`` scans fast (it opens with a character set) and which matches, one character early,
    wherever the pattern matches after the text's first character. Otherwise None."""
    source = pattern.pattern
    if sre_p is None or pattern.flags & _OTHER_WORDS or not source.startswith(r"\b"):
        return None
    try:
        opens_with_word = _opens_with_word(sre_p.parse(source[2:], pattern.flags).data)
    except Exception:  # an unexpected tree from another Python version: no shortcut
        return None
    return re.compile(r"\W(?:" + source[2:] + ")", pattern.flags) if opens_with_word else None


def _is_word(ch: str) -> bool:
    return _WORD.match(ch) is not None


def _set_is_word(items: Sequence[tuple[Any, Any]]) -> bool:
    """Whether every character of a ``[...]`` set is a word character."""
    for op, av in items:
        if op is sre_c.LITERAL and _is_word(chr(av)):
            continue
        if (
            op is sre_c.RANGE
            and av[1] - av[0] < 1000
            and all(_is_word(chr(c)) for c in range(av[0], av[1] + 1))
        ):
            continue
        if op is sre_c.CATEGORY and av in (sre_c.CATEGORY_DIGIT, sre_c.CATEGORY_WORD):
            continue
        return False
    return True


def _opens_with_word(items: Sequence[tuple[Any, Any]]) -> bool | None:
    """True: every match of the sequence opens with a word character; False: not shown; None: the
    sequence may match the empty string, what follows it decides."""
    for op, av in items:
        if op is sre_c.LITERAL:
            return _is_word(chr(av))
        if op is sre_c.IN:
            return _set_is_word(av)
        if op in (sre_c.ASSERT, sre_c.ASSERT_NOT, sre_c.AT):
            continue  # consumes nothing
        if op is sre_c.SUBPATTERN:
            inner = None if av[1] & re.IGNORECASE else _opens_with_word(av[3].data)
        elif op is sre_c.BRANCH:
            branches = [_opens_with_word(branch.data) for branch in av[1]]
            # a branch that may match the empty string (None) leaves the choice to what follows
            inner = False if False in branches else True if all(branches) else None
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT):
            inner = _opens_with_word(av[2].data)
            if inner and av[0] == 0:
                continue  # optional and word-led: what follows decides when it is left out
        else:
            return False
        if inner is not None:
            return inner
    return None


def finditer_at_word_start(
    pattern: re.Pattern[str], body: re.Pattern[str] | None, text: str, gate: re.Pattern[str] | None = None
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(text)`` (same spans and groups), through ``body`` when
    ``word_start_body`` gave one, else through ``gate`` when ``word_start_gate`` gave one. A search
    from ``pos`` still sees the text before it (``\\b``, lookbehinds), as ``finditer`` does."""
    if body is None:
        yield from (pattern.finditer(text) if gate is None else _through_gate(pattern, gate, text))
        return
    pos, search, at_boundary = 0, body.search, _BOUNDARY.match
    while (m := search(text, pos)) is not None:
        start = m.start()
        if at_boundary(text, start) is None:
            pos = start + 1  # not a word start: the whole pattern fails here, try from the next character
            continue
        yield m
        pos = m.end()  # never empty: the body's shortest match is one character or more


def _through_gate(pattern: re.Pattern[str], gate: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a word-led ``pattern``: a match starts at 0 or just after a
    non-word character, where ``gate`` finds it; each is then taken from ``pattern`` itself."""
    m = pattern.match(text, 0)
    at = 0  # where the gate's search starts: one character before the next match may start
    while True:
        if m is not None:
            yield m
            at = m.end() - 1  # never empty: the match opens with a word character
        g = gate.search(text, max(at, 0))
        if g is None:
            return
        at = g.start() + 1  # (when no match of the pattern starts there, search on from it)
        m = pattern.match(text, at)
