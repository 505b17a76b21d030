"""Reported speech: attributions without quotation marks, read from the dependency parse.

Three main shapes, each giving a content span and a cue (the source is then found as for direct quotes):

* a reporting verb's clausal complement (``ccomp``): "Reznikov said Monday [that Denmark would give …]",
  "[The plan was delayed], officials said"; the complements on one side of the verb together are the
  content ("[Clinton had told police …, but the NYPD overruled that request], the source added"); a
  reporting clause set inside the clause it reports ("[Many of the closures, he said, have involved …]")
  or a relative word moved out of the complement ("[which he said Mexico should pay for]") gives one span
  across the cue;
* "according to X": the clause the phrase modifies, less the phrase (one span across it when it stands
  before the clause's verb);
* a noun cue with a that-clause: "the claim [that the election was rigged]";

and the long tail (tables in ``data/quotes.yaml``): the object of a verb of speech or thought, or of its
preposition ("announced [a plan]", "talked about [the wall]", "sees [Cruz as a uniter]"); a stance
adjective's clause or object ("is confident [that …]", "critical of [the deal]"); a noun's infinitive ("his
decision [to run]"); a clause set in a document ("In a CNN poll, [Clinton led]"); a "Source: headline"
line. An evidential verb, a passive of opinion with no "by" or a hearsay adverb ("[voters] appear [to be
moving]", "[she] is seen [as capable]", "[Bloomberg is] reportedly [considering a run]") gives its subject
and complement joined into one span; the evidential verb's subject is its source (PolNeAR's reading), the
others name none.

A clause that is mostly inside quotation marks is left to the direct quote that covers it; a cue inside
a quote is the quoted speaker's own report, not the article's.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from spacy.attrs import DEP, LEMMA, LOWER, POS
from spacy.parts_of_speech import ADJ, ADP, ADV, AUX, NOUN, NUM, PRON, PROPN, PUNCT, VERB
from spacy.strings import StringStore
from spacy.tokens import Token

from .attribution import Cue, speaker_head
from .context import QuoteContext
from .lexicon import lexicon

_CONTENT_DEPS = ("ccomp",)
_NOUN = int(NOUN)
_ADJ, _ADV, _ADP, _PUNCT, _VERB, _AUX_POS = int(ADJ), int(ADV), int(ADP), int(PUNCT), int(VERB), int(AUX)
_CANDIDATE_POS = frozenset(int(p) for p in (VERB, AUX, NOUN))
_MINOR_POS = frozenset((_ADJ, _ADV, _ADP, _PUNCT))  # cues only for the few lemmas of their tables
_ADJ_DEPS = ("acomp", "oprd", "ccomp", "xcomp")
_SOURCE_LINE_WORDS = 6  # words of a "Source: headline" line's source
_SOURCE_LINE_MAX = 40  # words of the whole line
_STANCE_DEPS = ("ccomp", "xcomp", "dobj")
_NOUN_CLAUSE_DEPS = ("acl", "ccomp", "relcl")
_MAX_CLIMB = 12  # heads climbed from "according to" to the clause it modifies
_MAX_TRIM = 20  # punctuation tokens trimmed at one edge of a content
_MAX_SHARE = 3  # reported content, all items together, at most this many times the text's length
_MIN_WORDS = 1  # a content with no unquoted word is a direct quote's
_PERSONAL = frozenset((int(PRON), int(PROPN)))  # "asked [him]", "asked [Clinton]": the one asked
_NO_ISSUER = frozenset(int(p) for p in (PRON, NUM))  # "those describing …", "one listing …"


@dataclass(slots=True)
class Reported:
    """One reported statement: its content as char offsets, its cue."""

    start: int
    end: int
    cue: Cue
    source: int | None = None  # token of the source when the parse gives it directly ("by X" of a passive)
    no_source: bool = False  # the statement names no source (its subject is part of the content)
    via: str = ""  # the rule of ``_cue_source`` that gave ``source`` (for error analysis)


def find_reported(ctx: QuoteContext) -> list[Reported]:
    """Every reported statement of the article, in text order. Reads the part-of-speech, dependency and
    lemma arrays first, so that only candidate cues (a lemma of the tables, or a verb with a clause)
    become Token objects."""
    found: list[Reported] = []
    doc = ctx.doc
    arr = doc.to_array([POS, DEP, LEMMA, LOWER])
    tags, deps = arr[:, 0].tolist(), arr[:, 1].tolist()
    lemmas, lowers = arr[:, 2].tolist(), arr[:, 3].tolist()
    ccomp = doc.vocab.strings["ccomp"]
    heads = ctx.heads()
    with_clause = {heads[i] for i, d in enumerate(deps) if d == ccomp}
    major, minor, according = _cue_hashes()
    budget = _MAX_SHARE * len(ctx.text)
    for i, pos in enumerate(tags):
        if ctx.quoted[i]:
            continue
        if pos in _CANDIDATE_POS:
            if lemmas[i] not in major and i not in with_clause and lowers[i] != according:
                continue
        elif pos not in _MINOR_POS or lemmas[i] not in minor:
            continue
        item = _shape(ctx, doc[i], i in with_clause)
        if item is not None:
            if item.source is None and not item.no_source:
                _cue_source(ctx, item)
            budget -= item.end - item.start
            if budget < 0:
                break  # nested reports of nested reports (hostile text): the output stays linear
            found.append(item)
    found.sort(key=lambda r: (r.start, r.end))
    return found


@functools.cache
def _cue_hashes() -> tuple[frozenset[int], frozenset[int], int]:
    """Lemma hashes of the verb and noun cues, of the adjective, adverb, preposition and punctuation cues
    (few among many tokens), and the hash of "according" (the same in every vocabulary)."""
    lex = lexicon()
    major = (
        lex.reported_verbs
        | lex.stance_verbs
        | frozenset(lex.object_cues)
        | lex.evidential_verbs
        | lex.reported_nouns
        | lex.infinitive_nouns
    )
    minor = lex.stance_adjectives | lex.hearsay_adverbs | {"in", ":"}
    strings = StringStore()  # a string's hash, without keeping the string
    return frozenset(strings[w] for w in major), frozenset(strings[w] for w in minor), strings["according"]


def _shape(ctx: QuoteContext, tok: Token, with_clause: bool) -> Reported | None:
    """The reported statement ``tok`` cues, by its part of speech and the lexicon's tables."""
    lex = lexicon()
    pos = tok.pos
    lemma = tok.lemma_.lower()
    if pos == _NOUN:
        item = _noun_clause(ctx, tok) if lemma in lex.reported_nouns else None
        if item is None and lemma in lex.infinitive_nouns:
            item = _noun_infinitive(ctx, tok)
        return item
    if pos == _ADJ:
        return _adjective(ctx, tok)
    if pos == _ADV:
        return _hearsay(ctx, tok)
    if pos == _ADP:
        return _in_document(ctx, tok)
    if pos == _PUNCT:
        return _source_line(ctx, tok)
    doc = ctx.doc
    if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
        return _according(ctx, tok)
    stance = lemma in lex.stance_verbs
    cue = stance or lemma in lex.reported_verbs
    item = None
    if cue:
        item = _complement(ctx, tok, _STANCE_DEPS if stance else _CONTENT_DEPS)
        if item is None and not stance and tok.dep_ == "parataxis":
            item = _parenthetical(ctx, tok)
    elif with_clause and lemma != "be":  # "the problem is that …" is the writer's, not a report
        item = _complement(ctx, tok, _CONTENT_DEPS, marked=True)
    if item is None and (cue or lemma in lex.object_cues):
        item = _passive(ctx, tok)
        if (
            item is None
            and lemma in lex.raised_passives
            and any(c.dep_ == "nsubjpass" for c in ctx.children(tok))
        ):
            item = _raised(ctx, tok, "nsubjpass")
    if item is None and lemma in lex.object_cues:
        item = _object(ctx, tok, lex.object_cues[lemma])
    if item is None and lemma in lex.evidential_verbs:
        item = _raised(ctx, tok, "nsubj")
    return item


def _complement(
    ctx: QuoteContext, verb: Token, deps: tuple[str, ...], marked: bool = False
) -> Reported | None:
    """The verb's complements (``deps``) on its right (else on its left) as one content span; for a stance
    verb the object of its "for" ("calls for a ban", "would vote for Sanders") counts as one. With
    ``marked``, any verb's complement opened by a complementizer ("pointing out that …", "it appears
    that …")."""
    comps = [c for c in ctx.children(verb) if c.dep_ in deps]
    if verb.lemma_.lower() in lexicon().asking_verbs:
        comps = _without_addressee(ctx, verb, comps)
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
    named = False
    if side is right and any(c.dep_ == "dobj" for c in side):  # "describe [her as likable]"
        b = max([b] + [p.right_edge.i + 1 for p in ctx.children(verb) if p.i >= b and _as_phrase(p)])
        end = _predicate_end(ctx, verb, b)  # "calling [it “dead on arrival”]"
        named, b = end > b, end
    # a relative word moved out of the complement spans the cue: "[which he said the Mexican government
    # should pay for]" is one span
    cue = Cue(verb.i, verb.i + 1, verb.i, "verb", True)
    return _item(ctx, a, b, cue, joined=a < verb.i < b, named=named)


def _parenthetical(ctx: QuoteContext, verb: Token) -> Reported | None:
    """A reporting clause set in the clause it reports: "Many of the closures, [he said], have involved
    public courses", "In any case, [Mr. DiPietro said], the industry was over-supplied". The parser hangs
    it on the reported clause's verb (``parataxis``); the content is that clause less the reporting one
    (one span across it when it stands inside)."""
    clause = verb.head
    if clause.i == verb.i or clause.pos not in (_VERB, _AUX_POS):
        return None
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in ctx.children(verb)):
        return None
    a, b = _trim(ctx, clause.left_edge.i, clause.right_edge.i + 1)
    v0, v1 = _trim(ctx, verb.left_edge.i, verb.right_edge.i + 1)
    if v0 <= a:
        a = v1
    elif v1 >= b:
        b = v0
    return _item(ctx, a, b, _verb_cue(verb), joined=v0 > a and v1 < b)


def _without_addressee(ctx: QuoteContext, verb: Token, comps: list[Token]) -> list[Token]:
    """A verb of asking's complements less its direct object when that is the one asked: a person
    ("asked [him]", "asked [Clinton]") or any object before the question ("asked workers [if they planned
    to attend]", a clause the parser may hang on the verb as an adverbial one)."""
    lex = lexicon()
    questions = [
        c
        for c in ctx.children(verb)
        if c.dep_ == "advcl"
        and c.i > verb.i
        and any(g.dep_ == "mark" and g.lower_ in lex.complementizers for g in ctx.children(c))
    ]
    question = bool(questions) or any(c.dep_ != "dobj" for c in comps)
    kept = [
        c
        for c in comps
        if c.dep_ != "dobj" or not (question or c.pos in _PERSONAL or c.ent_type_ in lex.person_types)
    ]
    return kept + questions


def _predicate_end(ctx: QuoteContext, verb: Token, b: int) -> int:
    """The end of a verb's object predicate (``oprd``) standing after token ``b``, with the prepositional
    phrases that follow it at once, else ``b``: "called [the plan a disaster]", "calling [it “dead on
    arrival”]" (PolNeAR's content is the object and what it is called)."""
    kids = [c for c in ctx.children(verb) if c.i >= b]
    pred = next((c for c in kids if c.dep_ == "oprd"), None)
    if pred is None:
        return b
    end = pred.right_edge.i + 1
    for c in kids:
        if c.i > pred.i and c.dep_ == "prep" and c.left_edge.i == end:
            end = c.right_edge.i + 1
    return end


def _as_phrase(tok: Token) -> bool:
    """``tok`` heads an "as" phrase: "as a uniter" (a preposition), "as likable" (parsed as a clause)."""
    if tok.dep_ == "prep":
        return tok.lower_ == "as"
    return tok.dep_ in ("advcl", "oprd") and tok.left_edge.lower_ == "as"


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


def _according(ctx: QuoteContext, tok: Token, width: int = 2) -> Reported | None:
    """'according to X, …' / '…, according to X': the modified clause without the phrase (``width``: the
    cue's words, "according to" or "in")."""
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
    elif p1 >= b or (width == 2 and clause.i < p0):
        b = p0  # "according to" after the clause's verb ends the clause ("…, according to X - an aside")
    cue = Cue(tok.i, tok.i + width, tok.i + width - 1, "according", True)
    # "In Iowa, according to X, Trump leads": one span across the phrase ("in the polls" inside a
    # clause is no cue: "has a lead in the polls, but …")
    return _item(ctx, a, b, cue, joined=width == 2 and a < p0 and p1 < b)


def _noun_clause(ctx: QuoteContext, noun: Token) -> Reported | None:
    """'the claim that …': the that-clause of a noun cue; else what its "of", "on" or "about" names
    ("comments on Muslims", "the announcement of new executive actions"). A noun that also names a deed
    ("the attack on the port") is a cue this way only with its source before it ("Trump's attack on …",
    "Republican attacks on …") or as the object of "in" ("in favor of", "in support of", "in response to")."""
    lex = lexicon()
    in_phrase = noun.dep_ == "pobj" and noun.head.lower_ == "in"  # "voted in favor of", "in support of"
    verb = noun.head.head
    cue = Cue(noun.i, noun.i + 1, noun.i, "noun", True)
    if in_phrase and verb.pos in (_VERB, _AUX_POS):
        cue = Cue(noun.i, noun.i + 1, verb.i, "verb", True)  # the source is the verb's subject
    deed = (
        noun.lemma_.lower() in lex.deed_nouns
        and not in_phrase
        and not any(
            c.dep_ in ("poss", "compound", "amod") and (c.pos_ in ("PROPN", "PRON") or c.ent_type_)
            for c in ctx.lefts(noun)
        )
    )
    for c in ctx.children(noun):
        if c.i > noun.i and c.dep_ == "prep" and c.lower_ in lex.noun_cue_prepositions and not deed:
            objs = [g for g in ctx.children(c) if g.dep_ in ("pobj", "pcomp")]
            if objs:
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


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def _item(
    ctx: QuoteContext, a: int, b: int, cue: Cue, joined: bool = False, named: bool = False
) -> Reported | None:
    """The content tokens ``[a, b)`` trimmed of edge punctuation, unless they are mostly quoted. With
    ``joined`` the content is in two pieces around the cue ("Christie appeared to end his bid") and is
    given as one span from the first to the last. With ``named`` the content is an object and what it is
    called ("calling [it “dead on arrival”]"): a quoted name is the partial quote's, the naming is still
    reported."""
    doc = ctx.doc
    a, b = _trim(ctx, *_in_paragraph(ctx, a, b, cue))
    if b <= a or (cue.start in range(a, b) and not joined):
        return None
    words, free = ctx.word_counts(a, b)
    if free < _MIN_WORDS or (free * 2 < words and not named):
        return None
    last = doc[b - 1]
    return Reported(doc[a].idx, last.idx + len(last.text), cue)


def _in_paragraph(ctx: QuoteContext, a: int, b: int, cue: Cue) -> tuple[int, int]:
    """Tokens ``[a, b)`` less those beyond a blank line from the cue: what is reported does not run
    across paragraphs (a headline without a full stop that the parser ran into the lead's first
    sentence). A single line break is no limit: hard-wrapped text breaks lines inside sentences."""
    doc, text = ctx.doc, ctx.text
    at = doc[cue.start].idx
    if b <= a:
        return a, b
    lo = max((m.end() for m in _BLANK_LINE.finditer(text, doc[a].idx, at)), default=0)
    after = _BLANK_LINE.search(text, at, doc[b - 1].idx)
    hi = after.start() if after else len(text)
    while a < b and doc[a].idx < lo:
        a += 1
    while b > a and doc[b - 1].idx >= hi:
        b -= 1
    return a, b


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


def _verb_cue(tok: Token) -> Cue:
    return Cue(tok.i, tok.i + 1, tok.i, "verb", True)


def _object(ctx: QuoteContext, verb: Token, slots: frozenset[str]) -> Reported | None:
    """A verb's object as content: its direct object ("announced [his resignation]"), with a following
    "as" phrase when the verb takes one ("sees [Cruz as a uniter]"), its to-infinitive ("hopes [to win]")
    or the object of one of its prepositions ("talked about [the wall]", "calls for [rivals to drop out]")."""
    kids = [c for c in ctx.children(verb) if c.i > verb.i]
    dobj = next((c for c in kids if c.dep_ == "dobj"), None)
    for c in kids:
        end: Token | None = None
        start = c
        if c.dep_ == "dobj" and "dobj" in slots:
            end = c.right_edge
            if "as" in slots:
                end = next((p.right_edge for p in kids if p.i > c.i and _as_phrase(p)), end)
            named = _predicate_end(ctx, verb, end.i + 1)  # "deemed [the debate a draw]"
            if named > end.i + 1:
                return _item(ctx, start.left_edge.i, named, _verb_cue(verb), named=True)
        elif c.dep_ == "xcomp" and "xcomp" in slots:
            end = c.right_edge
        elif c.dep_ == "prep" and c.lower_ in slots:
            objs = [g for g in ctx.children(c) if g.dep_ in ("pobj", "pcomp")]
            if not objs:
                continue
            start, end = objs[0], objs[0].right_edge
            if c.lower_ == "as" and dobj is not None and dobj.i < c.i:
                start = dobj  # "describes [Trump as a liar]"
        elif c.dep_ == "advcl" and c.left_edge.dep_ == "mark" and c.left_edge.lower_ in slots:
            # "is calling for [the United States to take a stronger role]": parsed as a clause
            start, end = c.doc[c.left_edge.i + 1], c.right_edge
        if end is not None:
            return _item(ctx, start.left_edge.i, end.i + 1, _verb_cue(verb))
    return None


def _raised(ctx: QuoteContext, verb: Token, subject_dep: str) -> Reported | None:
    """An evidential verb ("[voters] appear [to be moving behind Trump]") or a passive cue with no "by"
    ("[Biden] is considered [an asset]", "[Mrs. Clinton] is seen [as more capable]"): the subject and the
    complement together are the content; the source is whom it seems so to, else an evidential's subject
    (none for a passive). A clause ("it seems that …") is the content alone."""
    lex = lexicon()
    kids = ctx.children(verb)
    subj = next((c for c in kids if c.dep_ == subject_dep and c.i < verb.i), None)
    if subj is None or any(c.dep_ == "agent" for c in kids):
        return None
    comp: Token | None = None
    for c in kids:
        if c.i < verb.i:
            continue
        if c.dep_ in lex.raised_complements:
            comp = c
        elif c.dep_ == "prep" and c.lower_ in lex.raised_prepositions:
            comp = c
        if comp is not None:
            break
    if comp is None:
        return None
    if comp.dep_ == "ccomp":
        item = _item(ctx, comp.left_edge.i, comp.right_edge.i + 1, _verb_cue(verb))
    else:
        item = _item(ctx, subj.left_edge.i, comp.right_edge.i + 1, _verb_cue(verb), joined=True)
    if item is not None:
        holder = _holder(ctx, kids) if subject_dep == "nsubj" else None
        if holder is None and subject_dep == "nsubj" and comp.dep_ != "ccomp" and not ctx.quoted[subj.i]:
            holder = subj.i  # "[Clinton] seemed [to be ready to riff]": PolNeAR cites the subject
        item.source, item.no_source = holder, holder is None
    return item


def _holder(ctx: QuoteContext, kids: list[Token]) -> int | None:
    """Whom an evidential verb's content seems so to: "To Harrison, [the stare] seemed [to reflect …]",
    "[the relationship] appears [alive] among Americans"."""
    for c in kids:
        if c.dep_ == "prep" and c.lower_ in ("to", "among"):
            objs = [g for g in ctx.children(c) if g.dep_ == "pobj" and g.pos_ in ("PROPN", "NOUN", "PRON")]
            if objs and not ctx.quoted[objs[0].i]:
                return objs[0].i
    return None


def _noun_infinitive(ctx: QuoteContext, noun: Token) -> Reported | None:
    """'his decision [to run]', 'plans [to spend $10 million]': a noun cue's to-infinitive."""
    cue = Cue(noun.i, noun.i + 1, noun.i, "noun", True)
    for c in ctx.children(noun):
        infinitive = any(g.dep_ == "aux" and g.lower_ == "to" for g in ctx.children(c))
        if c.i > noun.i and c.dep_ == "acl" and infinitive:
            return _item(ctx, c.left_edge.i, c.right_edge.i + 1, cue)
    return None


def _adjective(ctx: QuoteContext, adj: Token) -> Reported | None:
    """A stance adjective's clause, infinitive or prepositional object: "is confident [that …]", "was
    critical [of the deal]", "is eager [to debate]". The source is the subject of its copula."""
    lex = lexicon()
    if adj.lemma_.lower() not in lex.stance_adjectives or adj.dep_ == "amod":
        return None
    # the source is the subject of the verb above ("Trump is confident", "made it clear that …")
    head = adj.head if adj.dep_ in _ADJ_DEPS and adj.head.pos in (_VERB, _AUX_POS) else adj
    cue = Cue(adj.i, adj.i + 1, head.i, "verb", True)
    kids = [c for c in ctx.children(adj) if c.i > adj.i]
    for c in kids:  # a clause first: "made it clear to the judge [that …]"
        if c.dep_ in ("ccomp", "xcomp") or (
            c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "that" for g in ctx.children(c))
        ):
            return _item(ctx, c.left_edge.i, c.right_edge.i + 1, cue)
    for c in kids:
        if c.dep_ == "prep" and c.lower_ in lex.stance_adjective_prepositions:
            objs = [g for g in ctx.children(c) if g.dep_ in ("pobj", "pcomp")]
            if objs:
                return _item(ctx, objs[0].left_edge.i, objs[0].right_edge.i + 1, cue)
    return None


def _hearsay(ctx: QuoteContext, adv: Token) -> Reported | None:
    """'[Bloomberg is] reportedly [considering a run]': the clause a hearsay adverb modifies, no source."""
    if adv.lower_ not in lexicon().hearsay_adverbs or adv.dep_ != "advmod" or adv.head.i == adv.i:
        return None
    clause = adv.head
    cue = Cue(adv.i, adv.i + 1, adv.i, "verb", True)
    item = _item(ctx, clause.left_edge.i, clause.right_edge.i + 1, cue, joined=True)
    if item is not None:
        item.no_source = True
    return item


def _in_document(ctx: QuoteContext, prep: Token) -> Reported | None:
    """'In a CNN poll, [50 percent chose Clinton]', '[Trump has a lead] in the polls': a clause set in a
    document or statement, which is the source. A clause whose verb reports is left to that verb."""
    lex = lexicon()
    if prep.lower_ != "in" or prep.dep_ != "prep":
        return None
    objs = [g for g in ctx.children(prep) if g.dep_ == "pobj"]
    if not objs or objs[0].lemma_.lower() not in lex.source_documents | lex.speech_occasions:
        return None
    item = _according(ctx, prep, width=1)
    if item is None:
        return None
    verb = ctx.doc[ctx.token_at(item.start)]
    while verb.head.i != verb.i and item.start <= verb.head.idx < item.end:
        verb = verb.head
    low = verb.lemma_.lower()
    if (
        low in lex.reported_verbs
        or low in lex.reporting_verbs
        or low in lex.stance_verbs
        or low in lex.object_cues
    ):
        return None  # "Clinton is offering her reviews in a tweet": the verb reports, its subject speaks
    if objs[0].lemma_.lower() in lex.speech_occasions:  # "In an interview, [Trump] was blunt": he speaks
        subj = next((c for c in ctx.children(verb) if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or ctx.quoted[subj.i]:
            return None
        item.source = subj.i
    return item


def _source_line(ctx: QuoteContext, colon: Token) -> Reported | None:
    """A headline line 'Source: what it says' ("Poll: Trump Ties Clinton", "Wash Post Fact-Check: If Obama
    Says It, It's True"): a short name opening the paragraph, a colon, and the rest of the line."""
    if colon.text != ":":
        return None
    doc = ctx.doc
    p_lo, p_hi = ctx.paragraph_bounds(colon.idx)
    line = ctx.tokens_between(p_lo, p_hi)
    left = [doc[k] for k in range(line.start, colon.i) if not doc[k].is_space]
    if not left or len(left) > _SOURCE_LINE_WORDS or len(line) > _SOURCE_LINE_MAX:
        return None
    if (
        left[0].pos_ == "DET"
        or not left[0].text[:1].isupper()
        or any(t.like_num or ctx.quoted[t.i] for t in left)
    ):
        return None
    if not all(t.pos_ in ("PROPN", "NOUN", "ADJ", "DET", "PUNCT") for t in left):
        return None
    last = left[-1]
    item = _item(ctx, colon.i + 1, line.stop, Cue(colon.i, colon.i + 1, last.i, "colon", True))
    if item is not None:
        item.source = last.i
    return item


def _cue_source(ctx: QuoteContext, item: Reported) -> None:
    """The source where the cue's own subject is not it (see ``_verb_source``), or the "by" or "from" of
    a noun cue ("claims by [intelligence agencies] that …"), else the subject of the verb in whose
    prepositional phrase a noun cue stands. Sets ``item.source`` and ``item.via``."""
    cue = item.cue
    tok = ctx.doc[cue.start]
    found: Token | None = None
    via = ""
    if cue.kind == "verb" and _asked(ctx, tok):
        item.no_source = True  # "“We'll see,” Trump said when asked [about the deal]": he did not ask
        return
    if cue.kind == "verb" and cue.head == cue.start:
        found, via = _verb_source(ctx, tok)
    elif cue.kind == "noun":
        found = next(
            (
                g
                for c in ctx.children(tok)
                if c.dep_ == "prep" and c.i > tok.i and c.lower_ in ("by", "from")
                for g in ctx.children(c)
                if g.dep_ == "pobj"
            ),
            None,
        )
        via = "noun-by"
        if found is None:
            found = _prepositional_noun_source(ctx, tok)
            via = "noun-in-verb"
    if found is not None and not ctx.quoted[found.i]:
        item.source, item.via = found.i, via


def _asked(ctx: QuoteContext, verb: Token) -> bool:
    """``verb`` is a passive of asking with no "by" ("when asked about …", "Asked whether …", "was pressed
    on …"): its subject is the one asked, not the source, and the asker goes unnamed (PolNeAR gives such
    questions no source)."""
    if verb.tag_ != "VBN" or verb.lemma_.lower() not in lexicon().asking_verbs:
        return False
    kids = ctx.children(verb)
    if any(c.dep_ in ("agent", "nsubj") for c in kids):
        return False
    return any(c.dep_ == "auxpass" for c in kids) or not any(c.dep_ == "aux" for c in kids)


def _verb_source(ctx: QuoteContext, tok: Token) -> tuple[Token | None, str]:
    """A verb cue's source the subject rules miss, and the rule's name: the agent of a passive cue
    ("asked by [Lauer] whether …"); the subject of the copula above a stance adjective or an adjectival
    participle ("[voters] were more likely to say …", "[they] are convinced that …"); the noun or pronoun
    a present participle modifies ("[those] describing …"); the subject of the verb whose object a gerund
    completes ("[Trump] has a long history of blaming …"); the subject of a participle after a
    contracted "has" the parser read as a passive ("[he]'s said he'll fight"; not "he's expected to win")."""
    head = tok.head
    found = _agent(ctx, tok)
    if found is not None:
        return found, "agent"
    if (tok.dep_ == "xcomp" and head.pos == _ADJ and head.dep_ == "acomp") or (
        tok.dep_ == "acomp" and tok.tag_ == "VBN" and head.pos in (_VERB, _AUX_POS)
    ):
        copula = head.head if tok.dep_ == "xcomp" else head
        return next((c for c in ctx.children(copula) if c.dep_ == "nsubj"), None), "copula"
    if tok.dep_ == "acl" and tok.tag_ == "VBG" and head.pos in _NO_ISSUER:
        return head, "participle"  # a noun's participle is left to the shared rule (the noun, its issuer)
    if (
        tok.dep_ == "pcomp"
        and head.dep_ == "prep"
        and head.head.dep_ in ("dobj", "attr")
        and head.head.head.pos in (_VERB, _AUX_POS)
    ):
        verb = head.head.head
        return speaker_head(ctx, Cue(verb.i, verb.i + 1, verb.i, "verb", True), plausible=True), "gerund"
    kids = ctx.children(tok)
    if (
        tok.tag_ in ("VBN", "VBD")
        and any(c.dep_ == "auxpass" and c.lower_ in ("'s", "’s") for c in kids)
        and not any(c.dep_ == "xcomp" for c in kids)  # "he's expected to win" is a passive
    ):
        return next((c for c in kids if c.dep_ == "nsubjpass"), None), "has"
    return None, ""


def _prepositional_noun_source(ctx: QuoteContext, noun: Token) -> Token | None:
    """A noun cue with no possessive in a verb's prepositional phrase is the verb's subject's: "[Cruz]
    entered the debate with an argument that …", "[Warren] roused the crowd with criticism of …"."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.head.pos not in (_VERB, _AUX_POS):
        return None
    if any(c.dep_ == "poss" for c in ctx.children(noun)):
        return None
    verb = prep.head
    return speaker_head(ctx, Cue(verb.i, verb.i + 1, verb.i, "verb", True), plausible=True)


def _agent(ctx: QuoteContext, verb: Token) -> Token | None:
    """The object of a passive verb's "by": "warned by [the Russian government] that …"."""
    for c in ctx.children(verb):
        if c.dep_ == "agent":
            return next((g for g in ctx.children(c) if g.dep_ == "pobj"), None)
    return None
