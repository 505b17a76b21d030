"""Reported speech: attributions without quotation marks, read from the dependency parse.

Three shapes, each giving a content span and a cue (the source is then found as for direct quotes):

* a reporting verb's clausal complement (``ccomp``): "Reznikov said Monday [that Denmark would give …]",
  "[The plan was delayed], officials said"; the complements on one side of the verb together are the
  content ("[Clinton had told police …, but the NYPD overruled that request], the source added");
* "according to X": the clause the phrase modifies, less the phrase;
* a noun cue with a that-clause: "the claim [that the election was rigged]".

A clause that is mostly inside quotation marks is left to the direct quote that covers it; a cue inside
a quote is the quoted speaker's own report, not the article's.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import DEP, POS
from spacy.parts_of_speech import AUX, NOUN, VERB
from spacy.tokens import Token

from .attribution import Cue
from .context import QuoteContext
from .lexicon import lexicon

_CONTENT_DEPS = ("ccomp",)
_NOUN = int(NOUN)
_CANDIDATE_POS = frozenset(int(p) for p in (VERB, AUX, NOUN))
_STANCE_DEPS = ("ccomp", "xcomp", "dobj")
_NOUN_CLAUSE_DEPS = ("acl", "ccomp", "relcl")
_MAX_CLIMB = 12  # heads climbed from "according to" to the clause it modifies
_MAX_TRIM = 20  # punctuation tokens trimmed at one edge of a content
_MAX_SHARE = 3  # reported content, all items together, at most this many times the text's length
_MIN_WORDS = 1  # a content with no unquoted word is a direct quote's


@dataclass(slots=True)
class Reported:
    """One reported statement: its content as char offsets, its cue."""

    start: int
    end: int
    cue: Cue
    source: int | None = None  # token of the source when the parse gives it directly ("by X" of a passive)


def find_reported(ctx: QuoteContext) -> list[Reported]:
    """Every reported statement of the article, in text order. Reads the part-of-speech and dependency
    arrays first, so that only verbs and nouns become Token objects."""
    found: list[Reported] = []
    lex = lexicon()
    doc = ctx.doc
    arr = doc.to_array([POS, DEP])
    tags, deps = arr[:, 0].tolist(), arr[:, 1].tolist()
    ccomp = doc.vocab.strings["ccomp"]
    heads = ctx.heads()
    with_clause = {heads[i] for i, d in enumerate(deps) if d == ccomp}
    budget = _MAX_SHARE * len(ctx.text)
    for i, pos in enumerate(tags):
        if pos not in _CANDIDATE_POS or ctx.quoted[i]:
            continue
        tok = doc[i]
        lemma = tok.lemma_.lower()
        item: Reported | None = None
        if tok.lower_ == "according" and i + 1 < len(doc) and doc[i + 1].lower_ == "to":
            item = _according(ctx, tok)
        elif pos != _NOUN and (lemma in lex.reported_verbs or lemma in lex.stance_verbs):
            item = _complement(ctx, tok, _CONTENT_DEPS if lemma not in lex.stance_verbs else _STANCE_DEPS)
            item = item or _passive(ctx, tok)
        elif pos != _NOUN and i in with_clause:
            item = _complement(ctx, tok, _CONTENT_DEPS, marked=True)
        elif pos == _NOUN and lemma in lex.reported_nouns:
            item = _noun_clause(ctx, tok)
        if item is not None:
            budget -= item.end - item.start
            if budget < 0:
                break  # nested reports of nested reports (hostile text): the output stays linear
            found.append(item)
    found.sort(key=lambda r: (r.start, r.end))
    return found


def _complement(
    ctx: QuoteContext, verb: Token, deps: tuple[str, ...], marked: bool = False
) -> Reported | None:
    """The verb's complements (``deps``) on its right (else on its left) as one content span; for a stance
    verb the object of its "for" ("calls for a ban", "would vote for Sanders") counts as one. With
    ``marked``, any verb's complement opened by a complementizer ("pointing out that …", "it appears
    that …")."""
    comps = [c for c in ctx.children(verb) if c.dep_ in deps]
    if marked:
        words = lexicon().complementizers
        comps = [
            c
            for c in comps
            if c.i > verb.i and any(g.dep_ == "mark" and g.lower_ in words for g in ctx.children(c))
        ]
    if deps is _STANCE_DEPS and not comps:
        comps = [
            g
            for c in ctx.children(verb)
            if c.dep_ == "prep" and c.lower_ == "for" and c.i > verb.i
            for g in ctx.children(c)
            if g.dep_ == "pobj"
        ]
    if not comps:
        return None
    right = [c for c in comps if c.i > verb.i]
    side = right or comps
    a, b = min(c.left_edge.i for c in side), max(c.right_edge.i for c in side) + 1
    return _item(ctx, a, b, Cue(verb.i, verb.i + 1, verb.i, "verb", True))


def _passive(ctx: QuoteContext, verb: Token) -> Reported | None:
    """A passive cue: what "was first reported by X", "was lambasted by X" is about is its subject,
    the source the object of its "by" (without one, a passive reports an event: "had been dismissed")."""
    subj = [c for c in ctx.children(verb) if c.dep_ == "nsubjpass"]
    if not subj or any(c.dep_ == "ccomp" for c in ctx.children(verb)):
        return None
    by = [g for c in ctx.children(verb) if c.dep_ == "agent" for g in ctx.children(c) if g.dep_ == "pobj"]
    if not by:
        return None  # "had been dismissed" with no "by": an event, not a report
    item = _item(
        ctx, subj[0].left_edge.i, subj[0].right_edge.i + 1, Cue(verb.i, verb.i + 1, verb.i, "verb", True)
    )
    if item is not None and by and not ctx.quoted[by[0].i]:
        item.source = by[0].i
    return item


def _according(ctx: QuoteContext, tok: Token) -> Reported | None:
    """'according to X, …' / '…, according to X': the modified clause without the phrase."""
    clause = tok.head
    if clause.i == tok.i:
        return None
    for _ in range(_MAX_CLIMB):
        if clause.dep_ in ("ROOT", "ccomp", "conj") or clause.head.i == clause.i:
            break
        clause = clause.head
    a, b = _trim(ctx, clause.left_edge.i, clause.right_edge.i + 1)
    p0, p1 = _trim(ctx, tok.left_edge.i, tok.right_edge.i + 1)
    if p0 <= a:
        a = p1
    elif p1 >= b:
        b = p0
    return _item(ctx, a, b, Cue(tok.i, tok.i + 2, tok.i + 1, "according", True))


def _noun_clause(ctx: QuoteContext, noun: Token) -> Reported | None:
    """'the claim that …': the that-clause of a noun cue; else what its "of", "on" or "about" names
    ("comments on Muslims", "the announcement of new executive actions")."""
    for c in ctx.children(noun):
        if c.i > noun.i and c.dep_ == "prep" and c.lower_ in lexicon().noun_cue_prepositions:
            objs = [g for g in ctx.children(c) if g.dep_ in ("pobj", "pcomp")]
            if objs:
                cue = Cue(noun.i, noun.i + 1, noun.i, "noun", True)
                return _item(ctx, objs[0].left_edge.i, objs[0].right_edge.i + 1, cue)
    for c in ctx.children(noun):
        if (
            c.i > noun.i
            and c.dep_ in _NOUN_CLAUSE_DEPS
            and any(g.dep_ == "mark" and g.lower_ == "that" for g in ctx.children(c))
        ):
            return _item(
                ctx, c.left_edge.i, c.right_edge.i + 1, Cue(noun.i, noun.i + 1, noun.i, "noun", True)
            )
    return None


def _item(ctx: QuoteContext, a: int, b: int, cue: Cue) -> Reported | None:
    """The content tokens ``[a, b)`` trimmed of edge punctuation, unless they are mostly quoted."""
    doc = ctx.doc
    a, b = _trim(ctx, a, b)
    if b <= a or cue.start in range(a, b):
        return None
    words, free = ctx.word_counts(a, b)
    if free < _MIN_WORDS or free * 2 < words:
        return None
    last = doc[b - 1]
    return Reported(doc[a].idx, last.idx + len(last.text), cue)


def _trim(ctx: QuoteContext, a: int, b: int) -> tuple[int, int]:
    """Tokens ``[a, b)`` less the punctuation and space at either edge (quotation marks kept)."""
    doc = ctx.doc
    a0, b0 = a, b
    while a < b and (doc[a].is_punct or doc[a].is_space) and not ctx.quoted[a]:
        a += 1
        if a - a0 > _MAX_TRIM:
            return a, a  # a run of punctuation, no content (and no quadratic walk over nested clauses)
    while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space) and not ctx.quoted[b - 1]:
        b -= 1
        if b0 - b > _MAX_TRIM:
            return b, b
    return a, b
