"""Short quotes that are someone's words, not the writer's scare quotes (issue 16, "FN kept as scare").

A short quoted term with no cue in reach is a scare quote unless the sentence gives its words to
someone (``stage._one_quote`` tries these in order):

* a reporting verb above it in the parse, however far, whose subject can speak (``Sanders said his staff
  …, but that the DNC's decision … was “an egregious act.”``);
* a verb of naming whose predicate it is (``Merkel heralded the deal as a “breakthrough.”``);
* for a fragment of four words or more, the nearest clause above it whose subject can speak
  (``intro.governing_subject``: ``Rubio bemoaned a climate in which people “literally hate each other”``).
"""

from __future__ import annotations

from spacy.tokens import Token

from .attribution import Cue, can_speak, climbed_subject, is_cue_verb, speaker_head
from .context import QuoteContext
from .lexicon import lexicon
from .marks import Marked

_LEVELS = 8  # heads climbed from the quote to its reporting verb


def _top(ctx: QuoteContext, m: Marked) -> Token | None:
    """The quote's highest word: the first one whose head lies outside it."""
    doc = ctx.doc
    close_end = (m.close + 1) if m.close is not None else m.end
    q = ctx.tokens_between(m.open, close_end)
    words = (doc[i] for i in q if not (doc[i].is_punct or doc[i].is_space))
    return next((t for t in words if t.head.i not in q), None)


def speech_above(ctx: QuoteContext, m: Marked) -> tuple[Cue, Token] | None:
    """(cue, speaker head) of the reporting verb nearest above the quote in the parse, in its sentence
    and paragraph, outside quotes and not negated, when its subject can speak."""
    top = _top(ctx, m)
    if top is None:
        return None
    s0, s1 = ctx.sentence(top.i)
    para = ctx.paragraph(m.open)
    verb = top
    for _ in range(_LEVELS):
        if verb.head.i == verb.i:
            return None
        verb = verb.head
        if not (s0 <= verb.i < s1) or ctx.paragraph(verb.idx) != para:
            return None
        if ctx.quoted[verb.i] or not is_cue_verb(verb):
            continue
        if _negated(ctx, verb):
            return None
        cue = Cue(verb.i, verb.i + 1, verb.i, "verb", True)
        head = speaker_head(ctx, cue, plausible=True)
        if head is None or ctx.quoted[head.i] or ctx.paragraph(head.idx) != para:
            return None
        return cue, head
    return None


def _phrase_root(ctx: QuoteContext, top: Token) -> Token:
    """The noun phrase a quoted word sits in (``a “working-class” rebellion`` -> rebellion), or the first of
    coordinated quotes (``as “a sociopath” and “a psychopath”``)."""
    t = top
    for _ in range(3):
        head = t.head
        if head.i == t.i:
            break
        if t.dep_ == "conj" and ctx.quoted[head.i]:
            t = head
        elif (
            t.dep_ in ("amod", "compound", "nmod")
            and head.pos_ in ("NOUN", "PROPN")
            and not ctx.quoted[head.i]
        ):
            t = head
        else:
            break
    return t


def named_as(ctx: QuoteContext, m: Marked) -> tuple[Cue, Token] | None:
    """(cue, speaker head) of a verb of naming whose predicate the quote is: ``Merkel heralded the deal
    as a “breakthrough.”``, ``Trump refers to the governor as “Chris.”``, ``deemed him “well qualified,”``
    (``data/quotes.yaml`` naming_verbs), when its subject (climbing from a participle or a second verb)
    can speak. A passive (``known as``, ``was called``) names no one: the quote stays a scare quote."""
    top = _top(ctx, m)
    if top is None:
        return None
    t = _phrase_root(ctx, top)
    if t.dep_ == "pobj" and t.head.lower_ == "as" and t.head.dep_ == "prep":
        verb = t.head.head
    elif t.dep_ == "oprd":
        verb = t.head
    else:
        return None
    if ctx.quoted[verb.i] or verb.pos_ != "VERB" or verb.lemma_.lower() not in lexicon().naming_verbs:
        return None
    if _negated(ctx, verb):
        return None  # "not once referring to his rivals as ‘Little Marco’"
    if verb.dep_ in ("acl", "relcl", "amod") and verb.tag_ == "VBN":
        return None  # "a website called “…”", "a unit known as “…”"
    head = climbed_subject(ctx, verb)
    if head is None or ctx.quoted[head.i] or ctx.paragraph(head.idx) != ctx.paragraph(m.open):
        return None
    if not can_speak(ctx, head):
        return None
    return Cue(verb.i, verb.i + 1, verb.i, "verb", True), head


def _negated(ctx: QuoteContext, verb: Token) -> bool:
    """``verb`` is denied: "did not call", "never called", "not once referring"."""
    for c in ctx.children(verb):
        if c.dep_ == "neg" or c.lower_ == "never":
            return True
        if c.dep_ == "advmod" and any(g.dep_ == "neg" for g in ctx.children(c)):
            return True
    return False
