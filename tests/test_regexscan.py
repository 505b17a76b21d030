"""The faster rule scans give exactly what Python's ``re`` gives.

``service/extract/regexscan.py`` skips rules and scans word-start patterns through their body. Every
expected answer here comes from ``re`` itself: ``pattern.finditer`` over the same text, and, for
the required substrings, the matches ``re`` finds.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.extract.dates.grammar import _lower_same_length, rules
from service.extract.regexscan import (
    finditer_at_word_start,
    required_substrings,
    word_start_body,
    word_start_gate,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

SENTENCES = [
    "The week of March 3, the company said, was its best since the 1990s.",
    "Strengthen the economy then, he said on Monday; sales fell 3% every quarter of the year.",
    "In the late-2000s, shares rose 'til mid-March '09 and again the weekend after next.",
    "Hewlett-Packard's 2008-09-30 results came the day before the then-chairman quit.",
    "Profits doubled year-on-year, the firm's 2nd-quarter report said, as it does annually.",
    "Over the past three years, monthly sales grew; in fiscal 2011 they fell for the first time.",
]


def _spans(matches):
    return [(m.span(), m.groupdict(), m.lastindex) for m in matches]


def _texts() -> list[str]:
    return SENTENCES + [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


@pytest.mark.parametrize("text", _texts())
def test_date_rules_find_what_finditer_finds(text):
    low = _lower_same_length(text)
    for rule in rules():
        expected = _spans(rule.pattern.finditer(low))
        assert _spans(finditer_at_word_start(rule.pattern, rule.body, low, rule.gate)) == expected, rule.name
        if rule.gate is not None:  # the gate alone, for a rule that takes the body first
            assert _spans(finditer_at_word_start(rule.pattern, None, low, rule.gate)) == expected, rule.name
        found = [m.group() for m in rule.pattern.finditer(low)]
        if rule.required and found:
            assert any(n in low for n in rule.required), rule.name


def test_some_date_rules_take_the_shortcuts():
    """Not a vacuous check: the rules use both shortcuts (the test above compares them with ``re``)."""
    assert any(rule.body is not None for rule in rules())
    assert any(rule.body is None and rule.gate is not None for rule in rules())
    assert any(rule.required for rule in rules())


@pytest.mark.parametrize(
    ("pattern", "body"),
    [
        (r"\bthe\s+year", True),
        (r"\b[12]\d{3}", True),
        (r"\b(?:the\s+)?year", False),  # opens with an optional group: no fast skip
        (r"\b(?:x)?", False),  # may match the empty string
        (r"the\s+year", False),  # no leading \b
    ],
)
def test_word_start_body_only_where_it_pays(pattern, body):
    assert (word_start_body(re.compile(pattern)) is not None) is body


@pytest.mark.parametrize(
    ("pattern", "gate"),
    [
        (r"\b(?:the\s+)?year", True),
        (r"\b(?:\d+|a)(?!\w)", True),
        (r"\b['’]\d\d", False),  # opens with an apostrophe: a word boundary after a word
        (r"\b(?:the\s+|-)?year", False),  # may open with a hyphen
        (r"\b(?:(?<=at\s)|(?<=by\s))\d+", True),  # "at 5": the lookbehinds consume nothing
        (r"\b(?:(?<=at\s)|-)\d+", False),
        (r"\b(?:x)?", False),  # may match the empty string
    ],
)
def test_word_start_gate_only_for_word_led_patterns(pattern, gate):
    assert (word_start_gate(re.compile(pattern)) is not None) is gate


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [
        (r"\b(?:the\s+)?year", re.ASCII),  # ASCII words: not the words of the boundary test
        (r"\bthe year", re.ASCII),
        (r"\b(?:the\s+)?year  # a comment", re.VERBOSE),  # the gate's ")" would be commented out
        (r"\bthe\ year  # a comment", re.VERBOSE),
    ],
)
def test_no_shortcut_for_ascii_or_verbose_patterns(pattern, flags):
    assert word_start_body(re.compile(pattern, flags)) is None
    assert word_start_gate(re.compile(pattern, flags)) is None


@pytest.mark.parametrize(
    ("pattern", "required"),
    [
        (r"\bthe\s+(?:early|late)\s+(?:1\d|20)", ("early", "late")),
        (r"\bthe\s+(?:early|late)\s+year", ("year",)),  # one word beats two of the same length
        (r"\b(?:the\s+)?weekend", ("weekend",)),
        (r"\b\d+\s+(?:days?)?", ()),  # the only word is optional
        (r"(?i)\bweekend", ()),  # case-insensitive: literals do not name the text's letters
    ],
)
def test_required_substrings(pattern, required):
    assert required_substrings(re.compile(pattern)) == required


# --- any pattern: random \b-led patterns over a small alphabet, re.finditer vs the shortcuts -----------

PIECES = st.sampled_from(
    [
        "a",
        "b",
        "ab",
        "[ab]",
        "\\d",
        "\\s",
        "x?",
        "(?:a|bb)",
        "(?P<g>b+)",
        "(?!a)",
        ".",
        "'",
        "(?:-|a)",
        "(?:(?<= )|b)",
        "\\w*",
    ]
)
ALPHABET = st.text(alphabet="ab1 x-'", max_size=40)


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(PIECES, min_size=1, max_size=4), text=ALPHABET)
def test_any_word_start_pattern(pieces, text):
    body = "".join(pieces)
    if body.count("(?P<g>") > 1:
        body = body.replace("(?P<g>", "(?:")
    pattern = re.compile(r"\b" + body)
    expected = _spans(pattern.finditer(text))
    assert _spans(finditer_at_word_start(pattern, word_start_body(pattern), text)) == expected
    assert _spans(finditer_at_word_start(pattern, None, text, word_start_gate(pattern))) == expected
    required = required_substrings(pattern)
    if required and pattern.search(text):
        assert any(n in text for n in required)
