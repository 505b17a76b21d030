"""The event each date anchors (issue 14): the verb, predicate or event noun the date phrase modifies.

Read from the dependency parse, climbing from the date's root:

- through the preposition that introduces it ("on Tuesday", "since 1901");
- through nouns that are not events (rule table ``data/events.yaml``): "This year's vaccine was
  considered effective" dates *considered*, "In its Friday issue, The Hamilton Spectator quoted"
  dates *quoted*, "a meeting with top military brass on Tuesday" (the date hung on *brass*) dates
  the verb the phrase hangs on; an event noun (listed, or deverbal: "invasion", "bombing") or an
  adjective the date attaches to is the event itself ("the coup last year", "debentures due
  March 1");
- from an auxiliary to its verb, from a copula to its predicate ("was weak during the quarter") or,
  when the predicate is an amount, to its subject ("net income was $2.1 million"), from a light
  verb to its event object ("had a loss for the quarter").

Two readings override the parse's attachment: a date right after a verb (past its preposition) that
the parser hung on a clause the verb governs dates that verb ("Castro said Tuesday his government told
U.S. officials": *said*, not *told*); and the end or start of a period ("the quarter ended Sept. 30",
"the year ending tomorrow"; verbs listed in ``period_bounds``) dates no event of its own.

A phrase that reaches the top of its sentence through nouns only has no event (a caption "Russian
Defence Minister, 2 May 2023", a heading), unless the parser hung the sentence's verb on one of those
nouns ("In 2003 BP invested", read as "BP [that] invested"); nor has one whose event would lie past a
line break (a caption the parser ran into the next line). The event says its kind and, when it is a
quote's cue ("said Monday"), that quote.

Where the rules find an event, the learned ranker (``ranker.py``) decides whether TimeBank would link
the date to it or to no event (the date then reports none; a quote's cue it dates still gets the
quote's ``said_on``).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..docindex import doc_index
from ..model import Event, Quote, TimeExpression
from . import ranker
from .lexicon import event_table, is_event_noun, lexicon

_MAX_STEPS = 8  # how far up the parse a date may look for its event
_NOUNS = frozenset({"NOUN", "PROPN"})
_VERBS = frozenset({"VERB", "AUX"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_PREDICATES = frozenset({"acomp", "attr", "oprd"})
_ADVERBIAL = frozenset({"npadvmod", "pobj", "advmod", "tmod"})  # a date modifying a verb
_CLAUSES = frozenset({"ccomp", "xcomp", "advcl"})
_PREDICATIVE_ADJ = frozenset({"ROOT", "acomp", "conj", "ccomp", "xcomp", "advcl", "oprd"})


def anchor_events(
    dates: Sequence[TimeExpression], spans: Sequence[SpacySpan | None], quotes: list[Quote]
) -> list[Event | None]:
    """Set ``event`` on each of ``dates`` (``spans``: their tokens, in the same order); the
    publication date (the dateline) and dates with no event in their sentence get None, and so do
    those the ranker abstains on (TimeBank links them to no event). Returns each date's event before
    abstaining: the word whose quote (a cue, "said Monday") the date may still date."""
    cues = sorted((q.cue.start, q.cue.end, q.id) for q in quotes if q.cue is not None)
    found: list[Event | None] = []
    for date, span in zip(dates, spans, strict=True):
        tok = event_token(span) if span is not None and date.role != "publication" else None
        abstain = False
        if tok is not None and span is not None:
            tok, abstain = ranker.choose(span, tok, date.type)  # the learned choice among the sentence's
            index = doc_index(span.doc)  # built by the stage already
            if index.paragraph(tok.idx) != index.paragraph(date.start):
                tok = None  # a caption or heading the parser ran into the next line
        event = None if tok is None else _event(tok, cues)
        found.append(event)
        date.event = None if abstain else event
    return found


def _event(tok: Token, cues: list[tuple[int, int, str]]) -> Event:
    kind = "noun" if tok.pos_ in _NOUNS else "adjective" if tok.pos_ == "ADJ" else "verb"
    start = tok.idx
    quote = None
    i = bisect.bisect_right(cues, (start, float("inf"))) - 1
    for k in range(max(0, i - 2), i + 1):  # cues may nest or repeat (one cue for a split quote)
        if cues[k][0] <= start < cues[k][1]:
            quote = cues[k][2]
            break
    return Event(tok.text, start, start + len(tok.text), kind=kind, quote=quote)


def event_token(span: SpacySpan) -> Token | None:
    """The token of the event ``span`` (a date phrase) dates, or None."""
    tok = _attachment(span)
    direct = True  # the date hangs on this word itself, not through a noun that is no event
    passed: list[Token] = []
    for _ in range(_MAX_STEPS):
        if tok is None:
            return _misparsed_verb(passed)
        if tok.pos_ in _VERBS:
            if direct and _bounds_period(tok):
                return None
            return _predicate(_verb_before(span, tok) if direct else tok)
        if tok.pos_ == "ADJ" and tok.dep_ in _PREDICATIVE_ADJ:
            return tok
        if direct and (tok.pos_ == "ADJ" or is_event_noun(tok)):
            return tok
        passed.append(tok)
        tok, direct = _up(tok), False
    return None


def _bounds_period(verb: Token) -> bool:
    """Whether ``verb`` only bounds a period the date ends or begins: "the quarter ended Sept. 30",
    "the year ending tomorrow" (the period is the date; the verb is no event of its own)."""
    return (
        verb.dep_ in ("acl", "relcl")
        and verb.lemma_.lower() in event_table("period_bounds")
        and verb.head.lemma_.lower() in lexicon().units
    )


def _verb_before(span: SpacySpan, verb: Token) -> Token:
    """The verb right before the date (past its preposition) when the parser hung the date on a clause
    that verb governs: "Castro said Tuesday his government told U.S. officials", "police said on
    Tuesday they had arrested 14 foreigners" date *said*; else ``verb``."""
    if verb.dep_ not in _CLAUSES or span.start < 2:
        return verb
    doc = span.doc
    before = doc[span.start - 1]
    if before.pos_ == "ADP":
        before = doc[span.start - 2]
    if before.pos_ != "VERB" or span.root.dep_ not in _ADVERBIAL:
        return verb
    tok = verb
    for _ in range(_MAX_STEPS):  # up through clauses only, so within the sentence
        if tok.dep_ not in _CLAUSES or tok.head.i == tok.i:
            return verb
        tok = tok.head
        if tok.i == before.i:
            return before
    return verb


def _misparsed_verb(passed: list[Token]) -> Token | None:
    """At the top of a sentence reached through nouns only: the verb the parser hung on one of them
    as a modifier ("In 2003 BP invested ...", parsed as "BP [that] invested"), else None (a caption)."""
    for noun in passed:
        for child in noun.rights:
            if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB":
                return _predicate(child)
    return None


def _attachment(span: SpacySpan) -> Token | None:
    """The word the date phrase hangs on, past the preposition that introduces it."""
    tok = span.root
    while span.start <= tok.i < span.end or tok.pos_ == "ADP" or tok.dep_ in ("prep", "agent"):
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return tok


def _up(tok: Token) -> Token | None:
    """The next word up from a noun, past a preposition; None at the top."""
    head = tok.head
    while head.i != tok.i and (head.pos_ == "ADP" or head.dep_ in ("prep", "agent")):
        tok, head = head, head.head
    return None if head.i == tok.i else head


def _quantity(tok: Token) -> bool:
    """An amount ("$2.1 million", "15%"), not a state."""
    return tok.like_num or tok.pos_ == "NUM" or any(c.dep_ in ("nummod", "quantmod") for c in tok.children)


def _predicate(verb: Token) -> Token:
    """The word that carries the event of the clause ``verb`` heads: the verb itself, or, for an
    auxiliary, a copula or a light verb, the verb, predicate or event object it leads to."""
    if verb.dep_ in ("aux", "auxpass") and verb.head.pos_ in _VERBS:
        verb = verb.head
    lemma = verb.lemma_.lower()
    if lemma in event_table("copulas"):
        predicate = [
            c
            for c in verb.children
            if c.dep_ in _PREDICATES or c.lemma_.lower() in event_table("copula_adverbs")
        ]
        if predicate and _quantity(predicate[0]):  # "net income was $2.1 million": the income
            subject = [c for c in verb.children if c.dep_ in _SUBJECTS and c.pos_ in _NOUNS]
            return subject[0] if subject else verb
        if predicate:
            return predicate[0]
        if any(c.dep_ == "expl" for c in verb.children):  # "there has been a dramatic rise"
            subject = [c for c in verb.children if c.dep_ in _SUBJECTS and c.pos_ in _NOUNS]
            if subject:
                return subject[0]
    if lemma in event_table("light_verbs"):
        objects = [c for c in verb.children if c.dep_ == "dobj" and is_event_noun(c)]
        if objects:
            return objects[0]
    return verb
